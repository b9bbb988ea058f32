"""Command-line options generated from declared parameters, so plugins get options for free."""
from __future__ import annotations

import typing
from typing import Any

import click

from ..params import Param


def option(param: Param) -> click.Option:
    """A click option for one parameter; unset options stay None so the declared default applies."""
    flag = "--" + param.name.replace("_", "-")
    help_text = f"{param.help} [default: {param.default_text()}]".strip()
    base = param.base
    if base is bool:
        return click.Option([f"{flag}/--no-{flag[2:]}", param.name], default=None, help=help_text)
    if param.choices:
        return click.Option([flag, param.name], type=click.Choice([str(c) for c in param.choices]), default=None, help=help_text)
    if typing.get_origin(base) is list:
        return click.Option([flag, param.name], multiple=True, default=None, help=help_text + " (repeatable)")
    kind = {int: click.INT, float: click.FLOAT}.get(base, click.STRING)
    return click.Option([flag, param.name], type=kind, default=None, metavar=param.describe_type().upper(), help=help_text)


def given(values: dict[str, Any]) -> dict[str, Any]:
    """Only the options the user actually set."""
    return {key: list(value) if isinstance(value, tuple) else value
            for key, value in values.items() if value is not None and value != ()}

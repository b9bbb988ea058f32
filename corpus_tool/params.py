"""Typed parameters of stages, readers and writers, declared as annotated class attributes.

    class Summarise(Stage):
        sentences: Annotated[int, "summary length in sentences"] = 3

The same declaration validates values from a pipeline file, from `--set key=value` and from the
command line's options, and documents the parameter in `corpus plugins` and `--help`.
"""
from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from .errors import ConfigError

_MISSING = object()


@dataclass(frozen=True)
class Param:
    """One declared parameter."""

    name: str
    type: Any
    default: Any
    help: str

    @property
    def required(self) -> bool:
        return self.default is _MISSING

    @property
    def optional(self) -> bool:
        """None is allowed."""
        return _is_optional(self.type)

    @property
    def base(self) -> Any:
        """The type without `| None`."""
        return _strip_none(self.type)

    @property
    def choices(self) -> tuple | None:
        return typing.get_args(self.base) if typing.get_origin(self.base) is Literal else None

    def describe_type(self) -> str:
        base = self.base
        if self.choices:
            text = "|".join(map(str, self.choices))
        elif typing.get_origin(base) is list:
            item = typing.get_args(base)[0]
            choices = typing.get_args(item) if typing.get_origin(item) is Literal else None
            text = f"list of {'|'.join(map(str, choices)) if choices else item.__name__}"
        else:
            text = getattr(base, "__name__", str(base))
        return f"{text} or none" if self.optional else text

    def default_text(self) -> str:
        return "(required)" if self.required else repr(self.default)

    def convert(self, value: Any, where: str) -> Any:
        """Check a value from TOML or the command line (strings are parsed) against the type."""
        if self.optional and (value is None or (isinstance(value, str) and value.strip().lower() in ("none", "null"))):
            return None
        if isinstance(value, str) and self.base is not str and not self.choices:
            value = parse_value(value)
        ok, value = _coerce(self.base, value)
        if ok:
            return value
        raise ConfigError(f"{where}: '{self.name}' must be {self.describe_type()}, got {value!r}")


def _is_optional(tp: Any) -> bool:
    return isinstance(tp, types.UnionType | typing._UnionGenericAlias) and type(None) in typing.get_args(tp)


def _strip_none(tp: Any) -> Any:
    if _is_optional(tp):
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        return rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]
    return tp


def parse_value(text: str) -> Any:
    """A command-line value in TOML syntax (`5`, `0.4`, `true`, `["a", "b"]`), else the string itself."""
    import tomllib  # only when values come from the command line: it compiles its patterns on import

    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        lowered = text.strip().lower()
        if lowered in ("yes", "no", "on", "off"):
            return lowered in ("yes", "on")
        return text


def _coerce(tp: Any, value: Any) -> tuple[bool, Any]:
    origin = typing.get_origin(tp)
    if origin is Literal:
        return value in typing.get_args(tp), value
    if origin is list:
        (item,) = typing.get_args(tp)
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list | tuple):
            return False, value
        converted = [_coerce(item, v) for v in value]
        return all(ok for ok, _ in converted), [v for _, v in converted]
    if tp is bool:
        return isinstance(value, bool), value
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool), value
    if tp is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return ok, float(value) if ok else value
    if tp is str:
        return isinstance(value, str), value
    return isinstance(value, tp), value


@functools.cache
def declared(cls: type) -> dict[str, Param]:
    """The parameters a component class declares (annotated attributes that are not ClassVar); read
    once per class (the CLI, the pipeline and every instance ask)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    params = {}
    for name, hint in hints.items():
        if name.startswith("_") or typing.get_origin(hint) is typing.ClassVar:
            continue
        help_text = ""
        if typing.get_origin(hint) is typing.Annotated:
            hint, *extras = typing.get_args(hint)
            help_text = next((e for e in extras if isinstance(e, str)), "")
        if typing.get_origin(hint) is typing.ClassVar:
            continue
        params[name] = Param(name, hint, getattr(cls, name, _MISSING), help_text)
    return params


def did_you_mean(word: str, options: typing.Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest option, or a list of the options."""
    import difflib  # only for a mistake

    options = sorted(options)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (expected one of: {', '.join(options)})" if options else " (none are available)"


def validate(cls: type, values: dict[str, Any], where: str) -> dict[str, Any]:
    """Every declared parameter with its value: defaults filled in, unknown keys and bad types refused."""
    params = declared(cls)
    for key in values:
        if key not in params:
            raise ConfigError(f"{where}: unknown parameter '{key}'{did_you_mean(key, params)}")
    result = {}
    for name, param in params.items():
        if name in values:
            result[name] = param.convert(values[name], where)
        elif param.required:
            raise ConfigError(f"{where}: missing required parameter '{name}'")
        else:
            result[name] = param.default
    return result

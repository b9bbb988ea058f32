"""`corpus plugins`: what is installed, where it came from, and its parameters."""
from __future__ import annotations

import inspect

from rich.console import Console
from rich.table import Table

from ..errors import ConfigError
from ..params import did_you_mean
from ..plugins import Registry


def list_plugins(registry: Registry, console: Console) -> None:
    """One table of every stage, reader, writer and table."""
    table = Table(title="corpus-tool plugins", show_lines=False)
    for column in ("name", "kind", "origin", "description", "parameters"):
        table.add_column(column, overflow="fold")
    for kind, entries in registry.entries.items():
        for name in sorted(entries):
            entry = entries[name]
            params = ", ".join(f"{p.name}: {p.describe_type()} = {p.default_text()}" for p in entry.cls.declared_params().values())
            table.add_row(name, kind, entry.origin, entry.cls.summary(), params or "-")
    console.print(table)


def show_plugin(registry: Registry, name: str, console: Console) -> None:
    """Everything about the plugins called `name` (a stage and a reader may share a name)."""
    found = [(kind, entries[name]) for kind, entries in registry.entries.items() if name in entries]
    if not found:
        every = {n for entries in registry.entries.values() for n in entries}
        raise ConfigError(f"no plugin called '{name}'{did_you_mean(name, every)}")
    for kind, entry in found:
        cls = entry.cls
        console.print(f"{name} ({kind}, {entry.origin}, plugin '{entry.plugin}')", style="bold", markup=False)
        console.print(inspect.getdoc(cls) or "", markup=False)
        for label in ("needs", "adds"):
            if getattr(cls, label, None):
                console.print(f"{label}: {', '.join(getattr(cls, label))}", markup=False)
        params = cls.declared_params()
        if params:
            table = Table("parameter", "type", "default", "description")
            for p in params.values():
                table.add_row(p.name, p.describe_type(), p.default_text(), p.help)
            console.print(table)
        console.print()

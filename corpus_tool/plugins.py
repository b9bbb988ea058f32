"""The plugin manager: built-ins, installed distributions and local plugin files, all alike.

Built-in stages, readers and writers are registered through the `corpus_tool` entry-point group
exactly like a third party's; local plugins are `.py` files in a plugins directory. A plugin that
fails to load is recorded in `Registry.failures` and the rest still load.
"""
from __future__ import annotations

import functools
import importlib.util
import sys
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pluggy

from . import hookspecs
from .components import Component, Reader, Stage, Table, Writer
from .errors import ConfigError
from .params import did_you_mean

GROUP = "corpus_tool"
HOOKS = {"stage": ("register_stages", Stage), "reader": ("register_readers", Reader),
         "writer": ("register_writers", Writer), "table": ("register_tables", Table)}


@dataclass(frozen=True)
class Entry:
    """A registered class and where it came from."""

    cls: type[Component]
    origin: str
    plugin: str

    @functools.cached_property
    def version(self) -> str:
        """The version a stage records, moving with its code and data (see `versions`); computed
        when first asked, once."""
        from .versions import behaviour_version

        return behaviour_version(self.cls, self.origin)


@dataclass
class Registry:
    """Everything the loaded plugins registered, by kind and name."""

    entries: dict[str, dict[str, Entry]] = field(default_factory=lambda: {kind: {} for kind in HOOKS})
    failures: list[tuple[str, str]] = field(default_factory=list)
    plugins_dir: Path | None = None
    manager: pluggy.PluginManager | None = None

    def get(self, kind: str, name: str, where: str = "") -> type[Any]:
        """The class registered as `name`, or a ConfigError with a suggestion."""
        found = self.entries[kind].get(name)
        if found is None:
            prefix = f"{where}: " if where else ""
            raise ConfigError(f"{prefix}unknown {kind} '{name}'{did_you_mean(name, self.entries[kind])}")
        return found.cls

    def create(self, kind: str, name: str, values: dict[str, Any], where: str) -> Any:
        """A configured instance of the `kind` called `name`, which can reach this registry."""
        obj = self.get(kind, name, where).configure(values, where)
        obj.registry = self
        return obj

    def names(self, kind: str) -> list[str]:
        return sorted(self.entries[kind])

    def version(self, kind: str, name: str) -> str:
        return self.entries[kind][name].version


def _origin_of_entry_point(ep) -> str:
    """"built-in" for a module of this package (told without reading any metadata), else the
    distribution's name and version, or the entry point itself when no distribution declares it."""
    if ep.module.partition(".")[0] == __package__:
        return "built-in"
    return ep.value if ep.dist is None else _origin_of_distribution(ep.dist)


@functools.cache
def _origin_of_distribution(dist) -> str:
    """The distribution's name and version: read once per distribution, since reading them parses
    all its metadata (its README too)."""
    metadata = dist.metadata
    return f"{metadata['Name']} {metadata['Version']}"


def _import_file(path: Path):
    name = f"corpus_tool_local_plugins.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _candidates(plugins_dir: Path | None):
    """(plugin name, origin, loader) for every entry point and local file."""
    for ep in sorted(entry_points(group=GROUP), key=lambda ep: (_origin_of_entry_point(ep) != "built-in", ep.name)):
        yield ep.name, _origin_of_entry_point(ep), ep.load
    if plugins_dir is not None:
        if not plugins_dir.is_dir():
            raise ConfigError(f"{plugins_dir}: plugins directory not found")
        for path in sorted(plugins_dir.glob("*.py")):
            if not path.name.startswith("_"):
                yield path.stem, f"file {path}", lambda path=path: _import_file(path)


def load(plugins_dir: str | Path | None = None) -> Registry:
    """Every plugin (once per process and plugins directory); failures are recorded, not raised."""
    return _load(str(Path(plugins_dir).resolve()) if plugins_dir else None)


@functools.cache
def _load(plugins_dir: str | None) -> Registry:
    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(hookspecs)
    registry = Registry(plugins_dir=Path(plugins_dir) if plugins_dir else None, manager=manager)
    for name, origin, loader in _candidates(registry.plugins_dir):
        module = None
        try:
            module = loader()
            manager.register(module, name=f"{origin}:{name}")
            _collect(registry, manager, module, name, origin)
        except Exception as e:  # a broken plugin must not take the others down
            registry.failures.append((name, f"{type(e).__name__}: {e}"))
            if module is not None and manager.is_registered(module):
                manager.unregister(module)
    return registry


def _collect(registry: Registry, manager: pluggy.PluginManager, module, name: str, origin: str) -> None:
    """Call one plugin's hooks and record what it registers: all of it, or nothing if a hook fails."""
    found: dict[str, dict[str, Entry]] = {kind: {} for kind in HOOKS}
    for kind, (hook_name, base) in HOOKS.items():
        for impl in getattr(manager.hook, hook_name).get_hookimpls():
            if impl.plugin is not module:
                continue

            def register(cls, kind=kind, base=base):
                if not (isinstance(cls, type) and issubclass(cls, base)) or not cls.name:
                    raise TypeError(f"{hook_name} expects {base.__name__} subclasses with a name, got {cls!r}")
                taken = registry.entries[kind].get(cls.name) or found[kind].get(cls.name)
                if taken is not None:
                    raise ValueError(f"{kind} '{cls.name}' is already registered by {taken.origin} ({taken.plugin})")
                cls.declared_params()  # fail here, at load time, on a malformed declaration
                found[kind][cls.name] = Entry(cls, origin, name)

            impl.function(register=register)
    for kind, entries in found.items():
        registry.entries[kind].update(entries)

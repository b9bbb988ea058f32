"""Pipeline files (TOML): a reader, stages and writers, validated completely before any input is read.

    name = "news"
    plugins_dir = "plugins"          # optional: local plugin files
    output_dir = "../out"            # optional, default "out": where outputs, rejected.jsonl and run.json go
    [input]
    reader = "text"
    path = "../seeds"
    [[stages]]
    use = "segment"
    [[outputs]]
    writer = "csv"
    table = "quotes"
    path = "quotes.csv"              # relative to output_dir

Relative paths resolve against the pipeline file's folder, so a cron job can run it from anywhere.
"""
from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from . import plugins
from .components import Reader, Stage, Writer
from .errors import ConfigError
from .params import did_you_mean, parse_value
from .workdir import STATE

RESERVED = ("rejected.jsonl", "run.json")  # what a run writes beside its outputs
TOP_KEYS = {"name", "description", "plugins_dir", "output_dir", "input", "stages", "outputs"}


@dataclass
class Output:
    writer: Writer
    path: Path
    key: str  # what decides the output's content: its writer and parameters


@dataclass
class Pipeline:
    """A validated pipeline, ready to run."""

    name: str
    description: str
    source: Path | None
    registry: plugins.Registry
    reader: Reader
    input: str
    output_dir: Path
    stages: list[Stage] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)

    def unmet_needs(self) -> list[str]:
        """What stages need that no earlier stage adds: the input must carry it (e.g. processed JSONL)."""
        added: set[str] = set()
        unmet = []
        for stage in self.stages:
            unmet += [f"stage '{stage.name}' needs {need}, which no earlier stage adds: the input must carry it"
                      for need in stage.needs if need not in added]
            added.update(stage.adds)
        return unmet

    def describe(self) -> dict[str, Any]:
        """The pipeline as recorded in run reports."""
        return {
            "name": self.name, "file": str(self.source.resolve()) if self.source else None,
            "input": {"reader": self.reader.name, "path": self.input, **self.reader.params},
            "stages": [stage.record() for stage in self.stages],
            "outputs": [{"writer": o.writer.name, "path": str(o.path), **o.writer.params} for o in self.outputs],
        }


def read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only to read a pipeline: it compiles its patterns on import

    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: pipeline file not found") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read pipeline file: {e}") from None


def _find_item(items: list, key: str, ident: str, section: str, where: str) -> dict:
    """An item of `stages`/`outputs` by position or by its plugin name (which must be unique)."""
    if ident.isdigit() and int(ident) < len(items):
        return items[int(ident)]
    matches = [item for item in items if isinstance(item, dict) and item.get(key) == ident]
    if len(matches) == 1:
        return matches[0]
    names = [str(item.get(key)) for item in items if isinstance(item, dict)]
    if matches:
        raise ConfigError(f"{where}: '{section}.{ident}' is ambiguous: use its position, {section}.0 to {section}.{len(items) - 1}")
    raise ConfigError(f"{where}: no {section} entry '{ident}'{did_you_mean(ident, names)}")


def apply_override(config: dict[str, Any], assignment: str) -> None:
    """Apply `--set dotted.key=value`; `stages.NAME.key` and `outputs.NAME.key` pick an entry by name or position."""
    where = f"--set {assignment}"
    dotted, sep, raw = assignment.partition("=")
    parts = [p.strip() for p in dotted.split(".")]
    if not sep or not all(parts):
        raise ConfigError(f"{where}: expected dotted.key=value, e.g. stages.summarise.sentences=5")
    value = parse_value(raw)
    target = config
    for i, part in enumerate(parts[:-1]):
        if part in ("stages", "outputs") and i == 0:
            items = config.setdefault(part, [])
            if len(parts) < 3:
                raise ConfigError(f"{where}: name the entry, e.g. {part}.0.key or {part}.NAME.key")
            target = _find_item(items, "use" if part == "stages" else "writer", parts[1], part, where)
            rest = parts[2:-1]
            for key in rest:
                target = target.setdefault(key, {})
            break
        target = target.setdefault(part, {})
        if not isinstance(target, dict):
            raise ConfigError(f"{where}: '{part}' is not a table")
    target[parts[-1]] = value


def _array(config: dict[str, Any], key: str, where: str) -> list:
    """An array of tables (`[[stages]]`, `[[outputs]]`)."""
    value = config.get(key, [])
    if not isinstance(value, list):
        raise ConfigError(f"{where}: '{key}' must be an array of tables: write each entry as [[{key}]]")
    return value


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table")
    return dict(value)


def _string(table: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.pop(key, default)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: '{key}' must be a non-empty string" + ("" if value is None else f", got {value!r}"))
    return value


def load(path: str | Path | None, *, config: dict[str, Any] | None = None, overrides: list[str] = (),
         input: str | None = None, output_dir: str | None = None, plugins_dir: str | None = None) -> Pipeline:
    """Read, override and validate a pipeline file (or an in-memory `config`)."""
    source = Path(path) if path else None
    config = read_toml(source) if source else copy.deepcopy(config or {})
    name = str(source) if source else "pipeline"
    typed = set()  # the folder paths given on the command line: like --input, relative to the current folder
    for assignment in overrides:
        apply_override(config, assignment)
        typed.add("".join(assignment.partition("=")[0].split()))
    for key in config:
        if key not in TOP_KEYS:
            raise ConfigError(f"{name}: unknown key '{key}'{did_you_mean(key, TOP_KEYS)}")
    base = source.parent if source else Path.cwd()

    def resolve(value: Any, key: str, dotted: str) -> str:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{name}: '{key}' must be a non-empty string, got {value!r}")
        folder = Path.cwd() if dotted in typed else base
        return value if value == "-" else os.path.normpath(os.path.abspath(folder / value))

    config["input"] = _table(config.get("input", {}), f"{name}: [input]")
    if input is not None:
        config["input"]["path"] = os.path.abspath(input) if input != "-" else input
    elif "path" in config["input"]:
        config["input"]["path"] = resolve(config["input"]["path"], "[input] path", "input.path")
    if plugins_dir is not None:
        config["plugins_dir"] = os.path.abspath(plugins_dir)
    elif "plugins_dir" in config:
        config["plugins_dir"] = resolve(config["plugins_dir"], "plugins_dir", "plugins_dir")
    config["output_dir"] = (os.path.abspath(output_dir) if output_dir
                            else resolve(config.get("output_dir", "out"), "output_dir", "output_dir"))
    return build(config, name, source)


def build(config: dict[str, Any], name: str = "pipeline", source: Path | None = None) -> Pipeline:
    """A pipeline from a configuration whose paths are already absolute (what `Pipeline.config` holds)."""
    registry = plugins.load(config.get("plugins_dir"))
    spec = dict(config["input"])
    reader_name = _string(spec, "reader", f"{name}: [input]", default="text")
    input_path = _string(spec, "path", f"{name}: [input]")
    reader = registry.create("reader", reader_name, spec, f"{name}: [input] reader '{reader_name}'")
    stages = build_stages(config, registry, name)
    out_dir = Path(config["output_dir"])
    outputs = []
    for i, item in enumerate(_array(config, "outputs", name)):
        where = f"{name}: [[outputs]] #{i + 1}"
        item = _table(item, where)
        target = _string(item, "path", where)
        path = Path(os.path.normpath(out_dir / target))
        if target == "-" or path.name in RESERVED or STATE in path.parts:
            raise ConfigError(f"{where}: path '{target}' is kept for the run itself ({', '.join(RESERVED)}, "
                              f"{STATE}/, or stdout): choose another file name")
        key, writer = _writer(registry, item, where)
        outputs.append(Output(writer, path, key))
    if not outputs:
        raise ConfigError(f"{name}: no [[outputs]]: add at least one, e.g. writer = \"jsonl\", path = \"documents.jsonl\"")
    if len({o.path for o in outputs}) != len(outputs):
        raise ConfigError(f"{name}: two [[outputs]] write to the same path")
    return Pipeline(
        name=str(config.get("name", source.stem if source else "pipeline")), description=str(config.get("description", "")),
        source=source, registry=registry, reader=reader, input=input_path, output_dir=out_dir,
        stages=stages, outputs=outputs, config=config,
    )


def writers(config: dict[str, Any], registry: plugins.Registry | None = None) -> dict[str, Writer]:
    """The configured writers by key, without their paths (how a worker rebuilds them to write parts):
    outputs that differ only in their path share a key, and so a part."""
    registry = registry or plugins.load(config.get("plugins_dir"))
    found = {}
    for i, item in enumerate(config["outputs"]):
        item = {k: v for k, v in item.items() if k != "path"}
        key, writer = _writer(registry, item, f"[[outputs]] #{i + 1}")
        found[key] = writer
    return found


def _writer(registry: plugins.Registry, item: dict[str, Any], where: str) -> tuple[str, Writer]:
    """An output's key (what decides its content: the writer and its parameters) and its writer,
    from its configuration less the path."""
    import hashlib  # OpenSSL's start costs every command, and only a pipeline needs it

    key = hashlib.blake2b(orjson.dumps(item, option=orjson.OPT_SORT_KEYS), digest_size=6).hexdigest()
    item = dict(item)
    name = _string(item, "writer", where)
    return key, registry.create("writer", name, item, f"{where} '{name}'")


def build_stages(config: dict[str, Any], registry: plugins.Registry | None = None, name: str = "pipeline") -> list[Stage]:
    """The configured stages, in order (also how a worker process rebuilds them)."""
    registry = registry or plugins.load(config.get("plugins_dir"))
    stages = []
    for i, item in enumerate(_array(config, "stages", name)):
        item = _table(item, f"{name}: [[stages]] #{i + 1}")
        use = _string(item, "use", f"{name}: [[stages]] #{i + 1}")
        stages.append(registry.create("stage", use, item, f"{name}: [[stages]] #{i + 1} '{use}'"))
    check_order(stages, name)
    return stages


def check_order(stages: list[Stage], where: str) -> None:
    """Refuse orders that cannot work: text edits after offsets exist, or a need met only later."""
    for i, stage in enumerate(stages):
        earlier, later = stages[:i], stages[i + 1:]
        offsets = [s.name for s in earlier if s.adds_offsets]
        if stage.changes_text and offsets:
            raise ConfigError(
                f"{where}: stage '{stage.name}' changes the text, so it must come before '{offsets[0]}', "
                "whose offsets it would break"
            )
        for need in stage.needs:
            provider = next((s.name for s in later if need in s.adds), None)
            if provider and not any(need in s.adds for s in earlier):
                raise ConfigError(f"{where}: stage '{stage.name}' needs {need}, added by '{provider}': move '{provider}' before it")

"""The `corpus` command: static commands (typer) plus one command per stage and writer plugin.

stdout carries data only; logs and errors go to stderr. Exit codes: 0 success, 1 finished with
rejected documents, 2 bad usage or configuration.
"""
from __future__ import annotations

import inspect
import os
import sys
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Annotated, Optional

import click
import typer

from .. import pipeline as pipelines, plugins, runner
from ..document import Rejected, dumps, read_documents
from ..errors import ConfigError, CorpusError, StdoutClosed
from . import show_version
from .options import given, option

app = typer.Typer(
    name="corpus", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    help="Turn folders of news articles into analysable data: read, normalise, segment, "
         "attribute quotations, summarise, export.\n\n"
         "Every stage is also a filter: JSONL documents from files or stdin to stdout, e.g.\n\n"
         "    corpus read seeds | corpus normalise | corpus export csv --table documents",
)


class State:
    """Global options, shared by every command."""

    quiet = False
    debug = False
    plugins_dir: str | None = None
    registry: plugins.Registry | None = None


def say(line: str) -> None:
    """One line on stderr, whatever --quiet says (warnings and errors)."""
    print(line, file=sys.stderr)


def log(line: str) -> None:
    if not State.quiet:
        say(line)


def report_rejected(item: Rejected) -> None:
    say(f"rejected: {item.describe()}")


class StdoutDocuments:
    """Documents as JSONL on stdout (what every filter writes)."""

    def write(self, doc) -> None:
        try:
            sys.stdout.buffer.write(dumps(doc))
        except BrokenPipeError:
            raise StdoutClosed from None


def _version(value: bool) -> None:
    if value:
        show_version()
        raise typer.Exit()


@app.callback()
def main_options(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr (errors still show).")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    plugins_dir: Annotated[Optional[Path], typer.Option("--plugins-dir", help="Load local plugin files (*.py) from this folder.")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    State.quiet, State.debug = quiet, debug
    State.plugins_dir = str(plugins_dir) if plugins_dir else None


Sets = Annotated[Optional[list[str]], typer.Option("--set", help="Override a pipeline value: dotted.key=value, e.g. stages.summarise.sentences=5.")]


@app.command()
def run(
    pipeline: Annotated[Path, typer.Argument(help="The pipeline file (TOML).")],
    input: Annotated[Optional[str], typer.Option("--input", "-i", help="Read this instead of [input].path.")] = None,
    output_dir: Annotated[Optional[Path], typer.Option("--output-dir", "-o", help="Write outputs here instead of output_dir.")] = None,
    set_: Sets = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (or local Dask workers).")] = 1,
    executor: Annotated[runner.Executor, typer.Option("--executor", help="local: this process (processes when --workers > 1); processes; dask: a Dask cluster.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); without it --executor dask starts a local cluster.")] = None,
    shard_size: Annotated[int, typer.Option("--shard-size", min=1, help="Documents per shard: the unit of work, of parallelism and of resuming.")] = 500,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run from its completed shards.")] = False,
    incremental: Annotated[bool, typer.Option("--incremental", help="Process only documents not already in the outputs (same id and text); keep the rest.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N documents (to try a pipeline).")] = None,
    on_error: Annotated[runner.OnError, typer.Option("--on-error", help="skip: record a failing document in rejected.jsonl and go on; fail: stop.")] = "skip",
) -> None:
    """Run a pipeline file: read the input, run the stages, write every output.

    Outputs, rejected.jsonl and run.json (the report) go to the output folder, which a lock
    keeps to one run at a time.
    """
    spec = pipelines.load(pipeline, overrides=set_ or [], input=input,
                          output_dir=str(output_dir) if output_dir else None, plugins_dir=State.plugins_dir)
    for warning in spec.unmet_needs():
        log(f"warning: {warning}")
    with progress_bar(f"{spec.name}") as advance:
        report = runner.run(spec, on_error=on_error, executor=executor, workers=workers, scheduler=scheduler,
                            shard_size=shard_size, limit=limit, resume=resume, incremental=incremental,
                            debug=State.debug, log=log, on_read=advance)
    log(f"{spec.name}: {report.summary()}; outputs in {spec.output_dir}")
    if report.rejected:
        raise typer.Exit(1)


@contextmanager
def progress_bar(label: str):
    """A live count of documents read, on stderr, only when it is a terminal and not --quiet."""
    if State.quiet or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console  # rich only on a terminal
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), SpinnerColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"{label}: documents read", total=None)
        yield lambda n: bar.advance(task, n)


@app.command()
def validate(
    pipeline: Annotated[Path, typer.Argument(help="The pipeline file (TOML).")],
    set_: Sets = None,
) -> None:
    """Check a pipeline file without reading any input."""
    spec = pipelines.load(pipeline, overrides=set_ or [], plugins_dir=State.plugins_dir)
    for warning in spec.unmet_needs():
        say(f"warning: {warning}")
    chain = " -> ".join([f"{spec.reader.name}({spec.input})", *(s.name for s in spec.stages)])
    outputs = ", ".join(f"{o.writer.name}:{o.path}" for o in spec.outputs)
    print(f"ok: {spec.name}: {chain} -> {outputs}")


@app.command()
def read(
    source: Annotated[str, typer.Argument(help="A file, folder, glob, or - for stdin.")],
    reader: Annotated[str, typer.Option("--reader", "-r", help="The reader plugin (see `corpus plugins`).")] = "text",
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="A reader parameter: key=value.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N documents.")] = None,
) -> None:
    """Read a document set and write its documents as JSONL to stdout."""
    values = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(f"--param {item}: expected key=value")
        values[key.strip()] = value
    instance = _registry().create("reader", reader, values, f"reader '{reader}'")
    rejected = runner.execute(islice(instance.read(source), limit), [], [StdoutDocuments()], on_rejected=report_rejected)
    if instance.counts:
        log(f"{reader}: " + ", ".join(f"{key} {value}" for key, value in sorted(instance.counts.items())))
    _finish(rejected)


@app.command()
def stats(files: Annotated[Optional[list[str]], typer.Argument(help="Processed documents (JSONL); stdin without FILES.")] = None) -> None:
    """A quick overview of processed documents: counts, top speakers, documents without quotations,
    longest documents."""
    from rich.console import Console

    from .stats import overview

    _finish(overview(read_documents(files or ["-"]), _registry(), Console(), report_rejected))


new_app = typer.Typer(help="Start something new from a template.", no_args_is_help=True)
app.add_typer(new_app, name="new")


@new_app.command("plugin")
def new_plugin(
    name: Annotated[str, typer.Argument(help="The plugin's name, e.g. keyword-count (lower case, digits, dashes).")],
    folder: Annotated[Path, typer.Option("--dir", help="Where to create corpus-NAME/.")] = Path("."),
) -> None:
    """Write a ready plugin distribution: pyproject with the entry point, one stage, one test."""
    from .. import scaffold

    taken = [kind for kind, entries in _registry().entries.items() if name in entries]
    if taken:
        raise ConfigError(f"a {taken[0]} called '{name}' exists already; give the plugin another name")
    target = scaffold.new_plugin(name, folder)
    log(f"created {target}: cd {target} && pip install -e '.[test]' && pytest")


@app.command(name="plugins")
def plugins_command(name: Annotated[Optional[str], typer.Argument(help="Show one plugin in full.")] = None) -> None:
    """List every stage, reader, writer and table, with origin and parameters."""
    from rich.console import Console

    from .listing import list_plugins, show_plugin

    console = Console()
    if name:
        show_plugin(_registry(), name, console)
    else:
        list_plugins(_registry(), console)


def _registry() -> plugins.Registry:
    return State.registry


def _finish(rejected: int) -> None:
    if rejected:
        raise typer.Exit(1)


def stage_command(name: str) -> click.Command:
    """`corpus STAGE [FILES…] [--param …]`: the stage as a JSONL filter."""
    cls = State.registry.get("stage", name)

    def callback(files: tuple[str, ...], **options) -> None:
        stage = State.registry.create("stage", name, given(options), f"corpus {name}")
        _finish(runner.execute(read_documents(files or ["-"]), [stage], [StdoutDocuments()], on_rejected=report_rejected))

    return click.Command(
        name, callback=callback, help=_help(cls, "Reads JSONL documents from FILES (or stdin) and writes them to stdout."),
        short_help=cls.summary(),
        params=[click.Argument(["files"], nargs=-1), *(option(p) for p in cls.declared_params().values())],
    )


def export_command(name: str) -> click.Command:
    """`corpus export FORMAT [FILES…] [-o PATH] [--param …]`: documents to one output."""
    cls = State.registry.get("writer", name)

    def callback(files: tuple[str, ...], output: str | None, **options) -> None:
        if output is None and not cls.streams:
            raise ConfigError(f"corpus export {name}: this format cannot stream to stdout; give a file with -o PATH")
        writer = State.registry.create("writer", name, given(options), f"corpus export {name}")
        _finish(runner.export(read_documents(files or ["-"]), writer, output or "-", on_rejected=report_rejected))

    return click.Command(
        name, callback=callback, help=_help(cls, "Reads JSONL documents from FILES (or stdin)."),
        short_help=cls.summary(),
        params=[click.Argument(["files"], nargs=-1),
                click.Option(["--output", "-o"], help="Write to this file (default: stdout)."),
                *(option(p) for p in cls.declared_params().values())],
    )


def _help(cls, usage: str) -> str:
    return f"{inspect.getdoc(cls) or ''}\n\n{usage}"


def build(registry: plugins.Registry) -> click.Group:
    """The full command: static commands, then one per stage and an `export` group of writers."""
    State.registry = registry
    group = typer.main.get_command(app)
    export = click.Group("export", help="Write JSONL documents (files or stdin) in another format: csv, jsonl, …",
                         no_args_is_help=True)
    group.add_command(export)
    for kind, parent, make in (("stage", group, stage_command), ("writer", export, export_command)):
        for name in registry.names(kind):
            if name not in parent.commands:
                _guarded(registry.entries[kind][name].plugin, lambda: parent.add_command(make(name)))
    for impl in registry.manager.hook.register_commands.get_hookimpls():
        _guarded(impl.plugin_name.split(":")[-1], lambda: impl.function(cli=group))
    return group


def _guarded(plugin: str, add) -> None:
    """Add a plugin's command; a plugin that fails here is named, and the others keep theirs."""
    try:
        add()
    except Exception as e:
        say(f"warning: plugin '{plugin}' failed to add its commands: {type(e).__name__}: {e}")


def _prescan(argv: list[str], flag: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == flag and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(flag + "="):
            return arg.split("=", 1)[1]
    return None


def _is_usage_error(e: BaseException) -> bool:
    """click's usage errors, and their twins in the copy of click that typer carries."""
    return callable(getattr(e, "show", None)) and isinstance(getattr(e, "exit_code", None), int)


def _stdout_gone() -> int:
    """The reader of our output went away (`corpus read … | head`): not an error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: load plugins, build the command, run it, and turn errors into one line and an exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        registry = plugins.load(_prescan(argv, "--plugins-dir"))
        for name, error in registry.failures:
            say(f"warning: plugin '{name}' failed to load: {error}")
        command = build(registry)
        result = command.main(argv, prog_name="corpus", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except CorpusError as e:
        if debug:
            raise
        say(f"error: {e}")
        return e.exit_code
    except StdoutClosed:
        return _stdout_gone()
    except Exception as e:
        if type(e).__name__ == "Exit" and isinstance(getattr(e, "exit_code", None), int):
            return e.exit_code
        if type(e).__name__ == "Abort":
            say("aborted")
            return 130
        if _is_usage_error(e):
            e.show()
            return 2
        if isinstance(e, BrokenPipeError):
            return _stdout_gone()
        if debug:
            raise
        say(f"error: {type(e).__name__}: {e} (run with --debug for the traceback)")
        return 2

"""The `corpus` command (click): static commands plus one command per stage and writer plugin.

stdout carries data only; logs and errors go to stderr. Exit codes: 0 success, 1 finished with
rejected documents, 2 bad usage or configuration, 3 the environment failed (a full disk, a permission,
a folder gone, a worker lost), 130 / 143 interrupted by SIGINT / SIGTERM.
"""
from __future__ import annotations

import functools
import inspect
import os
import signal
import sys
import threading
import typing
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import click

from .. import plugins
from ..document import Rejected, dumps, read_documents
from ..errors import ConfigError, CorpusError, Interrupted, StdoutClosed, environment_failure
from ..executors import Executor, OnError
from ..files import STDOUT
from ..tables import Rewrite
from . import show_version
from .options import given, option

HELP = """Turn folders of news articles into analysable data: read, normalise, segment, attribute
quotations, summarise, export.

Every stage is also a filter: JSONL documents from files or stdin to stdout, e.g.

\b
    corpus read seeds | corpus normalise | corpus export csv --table documents
"""
PATH = click.Path(path_type=Path)
AT_LEAST_ONE = click.IntRange(min=1)


class State:
    """Global options, shared by every command."""

    quiet = False
    debug = False
    plugins_dir: str | None = None
    registry: plugins.Registry | None = None


class Commands(click.Group):
    """A group that lists its commands in the order they were added: ours first, then the plugins'."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


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
        STDOUT.write(dumps(doc))


def _version(ctx: click.Context, _, value: bool) -> None:
    if value:
        show_version()
        ctx.exit()


def main_options(quiet: bool, debug: bool, plugins_dir: Path | None) -> None:
    State.quiet, State.debug = quiet, debug
    State.plugins_dir = str(plugins_dir) if plugins_dir else None


GLOBAL_OPTIONS = [
    click.Option(["--quiet", "-q"], is_flag=True, help="No progress or summary on stderr (errors still show)."),
    click.Option(["--debug"], is_flag=True, help="Show tracebacks for errors."),
    click.Option(["--plugins-dir"], type=PATH, help="Load local plugin files (*.py) from this folder."),
    click.Option(["--version"], is_flag=True, is_eager=True, expose_value=False, callback=_version,
                 help="Show the version and exit."),
]
SETS = click.option("--set", "sets", multiple=True,
                    help="Override a pipeline value: dotted.key=value, e.g. stages.summarise.sentences=5.")


@click.command()
@click.argument("pipeline", type=PATH)
@click.option("--input", "-i", help="Read this instead of [input].path.")
@click.option("--output-dir", "-o", type=PATH, help="Write outputs here instead of output_dir.")
@SETS
@click.option("--workers", "-w", type=AT_LEAST_ONE, default=1, show_default=True,
              help="Worker processes (or local Dask workers).")
@click.option("--executor", type=click.Choice(typing.get_args(Executor)), default="local", show_default=True,
              help="local: this process (processes when --workers > 1); processes; dask: a Dask cluster.")
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); without it --executor dask starts a local cluster.")
@click.option("--shard-size", type=AT_LEAST_ONE, default=500, show_default=True,
              help="Documents per shard: the unit of work, of parallelism and of resuming.")
@click.option("--resume", is_flag=True, help="Continue an interrupted run from its completed shards.")
@click.option("--incremental", is_flag=True,
              help="Process only documents not already in the outputs (same id and text); keep the rest.")
@click.option("--limit", type=AT_LEAST_ONE, help="Only the first N documents (to try a pipeline).")
@click.option("--on-error", type=click.Choice(typing.get_args(OnError)), default="skip", show_default=True,
              help="skip: record a failing document in rejected.jsonl and go on; fail: stop.")
def run(pipeline: Path, input: str | None, output_dir: Path | None, sets: tuple[str, ...], workers: int,
        executor: Executor, scheduler: str | None, shard_size: int, resume: bool, incremental: bool,
        limit: int | None, on_error: OnError) -> None:
    """Run a pipeline file: read the input, run the stages, write every output.

    PIPELINE is the pipeline file (TOML). Outputs, rejected.jsonl and run.json (the report) go to the output folder, which a lock
    keeps to one run at a time.
    """
    from .. import pipeline as pipelines, runner  # the commands that run load the runner: --help need not

    spec = pipelines.load(pipeline, overrides=list(sets), input=input,
                          output_dir=str(output_dir) if output_dir else None, plugins_dir=State.plugins_dir)
    for warning in spec.unmet_needs():
        log(f"warning: {warning}")
    with progress_bar(f"{spec.name}") as advance:
        report = runner.run(spec, on_error=on_error, executor=executor, workers=workers, scheduler=scheduler,
                            shard_size=shard_size, limit=limit, resume=resume, incremental=incremental,
                            debug=State.debug, log=log, on_read=advance)
    log(f"{spec.name}: {report.summary()}; outputs in {spec.output_dir}")
    _finish(report.rejected)


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


@click.command()
@click.argument("pipeline", type=PATH)
@SETS
def validate(pipeline: Path, sets: tuple[str, ...]) -> None:
    """Check a pipeline file without reading any input.

    PIPELINE is the pipeline file (TOML).
    """
    from .. import pipeline as pipelines

    spec = pipelines.load(pipeline, overrides=list(sets), plugins_dir=State.plugins_dir)
    for warning in spec.unmet_needs():
        say(f"warning: {warning}")
    chain = " -> ".join([f"{spec.reader.name}({spec.input})", *(s.name for s in spec.stages)])
    outputs = ", ".join(f"{o.writer.name}:{o.path}" for o in spec.outputs)
    print(f"ok: {spec.name}: {chain} -> {outputs}")


@click.command()
@click.argument("source")
@click.option("--reader", "-r", default="text", show_default=True, help="The reader plugin (see `corpus plugins`).")
@click.option("--param", "-p", multiple=True, help="A reader parameter: key=value.")
@click.option("--limit", type=AT_LEAST_ONE, help="Only the first N documents.")
def read(source: str, reader: str, param: tuple[str, ...], limit: int | None) -> None:
    """Read a document set and write its documents as JSONL to stdout.

    SOURCE is a file, folder, glob, or - for stdin.
    """
    from .. import runner

    values = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(f"--param {item}: expected key=value")
        values[key.strip()] = value
    instance = _registry().create("reader", reader, values, f"reader '{reader}'")
    rejected = runner.execute(islice(instance.read(source), limit), [], [StdoutDocuments()], on_rejected=report_rejected)
    if instance.counts:
        log(f"{reader}: " + ", ".join(f"{key} {value}" for key, value in sorted(instance.counts.items())))
    _finish(rejected)


@click.command()
@click.argument("files", nargs=-1)
def stats(files: tuple[str, ...]) -> None:
    """A quick overview of processed documents: counts, top speakers, documents without quotations,
    longest documents.

    FILES are processed documents (JSONL); stdin without FILES.
    """
    from rich.console import Console

    from .stats import overview

    _finish(overview(read_documents(files or ["-"]), _registry(), Console(), report_rejected))


@click.group(cls=Commands, no_args_is_help=True)
def new() -> None:
    """Start something new from a template."""


@new.command("plugin")
@click.argument("name")
@click.option("--dir", "folder", type=PATH, default=Path("."), show_default=True, help="Where to create corpus-NAME/.")
def new_plugin(name: str, folder: Path) -> None:
    """Write a ready plugin distribution: pyproject with the entry point, one stage, one test.

    NAME is the plugin's name, e.g. keyword-count (lower case, digits, dashes).
    """
    from .. import scaffold

    taken = [kind for kind, entries in _registry().entries.items() if name in entries]
    if taken:
        raise ConfigError(f"a {taken[0]} called '{name}' exists already; give the plugin another name")
    target = scaffold.new_plugin(name, folder)
    log(f"created {target}: cd {target} && pip install -e '.[test]' && pytest")


@click.command("plugins")
@click.argument("name", required=False)
def plugins_command(name: str | None) -> None:
    """List every stage, reader, writer and table, with origin and parameters.

    With NAME, show that plugin in full.
    """
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
        raise click.exceptions.Exit(1)


def stage_command(name: str) -> click.Command:
    """`corpus STAGE [FILES…] [--param …]`: the stage as a JSONL filter."""
    cls = State.registry.get("stage", name)

    def callback(files: tuple[str, ...], **options) -> None:
        from .. import runner

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
        from .. import runner

        if output is None and not cls.streams:
            raise ConfigError(f"corpus export {name}: this format cannot stream to stdout; give a file with -o PATH")
        writer = State.registry.create("writer", name, given(options), f"corpus export {name}")
        _finish(runner.export(read_documents(files or ["-"]), writer, output or "-", on_rejected=report_rejected,
                              rewrite=Rewrite.of(State.registry)))

    return click.Command(
        name, callback=callback, help=_help(cls, "Reads JSONL documents from FILES (or stdin); speakers get their "
                                                 "canonical name across them, as in a run."),
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
    group = Commands("corpus", params=GLOBAL_OPTIONS, callback=main_options, help=HELP, no_args_is_help=True)
    for command in (run, validate, read, stats, plugins_command, new):
        group.add_command(command)
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


def _stdout_gone() -> int:
    """The reader of our output went away (`corpus read … | head`): not an error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _signals_interrupt(main):
    """SIGINT and SIGTERM raise Interrupted in `main`, so the command stops cleanly (temporary files
    removed); a second signal ends the process at once. The previous handlers come back afterwards."""

    def interrupt(signum, frame):
        signal.signal(signum, signal.SIG_DFL)
        raise Interrupted(signum)

    @functools.wraps(main)
    def interruptible(argv: list[str] | None = None) -> int:
        if threading.current_thread() is not threading.main_thread():
            return main(argv)
        saved = {signum: signal.signal(signum, interrupt) for signum in (signal.SIGINT, signal.SIGTERM)}
        try:
            return main(argv)
        finally:
            for signum, handler in saved.items():
                signal.signal(signum, handler)

    return interruptible


@_signals_interrupt
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
    except Interrupted as e:
        say(f"interrupted: {e.hint}" if e.hint else "interrupted")
        return 128 + e.signum
    except click.Abort:
        say("aborted")
        return 130
    except click.ClickException as e:  # bad usage: the message and a hint, from click
        e.show()
        return 2
    except Exception as e:
        if isinstance(e, BrokenPipeError):
            return _stdout_gone()
        if debug:
            raise
        if isinstance(e, OSError):
            failure = environment_failure(e)
            say(f"error: {failure}")
            return failure.exit_code
        say(f"error: {type(e).__name__}: {e} (run with --debug for the traceback)")
        return 2

"""Running a pipeline: shards of documents through the stages (on any executor) into parts, then
every part merged, in order, into the outputs; and running a stream through stages (the filters)."""
from __future__ import annotations

import functools
import platform
import tempfile
import time
from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import orjson

from . import __version__, executors
from .components import Stage, Writer
from .document import Document, Rejected
from .errors import CorpusError, Interrupted, environment_failure
from .executors import Executor, OnError
from .files import atomic_output, commit_together, remove_temporary
from .pipeline import Pipeline
from .shards import Shard, Work, part_path, paths, process_shard, read_marker, text_key
from .tables import Rewrite
from .workdir import Workdir


class RunFailed(CorpusError):
    """`--on-error fail` stopped the run at a rejected document (exit code 1)."""

    exit_code = 1


@dataclass
class Report:
    """What a run did: counts, per-stage times and throughput."""

    read: int = 0
    unchanged: int = 0
    written: int = 0
    rejected: int = 0
    in_outputs: int = 0
    characters: int = 0
    shards: int = 0
    resumed_shards: int = 0
    seconds: float = 0.0
    stages: dict[str, list[float]] = field(default_factory=dict)
    input: dict[str, int] = field(default_factory=dict)  # what the reader counted (records skipped, …)

    def add(self, marker: dict[str, Any]) -> None:
        """Count one shard's marker."""
        self.shards += 1
        self.written += marker["written"]
        self.rejected += marker["rejected"]
        self.characters += marker["characters"]
        for name, (documents, seconds) in marker["stages"].items():
            stats = self.stages.setdefault(name, [0, 0.0])
            stats[0] += documents
            stats[1] += seconds

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": {"read": self.read, "unchanged": self.unchanged, "written": self.written,
                          "rejected": self.rejected, "in_outputs": self.in_outputs},
            "shards": {"processed": self.shards - self.resumed_shards, "resumed": self.resumed_shards},
            "seconds": round(self.seconds, 3),
            "characters": self.characters,
            "million_characters_per_second": round(self.characters / 1e6 / self.seconds, 3) if self.seconds else None,
            "stages": {name: {"documents": int(d), "seconds": round(s, 3)} for name, (d, s) in self.stages.items()},
            "input": self.input,
        }

    def summary(self) -> str:
        parts = [f"{self.read} read"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        parts += [f"{self.written} written", f"{self.rejected} rejected"]
        rate = f" ({self.characters / 1e6 / self.seconds:.2f} M characters/s)" if self.seconds and self.characters else ""
        return f"{', '.join(parts)} in {self.seconds:.2f}s{rate}"


def execute(items: Iterable[Document | Rejected], stages: list[Stage], writers: list[Writer], *,
            on_rejected: Callable[[Rejected], None]) -> int:
    """Stream documents through `stages` into opened `writers` (the filters); returns the rejections."""
    rejected = 0
    for item in items:
        result, _, _ = executors.process(stages, item)
        if isinstance(result, Rejected):
            rejected += 1
            on_rejected(result)
            continue
        for writer in writers:
            writer.write(result)
    return rejected


def export(items: Iterable[Document | Rejected], writer: Writer, target: str, *,
           on_rejected: Callable[[Rejected], None], rewrite: Rewrite | None = None) -> int:
    """Documents into one writer (a file, or `-` for stdout), committed at the end or discarded on
    failure; returns the number of rejected inputs. With `rewrite`, the writer gets the documents as
    the whole corpus says they should be (see `Table.rewrites`)."""
    writer.open(target)
    try:
        if rewrite:
            items = rewritten(items, rewrite)
        rejected = execute(items, [], [writer], on_rejected=on_rejected)
    except BaseException:
        writer.abort()
        raise
    writer.close()
    return rejected


def rewritten(items: Iterable[Document | Rejected], rewrite: Rewrite) -> Iterator[Document | Rejected]:
    """The items, once `rewrite` has learnt from all of them (spooled to a temporary file meanwhile)."""
    with tempfile.TemporaryFile() as spool:
        for item in items:
            if isinstance(item, Rejected):
                yield item
                continue
            rewrite.learn(item)
            spool.write(orjson.dumps(item, option=orjson.OPT_APPEND_NEWLINE))
        spool.seek(0)
        for line in spool:
            yield rewrite.apply(orjson.loads(line))


def make_executor(kind: Executor, workers: int, scheduler: str | None):
    if kind == "dask" or scheduler:
        from .executors.dask import Dask

        return Dask(scheduler, workers)
    if kind == "processes" or workers > 1:
        from .executors.processes import Processes

        return Processes(workers)
    return executors.Local()


def _fingerprint(pipeline: Pipeline) -> str:
    """What decides the parts' content: the reader, its input, and each stage with its version."""
    stages = [stage.record() for stage in pipeline.stages]
    return orjson.dumps({"input": pipeline.config.get("input"), "stages": stages}, option=orjson.OPT_SORT_KEYS).decode()


def _shards(items: Iterator[Document | Rejected], size: int, seen: set, report: Report,
            on_read: Callable[[int], None]) -> Iterator[Shard]:
    index = 0
    while True:
        batch, keys = [], []
        for item in items:
            report.read += 1
            key = None if isinstance(item, Rejected) else text_key(item)
            if key is not None and tuple(key) in seen:
                report.unchanged += 1
                continue
            batch.append(item)
            keys.append(key)
            if len(batch) == size:
                break
        on_read(len(batch))
        if not batch:
            return
        yield Shard(index, batch, keys)
        index += 1


def _faults_named(run: Callable[..., Report]) -> Callable[..., Report]:
    """A failing machine (a full disk, a folder gone) is one line naming the file and what to do; an
    interrupted run says how to continue. Either way the previous outputs stay as they were and the
    completed shards are kept for --resume."""

    @functools.wraps(run)
    def named(*args: Any, **kwargs: Any) -> Report:
        try:
            return run(*args, **kwargs)
        except OSError as e:
            raise environment_failure(e, then="; then run again with --resume to finish the run") from e
        except Interrupted as e:
            e.hint = "run again with --resume to continue"
            raise

    return named


@_faults_named
def run(pipeline: Pipeline, *, on_error: OnError = "skip", executor: Executor = "local", workers: int = 1,
        scheduler: str | None = None, shard_size: int = 500, limit: int | None = None, resume: bool = False,
        incremental: bool = False, debug: bool = False, log: Callable[[str], None] = lambda line: None,
        on_read: Callable[[int], None] = lambda n: None) -> Report:
    """Run a pipeline into its output folder, holding the folder's lock throughout."""
    workdir = Workdir(pipeline.output_dir)
    note = workdir.lock.acquire()
    if note:
        log(note)
    try:
        items = iter(pipeline.reader.read(pipeline.input))
        first = next(items, None)  # a missing or empty input fails here, before any earlier run is touched
        items = chain([first], items) if first is not None else iter(())
        run_dir, kept, note = workdir.start(_fingerprint(pipeline), resume=resume, incremental=incremental)
        if note:
            log(note)
        ours = [o.path for o in pipeline.outputs] + [pipeline.output_dir / n for n in ("rejected.jsonl", "run.json")]
        for temporary in (t for p in ours for t in p.parent.glob(f".{p.name}.*.tmp")):
            remove_temporary(temporary)  # left by a run that was killed (we hold the lock)
        _remove_temporaries(run_dir)
        report = Report()
        started = time.perf_counter()
        newest: dict[str, str] = {}  # the version of each document the outputs hold
        for run in kept:
            newest.update(_run_keys(run))
        seen = set(newest.items())
        if limit is not None:
            items = islice(items, limit)
        shards = _shards(items, shard_size, seen, report, on_read)
        with ExitStack() as stack:
            stack.enter_context(commit_together())  # every output renamed into place at the end, or none
            stack.callback(_remove_temporaries, run_dir)  # once the workers are gone, whatever stopped them
            merge = Merge(pipeline, stack, report, first if isinstance(first, dict) else ())
            pool = make_executor(executor, workers, scheduler)
            stack.push(lambda failed, *_: pool.close(abandon=failed is not None))
            if kept or merge.rewrite:  # earlier runs' parts first, less what this run redoes; or the
                # corpus must be seen whole before any document is written: merge at the end
                # with no earlier run, the corpus views learn each shard as it completes (in corpus order),
                # from the documents in hand rather than read back from its part
                learn_now = merge.rewrite and not kept
                on_done = (lambda marker: merge.learn(run_dir, marker, set())) if learn_now else (lambda marker: None)
                count = _process(shards, pool, pipeline, run_dir, report, on_error, debug, on_done,
                                 parts=not merge.rewrite)  # rewritten documents go to the writers one by one
                _drop_stale_parts(run_dir, count)
                parts = _parts(kept + [run_dir])
                if merge.rewrite and not learn_now:
                    for run, marker, skip in parts():
                        merge.learn(run, marker, skip)
                for run, marker, skip in parts():
                    merge.add(run, marker, skip, current=run == run_dir)
            else:  # merge each shard as it completes, while the workers go on
                count = _process(shards, pool, pipeline, run_dir, report, on_error, debug,
                                 lambda marker: merge.add(run_dir, marker, set(), current=True))
                _drop_stale_parts(run_dir, count)
        report.input = dict(sorted((pipeline.reader.counts or {}).items()))
        if report.rejected:
            log(f"{report.rejected} rejected: see {merge.rejected_path}")
        else:
            merge.rejected_path.unlink(missing_ok=True)
        report.seconds = time.perf_counter() - started
        with atomic_output(pipeline.output_dir / "run.json") as out:
            out.write(orjson.dumps(_run_record(pipeline, report, kept + [run_dir]),
                                   option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
        (run_dir / "complete").write_text("")
        return report
    finally:
        workdir.lock.release()


def _process(shards: Iterator[Shard], pool, pipeline: Pipeline, run_dir: Path, report: Report,
             on_error: OnError, debug: bool, on_done: Callable[[dict[str, Any]], None], parts: bool = True) -> int:
    """Submit every shard not already done, a few in flight per worker; take results in order.
    `parts`: whether writers make their own parts of each shard (see `process_shard`)."""
    local = isinstance(pool, executors.Local)
    work = Work(pipeline.stages, {o.key: o.writer for o in pipeline.outputs}) if local else pipeline.config
    pending: deque = deque()
    count = 0

    def collect() -> None:
        marker = pending.popleft().result()
        report.add(marker)
        if marker["rejected"] and on_error == "fail":
            first = paths(run_dir, marker["index"])[1].read_bytes().splitlines()[0]
            reason = Rejected(**{k: v for k, v in orjson.loads(first).items() if k in ("id", "source", "reason", "stage")})
            raise RunFailed(f"stopped at a rejected document (--on-error fail): {reason.describe()}")
        on_done(marker)

    for shard in shards:
        count += 1
        marker = read_marker(run_dir, shard.index)
        if marker is not None and marker.get("digest") == shard.digest:
            report.resumed_shards += 1
            pending.append(executors.Done(marker))
        else:
            pending.append(pool.submit(process_shard, work, shard, str(run_dir), debug, local, parts))
        while len(pending) > 2 * pool.workers:
            collect()
    while pending:
        collect()
    return count


def _remove_temporaries(run_dir: Path) -> None:
    """Part files left half-written by a process killed (or a worker lost) while writing them."""
    for temporary in run_dir.glob(".*.tmp"):
        temporary.unlink(missing_ok=True)


def _drop_stale_parts(run_dir: Path, count: int) -> None:
    """Parts of shards beyond this input's last (left by an attempt on a longer input)."""
    for path in run_dir.glob("[0-9]*.json"):
        index = int(path.name.split(".")[0])
        if index >= count:
            for part in [*paths(run_dir, index), *run_dir.glob(f"{index:06d}.*.part")]:
                part.unlink(missing_ok=True)


def _markers(run: Path) -> Iterator[dict[str, Any]]:
    """A run's shard markers in order, read one at a time."""
    for path in sorted(run.glob("[0-9]*.json")):
        yield orjson.loads(path.read_bytes())


def _parts(runs: list[Path]) -> Callable[[], Iterator[tuple[Path, dict[str, Any], set[str]]]]:
    """Every shard of `runs` in corpus order, as (run, marker, the ids a later run redid), each time called."""
    newer: list[set[str]] = [set()]  # for each run, the ids later runs redid
    for run in reversed(runs[1:]):
        newer.insert(0, newer[0] | {key[0] for key in _run_keys(run)})

    def parts() -> Iterator[tuple[Path, dict[str, Any], set[str]]]:
        for run, skip in zip(runs, newer):
            for marker in _markers(run):
                yield run, marker, skip

    return parts


def _run_keys(run: Path) -> Iterator[list[str]]:
    for marker in _markers(run):
        yield from marker["keys"]


class Merge:
    """Parts into the outputs, in order. The writers (and rejected.jsonl) are opened at once and
    committed when `stack` closes normally, or discarded when the run fails."""

    def __init__(self, pipeline: Pipeline, stack: ExitStack, report: Report, given: Iterable[str] = ()) -> None:
        """`given`: the fields the input's documents bring (processed documents already have `quotes`)."""
        self.report = report
        self.rewrite = Rewrite.of(pipeline.registry, [*given, *(field for stage in pipeline.stages for field in stage.adds)])
        self.rejected_path = pipeline.output_dir / "rejected.jsonl"
        self.outputs = pipeline.outputs
        for output in self.outputs:
            output.writer.open(str(output.path))
            stack.push(_commit_or_abort(output.writer))
        self.rejects = stack.enter_context(atomic_output(self.rejected_path))

    def add(self, run: Path, marker: dict[str, Any], skip: set[str], current: bool) -> None:
        """One shard's parts; documents whose id is in `skip` were redone by a later run, so then
        every writer is given the documents one by one."""
        index = marker["index"]
        part, rejected, _ = paths(run, index)
        if current:
            self.rejects.write(rejected.read_bytes())
        whole = not self.rewrite and not (skip and any(key[0] in skip for key in marker["keys"]))
        one_by_one = []
        for output in self.outputs:
            writer, info = output.writer, marker.get("parts", {}).get(output.key)
            if whole and info is not None:  # the writer made its own part of this shard
                writer.add_part(part_path(run, index, output.key), info)
            elif whole and type(writer).write_file is not Writer.write_file:
                writer.write_file(part)
            else:
                one_by_one.append(writer)
        written = marker["written"]
        if one_by_one:
            written = self._write(marker.get("documents") or _documents(part), one_by_one, skip)
        self.report.in_outputs += written

    def learn(self, run: Path, marker: dict[str, Any], skip: set[str]) -> None:
        """Show one shard's documents (those not in `skip`) to the corpus views that rewrite documents."""
        for doc in marker.get("documents") or _documents(paths(run, marker["index"])[0]):
            if doc["id"] not in skip:
                self.rewrite.learn(doc)

    def _write(self, documents: Iterable[Document], writers: list[Writer], skip: set[str]) -> int:
        """The documents not in `skip` (rewritten by the corpus views) to every writer; how many there were."""
        written = 0
        for doc in documents:
            if doc["id"] not in skip:
                written += 1
                if self.rewrite:
                    doc = self.rewrite.apply(doc)
                for writer in writers:
                    writer.write(doc)
        return written


def _documents(part: Path) -> Iterator[Document]:
    """A part's documents, read one at a time."""
    with open(part, "rb") as f:
        for line in f:
            yield orjson.loads(line)


def _commit_or_abort(writer: Writer):
    """An exit callback: commit the writer when the run ends normally, discard its output when it fails."""

    def exit_(exc_type, exc, tb) -> bool:
        if exc_type is None:
            writer.close()
        else:
            writer.abort()
        return False

    return exit_


def _run_record(pipeline: Pipeline, report: Report, runs: list[Path]) -> dict[str, Any]:
    return {
        "pipeline": pipeline.describe(),
        "report": report.to_json(),
        "versions": {"corpus-tool": __version__, "python": platform.python_version()},
        "plugins": {stage.name: pipeline.registry.entries["stage"][stage.name].origin for stage in pipeline.stages},
        "outputs": [str(o.path) for o in pipeline.outputs],
        "parts": [str(paths(run, m["index"])[0].relative_to(pipeline.output_dir)) for run in runs for m in _markers(run)],
    }


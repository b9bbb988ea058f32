"""Running documents through stages into writers, with rejections recorded and a report kept."""
from __future__ import annotations

import platform
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Literal

import orjson

from . import __version__, executors
from .components import Stage, Writer
from .document import Document, Rejected, dumps
from .errors import CorpusError
from .files import atomic_output
from .pipeline import Pipeline

OnError = Literal["skip", "fail"]


class RunFailed(CorpusError):
    """`--on-error fail` stopped the run at a rejected document (exit code 1)."""

    exit_code = 1


@dataclass
class StageStats:
    documents: int = 0
    seconds: float = 0.0


@dataclass
class Report:
    """What a run did: counts, per-stage times and throughput."""

    read: int = 0
    written: int = 0
    rejected: int = 0
    characters: int = 0
    seconds: float = 0.0
    stages: dict[str, StageStats] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": {"read": self.read, "written": self.written, "rejected": self.rejected},
            "seconds": round(self.seconds, 3),
            "characters": self.characters,
            "documents_per_second": round(self.read / self.seconds, 1) if self.seconds else None,
            "stages": {name: {"documents": s.documents, "seconds": round(s.seconds, 3)} for name, s in self.stages.items()},
        }

    def summary(self) -> str:
        rate = f", {self.read / self.seconds:,.0f} documents/s" if self.seconds else ""
        return f"{self.read} read, {self.written} written, {self.rejected} rejected in {self.seconds:.2f}s{rate}"


def execute(items: Iterable[Document | Rejected], stages: list[Stage], writers: list[Writer], *,
            on_rejected: Callable[[Rejected], None], on_error: OnError = "skip", workers: int = 1,
            limit: int | None = None, debug: bool = False) -> Report:
    """Documents through `stages` into opened `writers`; rejections go to `on_rejected`."""
    report = Report(stages={stage.name: StageStats() for stage in stages})
    started = time.perf_counter()
    if limit is not None:
        items = islice(items, limit)
    items = _counted(items, report)
    if workers > 1:
        from .executors.processes import pool

        results = pool(stages, items, workers, debug)
    else:
        results = executors.local(stages, items, debug)
    for result, times in results:
        for stage, seconds in zip(stages, times):
            stats = report.stages[stage.name]
            stats.documents += 1
            stats.seconds += seconds
        if isinstance(result, Rejected):
            report.rejected += 1
            on_rejected(result)
            if on_error == "fail":
                raise RunFailed(f"stopped at a rejected document: {result.describe()}")
            continue
        for writer in writers:
            writer.write(result)
        report.written += 1
    report.seconds = time.perf_counter() - started
    return report


def _counted(items: Iterable[Document | Rejected], report: Report):
    for item in items:
        report.read += 1
        if not isinstance(item, Rejected):
            report.characters += len(item["text"])
        yield item


def run(pipeline: Pipeline, *, on_error: OnError = "skip", workers: int = 1, limit: int | None = None,
        debug: bool = False, log: Callable[[str], None] = lambda line: None) -> Report:
    """Run a pipeline: every output and `rejected.jsonl` committed atomically, then `run.json`."""
    rejected_path = pipeline.output_dir / "rejected.jsonl"
    with ExitStack() as stack:
        rejects = stack.enter_context(atomic_output(rejected_path))

        def on_rejected(item: Rejected) -> None:
            rejects.write(dumps(item.to_json()))
            log(f"rejected: {item.describe()}")

        opened = []
        for output in pipeline.outputs:
            output.writer.open(str(output.path))
            opened.append(output.writer)
            stack.push(_commit_or_abort(output.writer))
        documents = pipeline.reader.read(pipeline.input)
        report = execute(documents, pipeline.stages, opened, on_rejected=on_rejected, on_error=on_error,
                         workers=workers, limit=limit, debug=debug)
    if not report.rejected:
        rejected_path.unlink(missing_ok=True)
    with atomic_output(pipeline.output_dir / "run.json") as out:
        out.write(orjson.dumps(_run_record(pipeline, report), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
    return report


def _commit_or_abort(writer: Writer):
    """An exit callback: commit the writer when the run ends normally, discard its output when it fails."""

    def exit_(exc_type, exc, tb) -> bool:
        if exc_type is None:
            writer.close()
        else:
            writer.abort()
        return False

    return exit_


def _run_record(pipeline: Pipeline, report: Report) -> dict[str, Any]:
    return {
        "pipeline": pipeline.describe(),
        "report": report.to_json(),
        "versions": {"corpus-tool": __version__, "python": platform.python_version()},
        "outputs": [str(Path(o.path)) for o in pipeline.outputs],
    }

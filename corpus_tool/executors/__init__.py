"""Executors: where shards are processed. Each has `submit(fn, *args)` returning a future
(`.result()`) and `close(abandon)` (`abandon`: a failed or interrupted run stops the shards in progress); the runner keeps a few shards in flight and takes results in order,
so the output is the same whatever runs it.

- `local`: in this process, one shard after another.
- `processes`: a pool of worker processes on this machine (`--workers N`).
- `dask`: a `dask.distributed` cluster (`--executor dask [--scheduler ADDRESS]`).
"""
from __future__ import annotations

import traceback
from time import perf_counter
from typing import Any, Callable, Literal

from ..components import Stage
from ..document import Document, Rejected, dumps
from ..errors import CorpusError, DocumentError, EnvironmentFailure

Result = tuple[Document | Rejected, list[float], bytes]
Executor = Literal["local", "processes", "dask"]  # the kinds above, as `corpus run --executor` names them
OnError = Literal["skip", "fail"]  # what a run does at a rejected document: record it and go on, or stop


def process(stages: list[Stage], item: Document | Rejected, debug: bool = False) -> Result:
    """One document through every stage: the document and its JSON line, or why it was rejected; and
    each stage's time. A stage that cannot set up stops everything (CorpusError)."""
    if isinstance(item, Rejected):
        return item, [], b""
    times = []
    for stage in stages:
        started = perf_counter()
        try:
            item = stage.apply(item)
        except CorpusError:
            raise
        except Exception as e:
            reason = str(e) if isinstance(e, DocumentError) else f"{type(e).__name__}: {e}"
            return _rejected(item, reason, stage.name, debug), times, b""
        times.append(perf_counter() - started)
    try:
        return item, times, dumps(item)
    except TypeError as e:  # a stage stored a value JSON cannot hold (a set, an object)
        return _rejected(item, f"not JSON: {e}", stages[-1].name if stages else None, debug), times, b""


def _rejected(doc: Document, reason: str, stage: str | None, debug: bool) -> Rejected:
    extra = {"traceback": traceback.format_exc()} if debug else {}
    meta = doc.get("meta")
    return Rejected(doc.get("id"), meta.get("source") if isinstance(meta, dict) else None, reason, stage, extra)


class Done:
    """A result already computed."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class Task:
    """A shard's future from a pool or cluster; `lost` (the exceptions that say a worker died on the
    way) become one line from `describe`, with what to do."""

    def __init__(self, future: Any, lost: tuple[type[BaseException], ...], describe: Callable[[Any], str]) -> None:
        self.future, self.lost, self.describe = future, lost, describe

    def result(self) -> Any:
        try:
            return self.future.result()
        except self.lost as e:
            raise EnvironmentFailure(f"{self.describe(e)}, then run again with --resume to finish the run") from None


class Local:
    """In this process: each shard is processed when submitted."""

    workers = 1

    def submit(self, fn: Callable, *args: Any) -> Done:
        return Done(fn(*args))

    def close(self, abandon: bool = False) -> None:
        """Nothing to release."""

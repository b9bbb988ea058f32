"""Executors: where shards are processed. Each has `submit(fn, *args)` returning a future
(`.result()`) and `close()`; the runner keeps a few shards in flight and takes results in order,
so the output is the same whatever runs it.

- `local`: in this process, one shard after another.
- `processes`: a pool of worker processes on this machine (`--workers N`).
- `dask`: a `dask.distributed` cluster (`--executor dask [--scheduler ADDRESS]`).
"""
from __future__ import annotations

import traceback
from time import perf_counter
from typing import Any, Callable

from ..components import Stage
from ..document import Document, Rejected
from ..errors import DocumentError

Result = tuple[Document | Rejected, list[float]]


def process(stages: list[Stage], item: Document | Rejected, debug: bool = False) -> Result:
    """One document through every stage: the document, or why a stage rejected it; and stage times."""
    if isinstance(item, Rejected):
        return item, []
    times = []
    for stage in stages:
        started = perf_counter()
        try:
            item = stage.apply(item)
        except Exception as e:
            reason = str(e) if isinstance(e, DocumentError) else f"{type(e).__name__}: {e}"
            extra = {"traceback": traceback.format_exc()} if debug else {}
            meta = item.get("meta")
            source = meta.get("source") if isinstance(meta, dict) else None
            return Rejected(item.get("id"), source, reason, stage.name, extra), times
        times.append(perf_counter() - started)
    return item, times


class Done:
    """A result already computed."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class Local:
    """In this process: each shard is processed when submitted."""

    workers = 1

    def submit(self, fn: Callable, *args: Any) -> Done:
        return Done(fn(*args))

    def close(self) -> None:
        """Nothing to release."""

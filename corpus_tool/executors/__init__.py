"""Executors: how documents go through the stages (in this process, or in a pool of processes).

Every executor yields results in input order, so the output is the same whatever runs it.
"""
from __future__ import annotations

import traceback
from time import perf_counter
from typing import Iterable, Iterator

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
            source = (item.get("meta") or {}).get("source") if isinstance(item.get("meta"), dict) else None
            return Rejected(item.get("id"), source, reason, stage.name, extra), times
        times.append(perf_counter() - started)
    return item, times


def local(stages: list[Stage], items: Iterable[Document | Rejected], debug: bool = False) -> Iterator[Result]:
    """In this process, one document at a time."""
    for item in items:
        yield process(stages, item, debug)

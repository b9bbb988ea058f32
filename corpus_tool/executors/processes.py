"""A pool of worker processes on this machine, fed in small batches, results kept in input order."""
from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from ..components import Stage
from ..document import Document, Rejected
from . import Result, process

BATCH = 32
_stages: list[Stage] = []
_debug = False


def _start(stages: list[Stage], debug: bool) -> None:
    """Worker initialiser: the stages arrive once per worker and set themselves up on first use."""
    global _stages, _debug
    _stages, _debug = stages, debug


def _work(batch: list[Document | Rejected]) -> list[Result]:
    return [process(_stages, item, _debug) for item in batch]


def pool(stages: list[Stage], items: Iterable[Document | Rejected], workers: int, debug: bool = False) -> Iterator[Result]:
    """Process in `workers` processes; at most a few batches per worker are in flight (bounded memory)."""
    items = iter(items)
    with ProcessPoolExecutor(workers, initializer=_start, initargs=(stages, debug)) as executor:
        pending: deque = deque()
        while batch := list(islice(items, BATCH)):
            pending.append(executor.submit(_work, batch))
            if len(pending) >= 3 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

"""A pool of worker processes on this machine."""
from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable


class Processes:
    """`workers` processes; each builds the pipeline's stages once and reuses them for every shard."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers)

    def submit(self, fn: Callable, *args: Any) -> Future:
        return self.pool.submit(fn, *args)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)

"""A pool of worker processes on this machine."""
from __future__ import annotations

import ctypes
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable

from . import Task

PR_SET_PDEATHSIG = 1  # Linux prctl: a signal for this process when its parent dies


def _worker_start() -> None:
    """In each worker: signals are the main process's to handle (it lets the current shards finish),
    and on Linux a worker dies with the main process, even when that is killed outright."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _lost(error: BrokenProcessPool) -> str:
    return "a worker process died (killed by the system? out of memory?): check the system log"


class Processes:
    """`workers` processes; each builds the pipeline's stages once and reuses them for every shard."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers, initializer=_worker_start)

    def submit(self, fn: Callable, *args: Any) -> Task:
        return Task(self.pool.submit(fn, *args), (BrokenProcessPool,), _lost)

    def close(self, abandon: bool = False) -> None:
        """Wait for the workers to end; when `abandon`, stop the shards they are processing first, so a
        stop (SIGTERM) takes no longer than the current document, not the current shard."""
        if abandon:
            for process in list((self.pool._processes or {}).values()):  # no public way before Python 3.14
                process.kill()
        self.pool.shutdown(cancel_futures=True)

"""A Dask cluster: an existing `dask.distributed` scheduler, or a local cluster on this machine.

Workers need corpus-tool (and the pipeline's plugins) installed, and the output folder on a file
system they share with this process, since each shard's task writes its own part files there.
"""
from __future__ import annotations

from typing import Any, Callable

from . import Task
from ..errors import ConfigError
from ..extras import require


class Dask:
    """Shards as Dask tasks; `scheduler` is an address such as tcp://host:8786, or None for a local cluster."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        distributed = require("distributed", "dask", "--executor dask")
        Client, LocalCluster = distributed.Client, distributed.LocalCluster
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as e:
                raise ConfigError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({e})") from None
            self.cluster = None
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=50)
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def submit(self, fn: Callable, *args: Any) -> Task:
        from distributed import KilledWorker

        return Task(self.client.submit(fn, *args, pure=False), (KilledWorker,), _lost)

    def close(self, abandon: bool = False) -> None:
        """Disconnect (the scheduler then drops the shards no client waits for any more)."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _lost(error) -> str:
    worker = getattr(error.last_worker, "address", None) or "a Dask worker"
    return f"{worker}: this Dask worker was lost running a shard (and so were its retries): check its log (out of memory? killed?)"

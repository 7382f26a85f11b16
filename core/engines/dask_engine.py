"""The Dask engine: the same per-document function on a Dask distributed cluster.

``DaskEngine(jobs)`` starts a ``LocalCluster`` of ``jobs`` single-threaded worker processes (jieba is
not thread-safe); ``DaskEngine(address="tcp://host:8786")`` uses a running scheduler. Workers need
this project's ``core/`` (same code and data: the build refuses results from another extractor
version). Raw bytes travel with the tasks, so workers need no shared file system.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterable, Iterator, Optional, TypeVar

from core.corpus_store import settings

T = TypeVar("T")
R = TypeVar("R")


class DaskEngine:
    def __init__(self, jobs: int = 2, address: Optional[str] = None):
        from distributed import Client, LocalCluster
        self._cluster = None
        if address:
            self._client = Client(address)
        else:
            self._cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        from core.engines.local import warm_worker
        self._client.run(warm_worker)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        self._limit = self.workers * settings()["in_flight_per_worker"]

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        from distributed import as_completed
        it = iter(items)
        queue = as_completed()
        n = 0
        for item in it:
            queue.add(self._client.submit(fn, item, pure=False))
            n += 1
            if n >= self._limit:
                break
        for fut in queue:
            result = fut.result()
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                queue.add(self._client.submit(fn, nxt, pure=False))
            yield result

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

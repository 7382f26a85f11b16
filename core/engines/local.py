"""The local engines: serial (this process) and a pool of worker processes."""
from __future__ import annotations

import multiprocessing
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Callable, Iterable, Iterator, TypeVar

from core.corpus_store import settings

T = TypeVar("T")
R = TypeVar("R")


def warm_worker() -> None:
    """Build the tokenizer and converters once per worker, before its first document."""
    from core.script import get_converter
    from core.tokenizer import get_tokenizer
    get_tokenizer()
    for config in ("t2s", "tw2sp"):
        get_converter(config)


class SerialEngine:
    """Runs every item in this process, in order."""

    workers = 1

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        pass


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (Linux, no other thread yet: workers start at once, sharing the
    imported modules), else spawn."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class ProcessEngine:
    """A pool of ``jobs`` worker processes; at most ``in_flight_per_worker`` items each in flight."""

    def __init__(self, jobs: int):
        self.workers = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=warm_worker)
        self._limit = jobs * settings()["in_flight_per_worker"]

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        it = iter(items)
        running: set[Future] = set()
        for item in it:
            running.add(self._pool.submit(fn, item))
            if len(running) >= self._limit:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                nxt = next(it, None)
                if nxt is not None:
                    running.add(self._pool.submit(fn, nxt))
                yield fut.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

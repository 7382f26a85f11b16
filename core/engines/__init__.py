"""Engines that run the per-document build function: in this process, in worker processes, on Dask.

Every engine has ``workers`` and ``map_unordered(fn, items)`` (results as they finish, a bounded
number of items in flight) and ``close()``. ``core.build`` gives each one the same function
(``core.build.extract_batch``), so the store they build is the same.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
ENGINES = ("local", "dask")


class Engine(Protocol):
    workers: int

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


def make_engine(name: str = "local", jobs: int = 1, address: Optional[str] = None) -> Engine:
    """``local`` with ``jobs`` processes (1: this process), or ``dask`` (a scheduler ``address``, or
    a ``LocalCluster`` of ``jobs`` single-threaded worker processes)."""
    if name == "local":
        from core.engines.local import ProcessEngine, SerialEngine
        return SerialEngine() if jobs <= 1 else ProcessEngine(jobs)
    if name == "dask":
        from core.engines.dask_engine import DaskEngine
        return DaskEngine(jobs, address)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")

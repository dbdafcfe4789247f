"""Timing shared by the benchmark scripts: the least time of several runs."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

K = TypeVar("K")


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The least time of ``repeats`` runs, with the garbage collector off (as timeit does)."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def best_of_each(repeats: int, works: Mapping[K, Callable[[], object]]) -> dict[K, float]:
    """The least time of each of ``works`` over ``repeats`` rounds, taking turns in each.

    Run in turn rather than one after the other, the works share whatever else the
    machine is doing, so the ratios between them hold better than their times.
    """
    times: dict[K, list[float]] = {name: [] for name in works}
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            for name, work in works.items():
                start = time.perf_counter()
                work()
                times[name].append(time.perf_counter() - start)
    finally:
        gc.enable()
    return {name: min(values) for name, values in times.items()}

"""Timing shared by the benchmark scripts: the least time of several runs."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


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

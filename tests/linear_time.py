"""Is a function linear in its input's length? Compare its time on n and 4n in one run.

Timed tests with absolute bounds break on a busy machine; a ratio measured in the same run does not.
Linear cost gives a ratio near 4, quadratic near 16: the bound (10) is generous both ways. The time
is this process's CPU time with the garbage collector paused, so other processes sharing the cores
(parallel test runs, CI neighbours) and collection pauses do not enter the ratio.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

LINEAR_RATIO_BOUND = 10.0
_FLOOR = 0.002  # below 2 ms a measure is noise: the small input counts as taking at least this


def _best_of(fn: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
    finally:
        if enabled:
            gc.enable()
    return best


def growth_ratio(make: Callable[[int], object], run: Callable[[object], object], n: int,
                 repeats: int = 5) -> float:
    """Time of ``run(make(4n))`` over time of ``run(make(n))`` (best of ``repeats`` each)."""
    small, large = make(n), make(4 * n)
    run(small)  # warm caches (vocabularies, compiled patterns, lazily built tables)
    run(large)
    t_small = max(_best_of(lambda: run(small), repeats), _FLOOR)
    t_large = _best_of(lambda: run(large), repeats)
    return t_large / t_small

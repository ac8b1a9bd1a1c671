"""torch's thread count, chosen by timing the run's own training step, never by core count.

On a shared 2-core machine one thread can beat two by a wide margin (OpenMP's threads and
OpenBLAS's own threads contend, and other programs hold the cores), and the answer changes with the
model and the machine's load. So before a run starts, ``choose_threads`` times forward + backward
passes of the real model on a real batch at each candidate count (alternating, keeping each one's
fastest pass), restores the model exactly (weights, buffers, random state) and keeps the fastest.
OpenBLAS gets the same count as torch: ``torch.set_num_threads`` does not reach it.
"""
from __future__ import annotations

import ctypes
import os
import time
from typing import Callable, Dict, List, Optional, Tuple

import torch
import torch.nn as nn

SLOW_PASS_S = 1.0
BLAS_NAMES = (("openblas", "OpenBLAS"), ("mkl_rt", "MKL"), ("libmkl", "MKL"), ("blis", "BLIS"), ("accelerate", "Accelerate"))


def loaded_libraries() -> List[str]:
    try:
        with open("/proc/self/maps", "r", encoding="utf-8", errors="replace") as f:
            paths = {line.split()[-1] for line in f if "/" in line and ".so" in line}
    except OSError:
        return []
    return sorted(paths)


def blas_in_use() -> Tuple[str, Optional[str]]:
    """The BLAS this process really loaded, read from /proc/self/maps: (name, library path)."""
    libs = loaded_libraries()
    for needle, name in BLAS_NAMES:
        for path in libs:
            if needle in os.path.basename(path).lower():
                return name, path
    if not libs:
        return "unknown (no /proc/self/maps)", None
    blas = next((p for p in libs if "libblas" in os.path.basename(p)), None)
    return ("reference BLAS (netlib)" if blas else "none found"), blas


def _openblas_setter() -> Optional[Callable[[int], None]]:
    name, path = blas_in_use()
    if name != "OpenBLAS" or path is None:
        return None
    try:
        fn = ctypes.CDLL(path).openblas_set_num_threads
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int]
    return lambda n: fn(n)


def set_threads(n: int) -> None:
    torch.set_num_threads(n)
    setter = _openblas_setter()
    if setter is not None:
        setter(n)


def candidates() -> List[int]:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return list(range(1, min(cores, 4) + 1))


def choose_threads(model: nn.Module, one_pass: Callable[[], None], budget_s: float = 0.25) -> Tuple[int, Dict[int, float]]:
    """Times ``one_pass`` (forward + backward of the real model) at each candidate count.

    Returns the fastest count and each count's best ms per pass (no timings when one pass takes
    over a second: then torch's own default stands). The model's weights, buffers
    (running statistics) and torch's random state are restored, and gradients cleared, so the
    run that follows starts exactly as it would have.
    """
    counts = candidates()
    if len(counts) == 1:
        set_threads(1)
        return 1, {}
    default = torch.get_num_threads()  # torch's own choice (physical cores)
    saved = {k: v.detach().clone() for k, v in model.state_dict().items()}
    rng = torch.get_rng_state()
    best: Dict[int, float] = {n: float("inf") for n in counts}
    deadline = time.perf_counter() + budget_s
    try:
        for n in counts:  # one warm-up pass each (allocator, thread pools)
            set_threads(n)
            t0 = time.perf_counter()
            one_pass()
            if n == counts[0] and time.perf_counter() - t0 > SLOW_PASS_S:
                # Timing every count would delay the first step by seconds: keep torch's choice.
                set_threads(default)
                return default, {}
        rounds = 0
        while rounds < 1 or (time.perf_counter() < deadline and rounds < 8):
            for n in counts:
                set_threads(n)
                t0 = time.perf_counter()
                one_pass()
                best[n] = min(best[n], (time.perf_counter() - t0) * 1000.0)
            rounds += 1
    finally:
        model.load_state_dict(saved)
        model.zero_grad(set_to_none=True)
        torch.set_rng_state(rng)
    chosen = min(counts, key=lambda n: best[n])
    set_threads(chosen)
    return chosen, best

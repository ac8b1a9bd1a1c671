"""Instrumentation of a training step, the same figures the TensorFlow.js trainer reports.

- ``ActivationTap``: forward hooks on a model's layer rows for one step (mean, std and the
  fraction of dead ReLU units of each call's output). Registered on ``__enter__`` and removed on
  ``__exit__`` (``RemovableHandle``), so no hook stays on the model between instrumented steps.
- ``gradient_stats`` / ``update_stats``: per parameter, the gradient's L2 norm and max-abs (taken
  before the optimizer step, which may reuse the buffers), the weight norm and the update/weight
  ratio ‖Δw‖/‖w‖ after it.
- ``StatsBudget``: how many steps get those figures (per parameter, per layer) when they would
  cost more than a share of a very short step.

All statistics stay tensors until the step reads them back together.
"""
from __future__ import annotations

import contextlib
import time
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

import torch
import torch.nn as nn

from .layers import call_name, first_tensor


class ActivationTap:
    """Activation statistics of one step's forward passes, one row per layer call."""

    def __init__(self, rows: Sequence[Tuple[str, nn.Module]], known_names: Set[str], when: Optional[Callable[[nn.Module], bool]] = None,
                 budget: Optional["StatsBudget"] = None) -> None:
        self.rows = rows
        self.budget = budget  # charged with the time the hooks spend
        self.known = known_names
        self.when = when  # which calls count (the script probe skips evaluation passes)
        self.names: List[str] = []
        self.stats: List[torch.Tensor] = []
        self.relu: List[bool] = []
        self._counts: Dict[int, int] = {}
        self._handles: list = []

    def _hook(self, path: str):
        def hook(module: nn.Module, _inputs: object, output: object) -> None:
            if self.when is not None and not self.when(module):
                return
            n = self._counts.get(id(module), 0) + 1
            self._counts[id(module)] = n
            name = call_name(path, n)
            t = first_tensor(output)
            if name not in self.known or t is None or not t.is_floating_point() or t.numel() == 0:
                return
            with torch.no_grad(), (self.budget.timed() if self.budget is not None else _NOT_TIMED):
                x = t.detach()
                flat = x.reshape(x.shape[0], -1) if x.dim() > 1 else x.reshape(1, -1)
                # A unit is dead when it is ≤ 0 for every example of the batch.
                dead = (flat.amax(0) <= 0).float().mean()
                mean = x.float().mean()
                # Population std, written out: `unbiased=` is deprecated in torch 2.x, `correction=` absent from old releases.
                std = (x.float() - mean).pow(2).mean().sqrt()
                self.stats.append(torch.stack([mean, std, dead]))
            self.names.append(name)
            self.relu.append(isinstance(module, nn.ReLU))
        return hook

    def __enter__(self) -> "ActivationTap":
        self._handles = [m.register_forward_hook(self._hook(p)) for p, m in self.rows]
        return self

    def __exit__(self, *_exc: object) -> None:
        for h in self._handles:
            h.remove()
        self._handles = []

    def read(self) -> Optional[Tuple[List[str], List[float], List[float], List[float]]]:
        if not self.stats:
            return None
        values = torch.stack(self.stats).tolist()
        mean = [v[0] for v in values]
        std = [v[1] for v in values]
        dead = [v[2] if relu else -1.0 for v, relu in zip(values, self.relu)]
        return self.names, mean, std, dead


def _foreach_norm(tensors: List[torch.Tensor], order: float) -> Optional[List[torch.Tensor]]:
    """torch's multi-tensor norm (one dispatch for all parameters, in 1.13 and 2.x); None if absent."""
    fn = getattr(torch, "_foreach_norm", None)
    if fn is None or not tensors or any(t.dtype != torch.float32 for t in tensors):
        return None
    try:
        return list(fn(tensors, order))
    except (RuntimeError, TypeError):
        return None


def norms(tensors: Sequence[torch.Tensor]) -> torch.Tensor:
    """[n]: the L2 norm of each tensor."""
    if not tensors:
        return torch.zeros(0)
    detached = [t.detach() for t in tensors]
    fast = _foreach_norm(detached, 2.0)
    if fast is not None:
        return torch.stack(fast)
    return torch.stack([torch.linalg.vector_norm(t.float()) for t in detached])


def max_abs(tensors: Sequence[torch.Tensor]) -> torch.Tensor:
    """[n]: the largest magnitude in each tensor (one pass each: aminmax, ~5× cheaper than an inf-norm)."""
    if not tensors:
        return torch.zeros(0)
    pairs = [torch.aminmax(t.detach()) for t in tensors]
    lows = torch.stack([p[0] for p in pairs]).float()
    highs = torch.stack([p[1] for p in pairs]).float()
    return torch.maximum(highs, -lows)


def gradient_stats(params: Sequence[nn.Parameter]) -> torch.Tensor:
    """[n, 2]: each parameter's gradient L2 norm and max-abs (zeros where it got no gradient)."""
    grads = [p.grad if p.grad is not None else torch.zeros(1, dtype=p.dtype) for p in params]
    if not grads:
        return torch.zeros(0, 2)
    return torch.stack([norms(grads), max_abs(grads)], dim=1)


def snapshot(params: Sequence[nn.Parameter]) -> List[torch.Tensor]:
    return [p.detach().clone() for p in params]


def update_stats(params: Sequence[nn.Parameter], before: Sequence[torch.Tensor]) -> torch.Tensor:
    """[n, 2]: each parameter's weight norm after the step and ‖w − w_before‖ / ‖w‖.

    ``before`` (the snapshot) is overwritten with the update: it is not needed afterwards.
    """
    if not params:
        return torch.zeros(0, 2)
    now = [p.detach() for p in params]
    w = norms(now)
    deltas = list(before)
    try:
        torch._foreach_sub_(deltas, now)  # one dispatch for all parameters (1.13 and 2.x)
    except (AttributeError, RuntimeError, TypeError):
        for d, p in zip(deltas, now):
            d.sub_(p)
    d = norms(deltas)
    return torch.stack([w, d / (w + 1e-12)], dim=1)


class StatsBudget:
    """Keeps one kind of statistics (per parameter, or per layer) within ``share`` of the step's time.

    They are memory-bound (a norm, a max-abs, a copy and two more norms over every parameter): on a
    model with large layers and a very short step (the sample CNN on one core: about 0.7 ms of
    statistics for a 6.3 ms step) taking them on every step would cost more than the share; then
    they are taken on as many steps as the share pays for, spread evenly, and the other steps have
    none (each event carries its step). The first ``always_first`` steps and a single step asked
    for while paused always have them. The document's recurrent networks get them on every step,
    its Transformer (68 parameters, 33 ms steps) on 8–9 steps in 10, the CNN on about 6 in 10.
    """

    def __init__(self, share: float, always_first: int = 20) -> None:
        self.share = share
        self.always_first = always_first
        self.taken = 0
        self.skipped = 0
        self.cost_s = 0.0  # recent cost of one step's statistics (moving average)
        self.allowance_s = 0.0
        self._spent_s = 0.0

    @classmethod
    def for_parameters(cls) -> "StatsBudget":
        """Gradient norms, max-abs, weight norms and update ratios: 5 % of the step."""
        return cls(0.05)

    @classmethod
    def for_layers(cls) -> "StatsBudget":
        """Activation statistics (due every few steps): 2 % of the step; the first two due always."""
        return cls(0.02, always_first=2)

    def allow(self, forced: bool = False) -> bool:
        """Whether this step gets the statistics; call once per step that is due for them."""
        ok = forced or self.taken < self.always_first or self.allowance_s >= self.cost_s
        if not ok:
            self.skipped += 1
        return ok

    def timed(self) -> "_Timed":
        """``with budget.timed(): …`` around the statistics' own work."""
        return _Timed(self)

    def charge(self, seconds: float) -> None:
        """Time the statistics took during the current step."""
        self._spent_s += seconds

    def step_done(self, step_s: float, took: bool) -> None:
        """One training step ended (``step_s``: its wall time, statistics included)."""
        spent, self._spent_s = self._spent_s, 0.0
        if took:
            self.taken += 1
            self.cost_s = spent if self.taken == 1 else 0.8 * self.cost_s + 0.2 * spent
            self.allowance_s -= spent
        # What the share of this step pays for; capped so a long pause does not buy a burst.
        self.allowance_s = min(self.allowance_s + self.share * max(step_s - spent, 0.0), 2 * self.cost_s)


class _Timed:
    """Adds the time spent inside the block to the budget's current step."""

    def __init__(self, budget: StatsBudget) -> None:
        self.budget = budget
        self.t0 = 0.0

    def __enter__(self) -> None:
        self.t0 = time.perf_counter()

    def __exit__(self, *_exc: object) -> None:
        self.budget.charge(time.perf_counter() - self.t0)


_NOT_TIMED = contextlib.nullcontext()

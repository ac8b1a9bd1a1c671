"""Instrumentation of a training step, the same figures the TensorFlow.js trainer reports.

- ``ActivationTap``: forward hooks on a model's layer rows for one step (mean, std and the
  fraction of dead ReLU units of each call's output). Registered on ``__enter__`` and removed on
  ``__exit__`` (``RemovableHandle``), so no hook stays on the model between instrumented steps.
- ``gradient_stats`` / ``update_stats``: per parameter, the gradient's L2 norm and max-abs (taken
  before the optimizer step, which may reuse the buffers), the weight norm and the update/weight
  ratio ‖Δw‖/‖w‖ after it.

All statistics stay tensors until the step reads them back together.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple

import torch
import torch.nn as nn

from .layers import call_name, first_tensor


class ActivationTap:
    """Activation statistics of one step's forward passes, one row per layer call."""

    def __init__(self, rows: Sequence[Tuple[str, nn.Module]], known_names: Set[str]) -> None:
        self.rows = rows
        self.known = known_names
        self.names: List[str] = []
        self.stats: List[torch.Tensor] = []
        self.relu: List[bool] = []
        self._counts: Dict[int, int] = {}
        self._handles: list = []

    def _hook(self, path: str):
        def hook(module: nn.Module, _inputs: object, output: object) -> None:
            n = self._counts.get(id(module), 0) + 1
            self._counts[id(module)] = n
            name = call_name(path, n)
            t = first_tensor(output)
            if name not in self.known or t is None or not t.is_floating_point() or t.numel() == 0:
                return
            with torch.no_grad():
                x = t.detach()
                flat = x.reshape(x.shape[0], -1) if x.dim() > 1 else x.reshape(1, -1)
                # A unit is dead when it is ≤ 0 for every example of the batch.
                dead = (flat.amax(0) <= 0).float().mean()
                self.stats.append(torch.stack([x.mean(), x.std(unbiased=False), dead]))
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


def _norms(tensors: Sequence[torch.Tensor]) -> torch.Tensor:
    return torch.stack([torch.linalg.vector_norm(t.detach().float()) for t in tensors])


def gradient_stats(params: Sequence[nn.Parameter]) -> torch.Tensor:
    """[n, 2]: each parameter's gradient L2 norm and max-abs (zeros where it got no gradient)."""
    rows = []
    for p in params:
        g = p.grad
        if g is None:
            rows.append(torch.zeros(2))
        else:
            g = g.detach().float()
            rows.append(torch.stack([torch.linalg.vector_norm(g), torch.linalg.vector_norm(g, ord=float("inf"))]))
    return torch.stack(rows) if rows else torch.zeros(0, 2)


def snapshot(params: Sequence[nn.Parameter]) -> List[torch.Tensor]:
    return [p.detach().clone() for p in params]


def update_stats(params: Sequence[nn.Parameter], before: Sequence[torch.Tensor]) -> torch.Tensor:
    """[n, 2]: each parameter's weight norm after the step and ‖w − w_before‖ / ‖w‖."""
    if not params:
        return torch.zeros(0, 2)
    w = _norms(params)
    d = torch.stack([torch.linalg.vector_norm((p.detach() - b).float()) for p, b in zip(params, before)])
    return torch.stack([w, d / (w + 1e-12)], dim=1)

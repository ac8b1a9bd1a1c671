"""What the script probe watches in a person's unmodified training script, through PyTorch's global
entry points only (torch 1.13 and 2.x):

- ``Optimizer.step``, wrapped at the class of every optimizer the script builds (``Optimizer.__init__``
  is wrapped to find the classes; 1.13 has no global step hook). A step is where the run pauses, where
  gradients are read (before the update, after DDP's all-reduce) and where update/weight ratios are
  taken (after it).
- ``Tensor.backward`` / ``torch.autograd.backward``: the scalar that was differentiated is the loss.
- global module forward (pre-)hooks, only until the models are found: the outermost modules called
  in a training forward (grad enabled, ``module.training``) whose parameters an optimizer owns are
  the models; each leaf's output shape comes from that same forward. Then the global hooks go and
  only per-model hooks stay (batch size, evaluation passes), all removed by ``uninstall``.

Training vs evaluation: a forward of a model in ``eval()`` mode or under ``torch.no_grad()`` is an
evaluation pass; it is counted, never taken as a training step, and its activations are not sampled.

Attention maps, on the visuals cadence, from the next training forward:
- every ``nn.MultiheadAttention``: its forward is called with ``need_weights=True,
  average_attn_weights=False`` for that one pass (an instance attribute, deleted afterwards) and the
  output the caller asked for is returned unchanged; kind: self-attention when query is key, masked
  (decoder) self-attention when its ``attn_mask`` hides exactly the upper triangle, else cross. The
  weights are those the layer applied in that step, so after attention dropout when it has some.
- a module of the person's own whose class name contains "attention" (and holds no
  ``nn.MultiheadAttention``): the last softmax over the last dimension of a ≥ 3-D tensor computed
  inside its forward (``torch.softmax``, ``F.softmax``, ``Tensor.softmax``, patched for that one
  pass) is its map, ``[batch, heads, queries, keys]`` or ``[batch, queries, keys]``; it is
  cross-attention when the map is rectangular or the module's first two tensor arguments (query,
  key) are different tensors, else self-attention, masked when its upper triangle is zero.
The first example of the batch is shown, at most ``MAX_POSITIONS`` queries and keys.
"""
from __future__ import annotations

import gc
import sys
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

from . import hooks as stats
from .layers import LayerCall, call_name, first_tensor
from .protocol import F32, finite_or_none, log_event, now_ms

Emit = Callable[[Dict[str, Any]], None]
MAX_POSITIONS = 64


class ScriptStopped(BaseException):
    """Raised inside the script's optimizer step when Stop was asked for (a BaseException, so the
    script's own ``except Exception`` cannot swallow it)."""


def _unwrap(module: nn.Module) -> nn.Module:
    """DistributedDataParallel / DataParallel hold the person's model in ``.module``."""
    inner = getattr(module, "module", None)
    if isinstance(inner, nn.Module) and type(module).__module__.startswith("torch.nn.parallel"):
        return inner
    return module


def script_rows(model: nn.Module) -> List[Tuple[str, nn.Module]]:
    """The layer rows of a model in a person's script: every module without children, every
    ``nn.MultiheadAttention`` (its ``out_proj`` is part of it), and every other module that holds
    parameters of its own (a learned position table, an attention query) as a row for just those;
    containers, torch's composite layers (``nn.TransformerEncoderLayer``) and the person's blocks are
    walked through, so each parameter belongs to exactly one row. The model itself is a row (named
    by its class) only when it holds parameters of its own."""
    rows: List[Tuple[str, nn.Module]] = []
    if next(model.children(), None) is None or any(True for _ in model.parameters(recurse=False)):
        rows.append(("", model))

    def visit(prefix: str, module: nn.Module) -> None:
        for name, child in module.named_children():
            path = f"{prefix}.{name}" if prefix else name
            if isinstance(child, nn.MultiheadAttention) or next(child.children(), None) is None:
                rows.append((path, child))
            else:
                if any(True for _ in child.parameters(recurse=False)):
                    rows.append((path, child))
                visit(path, child)

    visit("", model)
    return rows


def _own_params(module: nn.Module) -> int:
    """A row's parameters: all of a leaf's (or an attention layer's), only its own for a parent."""
    if isinstance(module, nn.MultiheadAttention) or next(module.children(), None) is None:
        return sum(p.numel() for p in module.parameters())
    return sum(p.numel() for p in module.parameters(recurse=False))


@dataclass
class Model:
    """One trained model: its name in the script, its layer rows and their calls."""

    name: str
    root: nn.Module  # what the script calls (maybe a DDP wrapper)
    module: nn.Module  # the person's model
    calls: List[LayerCall]
    rows: List[Tuple[str, nn.Module]]
    prefix: str = ""
    handles: list = field(default_factory=list)


@dataclass
class Phase:
    """One optimizer of the script: a loss phase of the run."""

    optimizer: Any
    name: str
    params: List[nn.Parameter]
    index: List[int]  # positions of its parameters among the run's variables
    steps: int = 0
    losses: List[float] = field(default_factory=list)


class ScriptWatch:
    def __init__(self, emit: Emit, cadence: Dict[str, int], gate: Callable[[], bool], on_started: Callable[[Dict[str, Any]], None],
                 is_user_file: Callable[[str], bool], line_of: Callable[[nn.Module, str, str], Tuple[Optional[str], Optional[int]]]) -> None:
        self.emit = emit
        self.cadence = cadence
        self.gate = gate
        self.on_started = on_started
        self.is_user_file = is_user_file
        self.line_of = line_of
        self.lock = threading.RLock()
        self._undo: List[Callable[[], None]] = []
        self._global_handles: list = []
        # discovery
        self.optimizers: List[Any] = []  # every optimizer built, in order
        self.phases: Dict[int, Phase] = {}
        self.roots: Dict[int, nn.Module] = {}  # outermost modules of training forwards, by id
        self.records: Dict[int, List[Tuple[int, List[int]]]] = {}  # root id → (module id, output shape) in call order
        self.depth = 0
        self._root: Optional[int] = None
        self.root_batch: Dict[int, int] = {}
        self.models: List[Model] = []
        self.variables: List[Tuple[str, str, nn.Parameter]] = []
        self.started = False
        self.late: Set[int] = set()
        # per step
        self.step = 0
        self.pending_loss: Optional[float] = None
        self.backward_calls = 0
        self.batch: Optional[int] = None
        self.samples = 0
        self.eval_batches = 0
        self.evaluating = 0
        self.eval_started_step = 0
        self.train_started_at: Optional[float] = None
        self.metrics_at = 0.0
        self.metrics_samples = 0
        self.metrics_step = 0
        self.grad = torch.zeros(0, 2)
        self.update = torch.zeros(0, 2)
        self.have_grads = False
        self.snapshots: Dict[int, List[torch.Tensor]] = {}
        # Statistics within a share of the script's step, as in the engine (hooks.StatsBudget).
        self.grad_budget = stats.StatsBudget.for_parameters()
        self.acts_budget = stats.StatsBudget.for_layers()
        self.grads_decided: Tuple[int, bool] = (-1, False)
        self.acts_armed_at = -1
        self.step_ended_at: Optional[float] = None
        self.tap: Optional[List[stats.ActivationTap]] = None
        self.visuals_at = 0.0
        self.attention: Optional["AttentionCapture"] = None
        self.first_step_at: Optional[float] = None
        self.in_step = threading.local()

    # ─── install / uninstall ──────────────────────────────────────────────────────────────────
    def install(self) -> None:
        watch = self
        opt_init = torch.optim.Optimizer.__init__

        def init(opt: Any, *args: Any, **kwargs: Any) -> None:
            opt_init(opt, *args, **kwargs)
            watch._optimizer_built(opt)

        self._patch(torch.optim.Optimizer, "__init__", init)

        tensor_backward = torch.Tensor.backward
        autograd_backward = torch.autograd.backward

        def backward(tensor: torch.Tensor, *args: Any, **kwargs: Any) -> Any:
            watch._backward(tensor)
            return tensor_backward(tensor, *args, **kwargs)

        def autograd(tensors: Any, *args: Any, **kwargs: Any) -> Any:
            if not getattr(watch.in_step, "backward", False):
                watch._backward(tensors)
            return autograd_backward(tensors, *args, **kwargs)

        def backward_outer(tensor: torch.Tensor, *args: Any, **kwargs: Any) -> Any:
            watch.in_step.backward = True
            try:
                return backward(tensor, *args, **kwargs)
            finally:
                watch.in_step.backward = False

        self._patch(torch.Tensor, "backward", backward_outer)
        self._patch(torch.autograd, "backward", autograd)
        self._install_global_hooks()

    def uninstall(self) -> None:
        self._remove_global_hooks()
        for m in self.models:
            for h in m.handles:
                h.remove()
            m.handles = []
        if self.tap:
            for t in self.tap:
                t.__exit__()
            self.tap = None
        if self.attention is not None:
            self.attention.disarm()
            self.attention = None
        while self._undo:
            self._undo.pop()()

    def _patch(self, owner: Any, name: str, value: Any) -> None:
        had = name in vars(owner)
        old = vars(owner).get(name)
        setattr(owner, name, value)

        def undo() -> None:
            if had:
                setattr(owner, name, old)
            else:
                try:
                    delattr(owner, name)
                except AttributeError:
                    pass
        self._undo.append(undo)

    def _install_global_hooks(self) -> None:
        from torch.nn.modules import module as mm

        self._global_handles = [mm.register_module_forward_pre_hook(self._pre), mm.register_module_forward_hook(self._post)]

    def _remove_global_hooks(self) -> None:
        for h in self._global_handles:
            h.remove()
        self._global_handles = []

    # ─── discovery ────────────────────────────────────────────────────────────────────────────
    def _optimizer_built(self, opt: Any) -> None:
        cls = type(opt)
        step = cls.step
        if not getattr(step, "_model_lens", False):
            watch = self

            def wrapped(o: Any, *args: Any, **kwargs: Any) -> Any:
                if getattr(watch.in_step, "depth", 0):
                    return step(o, *args, **kwargs)
                watch.in_step.depth = 1
                try:
                    watch.before_step(o)
                    out = step(o, *args, **kwargs)
                    watch.after_step(o)
                    return out
                finally:
                    watch.in_step.depth = 0

            wrapped._model_lens = True  # type: ignore[attr-defined]
            wrapped.hooked = True  # type: ignore[attr-defined]  # torch's profiler wrapper: already wrapped
            self._patch(cls, "step", wrapped)
        with self.lock:
            self.optimizers.append(weakref.ref(opt))

    def _pre(self, module: nn.Module, inputs: Any) -> None:
        if self.depth == 0:
            self._root = None
            if module.training and torch.is_grad_enabled():
                self.roots[id(module)] = module
                self.records[id(module)] = []
                self._root = id(module)
                t = first_tensor(inputs)
                if t is not None and t.dim() > 0:
                    self.root_batch[id(module)] = int(t.shape[0])
        self.depth += 1

    def _post(self, module: nn.Module, _inputs: Any, output: Any) -> None:
        self.depth = max(0, self.depth - 1)
        root = getattr(self, "_root", None)
        if root is None or not torch.is_grad_enabled():
            return
        t = first_tensor(output)
        rec = self.records.get(root)
        if rec is not None and len(rec) < 100_000:
            rec.append((id(module), [int(d) for d in t.shape] if t is not None else []))
        if self.depth == 0:
            self._root = None

    def _backward(self, tensors: Any) -> None:
        self.depth = 0  # a forward that raised left its pre-hook count behind
        t = tensors if isinstance(tensors, torch.Tensor) else (tensors[0] if isinstance(tensors, (list, tuple)) and tensors and isinstance(tensors[0], torch.Tensor) else None)
        self.backward_calls += 1
        if t is not None and t.numel() == 1:
            self.pending_loss = float(t.detach())

    def _name_in_caller(self, module: nn.Module, fallback: str) -> str:
        """The script's own name for the model: a local or global of the frame that called step()."""
        frame = sys._getframe(1)
        for _ in range(12):
            if frame is None:
                break
            if self.is_user_file(frame.f_code.co_filename):
                for scope in (frame.f_locals, frame.f_globals):
                    for k, v in list(scope.items()):
                        if (v is module or (isinstance(v, nn.Module) and _unwrap(v) is module)) and not k.startswith("_"):
                            return k
            frame = frame.f_back
        return fallback

    def _models_of(self, opt: Any) -> List[nn.Module]:
        owned = {id(p) for g in opt.param_groups for p in g["params"]}
        found = [m for m in self.roots.values() if any(id(p) in owned for p in m.parameters())]
        if found:
            return found
        # The model was never called through __call__ (model.forward(x)): the outermost modules that hold its parameters.
        holders = [o for o in gc.get_objects() if isinstance(o, nn.Module) and not type(o).__module__.startswith("torch.nn.parallel")
                   and any(id(p) in owned for p in o.parameters())]
        inner = {id(s) for o in holders for s in o.modules() if s is not o}
        return [o for o in holders if id(o) not in inner]

    def _discover(self, opt: Any) -> Phase:
        params = [p for g in opt.param_groups for p in g["params"] if isinstance(p, torch.Tensor)]
        phase = Phase(opt, type(opt).__name__, params, [])
        self.phases[id(opt)] = phase
        if self.started:
            self.late.add(id(opt))
            self.emit(log_event("warn", f"a {type(opt).__name__} optimizer started stepping after the run's models were found; its model is not shown"))
            return phase
        known = {id(m.module) for m in self.models}
        for root in self._models_of(opt):
            model = _unwrap(root)
            if id(model) in known:
                continue
            known.add(id(model))
            self.models.append(self._model(root, model))
        return phase

    def _model(self, root: nn.Module, model: nn.Module) -> Model:
        name = self._name_in_caller(root, type(model).__name__)
        rows = script_rows(model)
        path_of = {id(m): p for p, m in rows}
        by_path = dict(rows)
        label = type(model).__name__

        def named(path: str, n: int) -> str:
            return call_name(path or label, n)
        counts: Dict[int, int] = {}
        calls: List[LayerCall] = []
        for mid, shape in self.records.get(id(root), []):
            path = path_of.get(mid)
            if path is None:
                continue
            module = by_path[path]
            n = counts.get(mid, 0) + 1
            counts[mid] = n
            out: List[Optional[int]] = list(shape)
            if out:
                out[0] = None
            calls.append(LayerCall(named(path, n), path, module, type(module).__name__, out, _own_params(module) if n == 1 else 0, None))
        for path, module in rows:
            if id(module) not in counts:
                calls.append(LayerCall(named(path, 1), path, module, type(module).__name__, [], _own_params(module), None))
        return Model(name, root, model, calls, rows)

    def _start(self) -> None:
        """Every optimizer seen so far has its models: the run's layers and variables are fixed."""
        self.started = True
        if self.models:
            self.batch = self.root_batch.get(id(self.models[0].root))
        self._remove_global_hooks()
        grouped = len(self.models) > 1
        owned = {id(p) for ph in self.phases.values() for p in ph.params}
        for m in self.models:
            m.prefix = f"{m.name}." if grouped else ""
            for c in m.calls:
                c.name = m.prefix + c.name
            first_call: Dict[str, str] = {}
            for c in m.calls:
                first_call.setdefault(c.path, c.name)
            rows_by_len = sorted((r for r in first_call if r), key=len, reverse=True)
            for pname, p in m.module.named_parameters():
                if id(p) not in owned or not p.requires_grad:
                    continue
                # the longest row path that is the parameter's own module ("pool" holds pool.query, not pool.key.weight)
                holder = pname.rsplit(".", 1)[0] if "." in pname else ""
                owner = first_call.get(holder) or next((first_call[r] for r in rows_by_len if pname.startswith(r + ".")), None) \
                    or first_call.get("") or (m.calls[0].name if m.calls else m.name)
                self.variables.append((m.prefix + pname, owner, p))
            m.handles.append(m.root.register_forward_pre_hook(self._model_input))
        index = {id(p): i for i, (_, _, p) in enumerate(self.variables)}
        for ph in self.phases.values():
            ph.index = [index.get(id(p), -1) for p in ph.params]
        n = len(self.variables)
        self.grad = torch.zeros(n, 2)
        self.update = torch.zeros(n, 2)
        layers = []
        for m in self.models:
            for c in m.calls:
                file, line = self.line_of(m.module, c.path, m.name)
                info = c.info()
                info["line"] = line
                if file is not None:
                    info["file"] = file
                layers.append(info)
        self.on_started({
            "layers": layers,
            "variables": [{"name": name, "layer": layer, "shape": list(p.shape)} for name, layer, p in self.variables],
            "phases": [ph.name for ph in self.ordered_phases()],
            "models": [{"name": m.name, "class": type(m.module).__name__, "wrapper": type(m.root).__name__ if m.root is not m.module else None,
                        "params": sum(p.numel() for p in m.module.parameters())} for m in self.models],
            "optimizers": [{"class": type(ph.optimizer).__name__, "lr": self._lr(ph.optimizer)} for ph in self.ordered_phases()],
            "batch": self.batch,
        })

    def ordered_phases(self) -> List[Phase]:
        return [p for p in self.phases.values() if id(p.optimizer) not in self.late]

    def _model_input(self, module: nn.Module, inputs: Any) -> None:
        t = first_tensor(inputs)
        if module.training and torch.is_grad_enabled():
            self.end_evaluation()
            if t is not None and t.dim() > 0:
                self.batch = int(t.shape[0])
        else:
            if self.evaluating == 0:
                self.eval_started_step = self.step
            self.evaluating += 1
            self.eval_batches += 1

    def end_evaluation(self) -> None:
        """An evaluation pass (model.eval() or torch.no_grad()) ended: say so; it was not training."""
        if self.evaluating:
            n, self.evaluating = self.evaluating, 0
            self.emit(log_event("info", f"evaluation after step {self.eval_started_step}: {n} forward pass{'es' if n != 1 else ''} "
                                        "in eval mode or under no_grad (not counted as training)"))

    @staticmethod
    def _lr(opt: Any) -> Optional[float]:
        try:
            return finite_or_none(float(opt.param_groups[0]["lr"]))
        except (KeyError, IndexError, TypeError, ValueError):
            return None

    # ─── the step ─────────────────────────────────────────────────────────────────────────────
    def before_step(self, opt: Any) -> None:
        with self.lock:
            phase = self.phases.get(id(opt)) or self._discover(opt)
            if not self.started:
                alive = [r() for r in self.optimizers]
                primary = next(iter(self.phases.values()))
                if all(o is None or id(o) in self.phases for o in alive) or primary.steps >= 1:
                    self._start()
        if not self.gate():
            raise ScriptStopped()
        if self.first_step_at is None:
            self.first_step_at = time.monotonic()
        if phase.losses is not None and self.pending_loss is not None:
            phase.losses.append(self.pending_loss)
        self.pending_loss = None
        if not self.started or id(opt) in self.late:
            return
        primary = phase is self.ordered_phases()[0]
        if primary:
            self._collect_visuals()
        if self._grads_due():
            with self.grad_budget.timed():
                params = [p for p, i in zip(phase.params, phase.index) if i >= 0]
                g = stats.gradient_stats(params)
                idx = [i for i in phase.index if i >= 0]
                if idx:
                    self.grad[idx] = g
                self.snapshots[id(opt)] = stats.snapshot(params)

    def _grads_due(self) -> bool:
        """Whether this step gets per-parameter statistics: the cadence, within the budget; decided
        once per step, so every optimizer of a step (a GAN's two) gets the same answer."""
        if self.grads_decided[0] != self.step:
            due = self.cadence.get("gradientsEverySteps", 0)
            self.grads_decided = (self.step, bool(due) and (self.step + 1) % due == 0 and self.grad_budget.allow())
        return self.grads_decided[1]

    def after_step(self, opt: Any) -> None:
        phase = self.phases.get(id(opt))
        if phase is None:
            return
        phase.steps += 1
        if id(opt) in self.late:
            return
        before = self.snapshots.pop(id(opt), None)
        if before is not None and self.started:
            with self.grad_budget.timed():
                params = [p for p, i in zip(phase.params, phase.index) if i >= 0]
                idx = [i for i in phase.index if i >= 0]
                if idx:
                    self.update[idx] = stats.update_stats(params, before)
            self.have_grads = True
        if phase is not self.ordered_phases()[0]:
            return
        self.step += 1
        if self.batch:
            self.samples += self.batch
        now = time.monotonic()
        if self.step_ended_at is not None:  # the script's whole step: its data, forward, backward, step
            self.grad_budget.step_done(now - self.step_ended_at, self.grads_decided == (self.step - 1, True))
            self.acts_budget.step_done(now - self.step_ended_at, self.acts_armed_at == self.step - 1)
        self.step_ended_at = now
        if self.train_started_at is None:
            self.train_started_at = now
            self.metrics_at = now
        if not self.started:
            return
        every = self.cadence.get("metricsEverySteps", 1) or 1
        if self.step % every == 0 and (now - self.metrics_at) * 1000 >= self.cadence.get("minIntervalMs", 0):
            self._metrics(now)
        if self.have_grads:
            self.have_grads = False
            self.emit({"kind": "gradients", "t": now_ms(), "step": self.step, "gradNorm": F32(self.grad[:, 0]), "gradMaxAbs": F32(self.grad[:, 1]),
                       "weightNorm": F32(self.update[:, 0]), "updateRatio": F32(self.update[:, 1])})
        self._arm_visuals(now)

    def _metrics(self, now: float) -> None:
        phases = self.ordered_phases()
        loss = [sum(p.losses) / len(p.losses) if p.losses else None for p in phases]
        for p in phases:
            p.losses = []
        dt = now - self.metrics_at
        rate = (self.samples - self.metrics_samples) / dt if dt > 0 and self.samples > self.metrics_samples else None
        self.metrics_at, self.metrics_samples, self.metrics_step = now, self.samples, self.step
        train: Dict[str, Optional[float]] = {"lr": self._lr(phases[0].optimizer)}
        self.emit({"kind": "metrics", "t": now_ms(), "step": self.step, "epoch": 0, "loss": [finite_or_none(x) for x in loss], "train": train,
                   "samplesPerSec": finite_or_none(rate)})

    def flush_metrics(self) -> None:
        if self.started and self.step > self.metrics_step:
            self._metrics(time.monotonic())

    def throughput(self) -> Optional[float]:
        if self.train_started_at is None or self.samples == 0:
            return None
        dt = time.monotonic() - self.train_started_at
        return self.samples / dt if dt > 0 else None

    # ─── activations and attention (armed after a step for the next training forward) ─────────
    def _arm_visuals(self, now: float) -> None:
        every = self.cadence.get("activationsEverySteps", 0)
        if every and (self.step + 1) % every == 0 and self.tap is None and self.acts_budget.allow():
            taps = []
            for m in self.models:
                known = {c.name[len(m.prefix):] for c in m.calls}
                label = type(m.module).__name__
                taps.append(stats.ActivationTap([(p or label, mod) for p, mod in m.rows], known, when=lambda mod: mod.training and torch.is_grad_enabled(),
                                                budget=self.acts_budget).__enter__())
            self.tap = taps
            self.acts_armed_at = self.step
        visuals = self.cadence.get("visualsEveryMs", 0)
        if visuals and self.attention is None and (now - self.visuals_at) * 1000 >= visuals:
            capture = AttentionCapture(self.models, self.is_user_file)
            if capture.arm():
                self.attention = capture
            self.visuals_at = now

    def _collect_visuals(self) -> None:
        if self.tap is not None:
            names: List[str] = []
            mean: List[float] = []
            std: List[float] = []
            dead: List[float] = []
            for m, tap in zip(self.models, self.tap):
                tap.__exit__()
                got = tap.read()
                if got is not None:
                    names += [m.prefix + n for n in got[0]]
                    mean += got[1]
                    std += got[2]
                    dead += got[3]
            self.tap = None
            if names:
                self.emit({"kind": "activations", "t": now_ms(), "step": self.step + 1, "layers": names, "mean": F32(mean), "std": F32(std), "deadFraction": F32(dead)})
        if self.attention is not None and self.attention.done():
            capture, self.attention = self.attention, None
            capture.disarm()
            event = capture.event(self.step + 1)
            if event is not None:
                self.emit(event)


class AttentionCapture:
    """One training forward's attention maps (see the module's docstring for the rule)."""

    def __init__(self, models: List[Model], is_user_file: Callable[[str], bool]) -> None:
        self.mha: List[nn.MultiheadAttention] = []
        self.custom: List[nn.Module] = []
        for m in models:
            for sub in m.module.modules():
                if isinstance(sub, nn.MultiheadAttention):
                    self.mha.append(sub)
                elif "attention" in type(sub).__name__.lower() and not type(sub).__module__.startswith("torch.") \
                        and not any(isinstance(s, nn.MultiheadAttention) for s in sub.modules()):
                    self.custom.append(sub)
        self.maps: Dict[int, Tuple[str, torch.Tensor]] = {}
        self.order: List[int] = []
        self._undo: List[Callable[[], None]] = []
        self._stack: List[nn.Module] = []
        self._handles: list = []
        self._pending: Dict[int, torch.Tensor] = {}
        self._same: Dict[int, Optional[bool]] = {}

    def arm(self) -> bool:
        if not self.mha and not self.custom:
            return False
        for mha in self.mha:
            self._arm_mha(mha)
        if self.custom:
            for mod in self.custom:
                self._handles.append(mod.register_forward_pre_hook(self._enter))
                self._handles.append(mod.register_forward_hook(self._leave))
            self._patch_softmax()
        return True

    def done(self) -> bool:
        return len(self.maps) > 0

    def disarm(self) -> None:
        for h in self._handles:
            h.remove()
        self._handles = []
        while self._undo:
            self._undo.pop()()

    def _record(self, module: nn.Module, kind: str, weights: torch.Tensor) -> None:
        if id(module) in self.maps:
            return
        w = weights.detach()
        if w.dim() == 4:  # [batch, heads, queries, keys]
            w = w[0]
        elif w.dim() == 3 and not isinstance(module, nn.MultiheadAttention):  # [batch, queries, keys]
            w = w[0].unsqueeze(0)
        elif w.dim() == 2:
            w = w.unsqueeze(0)
        # (an unbatched nn.MultiheadAttention call gives [heads, queries, keys] as it is)
        w = w[:, :MAX_POSITIONS, :MAX_POSITIONS].float().contiguous()
        self.maps[id(module)] = (kind, w)
        self.order.append(id(module))

    def _arm_mha(self, mha: nn.MultiheadAttention) -> None:
        cls_forward = type(mha).forward
        capture = self

        def forward(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor, *args: Any, **kwargs: Any) -> Any:
            if not (mha.training and torch.is_grad_enabled()) or id(mha) in capture.maps:
                return cls_forward(mha, query, key, value, *args, **kwargs)
            names = ("key_padding_mask", "need_weights", "attn_mask", "average_attn_weights")
            for n, a in zip(names, args):
                kwargs[n] = a
            need = kwargs.get("need_weights", True)
            average = kwargs.get("average_attn_weights", True)
            kwargs["need_weights"], kwargs["average_attn_weights"] = True, False
            out, w = cls_forward(mha, query, key, value, **kwargs)
            if w is not None:
                capture._record(mha, _mha_kind(query, key, kwargs.get("attn_mask"), kwargs.get("is_causal", False)), w)
            if not need:
                return out, None
            return out, (w.mean(dim=-3) if average and w is not None else w)

        mha.forward = forward  # type: ignore[method-assign]

        def undo() -> None:
            if "forward" in vars(mha):
                del mha.forward
        self._undo.append(undo)

    def _enter(self, module: nn.Module, inputs: Any) -> None:
        if module.training and torch.is_grad_enabled():
            self._stack.append(module)
            tensors = [t for t in inputs if isinstance(t, torch.Tensor)] if isinstance(inputs, tuple) else []
            # (query, key, …) as one tensor twice: self-attention; two different tensors: cross-attention.
            self._same[id(module)] = (tensors[0] is tensors[1]) if len(tensors) >= 2 else None

    def _leave(self, module: nn.Module, _inputs: Any, _output: Any) -> None:
        if self._stack and self._stack[-1] is module:
            self._stack.pop()
            w = self._pending.pop(id(module), None)
            if w is not None:
                self._record(module, _square_kind(w, self._same.get(id(module))), w)

    def _patch_softmax(self) -> None:
        capture = self

        def watch(fn: Callable[..., torch.Tensor]) -> Callable[..., torch.Tensor]:
            def softmax(*args: Any, **kwargs: Any) -> torch.Tensor:
                out = fn(*args, **kwargs)
                if capture._stack and isinstance(out, torch.Tensor) and out.dim() >= 3:
                    dim = kwargs.get("dim", args[1] if len(args) > 1 else None)
                    if isinstance(dim, int) and dim in (-1, out.dim() - 1):
                        capture._pending[id(capture._stack[-1])] = out
                return out
            return softmax

        for owner, name in ((torch, "softmax"), (F, "softmax"), (torch.Tensor, "softmax")):
            had = name in vars(owner)
            old = vars(owner).get(name)
            setattr(owner, name, watch(getattr(owner, name)))

            def undo(owner: Any = owner, name: str = name, had: bool = had, old: Any = old) -> None:
                if had:
                    setattr(owner, name, old)
                else:
                    delattr(owner, name)
            self._undo.append(undo)

    def event(self, step: int) -> Optional[Dict[str, Any]]:
        if not self.maps:
            return None
        maps = []
        layer_of: Dict[str, int] = {}
        rows = cols = 1
        for mid in self.order:
            kind, w = self.maps[mid]
            heads, r, c = int(w.shape[0]), int(w.shape[1]), int(w.shape[2])
            if r == 0 or c == 0:
                continue
            layer = layer_of.get(kind, 0)
            layer_of[kind] = layer + 1
            rows, cols = max(rows, r), max(cols, c)
            maps.append({"attention": kind, "layer": layer, "heads": heads, "rows": r, "cols": c, "weights": F32(w.reshape(-1))})
        if not maps:
            return None
        return {"kind": "attention", "t": now_ms(), "step": step, "sourceTokens": [str(i) for i in range(cols)],
                "targetTokens": [str(i) for i in range(rows)], "maps": maps}


def _causal(mask: Any, rows: int, cols: int) -> bool:
    if not isinstance(mask, torch.Tensor) or mask.dim() != 2 or mask.shape[0] != rows or mask.shape[1] != cols or rows != cols:
        return False
    hidden = mask if mask.dtype == torch.bool else torch.isinf(mask) & (mask < 0)
    upper = torch.ones(rows, cols, dtype=torch.bool).triu(1)
    return bool(torch.equal(hidden.cpu(), upper))


def _mha_kind(query: torch.Tensor, key: torch.Tensor, mask: Any, is_causal: bool) -> str:
    if query is not key:
        return "cross"
    if is_causal or (isinstance(mask, torch.Tensor) and mask.dim() == 2 and _causal(mask, mask.shape[0], mask.shape[1])):
        return "decoderSelf"
    return "encoderSelf"


def _square_kind(w: torch.Tensor, same_input: Optional[bool]) -> str:
    r, c = int(w.shape[-2]), int(w.shape[-1])
    if r != c or same_input is False:
        return "cross"
    first = w.detach().reshape(-1, r, c)[0]
    if r > 1 and float(first.triu(1).abs().max()) < 1e-6:
        return "decoderSelf"
    return "encoderSelf"

"""The training loop of the PyTorch engine: the same loop, cadence, controls and events as the
TensorFlow.js trainer (``src/backend/trainer.ts``), so the panels cannot tell the engines apart.

It owns batching (the same seeded shuffles), the optimizers (SGD, SGD + momentum 0.9, Adam), the
optional linear learning-rate decay, pause / single step / resume / stop (thread-safe: requests
arrive on another thread), NaN/Inf detection that stops the run naming the step, the validation
passes, the sample's views and the checkpoints. It reports through ``emit`` only.
"""
from __future__ import annotations

import math
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import torch
import torch.nn as nn

from . import hooks
from .controls import RunControls
from .data import seeded_random, shuffled_indices
from .layers import LayerCall, layer_modules
from .protocol import F32, RunFileError, error_event, finite_or_none, localized, now_ms, numbers
from .sample import Batch, Phase, Tap, Trainable, Visuals

Emit = Callable[[Dict[str, Any]], None]


@dataclass
class TrainResult:
    state: str  # finished | stopped | failed
    step: int
    test: Optional[Dict[str, Optional[float]]]
    error: Optional[str] = None


def make_optimizer(phase: Phase, hp: Dict[str, Any]) -> torch.optim.Optimizer:
    kind = phase.optimizer.get("kind", hp["optimizer"])
    lr = float(phase.optimizer.get("learningRate", hp["learningRate"]))
    if kind == "sgd":
        return torch.optim.SGD(phase.parameters, lr=lr)
    if kind == "momentum":
        return torch.optim.SGD(phase.parameters, lr=lr, momentum=0.9)
    if kind == "adam":
        return torch.optim.Adam(phase.parameters, lr=lr, betas=(float(phase.optimizer.get("beta1", 0.9)), 0.999))
    raise ValueError(f"unknown optimizer {kind!r}")


def out_of_memory_text(cap_mb: Optional[int]) -> str:
    cap = f"limit {cap_mb} MB, setting modelLens.backend.maxMemoryMb" if cap_mb else "no limit set"
    return f"the training process ran out of memory ({cap})"


def out_of_memory(err: BaseException) -> bool:
    text = str(err)
    return isinstance(err, MemoryError) or "can't allocate memory" in text or "not enough memory" in text or "std::bad_alloc" in text


class Trainer:
    def __init__(self, trainable: Trainable, hp: Dict[str, Any], cadence: Dict[str, int], seconds: Optional[float],
                 emit: Emit, calls: Sequence[LayerCall], variables: Sequence[Tuple[str, str, nn.Parameter]],
                 learning_rate_decay: bool = False, checkpoint: Optional[Callable[[int, bool], Optional[str]]] = None,
                 memory_cap_mb: Optional[int] = None) -> None:
        self.trainable = trainable
        self.hp = hp
        self.cadence = cadence
        self.seconds = seconds
        self.emit = emit
        self.decay = learning_rate_decay
        self.checkpoint = checkpoint
        self.memory_cap_mb = memory_cap_mb
        self.rows = layer_modules(trainable.model, trainable.blocks)
        self.known_calls = {c.name for c in calls}
        self.variables = list(variables)
        self.var_index = {id(p): i for i, (_, _, p) in enumerate(self.variables)}
        self.step = 0
        self.epoch = 0
        self.controls = RunControls(emit, lambda: self.step)
        # Statistics within a share of the step's time (hooks.StatsBudget): at the cadence,
        # except on models whose steps are very short.
        self.stats_budget = hooks.StatsBudget.for_parameters()
        self.acts_budget = hooks.StatsBudget.for_layers()

    # ─── controls (called from the request thread) ────────────────────────────────────────────
    @property
    def state(self) -> str:
        return self.controls.state

    def _set_state(self, state: str, reason: Optional[Dict[str, str]] = None) -> None:
        self.controls.set_state(state, reason)

    def pause(self) -> None:
        self.controls.pause()

    def resume(self) -> None:
        self.controls.resume()

    def single_step(self) -> None:
        self.controls.single_step()

    def stop(self) -> None:
        self.controls.stop()

    def _gate(self) -> bool:
        return self.controls.gate()

    @property
    def paused(self) -> bool:
        return self.controls.paused

    # ─── the loop ─────────────────────────────────────────────────────────────────────────────
    def run(self) -> TrainResult:
        tr, hp, cadence = self.trainable, self.hp, self.cadence
        model = tr.model
        phase_vars = [list(p.parameters) for p in tr.phases]
        optimizers = [make_optimizer(p, hp) for p in tr.phases]
        base_lrs = [float(p.optimizer.get("learningRate", hp["learningRate"])) for p in tr.phases]
        train = tr.data.train
        batch_size = min(int(hp["batchSize"]), train.count)
        steps_per_epoch = math.ceil(train.count / batch_size)
        epochs = int(hp["epochs"])
        random = seeded_random(int(hp["seed"]) + 7919)
        started = time.perf_counter()
        train_s = 0.0
        last_metrics_at = -math.inf
        last_visual_at = -math.inf
        loss_sums = [0.0] * len(tr.phases)
        metric_sums: Dict[str, float] = {}
        steps_since = 0
        samples_since = 0
        s_since = 0.0
        last_validation: Optional[Dict[str, Optional[float]]] = None
        last_validation_step = -1
        last_sps: Optional[float] = None

        def emit_visuals() -> None:
            nonlocal last_visual_at
            if tr.visuals is None or cadence["visualsEveryMs"] <= 0:
                return
            with evaluation(model):
                tr.visuals(Visuals(self.step, self.emit))
            last_visual_at = time.perf_counter()

        def validate() -> Dict[str, Optional[float]]:
            nonlocal last_validation, last_validation_step
            with evaluation(model):
                clean = numbers(tr.evaluate(tr.data.test))
            last_validation, last_validation_step = clean, self.step
            self.emit({"kind": "validation", "t": now_ms(), "step": self.step, "epoch": self.epoch, "metrics": clean})
            return clean

        def flush_metrics() -> None:
            nonlocal steps_since, samples_since, s_since, last_metrics_at, last_sps, metric_sums, loss_sums
            if steps_since == 0:
                return
            last_sps = finite_or_none(samples_since / s_since) if s_since > 0 else None
            self.emit({
                "kind": "metrics", "t": now_ms(), "step": self.step, "epoch": self.epoch,
                "loss": [finite_or_none(s / steps_since) for s in loss_sums],
                "train": {k: finite_or_none(v / steps_since) for k, v in metric_sums.items()},
                "samplesPerSec": last_sps,
            })
            loss_sums = [0.0] * len(tr.phases)
            metric_sums = {}
            steps_since = samples_since = 0
            s_since = 0.0
            last_metrics_at = time.perf_counter()

        def fail(message: str, detail: Optional[str] = None) -> TrainResult:
            self.emit(error_event(self.step, message, detail))
            self._set_state("failed", localized(message, message))
            return TrainResult("failed", self.step, None, message)

        try:
            self._set_state("running")
            emit_visuals()
            stopped_early = False
            self.epoch = 0
            while self.epoch < epochs and not stopped_early:
                order = torch.tensor(shuffled_indices(train.count, random), dtype=torch.long)
                for b in range(steps_per_epoch):
                    if not self._gate():
                        stopped_early = True
                        break
                    if self.seconds is not None and train_s >= self.seconds:
                        stopped_early = True
                        break
                    if self.decay:
                        progress = min(1.0, max(self.step / (epochs * steps_per_epoch), train_s / self.seconds if self.seconds else 0.0))
                        for opt, lr in zip(optimizers, base_lrs):
                            for group in opt.param_groups:
                                group["lr"] = lr * (1 - 0.9 * progress)
                    t0 = time.perf_counter()
                    idx = order[b * batch_size:(b + 1) * batch_size]
                    batch = Batch(train.x.index_select(0, idx), train.y.index_select(0, idx))
                    losses, metrics, grads, acts = self._train_step(batch, phase_vars, optimizers)
                    self.step += 1
                    dt = time.perf_counter() - t0
                    train_s += dt
                    s_since += dt
                    samples_since += batch.size
                    steps_since += 1
                    for i, l in enumerate(losses):
                        loss_sums[i] += l
                    for k, v in metrics:
                        metric_sums[k] = metric_sums.get(k, 0.0) + v
                    bad = next((i for i, l in enumerate(losses) if not math.isfinite(l)), -1)
                    if bad >= 0:
                        flush_metrics()
                        which = f" ({tr.phases[bad].name})" if len(tr.phases) > 1 else ""
                        value = "NaN" if math.isnan(losses[bad]) else ("Infinity" if losses[bad] > 0 else "-Infinity")
                        return fail(f"Training stopped: the loss{which} became {value} at step {self.step} (epoch {self.epoch + 1}). Try a smaller learning rate.")
                    if grads is not None:
                        bad_var = next((i for i, g in enumerate(grads[0]) if not math.isfinite(g)), -1)
                        if bad_var >= 0:
                            return fail(f"Training stopped: the gradient of {self.variables[bad_var][0]} became non-finite at step {self.step} (epoch {self.epoch + 1}).")
                        self.emit({"kind": "gradients", "t": now_ms(), "step": self.step,
                                   "gradNorm": F32(grads[0]), "gradMaxAbs": F32(grads[1]), "weightNorm": F32(grads[2]), "updateRatio": F32(grads[3])})
                    if acts is not None:
                        names, mean, std, dead = acts
                        self.emit({"kind": "activations", "t": now_ms(), "step": self.step, "layers": names,
                                   "mean": F32(mean), "std": F32(std), "deadFraction": F32(dead)})
                    now = time.perf_counter()
                    forced = self.controls.paused  # a single step is always reported
                    if forced or (self.step % cadence["metricsEverySteps"] == 0 and (now - last_metrics_at) * 1000 >= cadence["minIntervalMs"]):
                        flush_metrics()
                    if cadence["validateEverySteps"] > 0 and self.step % cadence["validateEverySteps"] == 0:
                        validate()
                    if cadence["visualsEveryMs"] > 0 and (forced or (now - last_visual_at) * 1000 >= cadence["visualsEveryMs"]):
                        emit_visuals()
                if stopped_early:
                    break
                flush_metrics()
                validate()
                if self.checkpoint:
                    self._save_checkpoint(False)
                self.epoch += 1
            flush_metrics()
            if self.controls.stop_requested:
                self._set_state("stopped")
                return TrainResult("stopped", self.step, last_validation)
            test = last_validation if last_validation_step == self.step and last_validation else validate()
            emit_visuals()
            ckpt = self._save_checkpoint(True) if self.checkpoint else None
            self.emit({
                "kind": "finished", "t": now_ms(), "step": self.step, "epoch": min(self.epoch, epochs),
                "seconds": time.perf_counter() - started, "test": test,
                "samplesPerSec": finite_or_none(self.step * batch_size / train_s) if train_s > 0 else last_sps, "checkpoint": ckpt,
            })
            self._set_state("finished")
            return TrainResult("finished", self.step, test)
        except BaseException as err:  # noqa: BLE001 — the run must end with a state, whatever happened
            if isinstance(err, (KeyboardInterrupt, SystemExit)):
                raise
            if isinstance(err, RunFileError):  # run.json: the run cannot be recorded
                return fail(str(err))
            if out_of_memory(err):
                return fail(f"Training failed at step {self.step}: {out_of_memory_text(self.memory_cap_mb)}. "
                            f"Raise the setting or make the model smaller.", traceback.format_exc())
            return fail(f"Training failed at step {self.step}: {type(err).__name__}: {err}", traceback.format_exc())

    def _save_checkpoint(self, final: bool) -> Optional[str]:
        """A checkpoint that cannot be written is a warning; training goes on (as on TensorFlow.js)."""
        try:
            return self.checkpoint(self.step, final) if self.checkpoint else None
        except OSError as err:
            self.emit({"kind": "log", "t": now_ms(), "level": "warn", "message": f"Checkpoint at step {self.step} not saved: {RunFileError(getattr(err, 'filename', None) or 'checkpoints', err)}"})
            return None

    def _train_step(self, batch: Batch, phase_vars: List[List[nn.Parameter]], optimizers: List[torch.optim.Optimizer]):
        tr, cadence = self.trainable, self.cadence
        started = time.perf_counter()
        want_grads = cadence["gradientsEverySteps"] > 0 and (self.step + 1) % cadence["gradientsEverySteps"] == 0 \
            and self.stats_budget.allow(self.controls.paused)
        want_acts = cadence["activationsEverySteps"] > 0 and (self.step + 1) % cadence["activationsEverySteps"] == 0 \
            and self.acts_budget.allow(self.controls.paused)
        tap = Tap()
        activations = hooks.ActivationTap(self.rows, self.known_calls, budget=self.acts_budget) if want_acts else None
        losses: List[torch.Tensor] = []
        n = len(self.variables)
        grad_rows: List[Tuple[List[int], torch.Tensor]] = []
        tr.model.train()
        for phase, params, opt in zip(tr.phases, phase_vars, optimizers):
            opt.zero_grad(set_to_none=True)
            if activations is not None:
                with activations:
                    loss = phase.loss(batch, tap)
            else:
                loss = phase.loss(batch, tap)
            loss.backward()
            losses.append(loss.detach())
            if want_grads:
                # Gradient figures are taken before the update: optimizers may reuse the buffers.
                with self.stats_budget.timed():
                    g = hooks.gradient_stats(params)
                    before = hooks.snapshot(params)
                opt.step()
                with self.stats_budget.timed():
                    grad_rows.append(([self.var_index.get(id(p), -1) for p in params], torch.cat([g, hooks.update_stats(params, before)], dim=1)))
            else:
                opt.step()
        # One read-back per step: losses and metrics together.
        values = torch.stack([l.float().reshape(()) for l in losses] + [m.float().reshape(()) for _, m in tap.metrics]).tolist()
        loss_values = values[:len(losses)]
        metrics = [(name, values[len(losses) + i]) for i, (name, _) in enumerate(tap.metrics)]
        grads = None
        if want_grads:
            cols: List[List[float]] = [[0.0] * n for _ in range(4)]
            for indices, stats in grad_rows:
                for i, row in zip(indices, stats.tolist()):
                    if i >= 0:
                        for c in range(4):
                            cols[c][i] = row[c]
            grads = cols
        acts = activations.read() if activations is not None else None
        took = time.perf_counter() - started
        self.stats_budget.step_done(took, want_grads)
        self.acts_budget.step_done(took, want_acts)
        return loss_values, metrics, grads, acts


class evaluation:
    """``model.eval()`` and no gradients for a block, then the previous mode again."""

    def __init__(self, model: nn.Module) -> None:
        self.model = model
        self.was_training = model.training
        self.no_grad = torch.no_grad()

    def __enter__(self) -> None:
        self.was_training = self.model.training
        self.model.eval()
        self.no_grad.__enter__()

    def __exit__(self, *exc: object) -> None:
        self.no_grad.__exit__(*exc)
        self.model.train(self.was_training)

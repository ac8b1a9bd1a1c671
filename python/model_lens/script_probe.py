"""Runs a person's own training script, unmodified, and streams what its training does::

    python -m model_lens.script_probe [--runs-dir DIR] [--cadence JSON] [--memory-mb N]
        [--no-step-after S] [--] SCRIPT.py [SCRIPT ARGS…]

(the extension and ``model-lens run`` start it through a ``-c`` bootstrap, like the engine). The
script runs as ``__main__`` with the ``sys.argv`` and ``sys.path[0]`` that ``python SCRIPT.py ARGS``
gives it, in the working directory it was started in. ``script_watch`` finds the trained model(s)
through PyTorch's global hooks and this module turns that into the engine's protocol
(``src/protocol/backend.ts``) on file descriptor 4, requests (pause / resume / step / stop / ping) on
fd 3: the script's own stdout and stderr never enter the event stream.

- The run (``run.json`` + the host's ``events.log``) starts at the first training step, when the
  models are known; a script that fails or ends before that leaves no run folder, only its error.
- Pause holds the script inside its next ``optimizer.step()``; Stop ends the run as ``stopped`` and,
  when the script is not stepping (an endless loop before training, a long data load), ends the
  process group after ``STOP_GRACE_S``.
- Errors: the exception, its traceback (our frames left out) and the deepest frame in the person's
  own files as ``location``; ``sys.exit(n)`` and ``os._exit(n)`` end the run saying so.
- Distributed (DDP by hand or torchrun): ranks come from ``RANK`` / ``WORLD_SIZE``; rank 0 streams,
  its gradients are read after DDP's all-reduce; every other rank runs the script untouched. Under a
  launcher that does not pass fds 3/4 (torchrun), rank 0 streams through the Unix socket named by
  ``MODEL_LENS_CHANNEL`` (the environment reaches every rank through any launcher).
"""
from __future__ import annotations

import ast
import json
import os
import platform
import runpy
import signal
import socket
import sys
import sysconfig
import threading
import time
import traceback
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Tuple

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUEST_FD = 3
MESSAGE_FD = 4
# A launcher that does not pass our fds (torchrun) still passes the environment: rank 0 connects to
# the Unix socket named here and speaks the same frames both ways over it.
CHANNEL_ENV = "MODEL_LENS_CHANNEL"
STOP_GRACE_S = 1.0
NO_STEP_AFTER_S = 30.0
DEFAULT_CADENCE = {"metricsEverySteps": 1, "gradientsEverySteps": 1, "activationsEverySteps": 10, "visualsEveryMs": 500,
                   "validateEverySteps": 0, "minIntervalMs": 30}


class Options:
    def __init__(self) -> None:
        self.runs_dir = os.path.join(os.path.expanduser("~"), ".model-lens", "runs")
        self.cadence: Dict[str, int] = dict(DEFAULT_CADENCE)
        self.memory_mb: Optional[int] = None
        self.no_step_after = NO_STEP_AFTER_S
        self.script = ""
        self.args: List[str] = []


def parse_args(argv: List[str]) -> Options:
    o = Options()
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            i += 1
            break
        if not a.startswith("--"):
            break
        if i + 1 >= len(argv):
            raise ValueError(f"{a} needs a value")
        value = argv[i + 1]
        if a == "--runs-dir":
            o.runs_dir = value
        elif a == "--cadence":
            got = json.loads(value)
            o.cadence.update({k: int(v) for k, v in got.items() if k in DEFAULT_CADENCE})
        elif a == "--memory-mb":
            o.memory_mb = int(value)
        elif a == "--no-step-after":
            o.no_step_after = float(value)
        else:
            raise ValueError(f"unknown option {a}")
        i += 2
    if i >= len(argv):
        raise ValueError("which script? usage: python -m model_lens.script_probe [options] SCRIPT.py [ARGS…]")
    o.script, o.args = argv[i], argv[i + 1:]
    return o


# ─── whose files are whose ──────────────────────────────────────────────────────────────────────
def _library_roots() -> List[str]:
    roots = {os.path.realpath(PACKAGE_DIR)}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        p = sysconfig.get_paths().get(key)
        if p:
            roots.add(os.path.realpath(p))
    for p in sys.path:
        if p and ("site-packages" in p or "dist-packages" in p):
            roots.add(os.path.realpath(p))
    return sorted(roots, key=len, reverse=True)


class Files:
    """The person's files (not the standard library, installed packages or ours) and their classes' lines."""

    def __init__(self, script: str) -> None:
        self.script = script
        self.roots = _library_roots()
        self.cache: Dict[str, bool] = {}
        self.trees: Dict[str, Any] = {}

    def is_user_file(self, path: str) -> bool:
        if not path or path.startswith("<"):
            return False
        got = self.cache.get(path)
        if got is None:
            real = os.path.realpath(path)
            got = not any(real == r or real.startswith(r + os.sep) for r in self.roots) and os.path.exists(real)
            self.cache[path] = got
        return got

    def source_file(self, cls: type) -> Optional[str]:
        if cls.__module__ == "__main__":
            return self.script
        mod = sys.modules.get(cls.__module__)
        f = getattr(mod, "__file__", None)
        return f if isinstance(f, str) and self.is_user_file(f) else None

    def tree(self, file: str) -> Any:
        if file not in self.trees:
            try:
                with open(file, encoding="utf-8") as fh:
                    self.trees[file] = ast.parse(fh.read())
            except (OSError, SyntaxError, ValueError):
                self.trees[file] = None
        return self.trees[file]

    def line_of(self, model: Any, path: str, name: str = "") -> Tuple[Optional[str], Optional[int]]:
        """Where the layer at ``path`` is written: ``self.<name> = …`` in the nearest parent class of the
        person's files, refined to the item of an ``nn.Sequential(…)`` / ``nn.ModuleList([…])`` call;
        for a model the script builds at its top level from torch's containers (``model =
        nn.Sequential(…)``), that assignment in the script and its items."""
        from .layers import SourceIndex, module_chain, nearest_assignment

        indexes: Dict[str, SourceIndex] = {}

        def index_for(cls: type) -> Optional[SourceIndex]:
            file = self.source_file(cls)
            if file is None:
                return None
            if file not in indexes:
                try:
                    with open(file, encoding="utf-8") as fh:
                        indexes[file] = SourceIndex.parse(fh.read())
                except OSError:
                    return None
            return indexes[file]

        found = nearest_assignment(model, path, index_for)
        parts, chain = module_chain(model, path)
        if found is not None:
            depth, cls, line = found
            file = self.source_file(cls)
            if file is not None and depth < len(parts) and parts[depth].isdigit():
                line = self._item_line(file, line, int(parts[depth])) or line
            return file, line
        own = type(chain[-1])
        file = self.source_file(own)
        if file is not None:
            index = index_for(own)
            line = index.classes.get(own.__name__) if index is not None else None
            return (file, line) if line is not None else (None, None)
        top = self._name_line(self.script, name) if name and self.source_file(type(model)) is None else None
        if top is not None:
            item = self._item_line(self.script, top, int(parts[0])) if parts and parts[0].isdigit() else None
            return self.script, item or top
        return None, None

    def _name_line(self, file: str, name: str) -> Optional[int]:
        tree = self.tree(file)
        if tree is None:
            return None
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return node.lineno
        return None

    def _item_line(self, file: str, line: int, k: int) -> Optional[int]:
        tree = self.tree(file)
        if tree is None:
            return None
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.lineno == line and isinstance(node.value, ast.Call):
                call = node.value
                items = call.args
                if len(items) == 1 and isinstance(items[0], (ast.List, ast.Tuple)):
                    items = items[0].elts
                if any(isinstance(a, ast.Starred) for a in items[:k + 1]):
                    return None
                return items[k].lineno if k < len(items) else None
        return None


# ─── errors ─────────────────────────────────────────────────────────────────────────────────────
def _frames(err: BaseException) -> List[traceback.FrameSummary]:
    """The traceback without our frames (the probe's, runpy's)."""
    return [f for f in traceback.extract_tb(err.__traceback__)
            if not os.path.realpath(f.filename).startswith(os.path.realpath(PACKAGE_DIR) + os.sep) and "runpy" not in os.path.basename(f.filename)]


def _last_user_frame(frames: List[traceback.FrameSummary], files: Files) -> Optional[Dict[str, Any]]:
    mine = [f for f in frames if files.is_user_file(f.filename)]
    return {"file": os.path.abspath(mine[-1].filename), "line": int(mine[-1].lineno or 1)} if mine else None


def _at(location: Optional[Dict[str, Any]]) -> str:
    return f" ({os.path.basename(location['file'])}:{location['line']})" if location is not None else ""


def describe_exit(err: SystemExit, files: Files, parse_error: Optional[str]) -> Tuple[str, str, Optional[Dict[str, Any]]]:
    """A non-zero ``sys.exit``: where the person's code called it (for argparse, the ``parse_args()``
    line, with argparse's own complaint, which it printed to stderr before exiting)."""
    frames = _frames(err)
    location = _last_user_frame(frames, files)
    if parse_error is not None and any(os.path.basename(f.filename) == "argparse.py" for f in frames):
        return f"the script's arguments were refused (exit status {err.code!r}): {parse_error}{_at(location)}", "", location
    return f"the script exited with sys.exit({err.code!r}){_at(location)}", "", location


def describe_error(err: BaseException, files: Files) -> Tuple[str, str, Optional[Dict[str, Any]]]:
    """(message, traceback without our frames, the deepest frame in the person's files)."""
    frames = _frames(err)
    location: Optional[Dict[str, Any]] = None
    if isinstance(err, SyntaxError) and err.filename and err.lineno:
        location = {"file": os.path.abspath(err.filename), "line": int(err.lineno)}
    else:
        location = _last_user_frame(frames, files)
    text = "".join(["Traceback (most recent call last):\n"] + traceback.format_list(frames) + traceback.format_exception_only(type(err), err)) if frames \
        else "".join(traceback.format_exception_only(type(err), err))
    what = "".join(traceback.format_exception_only(type(err), err)).strip().splitlines()
    message = what[-1] if what else type(err).__name__
    if isinstance(err, SyntaxError):
        message = f"SyntaxError: {err.msg}"
    return message + _at(location), text, location


# ─── the run ────────────────────────────────────────────────────────────────────────────────────
class ScriptRun:
    def __init__(self, writer: Any, options: Options, script: str, files: Files, rank: Dict[str, int]) -> None:
        from .controls import RunControls

        self.writer = writer
        self.options = options
        self.script = script
        self.files = files
        self.rank = rank
        self.controls = RunControls(self.emit, lambda: self.watch.step if self.watch else 0)
        self.watch: Any = None
        self.meta: Optional[Dict[str, Any]] = None
        self.run_dir: Optional[str] = None
        self.started_at = time.monotonic()
        self.ended = threading.Event()
        # A Stop request, and its reply sent: the main thread must not end the process in between.
        self.stop_requested = threading.Event()
        self.stop_replied = threading.Event()
        self.final_lock = threading.Lock()
        self.finalized = False

    def send(self, message: Dict[str, Any]) -> None:
        self.writer.write(message)

    def emit(self, event: Dict[str, Any]) -> None:
        if event.get("kind") == "state" and self.meta is not None:
            self.meta["state"], self.meta["step"] = event["state"], event["step"]
            self.write_meta()
        self.send({"type": "event", "event": event})

    def write_meta(self) -> None:
        if self.meta is None or self.run_dir is None:
            return
        path = os.path.join(self.run_dir, "run.json")
        tmp = os.path.join(self.run_dir, ".run.json.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(self.meta, f, indent=2, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError as err:
            sys.stderr.write(f"[model-lens] could not write {path}: {err}\n")

    # The models are known: the run folder and runStarted, then the run is running.
    def on_started(self, found: Dict[str, Any]) -> None:
        self.open_run(found)
        self.controls.set_state("running")

    def open_run(self, found: Dict[str, Any]) -> None:
        import torch
        from .protocol import now_ms
        from .session import new_run_id, process_identity

        name = os.path.basename(self.script)
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in os.path.splitext(name)[0])[:40] or "script"
        run_id = new_run_id(stem)
        self.run_dir = os.path.join(self.options.runs_dir, run_id)
        os.makedirs(self.run_dir, exist_ok=True)
        title = {"en": name, "zh-cn": name}
        self.meta = {
            "runId": run_id, "sampleId": "script", "title": title, "created": datetime.now(timezone.utc).isoformat(),
            "engine": "torch", "state": "running", "test": None, "step": self.watch.step,
            "python": platform.python_version(), "torch": torch.__version__, "process": process_identity(),
            "script": {"file": self.script, "args": self.options.args, "cwd": os.getcwd()},
        }
        self.write_meta()
        opts = found["optimizers"]
        first = opts[0] if opts else {"class": "?", "lr": None}
        batch = found["batch"] or 1
        world = self.rank["world"]
        distributed = None
        if world > 1:
            distributed = {"rank": self.rank["rank"], "worldSize": world,
                           "note": f"rank 0 of {world} streams; gradients are read at optimizer.step(), after DistributedDataParallel's all-reduce (averaged over ranks)"}
        script_info: Dict[str, Any] = {"file": self.script, "args": self.options.args, "cwd": os.getcwd(), "models": found["models"],
                                       "optimizers": opts, "batchSize": found["batch"], "evalBatches": self.watch.eval_batches}
        if distributed is not None:
            script_info["distributed"] = distributed
        self.send({"type": "event", "event": {
            "kind": "runStarted", "t": now_ms(), "runId": run_id, "runDir": self.run_dir,
            "sample": {"id": "script", "title": title, "sections": [], "dataset": {"en": "the script's own data", "zh-cn": "脚本自己的数据"},
                       "file": self.script, "goal": {"en": "what the script trains", "zh-cn": "脚本自己训练的目标"}, "task": "classification"},
            "engine": {"name": "torch", "detail": f"the script's own PyTorch {torch.__version__} on Python {platform.python_version()} ({sys.executable}), watched by Model Lens",
                       "fallbacks": [], "threads": torch.get_num_threads(),
                       "torch": {"version": torch.__version__, "python": platform.python_version(), "interpreter": sys.executable, "blas": _blas()}},
            "hyper": {"learningRate": first["lr"] or 1e-3, "batchSize": max(1, batch), "epochs": 1, "optimizer": _optimizer_kind(self.watch, first["class"]),
                      "activation": "relu", "initializer": "random", "seed": 0},
            "layers": found["layers"], "variables": found["variables"],
            "trainSize": 0, "testSize": 0, "stepsPerEpoch": 0, "seconds": None, "phases": found["phases"],
            "script": script_info,
        }})

    def start_failed_run(self) -> None:
        """The script failed before its first training step (at import, in its argument parsing, a
        syntax error): a run with no models or layers, so the panel has a run to show the error on
        (with its line) and the failure is saved and reopens like one during training."""
        self.open_run({"models": [], "optimizers": [], "batch": None, "layers": [], "variables": [], "phases": []})

    def finalize(self, state: str, error: Optional[Tuple[str, str, Optional[Dict[str, Any]]]] = None) -> None:
        """The run's last events, once (the main thread, a Stop, or os._exit may get here first)."""
        from .protocol import now_ms

        with self.final_lock:
            if self.finalized:
                return
            self.finalized = True
        if error is not None and self.meta is None and self.watch is not None:
            self.start_failed_run()
        step = self.watch.step if self.watch else 0
        if self.watch is not None:
            self.watch.flush_metrics()
            if self.meta is not None:
                self.watch.end_evaluation()
        if error is not None:
            message, detail, location = error
            e: Dict[str, Any] = {"kind": "error", "t": now_ms(), "step": step if self.meta else None, "message": message[:10_000], "detail": detail[:100_000]}
            if location is not None:
                e["location"] = location
            self.emit(e)
        if self.meta is not None and state == "finished":
            self.emit({"kind": "finished", "t": now_ms(), "step": step, "epoch": 0, "seconds": time.monotonic() - self.started_at, "test": {},
                       "samplesPerSec": self.watch.throughput() if self.watch else None, "checkpoint": None})
        if self.meta is not None:
            self.meta["test"] = {}
        self.controls.state = state
        from .protocol import state_event
        self.emit(state_event(state, step))
        self.ended.set()


def _blas() -> str:
    try:
        from .threads import blas_in_use
        return blas_in_use()[0]
    except Exception:  # noqa: BLE001 — a label only
        return "unknown"


def _optimizer_kind(watch: Any, cls: str) -> str:
    """The shared vocabulary's nearest word (the run's script info keeps the real class and lr)."""
    if cls.lower().startswith("adam"):
        return "adam"
    phases = watch.ordered_phases() if watch else []
    if cls == "SGD" and phases:
        try:
            if float(phases[0].optimizer.param_groups[0].get("momentum", 0) or 0) > 0:
                return "momentum"
        except (TypeError, ValueError):
            pass
    return "sgd"


def _rank() -> Dict[str, int]:
    def num(name: str, default: int) -> int:
        try:
            return int(os.environ.get(name, default))
        except ValueError:
            return default
    return {"rank": num("RANK", 0), "world": num("WORLD_SIZE", 1)}


def _prepare_script_environment(script: str, shown: str, args: List[str]) -> None:
    """What ``python SCRIPT.py ARGS`` gives a script: argv, and its folder first on sys.path (not ours)."""
    sys.argv = [shown] + list(args)
    while PACKAGE_DIR in sys.path:
        sys.path.remove(PACKAGE_DIR)
    folder = os.path.dirname(script)
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path[0] = folder
    else:
        sys.path.insert(0, folder)


def run_untouched(options: Options) -> int:
    """A rank other than 0: the script as it is, nothing watched, nothing sent."""
    script = os.path.abspath(options.script)
    _prepare_script_environment(script, options.script, options.args)
    runpy.run_path(script, run_name="__main__")
    return 0


def _serve_requests(run: ScriptRun) -> None:
    from .backend import requests
    from .protocol import FrameReader

    def respond(req_id: int, ok: bool, error: Optional[str] = None) -> None:
        msg: Dict[str, Any] = {"type": "response", "id": req_id, "ok": ok}
        if not ok:
            msg["error"] = error or "failed"
        elif run.meta is not None:
            msg["runId"] = run.meta["runId"]
        run.send(msg)

    for req in requests(FrameReader(REQUEST_FD)):
        req_id = req.get("id") if isinstance(req, dict) else None
        if not isinstance(req_id, int):
            continue
        kind = req.get("type")
        if kind == "ping":
            respond(req_id, True)
        elif kind == "pause":
            run.controls.pause()
            respond(req_id, True)
        elif kind == "resume":
            run.controls.resume()
            respond(req_id, True)
        elif kind == "step":
            run.controls.single_step()
            respond(req_id, True)
        elif kind == "stop":
            run.stop_requested.set()
            run.controls.stop()
            # The script stops at its next optimizer step; one that is not stepping is ended.
            if not run.ended.wait(STOP_GRACE_S):
                run.finalize("stopped")
            respond(req_id, True)
            run.stop_replied.set()
            _end_process_group(0)
        else:
            respond(req_id, False, f"the script probe does not take '{kind}' requests")


def _end_process_group(code: int) -> None:
    """Ends the script and everything it started (DataLoader workers, subprocesses)."""
    sys.stdout.flush()
    sys.stderr.flush()
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        try:
            os.killpg(os.getpid(), signal.SIGKILL)
        except OSError:
            pass
    os._exit(code)


def _watch_no_step(run: ScriptRun, seconds: float) -> None:
    from .protocol import log_event

    if seconds <= 0 or run.ended.wait(seconds):
        return
    if run.watch is not None and run.watch.first_step_at is None:
        seen = run.watch.backward_calls
        run.emit(log_event("warn", f"no training step seen after {seconds:g} s: the script has not called optimizer.step() yet"
                                   f"{f' (backward() ran {seen} times)' if seen else ''}; it is still running"))


def _connect_channel() -> Optional[int]:
    """The socket named by ``MODEL_LENS_CHANNEL`` as one fd for both directions, or None (not set, or nobody listens)."""
    path = os.environ.get(CHANNEL_ENV, "")
    if not path or not hasattr(socket, "AF_UNIX"):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError as err:
        sock.close()
        sys.stderr.write(f"model_lens.script_probe: cannot connect to {CHANNEL_ENV}={path}: {err}\n")
        return None
    return sock.detach()


def main(argv: Optional[List[str]] = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        options = parse_args(argv)
    except ValueError as err:
        sys.stderr.write(f"model_lens.script_probe: {err}\n")
        sys.exit(2)
    rank = _rank()
    if rank["rank"] != 0:
        sys.exit(run_untouched(options))
    global REQUEST_FD, MESSAGE_FD
    try:
        os.fstat(MESSAGE_FD)
        os.fstat(REQUEST_FD)
    except OSError:
        channel = _connect_channel()
        if channel is None:
            sys.stderr.write("model_lens.script_probe sends its events to the program that started it (file descriptors 3 and 4, "
                             f"or the Unix socket named by {CHANNEL_ENV}); on a terminal run `model-lens run SCRIPT.py`\n")
            sys.exit(2)
        REQUEST_FD = MESSAGE_FD = channel
    from .backend import cap_memory, watch_parent
    from .protocol import FrameWriter, error_event, state_event

    os.set_inheritable(REQUEST_FD, False)
    os.set_inheritable(MESSAGE_FD, False)
    writer = FrameWriter(MESSAGE_FD)
    watch_parent()
    cap_memory(options.memory_mb)
    started = time.perf_counter()
    try:
        import torch
    except ImportError as err:
        writer.write({"type": "ready", "pid": os.getpid(), "heapLimitMb": 0, "runtime": f"Python {platform.python_version()} (no torch)"})
        writer.write({"type": "event", "event": error_event(None, f"PyTorch is not installed for {sys.executable} ({err}); install it there (pip install torch) or choose another interpreter (modelLens.python, --python)")})
        writer.write({"type": "event", "event": state_event("failed", 0)})
        sys.exit(3)
    writer.write({"type": "ready", "pid": os.getpid(), "heapLimitMb": options.memory_mb or 0,
                  "runtime": f"Python {platform.python_version()}, torch {torch.__version__} (imported in {time.perf_counter() - started:.1f} s)"})

    script = os.path.abspath(options.script)
    files = Files(script)
    run = ScriptRun(writer, options, script, files, rank)
    threading.Thread(target=_serve_requests, args=(run,), name="model-lens-requests", daemon=True).start()
    if not os.path.isfile(script):
        run.finalize("failed", (f"script not found: {script}", "", None))
        sys.exit(2)

    from .script_watch import ScriptStopped, ScriptWatch

    run.watch = ScriptWatch(run.emit, options.cadence, run.controls.gate, run.on_started, files.is_user_file, files.line_of)
    run.controls.state = "running"  # pause is allowed from the start; it takes effect at the first step
    real_exit = os._exit

    def exit_now(code: int) -> None:  # os._exit skips every handler: say how the run ended first
        if os.getpid() == probe_pid:
            run.finalize("finished" if code == 0 else "failed", None if code == 0 else (f"the script ended the process with os._exit({code})", "", None))
            sys.stdout.flush()
            sys.stderr.flush()
        real_exit(code)

    probe_pid = os.getpid()
    os._exit = exit_now  # type: ignore[assignment]
    threading.Thread(target=_watch_no_step, args=(run, options.no_step_after), name="model-lens-no-step", daemon=True).start()
    _prepare_script_environment(script, options.script, options.args)
    code = 0
    # argparse prints why it refused the arguments, then exits: keep its words for the error.
    import argparse
    parse_errors: List[str] = []
    real_parse_error = argparse.ArgumentParser.error

    def parse_error(parser: argparse.ArgumentParser, message: str) -> Any:
        parse_errors.append(str(message)[:2000])
        return real_parse_error(parser, message)

    argparse.ArgumentParser.error = parse_error  # type: ignore[method-assign]
    run.watch.install()
    try:
        runpy.run_path(script, run_name="__main__")
        run.finalize("finished")
    except ScriptStopped:
        run.finalize("stopped")
    except KeyboardInterrupt:
        run.finalize("stopped")
        code = 130
    except SystemExit as err:
        value = err.code
        if value is None or value == 0:
            run.finalize("finished")
        else:
            code = value if isinstance(value, int) else 1
            run.finalize("failed", describe_exit(err, files, parse_errors[-1] if parse_errors else None))
    except BaseException as err:  # noqa: BLE001 — the script's failure is the run's failure, reported in full
        run.finalize("failed", describe_error(err, files))
        code = 1
    finally:
        run.watch.uninstall()
        argparse.ArgumentParser.error = real_parse_error  # type: ignore[method-assign]
        os._exit = real_exit  # type: ignore[assignment]
    # Stopped by a request: its reply goes out before the process ends (the request thread then
    # ends the process group); exiting here first lost the reply now and then.
    if run.stop_requested.is_set():
        run.stop_replied.wait(STOP_GRACE_S + 1.0)
    sys.exit(code)


if __name__ == "__main__":
    main()

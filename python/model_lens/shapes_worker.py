"""The editor's long-lived exact-shapes worker: ``shapes.answer`` served again and again.

Started by the extension host (``src/host/python/runtimeWorker.ts``) once per trusted workspace::

    python -u -c "import sys; sys.path.insert(0, sys.argv[1]); from model_lens.shapes_worker import main; main()" \
        <this package's folder> [--memory-mb N]

with requests on fd 3 and messages on fd 4 (``src/protocol/runtimeShapes.ts``). It differs from
``shapes.main`` (one-shot, for the CLI) in what an editor needs:

- ``runtimeShapesReady`` once torch is imported, so the host knows the worker is up.
- Requests are read on a thread; ``runtimeShapesCancel`` for the request being answered stops it
  at once (SIGUSR1 to the main thread raises the same ``BudgetExceeded`` as the time budget, which
  ``except Exception`` in the person's code cannot swallow); a cancelled queued request is dropped.
- What the person's file prints or warns while it runs (a module-level side effect) is captured and
  sent as one ``runtimeShapesOutput`` message before the reply, not mixed into the log line by line.
- After each request the modules the file imported from its own folder are forgotten, so the next
  version of the file (and of its siblings) is imported afresh; torch and the standard library stay.
"""
from __future__ import annotations

import io
import os
import platform
import queue
import signal
import sys
import threading
from contextlib import redirect_stderr, redirect_stdout
from typing import Any, Dict, Optional, Set, Tuple

from . import shapes
from .backend import cap_memory, host_pipes, parse_args, requests, watch_parent
from .protocol import FrameReader, FrameWriter

MAX_OUTPUT = 4000


class _State:
    """Shared by the request thread and the main thread; every access is one GIL-atomic operation."""

    def __init__(self) -> None:
        #: The request that a cancel may stop right now (set only inside ``run_one``'s try).
        self.armed_for: Optional[int] = None
        self.cancelled: Set[int] = set()


def _on_cancel(state: _State, _sig: int, _frame: Any) -> None:
    armed = state.armed_for
    if armed is not None and armed in state.cancelled:
        raise shapes.BudgetExceeded("cancelled: a newer version of the file was asked for")


class _Capped(io.StringIO):
    def write(self, s: str) -> int:
        if self.tell() < MAX_OUTPUT:
            super().write(s[: MAX_OUTPUT - self.tell()])
        return len(s)


def _forget_user_modules(before: Set[str], folder: str) -> None:
    """Drops the modules this request imported from the person's folder (never torch's or ours)."""
    prefix = os.path.join(folder, "")
    for name in set(sys.modules) - before:
        mod = sys.modules.get(name)
        path = getattr(mod, "__file__", None) or ""
        if name.startswith("model_lens_user_") or (path and os.path.abspath(path).startswith(prefix)):
            sys.modules.pop(name, None)


def _cancelled(req_id: int) -> Dict[str, Any]:
    return {"type": "runtimeShapes", "id": req_id, "ok": False, "stage": "budget", "message": "cancelled",
            "line": None, "runtime": "", "elapsedMs": 0}


def run_one(state: _State, req: Dict[str, Any]) -> Tuple[Dict[str, Any], str]:
    """The reply to one request and what the file printed; a cancel can stop it only inside this try."""
    out = _Capped()
    before = set(sys.modules)
    try:
        try:
            state.armed_for = req["id"]
            if req["id"] in state.cancelled:
                return _cancelled(req["id"]), ""
            with redirect_stdout(out), redirect_stderr(out):
                return shapes.answer(req), out.getvalue()
        finally:
            state.armed_for = None
    except shapes.BudgetExceeded:  # a cancel that landed outside answer's own handlers
        return _cancelled(req["id"]), out.getvalue()
    finally:
        state.cancelled.discard(req["id"])
        _forget_user_modules(before, os.path.dirname(os.path.abspath(req["file"])))


def serve(reader: FrameReader, writer: FrameWriter) -> None:
    import torch

    # One thread: a forward at batch 2–4 gains little from more, and the editor keeps the other cores.
    torch.set_num_threads(1)
    state = _State()
    pending: "queue.Queue[Any]" = queue.Queue()
    main_thread = threading.main_thread().ident
    signal.signal(signal.SIGUSR1, lambda s, f: _on_cancel(state, s, f))

    def read() -> None:
        for req in requests(reader):  # exits the process when the host closes fd 3
            if isinstance(req, dict) and req.get("type") == "runtimeShapesCancel" and isinstance(req.get("id"), int):
                state.cancelled.add(req["id"])
                if state.armed_for == req["id"] and main_thread is not None:
                    signal.pthread_kill(main_thread, signal.SIGUSR1)
                continue
            pending.put(req)

    threading.Thread(target=read, name="model-lens-shape-requests", daemon=True).start()
    writer.write({"type": "runtimeShapesReady", "pid": os.getpid(),
                  "runtime": f"Python {platform.python_version()}, torch {torch.__version__}"})
    while True:
        req = pending.get()
        refusal = shapes.refuse(req)
        if refusal is not None:
            writer.write(refusal)
            continue
        reply, text = run_one(state, req)
        if text.strip():
            writer.write({"type": "runtimeShapesOutput", "id": req["id"], "text": text})
        writer.write(reply)


def main() -> None:
    args = parse_args(sys.argv[2:])
    watch_parent()
    cap_memory(args["memory_mb"])
    reader, writer = host_pipes("the extension starts it")
    serve(reader, writer)

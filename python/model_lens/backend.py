"""The PyTorch engine's process, started by the extension (or the CLI) as::

    python -u -c "import sys; sys.path.insert(0, sys.argv[1]); from model_lens.backend import main; main()" \
        <this package's folder> [--memory-mb N]

with the working directory set to this package's folder (never the workspace), requests arriving
on file descriptor 3 and messages leaving on file descriptor 4 (see ``protocol``). stdout and stderr
are free for torch's and the samples' own prints, which the extension shows in its log.

It caps its own address space (``RLIMIT_AS``) before importing torch, sends ``ready`` once torch is
imported (so a process started ahead of time has paid for the import), runs one training run at a
time on the main thread while another thread answers requests, and never outlives the extension:
it exits when the request pipe closes, when the kernel reports the parent's death
(``PR_SET_PDEATHSIG`` on Linux) or when a poll finds its parent gone.
"""
from __future__ import annotations

import ctypes
import os
import platform
import queue
import signal
import sys
import threading
import time
import traceback
from typing import Any, Dict, Iterator, NoReturn, Optional, Tuple

from .protocol import FrameReader, FrameWriter, error_event

REQUEST_FD = 3
MESSAGE_FD = 4
PARENT_POLL_S = 0.5
REQUESTS = ("start", "pause", "resume", "step", "stop", "ping")


def _exit_because(reason: str, code: int = 0) -> NoReturn:
    sys.stderr.write(f"[model-lens torch] exiting: {reason}\n")
    sys.stderr.flush()
    os._exit(code)


def watch_parent() -> None:
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:  # the kernel sends SIGKILL when the parent dies
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass

    def poll() -> None:
        while True:
            if os.getppid() != parent:
                _exit_because(f"parent process {parent} is gone")
            time.sleep(PARENT_POLL_S)

    if os.getppid() != parent or parent == 1:
        _exit_because("started without a parent")
    threading.Thread(target=poll, name="model-lens-parent-watch", daemon=True).start()


def cap_memory(megabytes: Optional[int]) -> Optional[int]:
    """Caps this process's address space; returns the cap in MB (None where it cannot be set)."""
    if not megabytes:
        return None
    try:
        import resource
    except ImportError:  # Windows
        return None
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY and hard < limit:
        limit = hard
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return limit // (1024 * 1024)


class Backend:
    def __init__(self, writer: FrameWriter, memory_cap_mb: Optional[int]) -> None:
        self.writer = writer
        self.memory_cap_mb = memory_cap_mb
        self.starts: "queue.Queue[Dict[str, Any]]" = queue.Queue()
        self.run = None  # session.RunHandle
        self.run_done = threading.Event()
        self.run_done.set()
        self.lock = threading.Lock()

    def send(self, message: Dict[str, Any]) -> None:
        self.writer.write(message)

    def respond(self, req_id: int, ok: bool, error: Optional[str] = None, run_id: Optional[str] = None) -> None:
        msg: Dict[str, Any] = {"type": "response", "id": req_id, "ok": ok}
        if ok and run_id:
            msg["runId"] = run_id
        if not ok:
            msg["error"] = (error or "failed")[:10_000]
        self.send(msg)

    def emit(self, event: Dict[str, Any]) -> None:
        self.send({"type": "event", "event": event})

    def on_request(self, req: Any) -> None:
        """Runs on the reader thread: controls act at once, a start is handed to the main thread."""
        req_id = req.get("id") if isinstance(req, dict) else None
        if not isinstance(req, dict) or req.get("type") not in REQUESTS or not isinstance(req_id, int):
            sys.stderr.write("[model-lens torch] dropped a malformed request\n")
            if isinstance(req_id, int):
                self.respond(req_id, False, "malformed request")
            return
        kind = req["type"]
        if kind == "ping":
            self.respond(req_id, True)
        elif kind == "start":
            with self.lock:
                if not self.run_done.is_set():
                    self.respond(req_id, False, "a run is already in progress in this backend")
                    return
                self.run_done.clear()
            self.starts.put(req)
        else:
            run = self.run
            if run is None:
                self.respond(req_id, False, f"nothing to {kind}: no run has started")
                return
            if kind == "pause":
                run.trainer.pause()
            elif kind == "resume":
                run.trainer.resume()
            elif kind == "step":
                run.trainer.single_step()
            else:
                run.trainer.stop()
                self.run_done.wait()
            self.respond(req_id, True, run_id=run.run_id)

    def serve(self) -> None:
        """The main thread: one run at a time, for as long as the extension keeps the process."""
        from .session import start_run

        while True:
            req = self.starts.get()
            try:
                handle = start_run(req.get("config") or {}, self.emit, self.memory_cap_mb)
            except BaseException as err:  # noqa: BLE001 — every refusal becomes an answer
                if isinstance(err, (KeyboardInterrupt, SystemExit)):
                    raise
                if not isinstance(err, (ValueError, PermissionError)):  # a refusal needs no stack
                    sys.stderr.write(traceback.format_exc())
                self.run_done.set()
                self.respond(req["id"], False, str(err) or type(err).__name__)
                continue
            self.run = handle
            self.respond(req["id"], True, run_id=handle.run_id)
            try:
                handle.trainer.run()
            except BaseException as err:  # noqa: BLE001 — the trainer reports its own failures; this is a last resort
                if isinstance(err, (KeyboardInterrupt, SystemExit)):
                    raise
                self.emit(error_event(handle.trainer.step, f"the training process failed: {err}", traceback.format_exc()))
            finally:
                self.run_done.set()


def requests(reader: FrameReader) -> Iterator[Any]:
    """The host's requests in order; when the stream ends or breaks, the process exits saying why."""
    while True:
        try:
            req = reader.read()
        except ValueError as err:
            _exit_because(f"unreadable request stream ({err})", 1)
            return
        except OSError:
            req = None
        if req is None:
            _exit_because("the host closed the request pipe")
            return
        yield req


def read_requests(backend: Backend, reader: FrameReader) -> None:
    for req in requests(reader):
        backend.on_request(req)


def parse_args(argv: list) -> Dict[str, Any]:
    out: Dict[str, Any] = {"memory_mb": None}
    i = 0
    while i < len(argv):
        if argv[i] == "--memory-mb" and i + 1 < len(argv):
            out["memory_mb"] = int(argv[i + 1])
            i += 1
        i += 1
    return out


def host_pipes(usage: str) -> Tuple[FrameReader, FrameWriter]:
    """The host's request (fd 3) and message (fd 4) pipes, kept from children the user's code starts;
    without them the process was not started by the extension: it says so (with `usage`) and exits 2."""
    try:
        os.set_inheritable(REQUEST_FD, False)
        os.set_inheritable(MESSAGE_FD, False)
        return FrameReader(REQUEST_FD), FrameWriter(MESSAGE_FD)
    except OSError:
        _exit_because(f"started without the host's pipes (fd 3 and 4); {usage}", 2)


def main() -> None:
    args = parse_args(sys.argv[2:])
    watch_parent()
    cap = cap_memory(args["memory_mb"])
    reader, writer = host_pipes("use `model-lens train --engine torch` on a terminal")
    started = time.perf_counter()
    import torch  # the slow part (1–4 s): done before `ready`, so a process started early has paid it

    serve(reader, writer, cap, time.perf_counter() - started)


def serve(reader: FrameReader, writer: FrameWriter, cap: Optional[int], import_seconds: float) -> None:
    """Sends ``ready`` (torch is imported by now) and serves runs until the host lets go."""
    import torch

    backend = Backend(writer, cap)
    backend.send({
        "type": "ready", "pid": os.getpid(), "heapLimitMb": cap or 0,
        "runtime": f"Python {platform.python_version()}, torch {torch.__version__} (imported in {import_seconds:.1f} s)",
    })
    threading.Thread(target=read_requests, args=(backend, reader), name="model-lens-requests", daemon=True).start()
    backend.serve()

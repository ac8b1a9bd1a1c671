"""Starts model_lens.script_probe as the extension does (a -c bootstrap, requests on fd 3, messages
on fd 4, its own process group) and collects what it sends; used by test_script_probe."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from typing import Any, Callable, Dict, List, Optional

from support import PACKAGE_DIR

from model_lens.protocol import FrameReader, encode_frame

BOOTSTRAP = "import sys; sys.path.insert(0, sys.argv[1]); from model_lens.script_probe import main; main(sys.argv[2:])"


class Probe:
    def __init__(self, script: str, args: Optional[List[str]] = None, options: Optional[List[str]] = None, cwd: Optional[str] = None,
                 env: Optional[Dict[str, str]] = None, python: str = sys.executable) -> None:
        req_r, self.req_w = os.pipe()
        self.msg_r, msg_w = os.pipe()

        def fds() -> None:
            a, b = os.dup(req_r), os.dup(msg_w)  # above 4, so neither dup2 overwrites the other
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.messages: List[Any] = []
        self.cond = threading.Condition()
        self.proc = subprocess.Popen(
            [python, "-u", "-c", BOOTSTRAP, PACKAGE_DIR] + list(options or []) + ["--", script] + list(args or []),
            cwd=cwd or os.path.dirname(os.path.abspath(script)), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            preexec_fn=fds, close_fds=False, start_new_session=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})},
        )
        os.close(req_r)
        os.close(msg_w)
        self.out: List[bytes] = []
        self.err: List[bytes] = []
        self.threads = [threading.Thread(target=self._read, daemon=True),
                        threading.Thread(target=self._drain, args=(self.proc.stdout, self.out), daemon=True),
                        threading.Thread(target=self._drain, args=(self.proc.stderr, self.err), daemon=True)]
        for t in self.threads:
            t.start()
        self.next_id = 1

    def _read(self) -> None:
        reader = FrameReader(self.msg_r)
        while True:
            try:
                m = reader.read()
            except (OSError, ValueError):
                m = None
            with self.cond:
                if m is None:
                    self.messages.append(None)
                    self.cond.notify_all()
                    return
                self.messages.append(m)
                self.cond.notify_all()

    @staticmethod
    def _drain(stream: Any, into: List[bytes]) -> None:
        for chunk in iter(lambda: stream.read1(65536), b""):
            into.append(chunk)

    def events(self) -> List[Dict[str, Any]]:
        with self.cond:
            return [m["event"] for m in self.messages if m and m.get("type") == "event"]

    def wait_for(self, test: Callable[[Dict[str, Any]], bool], timeout: float = 60.0) -> Optional[Dict[str, Any]]:
        end = time.monotonic() + timeout
        with self.cond:
            while True:
                for m in self.messages:
                    if m is not None and m.get("type") == "event" and test(m["event"]):
                        return m["event"]
                if (self.messages and self.messages[-1] is None) or time.monotonic() > end:
                    return None
                self.cond.wait(max(0.01, end - time.monotonic()))

    def request(self, kind: str, timeout: float = 30.0) -> Optional[Dict[str, Any]]:
        req_id = self.next_id
        self.next_id += 1
        os.write(self.req_w, encode_frame({"type": kind, "id": req_id}))
        end = time.monotonic() + timeout
        with self.cond:
            while time.monotonic() < end:
                for m in self.messages:
                    if m is not None and m.get("type") == "response" and m.get("id") == req_id:
                        return m
                if self.messages and self.messages[-1] is None:
                    return None
                self.cond.wait(0.05)
        return None

    def finish(self, timeout: float = 120.0) -> int:
        try:
            code = self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()
            try:
                os.close(self.req_w)
            except OSError:
                pass
        for t in self.threads:
            t.join(5)
        # A pipe still held open by a process the script started (it outlives the script) stays with
        # its reader thread: closing it under a blocked read would wait for that process.
        for stream, t in ((self.proc.stdout, self.threads[1]), (self.proc.stderr, self.threads[2])):
            if not t.is_alive():
                stream.close()
        if not self.threads[0].is_alive():
            os.close(self.msg_r)
        return code

    @property
    def stdout(self) -> str:
        return b"".join(self.out).decode("utf-8", "replace")

    @property
    def stderr(self) -> str:
        return b"".join(self.err).decode("utf-8", "replace")

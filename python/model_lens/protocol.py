"""The framed messages between the extension and this process.

The extension's ``src/protocol/backend.ts`` defines every message (requests, responses, events);
this module only writes and reads them, and the extension validates each one it receives with the
same guards it uses for its Node backend. The transport is a pair of pipes that are neither stdin
nor stdout (file descriptors 3 and 4), so whatever torch, a sample or the user prints can never
corrupt a message; that output goes to the extension's log instead.

A frame is::

    u32 little-endian  N   bytes that follow
    u32 little-endian  J   length of the JSON part
    J bytes                UTF-8 JSON (no NaN/Infinity: non-finite scalars are null)
    N - 4 - J bytes        binary part: float32 arrays, little-endian, 4-byte aligned

Inside the JSON a float32 array is ``{"$f32": [byte_offset, length]}``, an offset into the binary
part. Arrays therefore cross the pipe as raw bytes, exactly, with no base64 or decimal expansion.
"""
from __future__ import annotations

import array
import errno
import json
import math
import os
import sys
import threading
import time
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

MAX_FRAME = 64 * 1024 * 1024
F32_KEY = "$f32"


class F32:
    """Marks a sequence of numbers (a list, an ``array('f')`` or a tensor) to travel as float32 bytes."""

    __slots__ = ("values",)

    def __init__(self, values: Any) -> None:
        self.values = values

    def to_bytes(self) -> bytes:
        v = self.values
        if hasattr(v, "detach"):  # a torch tensor: flatten on the CPU, read once
            v = v.detach().to("cpu").float().reshape(-1).tolist()
        a = v if isinstance(v, array.array) and v.typecode == "f" else array.array("f", v)
        if sys.byteorder != "little":
            a = array.array("f", a)
            a.byteswap()
        return a.tobytes()


def finite_or_none(x: Optional[float]) -> Optional[float]:
    """The protocol's only spelling of "not a number" is null."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _prepare(value: Any, blob: bytearray) -> Any:
    if isinstance(value, F32):
        data = value.to_bytes()
        offset = len(blob)
        blob += data
        blob += b"\0" * (-len(blob) % 4)
        return {F32_KEY: [offset, len(data) // 4]}
    if isinstance(value, dict):
        return {str(k): _prepare(v, blob) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_prepare(v, blob) for v in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value


def encode_frame(message: Dict[str, Any]) -> bytes:
    blob = bytearray()
    body = json.dumps(_prepare(message, blob), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    size = 4 + len(body) + len(blob)
    if size > MAX_FRAME:
        raise ValueError(f"message of {size} bytes exceeds the {MAX_FRAME}-byte frame limit")
    return size.to_bytes(4, "little") + len(body).to_bytes(4, "little") + body + bytes(blob)


def _restore(value: Any, blob: bytes) -> Any:
    if isinstance(value, dict):
        ref = value.get(F32_KEY)
        if len(value) == 1 and isinstance(ref, list) and len(ref) == 2:
            offset, length = int(ref[0]), int(ref[1])
            if offset < 0 or length < 0 or offset + 4 * length > len(blob):
                raise ValueError("float32 reference outside the frame")
            a = array.array("f")
            a.frombytes(blob[offset:offset + 4 * length])
            if sys.byteorder != "little":
                a.byteswap()
            return a
        return {k: _restore(v, blob) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore(v, blob) for v in value]
    return value


def decode_frame(payload: bytes) -> Any:
    """Decodes what follows the 4-byte length: the JSON part and its float32 arrays."""
    if len(payload) < 4:
        raise ValueError("frame shorter than its header")
    json_len = int.from_bytes(payload[:4], "little")
    if 4 + json_len > len(payload):
        raise ValueError("frame's JSON part is longer than the frame")
    return _restore(json.loads(payload[4:4 + json_len].decode("utf-8")), payload[4 + json_len:])


class FrameReader:
    """Reads whole frames from a file descriptor; returns None at end of stream."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()

    def _fill(self, n: int) -> bool:
        while len(self.buffer) < n:
            chunk = os.read(self.fd, max(65536, n - len(self.buffer)))
            if not chunk:
                return False
            self.buffer += chunk
        return True

    def read(self) -> Optional[Any]:
        if not self._fill(4):
            return None
        size = int.from_bytes(self.buffer[:4], "little")
        if size > MAX_FRAME:
            raise ValueError(f"incoming frame of {size} bytes exceeds the limit")
        if not self._fill(4 + size):
            return None
        payload = bytes(self.buffer[4:4 + size])
        del self.buffer[:4 + size]
        return decode_frame(payload)


class FrameWriter:
    """Writes frames to a file descriptor; safe to share between threads."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.lock = threading.Lock()
        self.closed = False

    def write(self, message: Dict[str, Any]) -> None:
        data = memoryview(encode_frame(message))
        with self.lock:
            if self.closed:
                return
            try:
                while data:
                    n = os.write(self.fd, data)
                    data = data[n:]
            except (BrokenPipeError, OSError):
                # The extension is gone; the watchdog ends this process.
                self.closed = True


# ─── events (the shapes of src/protocol/backend.ts BackendEvent) ────────────────────────────────
Event = Dict[str, Any]


def now_ms() -> float:
    return time.time() * 1000.0


class RunFileError(OSError):
    """A run file that could not be written (src/backend/eventLog.ts RunFileError, same words)."""

    def __init__(self, path: str, cause: OSError) -> None:
        code = errno.errorcode.get(cause.errno or 0, "EIO")
        reason = "no space left on the device" if cause.errno == errno.ENOSPC else (cause.strerror or str(cause))
        super().__init__(cause.errno, f"could not write {path}: {reason} ({code})")
        self.path = path

    def __str__(self) -> str:
        return str(self.strerror)


def localized(en: str, zh_cn: str) -> Dict[str, str]:
    """Text in the languages of src/protocol/vocabulary.ts (LANGS)."""
    return {"en": en, "zh-cn": zh_cn}


def state_event(state: str, step: int, reason: Optional[Dict[str, str]] = None) -> Event:
    e: Event = {"kind": "state", "t": now_ms(), "state": state, "step": step}
    if reason is not None:
        e["reason"] = reason
    return e


def error_event(step: Optional[int], message: str, detail: Optional[str] = None) -> Event:
    e: Event = {"kind": "error", "t": now_ms(), "step": step, "message": message[:10_000]}
    if detail:
        e["detail"] = detail[:100_000]
    return e


def log_event(level: str, message: str) -> Event:
    return {"kind": "log", "t": now_ms(), "level": level, "message": message[:10_000]}


def numbers(record: Dict[str, Optional[float]]) -> Dict[str, Optional[float]]:
    return {k: finite_or_none(v) for k, v in record.items()}


def f32(values: Union[Sequence[float], Iterable[float], Any]) -> F32:
    return F32(values)

"""What an interpreter is, answered in one line of JSON on stdout after a marker.

The extension runs this through a bootstrap that even Python 2 can parse (it reports the version
and stops before importing anything of ours on an interpreter that is too old)::

    python -c "<bootstrap>" <this package's folder>

and caches the answer per interpreter path and modification time. Importing torch is the point:
a torch that is installed but cannot load (a missing shared library, an ABI mismatch) is no torch.
The BLAS is read from /proc/self/maps after a matrix multiply, i.e. the library really loaded, not
the one torch was built against.

Started with ``--serve [--memory-mb N]`` and the host's pipes on fds 3/4 (as the engine is), an
interpreter that has torch does not exit after its answer: it becomes the PyTorch engine
(``backend.serve``), so a window's first run does not import torch a second time.
"""
from __future__ import annotations

import json
import os
import platform
import sys
import time
from typing import Any, Dict, List

MARKER = "MODEL_LENS_PROBE "

def site_folders() -> List[str]:
    folders: List[str] = []
    try:
        import site

        folders += list(getattr(site, "getsitepackages", lambda: [])())
        folders.append(site.getusersitepackages())
    except Exception:  # noqa: BLE001 — some embedded interpreters have a reduced site module
        pass
    return [f for f in folders if isinstance(f, str)][:8]


def probe() -> Dict[str, Any]:
    out: Dict[str, Any] = {
        "python": platform.python_version(),
        "executable": sys.executable,
        "implementation": platform.python_implementation(),
        "cpuCount": os.cpu_count(),
        "torch": None,
        "torchError": None,
        # Where packages get installed: the extension re-probes when one of these folders changes
        # (a `pip install torch` after this probe said "no torch").
        "sitePackages": site_folders(),
    }
    started = time.perf_counter()
    try:
        import torch
    except BaseException as err:  # noqa: BLE001 — any failure to import means "no usable torch"
        out["torchError"] = f"{type(err).__name__}: {err}".splitlines()[0][:400]
        return out
    out["torch"] = torch.__version__
    out["importSeconds"] = round(time.perf_counter() - started, 3)
    try:
        torch.ones(64, 64) @ torch.ones(64, 64)  # make sure the BLAS is mapped
        from .threads import blas_in_use

        blas, blas_path = blas_in_use()
        out["blas"] = blas
        out["blasPath"] = blas_path
        out["threads"] = torch.get_num_threads()
        out["parallel"] = torch.__config__.parallel_info().splitlines()[-1].strip() if hasattr(torch, "__config__") else None
    except BaseException as err:  # noqa: BLE001
        out["torchError"] = f"torch imports but fails to compute: {type(err).__name__}: {err}"[:400]
    return out


def main() -> None:
    args = sys.argv[2:]
    pipes = None
    if "--serve" in args:
        from .backend import cap_memory, host_pipes, parse_args, watch_parent

        watch_parent()
        cap = cap_memory(parse_args(args)["memory_mb"])  # before torch's import, as the engine does
        pipes = host_pipes("the probe serves only when the extension starts it")
    result = probe()
    sys.stdout.write(MARKER + json.dumps(result) + "\n")
    sys.stdout.flush()
    if pipes is not None and result["torch"] is not None and result["torchError"] is None:
        from .backend import serve

        serve(pipes[0], pipes[1], cap, result.get("importSeconds") or 0.0)

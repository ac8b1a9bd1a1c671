"""Shared set-up for the Python tests: paths of the repository, a cadence, run configurations."""
from __future__ import annotations

import os
import sys
import tempfile
import textwrap
from typing import Any, Dict, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(PACKAGE_DIR)
SAMPLES_DIR = os.path.join(REPO, "samples")
DATA_DIR = os.path.join(REPO, "dist", "data")
if PACKAGE_DIR not in sys.path:
    sys.path.insert(0, PACKAGE_DIR)

HAVE_MNIST = os.path.exists(os.path.join(DATA_DIR, "mnist-images.u8"))
NO_MNIST = "dist/data/mnist-*.u8 not built (run `node scripts/build.mjs`)"

EVERY_STEP = {"metricsEverySteps": 1, "gradientsEverySteps": 1, "activationsEverySteps": 1, "visualsEveryMs": 1,
              "validateEverySteps": 0, "minIntervalMs": 0}


def run_config(sample: Dict[str, Any], runs_dir: Optional[str] = None, hyper: Optional[Dict[str, Any]] = None,
               cadence: Optional[Dict[str, int]] = None, seconds: Optional[float] = None, allow: bool = False,
               checkpoints: bool = False) -> Dict[str, Any]:
    config: Dict[str, Any] = {
        "sample": sample, "hyper": hyper or {}, "engine": "torch", "cadence": cadence or dict(EVERY_STEP),
        "paths": {"samplesDir": SAMPLES_DIR, "dataDir": DATA_DIR, "wasmDir": "", "runsDir": runs_dir or tempfile.mkdtemp(prefix="ml-py-runs-"), "nativeModulePaths": []},
        "allowWorkspaceCode": allow, "checkpoints": checkpoints,
    }
    if seconds is not None:
        config["seconds"] = seconds
    return config


def no_hooks_left(module) -> bool:
    """True when no forward/backward hook of ours is left on any module."""
    for m in module.modules():
        if m._forward_hooks or m._forward_pre_hooks or m._backward_hooks:
            return False
    return True


def write_source(text: str, name: str, folder: str = "", prefix: str = "ml-test-") -> str:
    """Writes dedented Python source as ``name`` in ``folder`` (a new temporary folder when empty); its path."""
    folder = folder or tempfile.mkdtemp(prefix=prefix)
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(textwrap.dedent(text))
    return path


def line_of(path: str, text: str) -> int:
    """The 1-based line of the first line of ``path`` containing ``text``."""
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if text in line:
                return i
    raise AssertionError(f"{text!r} not in {path}")

"""One training run from a run configuration (``RunConfig`` in ``src/protocol/backend.ts``): the
sample, its layer table, the thread count, the run folder and the trainer.

The run folder is the TensorFlow.js engine's layout, so "Open Training Run…" and "Compare runs" read
both: ``run.json`` (written here, with ``checkpointFormat``), ``events.log`` (written by the
extension as it receives and validates each event) and ``checkpoints/step-N/`` holding the newest
checkpoint as a PyTorch ``state_dict`` (``model.pt``, ``torch.save``) plus ``checkpoint.json``.
"""
from __future__ import annotations

import json
import os
import platform
import random as pyrandom
import shutil
import string
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Optional

import torch

from . import threads
from .layers import SourceIndex, parameter_owners, trace_layers
from .protocol import RunFileError, now_ms
from .sample import Batch, Tap, description_problem, load_sample, resolve_hyper, resolve_sample_path, SampleContext
from .trainer import Trainer, out_of_memory, out_of_memory_text
from .user_model import open_class

RUN_META_NAME = "run.json"
CHECKPOINT_FORMAT = "pytorch-state-dict"
CHECKPOINT_EVERY_S = 20.0


def new_run_id(sample_id: str) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    tail = "".join(pyrandom.choice(string.ascii_lowercase + string.digits) for _ in range(4))
    return f"{stamp}-{sample_id}-{tail}"


def _read(path: str) -> Optional[str]:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def process_identity() -> Dict[str, Any]:
    """Which process writes the run (src/backend/runFolder.ts ProcessIdentity): a reader that finds
    it gone (a reused pid does not count) shows the run as crashed instead of still running."""
    boot = _read("/proc/sys/kernel/random/boot_id")
    stat = _read(f"/proc/{os.getpid()}/stat")
    # Fields after the command name (which may hold spaces and parentheses); field 22 is the start time.
    start = stat[stat.rfind(")") + 2:].split(" ")[19] if stat else None
    return {"pid": os.getpid(), "boot": boot.strip() if boot else None, "start": start}


class CheckpointKeeper:
    """Keeps the newest checkpoint only; epoch-end saves are skipped when the last one is recent."""

    def __init__(self, model: torch.nn.Module, folder: str, sample_id: str) -> None:
        self.model = model
        self.folder = folder
        self.sample_id = sample_id
        self.last: Optional[str] = None
        self.last_at = 0.0

    def save(self, step: int, final: bool) -> Optional[str]:
        if not final and self.last and time.monotonic() - self.last_at < CHECKPOINT_EVERY_S:
            return self.last
        os.makedirs(self.folder, exist_ok=True)
        name = f"step-{step}"
        final_dir = os.path.join(self.folder, name)
        tmp = os.path.join(self.folder, f".tmp-{name}-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        torch.save(self.model.state_dict(), os.path.join(tmp, "model.pt"))
        with open(os.path.join(tmp, "checkpoint.json"), "w", encoding="utf-8") as f:
            json.dump({"format": CHECKPOINT_FORMAT, "file": "model.pt", "sample": self.sample_id, "step": step,
                       "torch": torch.__version__, "load": "model.load_state_dict(torch.load('model.pt'))"}, f, indent=2)
        shutil.rmtree(final_dir, ignore_errors=True)
        os.rename(tmp, final_dir)
        if self.last and self.last != final_dir:
            shutil.rmtree(self.last, ignore_errors=True)
        self.last, self.last_at = final_dir, time.monotonic()
        return final_dir


@dataclass
class RunHandle:
    run_id: str
    run_dir: str
    trainer: Trainer


def python_description() -> str:
    return f"Python {platform.python_version()} ({sys.executable})"


def engine_summary(thread_count: int, timings: Dict[int, float], note: Optional[Dict[str, Any]], chosen_by: str) -> Dict[str, Any]:
    """The run's engine as the panel and the CLI show it: a short label, the full detail, a note."""
    blas, blas_path = threads.blas_in_use()
    if timings:
        measured = ", ".join(f"{n} → {ms:.1f} ms" for n, ms in sorted(timings.items()))
        how = f"{thread_count} thread{'s' if thread_count != 1 else ''} (fastest of a timed forward + backward pass: {measured})"
    else:
        how = f"{thread_count} thread{'s' if thread_count != 1 else ''} ({chosen_by})"
    detail = f"PyTorch {torch.__version__} on {python_description()}, {blas}{f' ({blas_path})' if blas_path else ''}, {how}"
    out: Dict[str, Any] = {
        "name": "torch", "detail": detail, "fallbacks": [], "threads": thread_count,
        "torch": {"version": torch.__version__, "python": platform.python_version(), "interpreter": sys.executable, "blas": blas},
    }
    if isinstance(note, dict) and note.get("kind") in ("torchUnavailable", "pythonSettingIgnored"):
        out["note"] = {"kind": note["kind"], "detail": str(note.get("detail", ""))[:10_000]}
    return out


def start_run(config: Dict[str, Any], emit: Callable[[Dict[str, Any]], None], memory_cap_mb: Optional[int] = None) -> RunHandle:
    """Prepares a run and emits runStarted; the caller then runs ``handle.trainer.run()``."""
    paths = config["paths"]
    if isinstance(config["sample"], dict) and config["sample"].get("kind") == "class":  # "Train this model" (user_model.py)
        loaded = open_class(config["sample"], bool(config.get("allowWorkspaceCode")), config.get("hyper") or {})
        file = loaded.file
    else:
        file = resolve_sample_path(config["sample"], paths["samplesDir"], bool(config.get("allowWorkspaceCode")))
        loaded = load_sample(file)
    desc = loaded.description
    problem = description_problem(desc)
    if problem is not None:
        raise TypeError(f"{file}: {problem}")
    hp = resolve_hyper(desc["defaults"], config.get("hyper") or {})
    torch.manual_seed(int(hp["seed"]))
    try:
        trainable = loaded.module.create(SampleContext(hp, paths["dataDir"]))
        model = trainable.model
        calls = trace_layers(model, trainable.trace, SourceIndex.parse(loaded.source), loaded.module.__name__, trainable.blocks)
    except Exception as err:
        why = out_of_memory_text(memory_cap_mb) if out_of_memory(err) else f"{type(err).__name__}: {err}"
        raise RuntimeError(f"{os.path.basename(file)}: could not build the model and run it once: {why}") from err
    variables = parameter_owners(model, calls)

    forced = os.environ.get("MODEL_LENS_TORCH_THREADS", "")
    if forced.isdigit() and int(forced) > 0:
        threads.set_threads(int(forced))
        thread_count, timings, chosen_by = int(forced), {}, "set by MODEL_LENS_TORCH_THREADS"
    else:
        first = trainable.data.train
        size = min(int(hp["batchSize"]), first.count)
        probe = Batch(first.x[:size], first.y[:size])

        def one_pass() -> None:
            for phase in trainable.phases:
                phase.loss(probe, Tap()).backward()
            model.zero_grad(set_to_none=True)

        try:
            thread_count, timings = threads.choose_threads(model, one_pass)
            chosen_by = "one core available" if len(threads.candidates()) == 1 else "torch's default: one pass takes over a second, too long to time each count"
        except Exception as err:  # the first training step meets (and reports) the same problem
            threads.set_threads(1)
            thread_count, timings, chosen_by = 1, {}, f"not measured: the model failed a trial pass ({type(err).__name__})"

    run_id = new_run_id(str(desc["id"]))
    run_dir = os.path.join(paths["runsDir"], run_id)
    os.makedirs(run_dir, exist_ok=True)
    meta: Dict[str, Any] = {
        "runId": run_id, "sampleId": desc["id"], "title": desc["title"], "created": datetime.now(timezone.utc).isoformat(),
        "engine": "torch", "state": "starting", "test": None, "step": 0,
        "checkpointFormat": CHECKPOINT_FORMAT, "python": platform.python_version(), "torch": torch.__version__,
        "process": process_identity(),
    }

    def write_meta() -> None:
        path = os.path.join(run_dir, RUN_META_NAME)
        tmp = os.path.join(run_dir, f".{RUN_META_NAME}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(meta, f, indent=2, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError as err:
            raise RunFileError(path, err) from err

    write_meta()
    seconds = config.get("seconds") or desc.get("seconds")
    batch_size = min(int(hp["batchSize"]), trainable.data.train.count)
    emit({
        "kind": "runStarted", "t": now_ms(), "runId": run_id, "runDir": run_dir,
        "sample": {"id": desc["id"], "title": desc["title"], "sections": desc["sections"], "dataset": desc["dataset"], "file": file, "goal": desc["goal"],
                   "task": desc.get("task", "classification")},
        "engine": engine_summary(thread_count, timings, config.get("engineNote"), chosen_by),
        "hyper": hp,
        "layers": [c.info() for c in calls],
        "variables": [{"name": n, "layer": layer, "shape": list(p.shape)} for n, layer, p in variables],
        "trainSize": trainable.data.train.count, "testSize": trainable.data.test.count,
        "stepsPerEpoch": -(-trainable.data.train.count // batch_size), "seconds": seconds,
        "phases": [p.name for p in trainable.phases],
    })

    write_failed: List[RunFileError] = []

    def on_event(e: Dict[str, Any]) -> None:
        if e["kind"] == "state" and not write_failed:
            meta["state"], meta["step"] = e["state"], e["step"]
            try:
                write_meta()
            except RunFileError as err:
                # The run fails naming the file (the trainer's error path); run.json is not tried again.
                write_failed.append(err)
                if e["state"] not in ("finished", "failed", "stopped"):
                    raise
        elif e["kind"] == "finished":
            meta["test"] = e["test"]
        emit(e)

    keeper = CheckpointKeeper(model, os.path.join(run_dir, "checkpoints"), str(desc["id"]))
    trainer = Trainer(
        trainable, hp, config["cadence"], float(seconds) if seconds else None, on_event, calls, variables,
        learning_rate_decay=desc.get("learningRateDecay") == "linear",
        checkpoint=keeper.save if config.get("checkpoints") else None, memory_cap_mb=memory_cap_mb,
    )
    return RunHandle(run_id, run_dir, trainer)

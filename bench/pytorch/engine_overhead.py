"""Instrumentation overhead of the PyTorch engine, measured in one run: the same sample's model,
data and optimizer, stepped alternately as a plain PyTorch training step (zero_grad, loss,
backward, optimizer step, loss read back) and as the engine's instrumented step at the panel's
cadence (every parameter's gradient L2/max-abs, weight norm and update ratio each step; activation
statistics every 10 steps; the events encoded as they would be sent). Each side runs in 0.25 s
chunks, alternating, and the fastest chunk of each is compared (wall and CPU time per step), so
other programs on a shared machine disturb both sides alike.

    python bench/pytorch/engine_overhead.py --only cnn-mnist,transformer --seconds 3 --threads 1

Prints one JSON line per sample.
"""
import argparse
import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))

import torch  # noqa: E402

from model_lens.protocol import F32, encode_frame, now_ms  # noqa: E402
from model_lens.sample import Batch, Tap  # noqa: E402
from model_lens.session import start_run  # noqa: E402
from model_lens.trainer import make_optimizer  # noqa: E402

PANEL_CADENCE = {"metricsEverySteps": 1, "gradientsEverySteps": 1, "activationsEverySteps": 10, "visualsEveryMs": 0, "validateEverySteps": 0, "minIntervalMs": 30}
CHUNK_S = 0.25


def measure(sample_id: str, seconds: float) -> dict:
    config = {
        "sample": {"kind": "shipped", "id": sample_id}, "hyper": {}, "engine": "torch", "cadence": PANEL_CADENCE,
        "paths": {"samplesDir": os.path.join(REPO, "samples"), "dataDir": os.path.join(REPO, "dist", "data"), "wasmDir": "",
                  "runsDir": tempfile.mkdtemp(prefix="ml-bench-"), "nativeModulePaths": []},
        "allowWorkspaceCode": False, "checkpoints": False,
    }
    handle = start_run(config, lambda e: None)
    trainer = handle.trainer
    trainable = trainer.trainable
    phase_vars = [list(p.parameters) for p in trainable.phases]
    optimizers = [make_optimizer(p, trainer.hp) for p in trainable.phases]
    train = trainable.data.train
    size = min(int(trainer.hp["batchSize"]), train.count)
    batches = [Batch(train.x[i:i + size], train.y[i:i + size]) for i in range(0, train.count - size + 1, size)][:16]
    sink = open(os.devnull, "wb")
    counter = [0]
    metrics_at = [0.0]

    def plain() -> None:
        batch = batches[counter[0] % len(batches)]
        trainable.model.train()
        for phase, opt in zip(trainable.phases, optimizers):
            opt.zero_grad(set_to_none=True)
            loss = phase.loss(batch, Tap())
            loss.backward()
            opt.step()
            float(loss)
        counter[0] += 1

    def instrumented() -> None:
        batch = batches[counter[0] % len(batches)]
        losses, metrics, grads, acts = trainer._train_step(batch, phase_vars, optimizers)  # noqa: SLF001 — the engine's own step
        trainer.step += 1
        if grads is not None:
            sink.write(encode_frame({"type": "event", "event": {"kind": "gradients", "t": now_ms(), "step": trainer.step,
                                                                 "gradNorm": F32(grads[0]), "gradMaxAbs": F32(grads[1]), "weightNorm": F32(grads[2]), "updateRatio": F32(grads[3])}}))
        if acts is not None:
            names, mean, std, dead = acts
            sink.write(encode_frame({"type": "event", "event": {"kind": "activations", "t": now_ms(), "step": trainer.step, "layers": names,
                                                                 "mean": F32(mean), "std": F32(std), "deadFraction": F32(dead)}}))
        # As the engine does: metrics at most every minIntervalMs (the figures of the steps between are summed).
        if (time.perf_counter() - metrics_at[0]) * 1000 >= PANEL_CADENCE["minIntervalMs"]:
            sink.write(encode_frame({"type": "event", "event": {"kind": "metrics", "t": now_ms(), "step": trainer.step, "epoch": 0, "loss": losses, "train": dict(metrics), "samplesPerSec": None}}))
            metrics_at[0] = time.perf_counter()
        counter[0] += 1

    best = {"plain": [float("inf"), float("inf")], "instrumented": [float("inf"), float("inf")]}
    for fn in (plain, instrumented):  # warm-up
        for _ in range(3):
            fn()
    spent = {"plain": 0.0, "instrumented": 0.0}
    while min(spent.values()) < seconds:
        for name, fn in (("plain", plain), ("instrumented", instrumented)):
            steps, w0, c0 = 0, time.perf_counter(), time.process_time()
            while time.perf_counter() - w0 < CHUNK_S or steps < 2:
                fn()
                steps += 1
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            spent[name] += wall
            best[name][0] = min(best[name][0], wall / steps * 1000)
            best[name][1] = min(best[name][1], cpu / steps * 1000)
    sink.close()
    p, i = best["plain"], best["instrumented"]
    return {
        "sample": sample_id, "threads": torch.get_num_threads(), "batch": size, "params": len(trainer.variables),
        "plainMsPerStep": round(p[0], 2), "instrumentedMsPerStep": round(i[0], 2),
        "plainCpuMsPerStep": round(p[1], 2), "instrumentedCpuMsPerStep": round(i[1], 2),
        "overheadPct": round((i[0] / p[0] - 1) * 100, 1), "cpuOverheadPct": round((i[1] / p[1] - 1) * 100, 1),
        # Share of the instrumented steps that had per-parameter and per-layer statistics (hooks.StatsBudget).
        "gradientSteps": round(trainer.stats_budget.taken / max(1, trainer.stats_budget.taken + trainer.stats_budget.skipped), 2),
        "activationSteps": round(trainer.acts_budget.taken / max(1, trainer.acts_budget.taken + trainer.acts_budget.skipped), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="cnn-mnist,rnn-mnist,lstm-mnist,gru-mnist,transformer")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    os.environ["MODEL_LENS_TORCH_THREADS"] = str(args.threads)
    for sample_id in args.only.split(","):
        print(json.dumps(measure(sample_id.strip(), args.seconds)), flush=True)


if __name__ == "__main__":
    main()

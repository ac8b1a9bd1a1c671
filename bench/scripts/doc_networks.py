"""A plain training script over one of the document's networks (the PyTorch samples' SimpleCNN or
encoder-decoder Transformer, imported from samples/torch/), the way a person writes one: a loop of
zero_grad, forward, loss, backward, step, loss.item(). It times each step and writes the times to
the file named by BENCH_STEP_TIMES, for bench/pytorch/script_overhead.py, which runs it with and
without the script probe. Random inputs of the samples' shapes; nothing is downloaded.

    python bench/scripts/doc_networks.py cnn|transformer [--steps N]
"""
import argparse
import importlib.util
import json
import os
import sys
import time

import torch
import torch.nn as nn

SAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "samples", "torch")


def load(name):
    spec = importlib.util.spec_from_file_location(f"doc_{name}", os.path.join(SAMPLES, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("network", choices=["cnn", "transformer"])
    parser.add_argument("--steps", type=int, default=120)
    args = parser.parse_args()
    torch.manual_seed(0)
    if os.environ.get("BENCH_THREADS"):
        torch.set_num_threads(int(os.environ["BENCH_THREADS"]))
    if args.network == "cnn":
        cnn = load("cnn_mnist")
        model = cnn.SimpleCNN()
        batches = [(torch.randn(32, 1, 28, 28), torch.randint(0, 10, (32,))) for _ in range(8)]
        loss_fn = nn.CrossEntropyLoss()

        def compute(x, y):
            return loss_fn(model(x), y)
    else:
        tr = load("transformer")
        model = tr.build_transformer(tr.VOCAB, tr.SRC_LEN, tr.TGT_LEN)
        src = torch.randint(tr.DIGIT0, tr.DIGIT0 + 10, (64, tr.SRC_LEN))
        tgt = torch.randint(tr.DIGIT0, tr.DIGIT0 + 10, (64, tr.TGT_LEN))
        batches = [(src, tgt)] * 8
        loss_fn = nn.CrossEntropyLoss(ignore_index=tr.PAD)

        def compute(x, y):
            logits = model(x, y)
            return loss_fn(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    model.train()
    times, cpu = [], []
    for step in range(args.steps):
        x, y = batches[step % len(batches)]
        t0, c0 = time.perf_counter(), time.thread_time()
        optimizer.zero_grad()
        loss = compute(x, y)
        loss.backward()
        optimizer.step()
        loss.item()
        times.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)  # this thread's CPU time: what the step cost, whoever else wants the cores
    out = os.environ.get("BENCH_STEP_TIMES")
    if out:
        with open(out, "w") as f:
            json.dump({"wall": times, "cpu": cpu}, f)
    print(f"{args.network}: {args.steps} steps, median {sorted(times)[len(times) // 2] * 1000:.1f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()

"""The script probe's cost per training step: the same plain training script over the document's
CNN and Transformer (bench/scripts/doc_networks.py) run alternately as it is and under the probe
(started as the extension starts it: fds 3/4, its own process group, the panel's cadence), in the
same run. Each run times its own steps, in wall time and in the training thread's CPU time (the
probe's work runs in that thread, inside the script's forward, backward and optimizer.step; on a
shared machine the CPU time is the figure that other programs do not inflate); the first 10 steps
(start-up, the probe's model discovery) are left out and the median step of each run is taken.
Across the rounds the fastest run of each side is compared (the run other programs disturbed
least, as bench/pytorch/engine_overhead.py compares its fastest chunks); the medians are printed too.

    python bench/pytorch/script_overhead.py [--rounds 5] [--steps 50] [--threads 1]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python", "tests"))
sys.path.insert(0, os.path.join(REPO, "python"))

from probe_driver import Probe  # noqa: E402

SCRIPT = os.path.join(REPO, "bench", "scripts", "doc_networks.py")
PANEL_CADENCE = {"metricsEverySteps": 1, "gradientsEverySteps": 1, "activationsEverySteps": 10, "visualsEveryMs": 500, "validateEverySteps": 0, "minIntervalMs": 30}
SKIP = 10


def median(xs):
    s = sorted(xs)
    return s[len(s) // 2]


def one(network: str, steps: int, probe: bool, env: dict) -> dict:
    out = tempfile.mktemp(suffix=".json", prefix="ml-steps-")
    env = {**os.environ, **env, "BENCH_STEP_TIMES": out}
    if probe:
        p = Probe(SCRIPT, [network, "--steps", str(steps)], ["--runs-dir", tempfile.mkdtemp(prefix="ml-bench-runs-"), "--cadence", json.dumps(PANEL_CADENCE)],
                  cwd=REPO, env={k: v for k, v in env.items() if k.startswith(("BENCH_", "OMP_"))})
        code = p.finish(600)
        events = p.events()
        if code != 0 or not any(e["kind"] == "gradients" for e in events):
            raise RuntimeError(f"the probe run failed ({code}): {p.stderr[-2000:]}")
    else:
        subprocess.run([sys.executable, SCRIPT, network, "--steps", str(steps)], env=env, check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out) as f:
        times = json.load(f)
    os.unlink(out)
    return {k: median(v[SKIP:]) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--threads", default="1")
    args = parser.parse_args()
    env = {"BENCH_THREADS": args.threads, "OMP_WAIT_POLICY": "PASSIVE"}
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} cores, torch threads {args.threads}, {args.rounds} rounds × {args.steps} steps")
    for network in ("cnn", "transformer"):
        plain, probed = [], []
        for _ in range(args.rounds):
            plain.append(one(network, args.steps, False, env))
            probed.append(one(network, args.steps, True, env))
        row = {"network": network}
        for kind in ("cpu", "wall"):
            p, q = min(r[kind] for r in plain), min(r[kind] for r in probed)
            pm, qm = median([r[kind] for r in plain]), median([r[kind] for r in probed])
            row[kind] = {"plainMs": round(p * 1000, 2), "probeMs": round(q * 1000, 2), "overhead": f"{(q / p - 1) * 100:+.1f} %",
                         "medianOverhead": f"{(qm / pm - 1) * 100:+.1f} %",
                         "plainRounds": [round(r[kind] * 1000, 1) for r in plain], "probeRounds": [round(r[kind] * 1000, 1) for r in probed]}
        print(json.dumps(row))
    print(f"# load average after {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

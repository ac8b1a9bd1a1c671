"""model_lens.script_probe: a person's unmodified training script run with the probe, against the
real torch; every bad input the issue lists, as the extension starts it (fds 3/4, own process group)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

from support import DATA_DIR, HAVE_MNIST, PACKAGE_DIR, REPO, line_of, no_hooks_left, write_source
from probe_driver import BOOTSTRAP, Probe
from model_lens.protocol import FrameReader

import torch
import torch.nn as nn

FIXTURES = os.path.join(REPO, "test", "fixtures", "scripts")
EVERY = json.dumps({"metricsEverySteps": 1, "gradientsEverySteps": 1, "activationsEverySteps": 2, "visualsEveryMs": 1, "minIntervalMs": 0})


def write(text: str, name: str = "train.py", folder: str = "") -> str:
    return write_source(text, name, folder, "ml-script-")


TINY = """
import torch, torch.nn as nn
class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)
    def forward(self, x):
        return self.fc(x)
model = Tiny()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
"""


def alive(pid: int) -> bool:
    """Still running (a zombie waiting for its reaper is gone for our purpose)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def group_members(pgid: int) -> list:
    """Pids in a process group, from /proc (no procps needed)."""
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", encoding="utf-8") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):  # gone meanwhile
                continue
            if len(fields) > 2 and int(fields[2]) == pgid and fields[0] != "Z":
                out.append(name)
    return out


def kinds(events):
    return [e["kind"] for e in events]


class ScriptProbeTest(unittest.TestCase):
    def run_probe(self, script, args=(), options=(), **kw):
        runs = tempfile.mkdtemp(prefix="ml-script-runs-")
        p = Probe(script, list(args), ["--runs-dir", runs, "--cadence", EVERY] + list(options), **kw)
        self.addCleanup(lambda: p.proc.poll() is None and os.killpg(p.proc.pid, 9))
        return p, runs

    def test_mnist_example_script_streams_loss_gradients_layers_and_lines(self) -> None:
        script = os.path.join(FIXTURES, "mnist_train.py")
        args = ["--max-steps", "12", "--train-size", "1000", "--log-interval", "5"] + (["--data", DATA_DIR] if HAVE_MNIST else [])
        p, runs = self.run_probe(script, args)
        self.assertEqual(p.finish(), 0, p.stderr)
        ev = p.events()
        started = next(e for e in ev if e["kind"] == "runStarted")
        rows = {l["name"]: l for l in started["layers"]}
        self.assertEqual(list(rows), ["conv1", "conv2", "dropout", "head.0", "head.1", "head.2"])
        self.assertEqual(rows["conv1"]["outputShape"], [None, 16, 28, 28])
        self.assertEqual(rows["head.2"]["outputShape"], [None, 10])
        self.assertEqual(rows["conv1"]["line"], line_of(script, "self.conv1 ="))
        self.assertEqual(rows["head.0"]["line"], line_of(script, "nn.Linear(32 * 7 * 7, 64)"))  # the Sequential's item, not the Sequential
        self.assertEqual(rows["head.0"]["file"], script)
        self.assertEqual(started["phases"], ["Adadelta"])
        self.assertEqual(started["script"]["optimizers"], [{"class": "Adadelta", "lr": 1.0}])
        self.assertEqual(started["hyper"]["batchSize"], 64)
        self.assertEqual(started["script"]["args"], args)
        metrics = [e for e in ev if e["kind"] == "metrics"]
        self.assertEqual(metrics[-1]["step"], 12)
        self.assertTrue(all(m["loss"][0] is not None and m["loss"][0] > 0 for m in metrics))
        self.assertEqual(metrics[-1]["train"]["lr"], 1.0)
        grads = [e for e in ev if e["kind"] == "gradients"]
        self.assertEqual(len(grads[-1]["gradNorm"]), len(started["variables"]))
        self.assertTrue(all(x > 0 for x in grads[-1]["gradNorm"]))
        self.assertTrue(all(0 < x < 1 for x in grads[-1]["updateRatio"]))
        acts = [e for e in ev if e["kind"] == "activations"]
        self.assertTrue(acts and "head.1" in acts[-1]["layers"])
        self.assertTrue(any(e["kind"] == "log" and "evaluation after step 12" in e["message"] for e in ev))
        self.assertEqual(kinds(ev)[-2:], ["finished", "state"])
        self.assertEqual(ev[-1]["state"], "finished")
        # The script's own output went to stdout, never into the event stream.
        self.assertIn("Train Epoch: 1", p.stdout)
        self.assertIn("Test set:", p.stdout)
        with open(os.path.join(started["runDir"], "run.json"), encoding="utf-8") as f:
            meta = json.load(f)
        self.assertEqual((meta["state"], meta["step"], meta["sampleId"]), ("finished", 12, "script"))
        self.assertEqual(os.path.dirname(started["runDir"]), runs)

    def test_attention_maps_of_multihead_attention_and_of_a_softmax_inside_an_attention_module(self) -> None:
        p, _ = self.run_probe(os.path.join(FIXTURES, "transformer_train.py"), ["--steps", "6"])
        self.assertEqual(p.finish(), 0, p.stderr)
        att = next(e for e in p.events() if e["kind"] == "attention")
        maps = [(m["attention"], m["layer"], m["heads"], m["rows"], m["cols"]) for m in att["maps"]]
        self.assertEqual(maps, [("encoderSelf", 0, 4, 8, 8), ("encoderSelf", 1, 4, 8, 8), ("cross", 0, 1, 1, 8)])
        for m in att["maps"]:
            w = list(m["weights"])
            for r in range(m["heads"] * m["rows"]):
                self.assertAlmostEqual(sum(w[r * m["cols"]:(r + 1) * m["cols"]]), 1.0, places=4)

    def test_the_documents_transformer_attention_blocks_by_the_softmax_rule(self) -> None:
        # samples/torch/transformer.py's MultiHeadAttentionBlock computes scores.softmax(dim=-1) itself.
        p, _ = self.run_probe(os.path.join(REPO, "bench", "scripts", "doc_networks.py"), ["transformer", "--steps", "4"])
        self.assertEqual(p.finish(), 0, p.stderr)
        att = next(e for e in p.events() if e["kind"] == "attention")
        got = sorted((m["attention"], m["layer"], m["heads"], m["rows"], m["cols"]) for m in att["maps"])
        self.assertEqual(got, [("cross", 0, 4, 9, 8), ("cross", 1, 4, 9, 8), ("decoderSelf", 0, 4, 9, 9), ("decoderSelf", 1, 4, 9, 9),
                               ("encoderSelf", 0, 4, 8, 8), ("encoderSelf", 1, 4, 8, 8)])
        causal = next(m for m in att["maps"] if m["attention"] == "decoderSelf")
        w = list(causal["weights"])
        self.assertLess(max(w[0 * 9 + c] for c in range(1, 9)), 1e-6)  # the first query sees only the first key

    def test_masked_self_attention_and_cross_attention_are_told_apart(self) -> None:
        script = write("""
            import torch, torch.nn as nn
            class Dec(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.self_attn = nn.MultiheadAttention(8, 2)
                    self.cross = nn.MultiheadAttention(8, 2)
                def forward(self, x, memory):
                    n = x.shape[0]
                    mask = torch.triu(torch.full((n, n), float('-inf')), 1)
                    y, _ = self.self_attn(x, x, x, attn_mask=mask, need_weights=False)
                    z, w = self.cross(y, memory, memory)
                    assert w.shape == (x.shape[1], n, memory.shape[0]), w.shape  # averaged, as the caller asked
                    return z
            m = Dec()
            opt = torch.optim.Adam(m.parameters())
            for _ in range(4):
                out = m(torch.randn(5, 3, 8), torch.randn(7, 3, 8))
                out.pow(2).mean().backward()
                opt.step(); opt.zero_grad()
        """)
        p, _ = self.run_probe(script)
        self.assertEqual(p.finish(), 0, p.stderr)
        att = next(e for e in p.events() if e["kind"] == "attention")
        self.assertEqual([(m["attention"], m["heads"], m["rows"], m["cols"]) for m in att["maps"]], [("decoderSelf", 2, 5, 5), ("cross", 2, 5, 7)])
        w = list(att["maps"][0]["weights"])
        self.assertEqual(max(w[0 * 5 + 1:0 * 5 + 5]), 0.0)  # the first query sees only itself

    def test_a_gan_shows_both_models_grouped_with_a_loss_per_optimizer(self) -> None:
        script = write("""
            import torch, torch.nn as nn
            generator = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
            discriminator = nn.Sequential(nn.Linear(2, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1))
            g_opt = torch.optim.Adam(generator.parameters(), lr=1e-3)
            d_opt = torch.optim.Adam(discriminator.parameters(), lr=1e-3)
            bce = nn.BCEWithLogitsLoss()
            for step in range(8):
                real = torch.randn(32, 2) + 3
                fake = generator(torch.randn(32, 2))
                d_loss = bce(discriminator(real), torch.ones(32, 1)) + bce(discriminator(fake.detach()), torch.zeros(32, 1))
                d_opt.zero_grad(); d_loss.backward(); d_opt.step()
                g_loss = bce(discriminator(fake), torch.ones(32, 1))
                g_opt.zero_grad(); g_loss.backward(); g_opt.step()
        """)
        p, _ = self.run_probe(script)
        self.assertEqual(p.finish(), 0, p.stderr)
        ev = p.events()
        started = next(e for e in ev if e["kind"] == "runStarted")
        self.assertEqual([m["name"] for m in started["script"]["models"]], ["discriminator", "generator"])
        self.assertEqual(started["phases"], ["Adam", "Adam"])
        names = [l["name"] for l in started["layers"]]
        self.assertEqual(names, ["discriminator.0", "discriminator.1", "discriminator.2", "generator.0", "generator.1", "generator.2"])
        # Module-level nn.Sequential models: each item's own line in the script.
        self.assertEqual(started["layers"][2]["line"], line_of(script, "discriminator = nn.Sequential"))
        self.assertEqual(started["layers"][2]["file"], script)
        metrics = [e for e in ev if e["kind"] == "metrics"]
        self.assertTrue(all(len(m["loss"]) == 2 for m in metrics))
        self.assertTrue(all(x is not None for x in metrics[-1]["loss"]))
        self.assertEqual(len([e for e in ev if e["kind"] == "gradients"][-1]["gradNorm"]), 8)

    def test_an_exception_mid_training_names_the_users_line(self) -> None:
        script = write(TINY + textwrap.dedent("""
            for step in range(10):
                loss = model(torch.randn(8, 4)).pow(2).mean()
                opt.zero_grad(); loss.backward(); opt.step()
                if step == 3:
                    model(torch.randn(8, 5))  # wrong width
        """))
        p, _ = self.run_probe(script)
        self.assertEqual(p.finish(), 1)
        ev = p.events()
        err = next(e for e in ev if e["kind"] == "error")
        # The traceback's last frame in the person's files: the forward's line, called from the loop.
        self.assertEqual(err["location"], {"file": script, "line": line_of(script, "return self.fc(x)")})
        self.assertRegex(err["message"], r"^RuntimeError: mat1 and mat2 shapes cannot be multiplied .*\(train.py:\d+\)$")
        self.assertIn(f'line {line_of(script, "wrong width")}', err["detail"])
        self.assertIn("train.py", err["detail"])
        self.assertNotIn("script_probe.py", err["detail"])
        self.assertNotIn("runpy", err["detail"])
        self.assertEqual((ev[-1]["kind"], ev[-1]["state"]), ("state", "failed"))

    def assert_failed_before_training(self, p, runs, message, location):
        """A failure before the first step is still a run: runStarted with no models or layers, the
        error with its line, then failed; run.json says so (the host's events.log makes it reopen)."""
        ev = p.events()
        self.assertEqual(kinds(ev), ["runStarted", "error", "state"], p.stderr)
        started, err = ev[0], ev[1]
        self.assertEqual((started["layers"], started["variables"], started["script"]["models"], started["script"]["optimizers"]), ([], [], [], []))
        self.assertEqual(err["location"], location)
        self.assertRegex(err["message"], message)
        self.assertEqual(ev[-1]["state"], "failed")
        [folder] = os.listdir(runs)
        self.assertEqual(os.path.join(runs, folder), started["runDir"])
        with open(os.path.join(started["runDir"], "run.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["state"], "failed")
        return err

    def test_an_exception_at_import_is_a_failed_run_naming_the_line(self) -> None:
        script = os.path.join(FIXTURES, "fails_at_import.py")
        p, runs = self.run_probe(script)
        self.assertEqual(p.finish(), 1)
        err = self.assert_failed_before_training(p, runs, r"^NameError: name 'HIDDEN_SIZE' is not defined.*\(fails_at_import\.py:\d+\)$",
                                                 {"file": script, "line": line_of(script, "model = Net(HIDDEN_SIZE)")})
        self.assertNotIn("script_probe.py", err["detail"])
        # Raised in another of the person's files that the script imports: that file's line.
        folder = tempfile.mkdtemp(prefix="ml-script-")
        write("import torch\nVALUE = 1 / 0\n", "helpers.py", folder)
        p, runs = self.run_probe(write("import helpers\n", "train.py", folder))
        self.assertEqual(p.finish(), 1)
        self.assert_failed_before_training(p, runs, r"^ZeroDivisionError: division by zero \(helpers\.py:2\)$", {"file": os.path.join(folder, "helpers.py"), "line": 2})

    def test_a_syntax_error_is_a_failed_run_naming_the_line(self) -> None:
        script = os.path.join(FIXTURES, "syntax_error.py")
        p, runs = self.run_probe(script)
        self.assertEqual(p.finish(), 1)
        self.assert_failed_before_training(p, runs, r"^SyntaxError: .*never closed \(syntax_error\.py:\d+\)$",
                                           {"file": script, "line": line_of(script, "model = nn.Sequential(")})

    def test_arguments_refused_by_argparse_name_its_complaint_and_the_parse_args_line(self) -> None:
        script = os.path.join(FIXTURES, "fails_parsing_args.py")
        p, runs = self.run_probe(script)
        self.assertEqual(p.finish(), 2)
        self.assert_failed_before_training(
            p, runs, r"^the script's arguments were refused \(exit status 2\): argument --lr: invalid float value: '0\.1x' \(fails_parsing_args\.py:\d+\)$",
            {"file": script, "line": line_of(script, "args = parser.parse_args()")})
        self.assertIn("error: argument --lr: invalid float value", p.stderr)  # argparse's own words still reach the output

    def test_script_not_found(self) -> None:
        p, _ = self.run_probe("/nonexistent/train.py", cwd=tempfile.gettempdir())
        self.assertEqual(p.finish(), 2)
        ev = p.events()
        self.assertEqual(ev[0]["message"], "script not found: /nonexistent/train.py")
        self.assertEqual(ev[-1]["state"], "failed")

    def test_argv_cwd_and_sys_path_are_what_python_script_gives(self) -> None:
        folder = tempfile.mkdtemp(prefix="ml-script-")
        write("NAME = 'local module'\n", "localmod.py", folder)
        out = os.path.join(folder, "seen.json")
        script = write(f"""
            import json, os, sys
            import localmod
            json.dump({{"argv": sys.argv, "cwd": os.getcwd(), "name": __name__, "path0": sys.path[0], "mod": localmod.NAME}}, open({out!r}, "w"))
        """, "train.py", folder)
        elsewhere = tempfile.mkdtemp(prefix="ml-cwd-")
        p, _ = self.run_probe(script, ["--epochs", "2", "--", "x y"], cwd=elsewhere)
        self.assertEqual(p.finish(), 0, p.stderr)
        with open(out, encoding="utf-8") as f:
            seen = json.load(f)
        self.assertEqual(seen["argv"], [script, "--epochs", "2", "--", "x y"])
        self.assertEqual(os.path.realpath(seen["cwd"]), os.path.realpath(elsewhere))
        self.assertEqual((seen["name"], seen["path0"], seen["mod"]), ("__main__", folder, "local module"))

    def test_no_training_step_is_reported_while_the_script_keeps_running(self) -> None:
        script = write("import time, torch\nfor _ in range(30):\n    time.sleep(0.1)\nprint('done')\n")
        p, runs = self.run_probe(script, options=["--no-step-after", "1"])
        warn = p.wait_for(lambda e: e["kind"] == "log" and e["level"] == "warn", 20)
        self.assertIsNotNone(warn)
        self.assertIn("no training step seen after 1 s", warn["message"])
        self.assertIn("still running", warn["message"])
        self.assertIsNone(p.proc.poll())
        self.assertEqual(p.finish(), 0)
        self.assertIn("done", p.stdout)
        self.assertEqual(os.listdir(runs), [])

    def test_stop_ends_an_endless_loop_before_training_within_two_seconds(self) -> None:
        script = write("import torch\nwhile True:\n    pass\n")
        p, _ = self.run_probe(script)
        self.assertIsNotNone(p.request("ping", 60))
        started = time.monotonic()
        self.assertTrue(p.request("stop")["ok"])
        p.finish(5)
        self.assertLess(time.monotonic() - started, 2.0)
        self.assertEqual(p.events()[-1]["state"], "stopped")

    def test_pause_holds_the_script_between_steps_and_stop_leaves_no_dataloader_worker(self) -> None:
        script = os.path.join(FIXTURES, "mnist_train.py")
        p, _ = self.run_probe(script, ["--workers", "2", "--epochs", "50", "--train-size", "2000", "--log-interval", "1000"])
        self.assertIsNotNone(p.wait_for(lambda e: e["kind"] == "metrics" and e["step"] >= 3, 60), p.stderr)
        children = group_members(p.proc.pid)
        self.assertGreaterEqual(len(children), 3, children)  # the probe + 2 workers
        self.assertTrue(p.request("pause")["ok"])
        time.sleep(0.5)
        before = max(e["step"] for e in p.events() if e["kind"] == "metrics")
        time.sleep(1.0)
        self.assertEqual(max(e["step"] for e in p.events() if e["kind"] == "metrics"), before)
        self.assertTrue(p.request("step")["ok"])
        self.assertIsNotNone(p.wait_for(lambda e: e["kind"] == "metrics" and e["step"] == before + 1, 10))
        self.assertTrue(p.request("resume")["ok"])
        self.assertIsNotNone(p.wait_for(lambda e: e["kind"] == "metrics" and e["step"] >= before + 3, 30))
        started = time.monotonic()
        stopped = p.request("stop")
        self.assertIsNotNone(stopped, f"no reply to stop; exit {p.proc.poll()}; events {p.events()[-3:]}; stderr {p.stderr[-2000:]}")
        self.assertTrue(stopped["ok"])
        p.finish(5)
        self.assertLess(time.monotonic() - started, 2.0)
        time.sleep(0.2)
        left = [pid for pid in children if alive(int(pid))]
        self.assertEqual(left, [])
        states = [e["state"] for e in p.events() if e["kind"] == "state"]
        self.assertEqual(states[-3:], ["running", "stopping", "stopped"])

    def test_sys_exit_os_exit_and_subprocesses(self) -> None:
        body = TINY + textwrap.dedent("""
            import subprocess, os, sys
            child = subprocess.Popen(["sleep", "60"])
            open(os.path.join(os.path.dirname(__file__), "child.pid"), "w").write(str(child.pid))
            for step in range(3):
                loss = model(torch.randn(8, 4)).pow(2).mean()
                opt.zero_grad(); loss.backward(); opt.step()
        """)
        script = write(body + "sys.exit(3)\n")
        p, _ = self.run_probe(script)
        self.assertEqual(p.finish(), 3)
        ev = p.events()
        self.assertEqual(next(e for e in ev if e["kind"] == "error")["message"], f"the script exited with sys.exit(3) (train.py:{line_of(script, 'sys.exit(3)')})")
        self.assertEqual(ev[-1]["state"], "failed")
        script = write(body + "os._exit(4)\n")
        p, _ = self.run_probe(script)
        self.assertEqual(p.finish(), 4)
        ev = p.events()
        self.assertEqual(next(e for e in ev if e["kind"] == "error")["message"], "the script ended the process with os._exit(4)")
        self.assertEqual(ev[-1]["state"], "failed")
        script = write(body + "sys.exit(0)\n")
        p, _ = self.run_probe(script)
        self.assertEqual(p.finish(), 0)
        self.assertEqual(p.events()[-1]["state"], "finished")
        # A subprocess of the script is in its process group: the host's kill of the group ends it.
        with open(os.path.join(os.path.dirname(script), "child.pid")) as f:
            pid = int(f.read())
        self.assertEqual(os.getpgid(pid), p.proc.pid)
        os.killpg(p.proc.pid, 9)
        time.sleep(0.2)
        self.assertFalse(alive(pid))

    def test_huge_stdout_does_not_block_or_enter_the_event_stream(self) -> None:
        script = write(TINY + textwrap.dedent("""
            import sys
            line = "x" * 200 + "\\n"
            for step in range(20):
                sys.stdout.write(line * 2000)  # 400 KB a step, 8 MB in all
                loss = model(torch.randn(8, 4)).pow(2).mean()
                opt.zero_grad(); loss.backward(); opt.step()
        """))
        p, _ = self.run_probe(script)
        self.assertEqual(p.finish(60), 0)
        self.assertGreater(len(p.stdout), 8_000_000)
        self.assertEqual(max(e["step"] for e in p.events() if e["kind"] == "metrics"), 20)

    def test_torch_missing_is_said_plainly(self) -> None:
        venv = os.path.join(tempfile.mkdtemp(prefix="ml-venv-"), "no-torch")
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
        p, _ = self.run_probe(write("print('never')\n"), python=os.path.join(venv, "bin", "python"))
        self.assertEqual(p.finish(), 3)
        ready = next(m for m in p.messages if m and m["type"] == "ready")
        self.assertIn("no torch", ready["runtime"])
        err = next(e for e in p.events() if e["kind"] == "error")
        self.assertRegex(err["message"], r"^PyTorch is not installed for .*no-torch/bin/python")
        self.assertNotIn("never", p.stdout)

    def test_other_ranks_run_the_script_untouched_and_send_nothing(self) -> None:
        script = write(TINY + "print('rank', __import__('os').environ['RANK'])\n")
        p, _ = self.run_probe(script, env={"RANK": "1", "WORLD_SIZE": "2"})
        self.assertEqual(p.finish(), 0, p.stderr)
        self.assertEqual([m for m in p.messages if m is not None], [])
        self.assertIn("rank 1", p.stdout)


class ChannelFromEnvironmentTest(unittest.TestCase):
    """A launcher that passes no fds (torchrun): rank 0 streams through the Unix socket named by
    MODEL_LENS_CHANNEL. Here the 2 gloo ranks are started by hand with torchrun's variables, so the
    torchrun path differs only by who starts the processes."""

    def test_ddp_by_hand_streams_rank_0_through_the_env_named_socket(self) -> None:
        import socket
        import torch.distributed as dist
        if not dist.is_available():
            self.skipTest("torch.distributed is not built in")
        folder = tempfile.mkdtemp(prefix="ml-channel-")
        path = os.path.join(folder, "channel.sock")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(path)
        server.listen(4)
        server.settimeout(120)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        grad_out = os.path.join(folder, "grad.txt")
        runs = tempfile.mkdtemp(prefix="ml-runs-")
        script = os.path.join(FIXTURES, "ddp_train.py")
        procs = []
        for rank in (0, 1):
            env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "MODEL_LENS_CHANNEL": path, "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": str(port),
                   "RANK": str(rank), "WORLD_SIZE": "2", "LOCAL_RANK": str(rank), "GRAD_NORM_OUT": grad_out, "GRAD_NORM_STEP": "10"}
            # No fds 3/4: only the environment reaches the ranks, as under torchrun.
            procs.append(subprocess.Popen([sys.executable, "-u", "-c", BOOTSTRAP, PACKAGE_DIR, "--runs-dir", runs, "--cadence", EVERY, "--", script, "--steps", "12"],
                                          cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True))
        try:
            conn, _ = server.accept()
            reader = FrameReader(conn.fileno())
            messages = []
            while True:
                m = reader.read()
                if m is None:
                    break
                messages.append(m)
            outs = [p.communicate(timeout=120) for p in procs]
        finally:
            for p in procs:
                if p.poll() is None:
                    p.kill()
        self.assertEqual([p.returncode for p in procs], [0, 0], [o[1].decode()[-2000:] for o in outs])
        # Nobody else connected: rank 1 ran the script untouched.
        server.settimeout(0.2)
        with self.assertRaises(socket.timeout):
            server.accept()
        server.close()
        conn.close()
        self.assertEqual(messages[0]["type"], "ready")
        events = [m["event"] for m in messages if m.get("type") == "event"]
        started = [e for e in events if e["kind"] == "runStarted"]
        self.assertEqual(len(started), 1)
        self.assertEqual((started[0]["script"]["distributed"]["rank"], started[0]["script"]["distributed"]["worldSize"]), (0, 2))
        grads = next(e for e in events if e["kind"] == "gradients" and e["step"] == 10)
        with open(grad_out, encoding="utf-8") as f:
            self.assertAlmostEqual(grads["gradNorm"][0], float(f.read()), places=5)
        self.assertEqual(events[-1].get("state", events[-1]["kind"]), "finished")
        self.assertIn(b"rank 1/2 (local 1) done", outs[1][0])


    def test_without_fds_or_a_listening_socket_it_says_so(self) -> None:
        script = write("print('never runs')\n")
        for extra in ({}, {"MODEL_LENS_CHANNEL": os.path.join(os.path.dirname(script), "nobody.sock")}):
            env = {k: v for k, v in os.environ.items() if k not in ("MODEL_LENS_CHANNEL", "RANK")}
            r = subprocess.run([sys.executable, "-c", BOOTSTRAP, PACKAGE_DIR, "--", script], env={**env, **extra}, capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertNotIn("never runs", r.stdout)
            self.assertIn("or the Unix socket named by MODEL_LENS_CHANNEL", r.stderr)
            if extra:
                self.assertIn("cannot connect to MODEL_LENS_CHANNEL=", r.stderr)


class ScriptWatchInProcessTest(unittest.TestCase):
    def test_nothing_of_ours_stays_on_torch_or_the_model_after_the_run(self) -> None:
        from model_lens.script_watch import ScriptWatch

        before = (torch.optim.SGD.__dict__.get("step"), torch.Tensor.backward, torch.autograd.backward, torch.softmax, torch.nn.functional.softmax,
                  vars(torch.optim.Optimizer).get("__init__"))
        events = []
        watch = ScriptWatch(events.append, json.loads(EVERY), lambda: True, lambda found: events.append({"kind": "runStarted", **found}),
                            lambda f: f == __file__, lambda m, p, n: (None, None))
        watch.install()
        try:
            model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
            opt = torch.optim.SGD(model.parameters(), lr=0.1)
            for _ in range(5):
                loss = model(torch.randn(16, 4)).pow(2).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
        finally:
            watch.uninstall()
        after = (torch.optim.SGD.__dict__.get("step"), torch.Tensor.backward, torch.autograd.backward, torch.softmax, torch.nn.functional.softmax,
                 vars(torch.optim.Optimizer).get("__init__"))
        self.assertEqual([e["kind"] for e in events].count("runStarted"), 1)
        self.assertEqual(before[1:], after[1:])
        self.assertFalse(getattr(torch.optim.SGD.step, "_model_lens", False))
        self.assertTrue(no_hooks_left(model))
        from torch.nn.modules import module as mm
        self.assertEqual((len(mm._global_forward_hooks), len(mm._global_forward_pre_hooks)), (0, 0))


if __name__ == "__main__":
    unittest.main()

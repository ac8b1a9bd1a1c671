"""The trainer through real runs: events, controls from another thread, NaN, out of memory."""
import math
import os
import tempfile
import textwrap
import threading
import time
import unittest

from support import HAVE_MNIST, NO_MNIST, no_hooks_left, run_config
import torch

from model_lens.protocol import F32
from model_lens.session import start_run

TRIVIAL = textwrap.dedent('''
    import torch
    import torch.nn as nn

    DESCRIPTION = {"id": "trivial", "title": {"en": "t", "zh-cn": "t"}, "sections": [], "dataset": {"en": "-", "zh-cn": "-"}, "goal": {"en": "-", "zh-cn": "-"},
                   "defaults": {"learningRate": 0.01, "batchSize": 8, "epochs": 2, "optimizer": "sgd", "activation": "relu", "initializer": "xavier", "seed": 3}}

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(2, 1)

        def forward(self, x):
            return self.fc(x)

    def create(ctx):
        x = torch.randn(64, 2)
        data = ctx.datasets(train=ctx.data.split(x, x.sum(1, keepdim=True)), test=ctx.data.split(x[:16], x[:16].sum(1, keepdim=True)))
        model = ctx.initialize(Net())
        trainable = ctx.regressor(model, data)
        if BEHAVIOUR == "oom":
            def eat(batch, tap):
                raise MemoryError()
            trainable.phases[0].loss = eat
        return trainable
''')


def sample_file(behaviour):
    folder = tempfile.mkdtemp(prefix="ml-trainer-")
    path = os.path.join(folder, f"{behaviour}_sample.py")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"BEHAVIOUR = {behaviour!r}\n" + TRIVIAL)
    return path


class Recorder:
    def __init__(self):
        self.events = []
        self.lock = threading.Lock()

    def __call__(self, e):
        with self.lock:
            self.events.append(e)

    def kinds(self):
        return [e["kind"] for e in self.events]

    def of(self, kind):
        return [e for e in self.events if e["kind"] == kind]


class TrainerTest(unittest.TestCase):
    def test_perceptron_run_reports_every_view_and_reaches_its_figures(self):
        rec = Recorder()
        handle = start_run(run_config({"kind": "shipped", "id": "perceptron"}, checkpoints=True), rec)
        result = handle.trainer.run()
        self.assertEqual(result.state, "finished")
        kinds = rec.kinds()
        self.assertEqual(kinds[0], "runStarted")
        for k in ("state", "metrics", "gradients", "activations", "boundary", "validation", "finished"):
            self.assertIn(k, kinds)
        started = rec.events[0]
        self.assertEqual(started["engine"]["name"], "torch")
        self.assertEqual([l["name"] for l in started["layers"]], ["perceptron"])
        n = len(started["variables"])
        grads = rec.of("gradients")[0]
        for k in ("gradNorm", "gradMaxAbs", "weightNorm", "updateRatio"):
            self.assertIsInstance(grads[k], F32)
            self.assertEqual(len(grads[k].values), n)
        test = result.test
        for gate in ("AND", "OR", "NAND"):
            self.assertEqual(test[f"acc{gate}"], 1.0, gate)
        self.assertLessEqual(test["accXOR"], 0.75, "one line cannot separate XOR")
        finished = rec.of("finished")[0]
        self.assertTrue(os.path.exists(os.path.join(finished["checkpoint"], "model.pt")))
        state = torch.load(os.path.join(finished["checkpoint"], "model.pt"))
        self.assertIn("perceptron.weight", state)
        self.assertTrue(no_hooks_left(handle.trainer.trainable.model), "no hook left on the model after the run")
        self.assertEqual(rec.kinds()[-1], "state")
        self.assertEqual(rec.events[-1]["state"], "finished")

    def test_pause_single_step_resume_and_stop_from_another_thread(self):
        rec = Recorder()
        handle = start_run(run_config({"kind": "shipped", "id": "mlp-fit"}, hyper={"epochs": 100_000}), rec)
        trainer = handle.trainer
        worker = threading.Thread(target=trainer.run)
        worker.start()
        try:
            deadline = time.time() + 60
            while trainer.step < 5 and time.time() < deadline:
                time.sleep(0.01)
            trainer.pause()
            time.sleep(0.2)
            paused_at = trainer.step
            time.sleep(0.3)
            self.assertEqual(trainer.step, paused_at, "no steps while paused")
            trainer.single_step()
            deadline = time.time() + 10
            while trainer.step < paused_at + 1 and time.time() < deadline:
                time.sleep(0.01)
            time.sleep(0.2)
            self.assertEqual(trainer.step, paused_at + 1, "exactly one step")
            metrics_steps = [e["step"] for e in rec.of("metrics")]
            self.assertIn(paused_at + 1, metrics_steps, "a single step is always reported")
            trainer.resume()
            time.sleep(0.2)
            self.assertGreater(trainer.step, paused_at + 1)
        finally:
            trainer.stop()
            worker.join(10)
        self.assertFalse(worker.is_alive())
        states = [e["state"] for e in rec.of("state")]
        self.assertEqual(states[-1], "stopped")
        self.assertIn("paused", states)

    def test_nan_loss_stops_the_run_naming_the_step(self):
        rec = Recorder()
        handle = start_run(run_config({"kind": "shipped", "id": "mlp-fit"}, hyper={"learningRate": 1e12, "optimizer": "sgd"}), rec)
        result = handle.trainer.run()
        self.assertEqual(result.state, "failed")
        error = rec.of("error")[0]
        self.assertRegex(error["message"], r"became (NaN|Infinity|-Infinity) at step \d+ \(epoch \d+\)")
        step = int(error["message"].split("at step ")[1].split(" ")[0])
        self.assertEqual(error["step"], step)
        self.assertEqual(rec.events[-1]["state"], "failed")

    def test_running_out_of_memory_names_the_cap_and_its_setting(self):
        rec = Recorder()
        handle = start_run(run_config({"kind": "file", "path": sample_file("oom")}, allow=True), rec, memory_cap_mb=2048)
        result = handle.trainer.run()
        self.assertEqual(result.state, "failed")
        self.assertIn("ran out of memory (limit 2048 MB, setting modelLens.backend.maxMemoryMb)", rec.of("error")[0]["message"])

    def test_workspace_files_are_refused_unless_trusted(self):
        path = sample_file("plain")
        with self.assertRaises(PermissionError):
            start_run(run_config({"kind": "file", "path": path}, allow=False), Recorder())
        handle = start_run(run_config({"kind": "file", "path": path}, allow=True), Recorder())
        self.assertEqual(handle.trainer.run().state, "finished")

    def test_a_description_outside_the_shared_vocabulary_is_refused_with_the_reason(self):
        cases = (
            (('"title": {"en": "t", "zh-cn"', '"title": {"en": "t", "zh"'), "DESCRIPTION['title'] must be text in each language"),
            (('"id": "trivial",', '"id": "trivial", "task": "ranking",'), "DESCRIPTION['task'] must be one of"),
        )
        for (right, wrong), reason in cases:
            path = sample_file("plain")
            with open(path, encoding="utf-8") as f:
                text = f.read().replace(right, wrong, 1)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            with self.assertRaises(TypeError) as caught:
                start_run(run_config({"kind": "file", "path": path}, allow=True), Recorder())
            self.assertIn(reason, str(caught.exception))

    def test_run_started_carries_the_task_and_run_json_the_process(self):
        rec = Recorder()
        handle = start_run(run_config({"kind": "shipped", "id": "mlp-fit"}, hyper={"epochs": 1}), rec)
        self.assertEqual(rec.of("runStarted")[0]["sample"]["task"], "regression")
        self.assertEqual(rec.of("runStarted")[0]["sample"]["title"]["zh-cn"], "多层感知机拟合 sin(x)（通用逼近定理）")
        import json
        with open(os.path.join(handle.run_dir, "run.json"), encoding="utf-8") as f:
            meta = json.load(f)
        self.assertEqual(meta["process"]["pid"], os.getpid())
        self.assertTrue(meta["process"]["start"].isdigit())
        handle.trainer.run()

    def test_a_seconds_budget_ends_training_then_evaluates(self):
        rec = Recorder()
        handle = start_run(run_config({"kind": "shipped", "id": "mlp-fit"}, hyper={"epochs": 100_000}, seconds=0.5), rec)
        result = handle.trainer.run()
        self.assertEqual(result.state, "finished")
        self.assertTrue(math.isfinite(result.test["mse"]))


@unittest.skipUnless(HAVE_MNIST, NO_MNIST)
class MnistTest(unittest.TestCase):
    def test_the_split_is_the_same_as_the_typescript_engines(self):
        from model_lens.data import DataHelpers, seeded_random, shuffled_indices
        data = DataHelpers(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "dist", "data"), seeded_random(1))
        split = data.mnist(train=100, test=50, layout="image")
        self.assertEqual(tuple(split.train.x.shape), (100, 1, 28, 28))
        self.assertEqual(split.train.y.dtype, torch.long)
        self.assertLessEqual(float(split.train.x.max()), 1.0)
        # The first shuffled digit is the one mulberry32(1) puts first (checked against the JS side in the TS tests).
        order = shuffled_indices(10_000, seeded_random(1))
        raw = data._raw
        self.assertTrue(torch.equal(split.train.x[0].reshape(784), raw.images[order[0]].float() / 255))


if __name__ == "__main__":
    unittest.main()

""""Train this model" (model_lens.user_model) with the real torch: a person's class imported from
its file (script part not run), the dataset chosen from its input and measured output, and each
bad input ending with a clear message that names the person's line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

from support import HAVE_MNIST, NO_MNIST, PACKAGE_DIR, REPO, line_of, no_hooks_left, run_config, write_source
import torch  # noqa: F401

from model_lens.session import start_run
from model_lens.shapes import Failure
from model_lens.user_model import choose_task, class_sample_id, open_class

FIXTURE = os.path.join(REPO, "test", "fixtures", "trainThis", "simpleCnn.py")
FAST = {"metricsEverySteps": 1, "gradientsEverySteps": 1, "activationsEverySteps": 5, "visualsEveryMs": 0, "validateEverySteps": 0, "minIntervalMs": 0}


def write(text: str, name: str = "model") -> str:
    return write_source(text, f"{name}.py", "", "ml-class-")


def ref(path: str, name: str, shape) -> dict:
    return {"kind": "class", "path": path, "className": name, "input": list(shape)}


# Two models that fail while training: Later raises on its 5th forward call, Blows returns NaN
# from its 7th call in training mode.
COUNTED = """
    import torch.nn as nn

    class Counted(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(6, 3)
            self.calls = 0

    class Later(Counted):
        def forward(self, x):
            self.calls += 1
            if self.calls > 4:
                raise KeyError("feature_map")
            return self.fc(x)

    class Blows(Counted):
        def forward(self, x):
            self.calls += 1
            out = self.fc(x)
            return out * float("nan") if self.training and self.calls > 6 else out
"""


class Recorder:
    def __init__(self):
        self.events = []

    def __call__(self, e):
        self.events.append(e)

    def of(self, kind):
        return [e for e in self.events if e["kind"] == kind]


class TrainThisModelTest(unittest.TestCase):
    @unittest.skipUnless(HAVE_MNIST, NO_MNIST)
    def test_the_documents_cnn_trains_on_mnist_images_with_rows_tied_to_its_lines(self):
        rec = Recorder()
        config = run_config(ref(FIXTURE, "SimpleCNN", [64, 1, 28, 28]), allow=True, cadence=FAST, hyper={"epochs": 1}, checkpoints=True)
        handle = start_run(config, rec)
        started = rec.events[0]
        self.assertEqual(started["kind"], "runStarted")
        self.assertEqual(started["sample"]["file"], os.path.realpath(FIXTURE))
        self.assertEqual(started["sample"]["id"], "model-simplecnn")
        self.assertIn("MNIST images [N, 1, 28, 28] → 10 classes", started["sample"]["dataset"]["en"])
        self.assertEqual(started["trainSize"], 8500)
        rows = {l["name"]: l for l in started["layers"]}
        self.assertEqual(rows["conv1"]["line"], line_of(FIXTURE, "self.conv1 ="))
        self.assertEqual(rows["fc3"]["line"], line_of(FIXTURE, "self.fc3 ="))
        self.assertEqual(rows["pool (2)"]["outputShape"], [None, 32, 7, 7])
        self.assertEqual(started["hyper"]["batchSize"], 32, "the hyperparameters' batch, not the input's 64")
        result = handle.trainer.run()
        self.assertEqual(result.state, "finished")
        self.assertGreater(result.test["acc"], 0.8, "one epoch of Adam on 8,500 digits")
        self.assertTrue(rec.of("gradients"))
        self.assertTrue(os.path.exists(os.path.join(handle.run_dir, "run.json")))
        self.assertTrue(os.path.exists(os.path.join(rec.of("finished")[0]["checkpoint"], "model.pt")))
        self.assertTrue(no_hooks_left(handle.trainer.trainable.model))

    def test_the_dataset_follows_the_input_and_the_measured_output(self):
        path = write("""
            import torch.nn as nn

            class Rows(nn.Module):
                def __init__(self, hidden=16):
                    super().__init__()
                    self.rnn = nn.GRU(28, hidden, batch_first=True)
                    self.fc = nn.Linear(hidden, 10)

                def forward(self, x):
                    out, _ = self.rnn(x)
                    return self.fc(out[:, -1])

            class Wide(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(784, 7)

                def forward(self, x):
                    return self.fc(x)

            class Value(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(12, 1)

                def forward(self, x):
                    return self.fc(x)

            net = Rows(hidden=8)
        """)
        rows = open_class(ref(path, "Rows", [32, 28, 28]), True, {})
        self.assertEqual(rows.module.TASK_KIND, "mnist-rows")
        self.assertEqual(rows.module.OUTPUT, [2, 10])
        self.assertEqual(open_class(ref(path, "Wide", [64, 784]), True, {}).module.TASK_KIND, "generated-classification",
                         "7 outputs: not MNIST's 10 classes")
        value = open_class(ref(path, "Value", [64, 12]), True, {})
        self.assertEqual(value.module.TASK_KIND, "generated-regression")
        self.assertIn("tanh(W·x)", value.description["dataset"]["en"])
        self.assertEqual(value.description["task"], "regression")

    def test_a_generated_classification_task_is_learnable_and_says_what_it_is(self):
        path = write("""
            import torch.nn as nn

            class Small(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.conv = nn.Conv2d(3, 4, 3, padding=1)
                    self.fc = nn.Linear(4 * 8 * 8, 5)

                def forward(self, x):
                    return self.fc(self.conv(x).flatten(1))
        """)
        rec = Recorder()
        handle = start_run(run_config(ref(path, "Small", [16, 3, 8, 8]), allow=True, cadence=FAST, hyper={"epochs": 6}), rec)
        dataset = rec.events[0]["sample"]["dataset"]
        self.assertIn("Generated (not real data)", dataset["en"])
        self.assertIn("5 classes", dataset["en"])
        self.assertIn("生成的任务", dataset["zh-cn"])
        result = handle.trainer.run()
        self.assertEqual(result.state, "finished")
        self.assertGreater(result.test["acc"], 0.6, "a linear teacher is learnable (chance is 20 %)")

    def test_nothing_fits_says_which_input_and_output_a_run_needs(self):
        path = write("""
            import torch.nn as nn

            class Tokens(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.emb = nn.Embedding(100, 8)
                    self.fc = nn.Linear(8, 4)

                def forward(self, x):
                    return self.fc(self.emb(x)).mean(1)

            class Pair(nn.Module):
                def forward(self, x):
                    return x, x
        """)
        with self.assertRaises(ValueError) as tokens:
            open_class(ref(path, "Tokens", [8, 12]), True, {})
        self.assertIn("no built-in dataset fits Tokens", str(tokens.exception))
        self.assertIn("integer token ids", str(tokens.exception))
        self.assertIn("MNIST images [N, 1, 28, 28]", str(tokens.exception))
        with self.assertRaises(ValueError) as pair:
            open_class(ref(path, "Pair", [8, 4]), True, {})
        self.assertIn("returned a tuple of tensors, not one tensor", str(pair.exception))
        with self.assertRaises(Failure) as big:
            choose_task([1, 3, 4096, 4096], [2, 2], 1)
        self.assertIn("too large for a generated task", str(big.exception))

    def test_a_syntax_error_names_its_line(self):
        path = write("import torch.nn as nn\n\nclass Net(nn.Module):\n    def forward(self, x)\n        return x\n")
        with self.assertRaises(ValueError) as err:
            open_class(ref(path, "Net", [4, 3]), True, {})
        self.assertIn("has a syntax error (model.py, line 4)", str(err.exception))

    def test_an_import_error_names_its_line(self):
        path = write("import torch.nn as nn\nimport package_that_is_not_installed\n\nclass Net(nn.Module):\n    pass\n")
        with self.assertRaises(ValueError) as err:
            open_class(ref(path, "Net", [4, 3]), True, {})
        self.assertIn("importing model.py failed (model.py, line 2): ModuleNotFoundError", str(err.exception))

    def test_exceptions_in_init_and_forward_name_the_persons_line(self):
        path = write("""
            import torch.nn as nn

            class InInit(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(4, 2)
                    self.scale = 1 / 0

            class InForward(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(4, 2)

                def forward(self, x):
                    return self.fc(x.view(-1, 5))
        """)
        with self.assertRaises(ValueError) as init:
            open_class(ref(path, "InInit", [4, 4]), True, {})
        self.assertIn(f"InInit(…) failed while being built (model.py, line {line_of(path, '1 / 0')}): ZeroDivisionError", str(init.exception))
        with self.assertRaises(ValueError) as forward:
            open_class(ref(path, "InForward", [4, 4]), True, {})
        self.assertIn(f"InForward.forward failed on a batch of 2 (model.py, line {line_of(path, 'x.view(-1, 5)')}): RuntimeError", str(forward.exception))

    def fail_in_training(self, name: str):
        """Trains ``name`` of COUNTED (a Linear(6, 3) that counts its forward calls and fails after a few):
        the file written, and the first error event of the run, which must have failed."""
        path = write(COUNTED)
        rec = Recorder()
        result = start_run(run_config(ref(path, name, [8, 6]), allow=True, cadence=FAST), rec).trainer.run()
        self.assertEqual(result.state, "failed")
        return path, rec.of("error")[0]

    def test_an_exception_while_training_names_the_persons_line(self):
        path, error = self.fail_in_training("Later")
        self.assertIn(f"Later raised KeyError: 'feature_map' (model.py, line {line_of(path, 'raise KeyError')})", error["message"])
        self.assertRegex(error["message"], r"^Training failed at step \d+")

    def test_nan_loss_stops_naming_the_step(self):
        # Calls: the probe, the layer trace, the thread timing's passes; training then fails on its first NaN step.
        _, error = self.fail_in_training("Blows")
        self.assertRegex(error["message"], r"the loss became NaN at step (\d+) \(epoch 1\)")
        self.assertEqual(error["step"], int(error["message"].split("at step ")[1].split(" ")[0]))

    def test_a_forward_that_never_returns_is_ended_by_the_budget(self):
        path = write("""
            import torch.nn as nn

            class Spins(nn.Module):
                def forward(self, x):
                    while True:
                        try:
                            x = x + 1
                        except Exception:
                            pass
        """)
        started = time.perf_counter()
        with self.assertRaises(ValueError) as err:
            open_class(ref(path, "Spins", [4, 3]), True, {}, budget_s=1.0)
        self.assertLess(time.perf_counter() - started, 5)
        self.assertIn("was not imported, built and run once within 1 s", str(err.exception))
        self.assertIn("(model.py, line", str(err.exception))

    def test_an_untrusted_workspace_runs_nothing_of_the_file(self):
        marker = os.path.join(tempfile.mkdtemp(prefix="ml-class-marker-"), "imported")
        path = write(f"""
            open({marker!r}, "w").close()
            import torch.nn as nn

            class Net(nn.Module):
                def forward(self, x):
                    return x
        """)
        with self.assertRaises(PermissionError) as err:
            start_run(run_config(ref(path, "Net", [4, 3]), allow=False), Recorder())
        self.assertIn("the workspace is not trusted", str(err.exception))
        self.assertFalse(os.path.exists(marker), "the file was not imported")

    def test_a_model_that_allocates_until_the_memory_cap_fails_saying_so(self):
        path = write("""
            import torch
            import torch.nn as nn

            class Hoards(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(6, 3)
                    self.kept = []

                def forward(self, x):
                    if self.training:
                        self.kept.append(torch.ones(64, 1024, 1024))
                    return self.fc(x)
        """)
        script = textwrap.dedent(f"""
            import json, sys
            sys.path.insert(0, {PACKAGE_DIR!r})
            sys.path.insert(0, {os.path.join(PACKAGE_DIR, "tests")!r})
            from model_lens.backend import cap_memory
            cap = cap_memory(1536)
            from support import run_config
            from model_lens.session import start_run
            events = []
            handle = start_run(run_config({ref(path, "Hoards", [8, 6])!r}, allow=True, hyper={{"epochs": 1000}}), events.append, cap)
            result = handle.trainer.run()
            print(json.dumps({{"state": result.state, "errors": [e["message"] for e in events if e["kind"] == "error"]}}))
        """)
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 0, done.stderr[-3000:])
        out = json.loads(done.stdout.strip().splitlines()[-1])
        self.assertEqual(out["state"], "failed")
        self.assertIn("ran out of memory (limit 1536 MB, setting modelLens.backend.maxMemoryMb)", out["errors"][0])

    def test_sample_ids_are_safe_for_run_folders(self):
        self.assertEqual(class_sample_id("SimpleCNN"), "model-simplecnn")
        self.assertEqual(class_sample_id("Net_v2__X"), "model-net-v2-x")


if __name__ == "__main__":
    unittest.main()

"""model_lens.shapes: a person's file imported as a module and its models run forward once."""
from __future__ import annotations

import os
import tempfile
import textwrap
import time
import unittest

from support import no_hooks_left  # noqa: F401 — also puts the package on sys.path

from model_lens import shapes


def write(text: str) -> str:
    fd, path = tempfile.mkstemp(suffix=".py", prefix="ml_shapes_")
    with os.fdopen(fd, "w") as f:
        f.write(textwrap.dedent(text))
    return path


def ask(path: str, models, budget_ms: int = 5000):
    return shapes.answer({"type": "runtimeShapes", "id": 7, "file": path, "models": models, "timeBudgetMs": budget_ms})


NET = """
import torch.nn as nn

class Net(nn.Module):
    def __init__(self, width=5):
        super().__init__()
        self.fc = nn.Linear(4, width)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.fc(x))
"""


class ShapesTest(unittest.TestCase):
    def test_measures_each_module_and_carries_the_leading_size(self) -> None:
        path = write(NET + "\nif __name__ == '__main__':\n    raise SystemExit('the script part ran')\n")
        reply = ask(path, [{"name": "Net", "inputs": [[64, 4]]}])
        self.assertTrue(reply["ok"], reply)
        model = reply["models"][0]
        self.assertTrue(model["ok"], model)
        self.assertEqual(model["ranAt"], [2, 3, 4])
        self.assertEqual(model["output"], [64, 5])
        self.assertEqual(model["totalParams"], 25)
        self.assertEqual([(l["path"], l["outputs"], l["params"]) for l in model["layers"]], [("fc", [[64, 5]], 25), ("act", [[64, 5]], 0)])

    def test_time_first_recurrent_input_is_carried_along_its_first_dimension(self) -> None:
        path = write("""
            import torch.nn as nn
            class G(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.gru = nn.GRU(8, 6)
                def forward(self, x):
                    out, h = self.gru(x)
                    return out[-1]
        """)
        model = ask(path, [{"name": "G", "inputs": [[30, 5, 8]]}])["models"][0]
        self.assertEqual(model["layers"][0]["outputs"], [[30, 5, 6]])
        self.assertEqual(model["output"], [5, 6])

    def test_a_stride_over_the_leading_dimension_is_unknown_not_guessed(self) -> None:
        path = write("""
            import torch.nn as nn
            class Halve(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.pool = nn.MaxPool1d(2)
                def forward(self, x):
                    return self.pool(x.transpose(0, 2)).transpose(0, 2)
        """)
        model = ask(path, [{"name": "Halve", "inputs": [[9, 1, 3]]}])["models"][0]
        self.assertTrue(model["ok"], model)
        self.assertEqual(model["output"], [None, 1, 3])  # floor(n / 2): 1, 1, 2 at n = 2, 3, 4 is no line

    def test_token_inputs_fall_back_to_int64(self) -> None:
        path = write("""
            import torch.nn as nn
            class Tok(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.emb = nn.Embedding(10, 4)
                def forward(self, ids):
                    return self.emb(ids)
        """)
        model = ask(path, [{"name": "Tok", "inputs": [[8, 7]]}])["models"][0]
        self.assertEqual(model["inputs"][0]["dtype"], "int64")
        self.assertEqual(model["output"], [8, 7, 4])

    def test_hooks_are_removed(self) -> None:
        import torch.nn as nn

        net = nn.Sequential(nn.Linear(3, 2))
        shapes.inspect_model(net, [[5, 3]])
        self.assertTrue(no_hooks_left(net))

    def test_failures_are_answers_naming_their_stage(self) -> None:
        cases = {
            "syntax": (NET.replace("def forward(self, x):", "def forward(self, x)"), None),
            "import": ("import not_a_module_anywhere\n" + NET, None),
            "init": (NET.replace("self.act = nn.ReLU()", "raise ValueError('bad width')"), "init"),
            "forward": (NET.replace("return self.act(self.fc(x))", "return self.fc(x.view(-1, 3))"), "forward"),
        }
        for stage, (text, model_stage) in cases.items():
            with self.subTest(stage=stage):
                reply = ask(write(text), [{"name": "Net", "inputs": [[6, 4]]}])
                if model_stage is None:
                    self.assertFalse(reply["ok"])
                    self.assertEqual(reply["stage"], stage)
                else:
                    self.assertTrue(reply["ok"])
                    self.assertEqual(reply["models"][0]["stage"], model_stage, reply)
                    self.assertIsNotNone(reply["models"][0]["line"])

    def test_a_forward_that_never_returns_ends_at_the_budget(self) -> None:
        import torch  # noqa: F401 — the process imports torch before any request; so does this test

        path = write(NET.replace("return self.act(self.fc(x))", "while True:\n            pass"))
        started = time.perf_counter()
        reply = ask(path, [{"name": "Net", "inputs": [[6, 4]]}], budget_ms=500)
        self.assertLess(time.perf_counter() - started, 3)
        self.assertEqual(reply["models"][0]["stage"], "budget")

    def test_constructor_arguments_come_from_the_file(self) -> None:
        path = write(NET.replace("width=5", "width") + "\nnet = Net(width=9)\n")
        self.assertEqual(ask(path, [{"name": "Net", "inputs": [[6, 4]]}])["models"][0]["output"], [6, 9])
        path = write(NET.replace("width=5", "width") + "\ndef build():\n    return Net(3)\n")
        self.assertEqual(ask(path, [{"name": "Net", "inputs": [[6, 4]]}])["models"][0]["output"], [6, 3])
        path = write(NET.replace("width=5", "width"))
        self.assertEqual(ask(path, [{"name": "Net", "inputs": [[6, 4]]}])["models"][0]["stage"], "init")

    def test_malformed_requests_are_refused(self) -> None:
        self.assertIsNotNone(shapes.request_problem({"type": "runtimeShapes", "id": 1, "file": "rel.py", "models": [], "timeBudgetMs": 10}))
        self.assertIsNotNone(shapes.request_problem({"type": "runtimeShapes", "id": 1, "file": "/a.py", "models": [{"name": "os.system", "inputs": [[1]]}], "timeBudgetMs": 10}))
        self.assertIsNotNone(shapes.request_problem({"type": "runtimeShapes", "id": 1, "file": "/a.py", "models": [{"name": "N", "inputs": [[0]]}], "timeBudgetMs": 10}))
        self.assertIsNone(shapes.request_problem({"type": "runtimeShapes", "id": 1, "file": "/a.py", "models": [{"name": "N", "inputs": [[2, 3]]}], "timeBudgetMs": 10}))


if __name__ == "__main__":
    unittest.main()

"""Layer rows, their source lines, the traced forward pass and the instrumentation hooks."""
import os
import tempfile
import textwrap
import unittest

from support import no_hooks_left
import torch
import torch.nn as nn

from model_lens import hooks
from model_lens.layers import SourceIndex, layer_modules, parameter_owners, trace_layers
from model_lens.sample import load_sample

MODEL_FILE = textwrap.dedent('''
    import torch
    import torch.nn as nn

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = nn.Linear(4, 4)
            self.other = nn.Linear(4, 4)

        def forward(self, x):
            return self.other(self.inner(x))

    class Scale(nn.Module):
        def __init__(self):
            super().__init__()
            self.gain = nn.Parameter(torch.ones(4))

        def forward(self, x):
            return x * self.gain

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(1, 2, 3, padding=1)
            self.act = nn.ReLU()
            self.pool = nn.MaxPool2d(2)
            self.fc = nn.Linear(2 * 2 * 2, 4)
            self.stack = nn.ModuleList([Block() for _ in range(2)])
            self.scale = Scale()
            self.seq = nn.Sequential(nn.Linear(4, 3), nn.Tanh())

        def forward(self, x):
            x = self.pool(self.act(self.conv(x)))
            x = self.act(self.fc(x.flatten(1)))
            for block in self.stack:
                x = block(x)
            return self.seq(self.scale(x))

    if __name__ == "__main__":
        raise SystemExit("the script part must not run")

    DESCRIPTION = {"id": "t", "title": {}, "sections": [], "dataset": {}, "goal": {}, "defaults": {}}
    def create(ctx):
        return None
''')


class LayersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        folder = tempfile.mkdtemp(prefix="ml-layers-")
        cls.path = os.path.join(folder, "net_file.py")
        with open(cls.path, "w", encoding="utf-8") as f:
            f.write(MODEL_FILE)
        cls.loaded = load_sample(cls.path)  # imported under its own name: the __main__ part does not run
        cls.module = cls.loaded.module
        cls.lines = MODEL_FILE.split("\n")

    def make(self):
        torch.manual_seed(0)
        return self.module.Net()

    def test_rows_are_layers_not_containers(self):
        rows = [p for p, _ in layer_modules(self.make())]
        self.assertEqual(rows, ["conv", "act", "pool", "fc", "stack.0.inner", "stack.0.other", "stack.1.inner", "stack.1.other", "scale", "seq.0", "seq.1"])
        blocks = [p for p, _ in layer_modules(self.make(), (self.module.Block,))]
        self.assertIn("stack.0", blocks)
        self.assertNotIn("stack.0.inner", blocks)

    def test_trace_gives_each_call_a_row_with_its_shape_line_and_params(self):
        model = self.make()
        calls = trace_layers(model, lambda: model(torch.zeros(2, 1, 4, 4)), SourceIndex.parse(self.loaded.source), self.module.__name__)
        names = [c.name for c in calls]
        self.assertEqual(names[:5], ["conv", "act", "pool", "fc", "act (2)"])
        by = {c.name: c for c in calls}
        self.assertEqual(by["conv"].output_shape, [None, 2, 4, 4])
        self.assertEqual(by["pool"].output_shape, [None, 2, 2, 2])
        self.assertEqual(by["act (2)"].output_shape, [None, 4])
        self.assertEqual(by["conv"].params, 2 * 1 * 3 * 3 + 2)
        self.assertEqual(by["act (2)"].params, 0)
        for c in calls:
            self.assertIsNotNone(c.line, c.name)
            text = self.lines[c.line - 1]
            # Block's own attributes for its layers; the Sequential's elements point at the Sequential.
            attr = "self." + (c.path.split(".")[-1] if c.path.startswith("stack.") else c.path.split(".")[0])
            self.assertIn(attr, text, f"{c.name} → line {c.line}: {text.strip()}")
        self.assertTrue(no_hooks_left(model), "the trace removed its hooks")
        self.assertTrue(model.training, "the model's mode is restored")

    def test_every_parameter_belongs_to_one_row(self):
        model = self.make()
        calls = trace_layers(model, lambda: model(torch.zeros(2, 1, 4, 4)), SourceIndex.parse(self.loaded.source), self.module.__name__)
        owners = parameter_owners(model, calls)
        self.assertEqual(len(owners), len(list(model.parameters())))
        self.assertEqual({n: layer for n, layer, _ in owners}["scale.gain"], "scale")
        self.assertEqual({n: layer for n, layer, _ in owners}["stack.1.inner.weight"], "stack.1.inner")


class HooksTest(unittest.TestCase):
    def test_activation_statistics_match_a_direct_computation_and_hooks_go_away(self):
        torch.manual_seed(1)
        model = nn.Sequential(nn.Linear(5, 6), nn.ReLU(), nn.Linear(6, 2))
        x = torch.randn(8, 5)
        rows = layer_modules(model)
        tap = hooks.ActivationTap(rows, {"0", "1", "2"})
        with tap:
            self.assertFalse(no_hooks_left(model))
            model(x)
        self.assertTrue(no_hooks_left(model))
        names, mean, std, dead = tap.read()
        self.assertEqual(names, ["0", "1", "2"])
        h = model[1](model[0](x)).detach()
        self.assertAlmostEqual(mean[1], h.mean().item(), places=5)
        self.assertAlmostEqual(std[1], h.std(unbiased=False).item(), places=5)
        self.assertAlmostEqual(dead[1], (h.amax(0) <= 0).float().mean().item(), places=6)
        self.assertEqual(dead[0], -1.0, "not a ReLU: no dead fraction")

    def test_gradient_and_update_statistics(self):
        torch.manual_seed(2)
        layer = nn.Linear(3, 2)
        layer(torch.randn(4, 3)).pow(2).sum().backward()
        params = list(layer.parameters())
        g = hooks.gradient_stats(params)
        self.assertAlmostEqual(g[0, 0].item(), layer.weight.grad.norm().item(), places=5)
        self.assertAlmostEqual(g[0, 1].item(), layer.weight.grad.abs().max().item(), places=6)
        before = hooks.snapshot(params)
        weight_before = layer.weight.detach().clone()
        torch.optim.SGD(params, lr=0.1).step()
        u = hooks.update_stats(params, before)
        self.assertAlmostEqual(u[0, 0].item(), layer.weight.norm().item(), places=5)
        expected = (layer.weight.detach() - weight_before).norm() / layer.weight.norm()
        self.assertAlmostEqual(u[0, 1].item(), expected.item(), places=5)


if __name__ == "__main__":
    unittest.main()


class StatsBudgetTest(unittest.TestCase):
    @staticmethod
    def run_steps(budget, steps, step_s, cost_s, forced_at=()):
        taken = []
        for i in range(steps):
            took = budget.allow(forced=i in forced_at)
            if took:
                budget.charge(cost_s)
                taken.append(i)
            budget.step_done(step_s + (cost_s if took else 0.0), took)
        return taken

    def test_cheap_statistics_are_taken_on_every_step(self):
        # The Transformer's case: 1 ms of statistics for a 35 ms step, within a 4 % share.
        taken = self.run_steps(hooks.StatsBudget(0.04), 500, 0.035, 0.001)
        self.assertEqual(len(taken), 500)

    def test_costly_statistics_keep_to_the_share_spread_over_the_steps(self):
        # A very short step: 0.7 ms of statistics for a 6 ms step, 4 % share → about a third of the steps.
        budget = hooks.StatsBudget(0.04, always_first=20)
        taken = self.run_steps(budget, 2000, 0.006, 0.0007)
        self.assertEqual(taken[:20], list(range(20)), "the first steps always have them")
        later = [i for i in taken if i >= 20]
        spent = len(later) * 0.0007
        self.assertLessEqual(spent, 0.04 * 0.006 * (2000 - 20) + 2 * 0.0007, "within the share")
        self.assertGreater(len(later), 0.30 * (2000 - 20))
        gaps = [b - a for a, b in zip(later, later[1:])]
        self.assertLessEqual(max(gaps), 4, "spread evenly, not in bursts")
        self.assertEqual(budget.skipped, 2000 - len(taken))

    def test_a_step_asked_for_while_paused_always_has_them(self):
        budget = hooks.StatsBudget(0.0, always_first=0)
        taken = self.run_steps(budget, 50, 0.006, 0.001, forced_at={7, 30})
        self.assertEqual(taken, [0, 7, 30])  # step 0: nothing measured yet, nothing owed

    def test_the_activation_tap_charges_its_time(self):
        budget = hooks.StatsBudget(0.02)
        model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 2))
        with hooks.ActivationTap([("0", model[0]), ("1", model[1]), ("2", model[2])], {"0", "1", "2"}, budget=budget) as tap:
            model(torch.randn(4, 8))
        self.assertEqual(len(tap.read()[0]), 3)
        self.assertGreater(budget._spent_s, 0.0)
        budget.step_done(0.01, True)
        self.assertGreater(budget.cost_s, 0.0)

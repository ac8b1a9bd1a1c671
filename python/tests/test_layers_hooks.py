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

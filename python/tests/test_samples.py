"""Every shipped PyTorch sample builds, ties each layer to the line that writes it, and trains."""
import array
import glob
import math
import os
import unittest

from support import HAVE_MNIST, NO_MNIST, SAMPLES_DIR, no_hooks_left, run_config
import torch

from model_lens.sample import load_sample, shipped_sample_path
from model_lens.session import start_run

def wire_values(values):
    """What the extension receives for an F32 field: the float32 bytes, read back."""
    a = array.array("f")
    a.frombytes(values.to_bytes())
    return torch.tensor(a.tolist())


SAMPLE_IDS = sorted(os.path.basename(p)[:-3].replace("_", "-") for p in glob.glob(os.path.join(SAMPLES_DIR, "torch", "*.py")))
NEEDS_MNIST = {"cnn-mnist", "rnn-mnist", "lstm-mnist", "gru-mnist", "autoencoder"}


class SamplesTest(unittest.TestCase):
    def test_the_ten_samples_are_there(self):
        self.assertEqual(SAMPLE_IDS, ["autoencoder", "cnn-mnist", "gan", "gru-mnist", "lstm-mnist", "mlp-fit", "mlp-xor", "perceptron", "rnn-mnist", "transformer"])

    def test_samples_import_only_torch_and_the_standard_library(self):
        for sample_id in SAMPLE_IDS:
            with open(shipped_sample_path(sample_id, SAMPLES_DIR), encoding="utf-8") as f:
                source = f.read()
            for line in source.split("\n"):
                if line.startswith(("import ", "from ")):
                    self.assertRegex(line, r"^(import (math|torch)|import torch\.nn as nn|import torch\.nn\.functional as F)$", f"{sample_id}: {line}")

    def test_each_sample_trains_a_little_and_every_layer_has_its_line(self):
        for sample_id in SAMPLE_IDS:
            with self.subTest(sample=sample_id):
                if sample_id in NEEDS_MNIST and not HAVE_MNIST:
                    self.skipTest(NO_MNIST)
                events = []
                handle = start_run(run_config({"kind": "shipped", "id": sample_id}, seconds=0.3), events.append)
                started = events[0]
                self.assertEqual(started["sample"]["id"], sample_id)
                lines = load_sample(started["sample"]["file"]).source.split("\n")
                for layer in started["layers"]:
                    self.assertIsNotNone(layer["line"], f"{layer['name']} has no line")
                    text = lines[layer["line"] - 1]
                    self.assertFalse(text.strip().startswith("#"), f"{layer['name']} mapped to a comment")
                    parts = layer["name"].split(" (")[0].split(".")
                    # The line assigns the layer's own attribute, or the container it sits in.
                    self.assertTrue(any(f"self.{p} =" in text for p in parts), f"{layer['name']} → line {layer['line']}: {text.strip()}")
                owners = {v["layer"] for v in started["variables"]}
                self.assertTrue(owners <= {l["name"] for l in started["layers"]}, "every parameter belongs to a listed layer")
                result = handle.trainer.run()
                self.assertEqual(result.state, "finished", [e.get("message") for e in events if e["kind"] == "error"])
                losses = [l for e in events if e["kind"] == "metrics" for l in e["loss"]]
                self.assertTrue(losses and all(l is not None and math.isfinite(l) for l in losses))
                self.assertTrue(no_hooks_left(handle.trainer.trainable.model))

    def test_transformer_attention_maps_show_the_masks(self):
        events = []
        handle = start_run(run_config({"kind": "shipped", "id": "transformer"}, seconds=0.2), events.append)
        handle.trainer.run()
        attention = [e for e in events if e["kind"] == "attention"][-1]
        kinds = [(m["attention"], m["layer"]) for m in attention["maps"]]
        self.assertEqual(sorted(kinds), sorted([("encoderSelf", 0), ("encoderSelf", 1), ("decoderSelf", 0), ("cross", 0), ("decoderSelf", 1), ("cross", 1)]))
        decoder_self = next(m for m in attention["maps"] if m["attention"] == "decoderSelf")
        rows, cols = decoder_self["rows"], decoder_self["cols"]
        w = wire_values(decoder_self["weights"]).reshape(decoder_self["heads"], rows, cols)
        self.assertEqual(float(w.triu(1).abs().max()), 0.0, "the causal mask: nothing above the diagonal")
        self.assertTrue(torch.allclose(w.sum(-1)[:, :1], torch.ones(decoder_self["heads"], 1), atol=1e-5), "rows are distributions")
        source = attention["sourceTokens"]
        cross = next(m for m in attention["maps"] if m["attention"] == "cross")
        cw = wire_values(cross["weights"]).reshape(cross["heads"], cross["rows"], cross["cols"])
        padded = [i for i, t in enumerate(source) if t == "·"]
        if padded:
            self.assertLess(float(cw[:, :, padded].max()), 1e-6, "padding gets no cross attention")


if __name__ == "__main__":
    unittest.main()

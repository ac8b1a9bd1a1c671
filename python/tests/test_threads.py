import unittest

from support import PACKAGE_DIR  # noqa: F401
import torch
import torch.nn as nn

from model_lens import threads


class ThreadsTest(unittest.TestCase):
    def test_choice_is_measured_and_leaves_the_model_and_random_state_as_they_were(self):
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(64, 64), nn.Dropout(0.5), nn.BatchNorm1d(64), nn.Linear(64, 10))
        x = torch.randn(32, 64)
        state = {k: v.clone() for k, v in model.state_dict().items()}
        rng = torch.get_rng_state()

        def one_pass():
            model(x).sum().backward()

        chosen, timings = threads.choose_threads(model, one_pass, budget_s=0.2)
        self.assertIn(chosen, threads.candidates())
        if len(threads.candidates()) > 1:
            self.assertEqual(set(timings), set(threads.candidates()))
            self.assertEqual(chosen, min(timings, key=timings.get))
        self.assertEqual(torch.get_num_threads(), chosen)
        for k, v in model.state_dict().items():
            self.assertTrue(torch.equal(v, state[k]), f"{k} changed (running statistics included)")
        self.assertTrue(torch.equal(torch.get_rng_state(), rng))
        self.assertTrue(all(p.grad is None for p in model.parameters()))

    def test_blas_is_read_from_the_process(self):
        name, path = threads.blas_in_use()
        self.assertTrue(name)
        if path is not None:
            with open("/proc/self/maps", encoding="utf-8") as f:
                self.assertIn(path, f.read())


if __name__ == "__main__":
    unittest.main()

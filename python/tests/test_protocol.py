import array
import math
import os
import threading
import unittest

from support import PACKAGE_DIR  # noqa: F401  (puts the package on sys.path)
import torch

from model_lens.protocol import F32, FrameReader, FrameWriter, decode_frame, encode_frame, finite_or_none


class FrameTest(unittest.TestCase):
    def test_round_trip_keeps_float32_exact_and_nulls_non_finite(self):
        values = [0.1, -2.5, 3.4028234663852886e38, 1e-45, float("nan")]
        message = {"type": "event", "event": {"kind": "gradients", "t": 1.5, "step": 3, "gradNorm": F32(values),
                                               "weights": F32(torch.arange(6.0).reshape(2, 3)), "bad": float("inf"), "ok": [1, 2.5]}}
        frame = encode_frame(message)
        self.assertEqual(int.from_bytes(frame[:4], "little"), len(frame) - 4)
        back = decode_frame(frame[4:])
        got = back["event"]["gradNorm"]
        self.assertIsInstance(got, array.array)
        expected = array.array("f", values)
        self.assertEqual(got[:4].tolist(), expected[:4].tolist())
        self.assertTrue(math.isnan(got[4]))
        self.assertEqual(back["event"]["weights"].tolist(), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
        self.assertIsNone(back["event"]["bad"], "a non-finite scalar travels as null")
        self.assertEqual(back["event"]["ok"], [1, 2.5])

    def test_binary_part_is_aligned(self):
        frame = encode_frame({"a": F32([1.0]), "b": F32([2.0, 3.0])})
        json_len = int.from_bytes(frame[4:8], "little")
        blob = frame[8 + json_len:]
        self.assertEqual(len(blob) % 4, 0)

    def test_reference_outside_the_frame_is_refused(self):
        body = b'{"x":{"$f32":[0,10]}}'
        payload = len(body).to_bytes(4, "little") + body + b"\0" * 8
        with self.assertRaises(ValueError):
            decode_frame(payload)

    def test_reader_and_writer_over_a_pipe_from_two_threads(self):
        r, w = os.pipe()
        writer = FrameWriter(w)
        big = list(range(200_000))  # larger than a pipe buffer: partial writes are completed

        def send(tag):
            for i in range(20):
                writer.write({"tag": tag, "i": i, "v": F32(big)})

        threads = [threading.Thread(target=send, args=(t,)) for t in ("a", "b")]
        for t in threads:
            t.start()
        reader = FrameReader(r)
        seen = {"a": [], "b": []}
        for _ in range(40):
            m = reader.read()
            seen[m["tag"]].append(m["i"])
            self.assertEqual(len(m["v"]), 200_000)
        for t in threads:
            t.join()
        os.close(w)
        self.assertIsNone(reader.read(), "end of stream")
        os.close(r)
        self.assertEqual(seen["a"], list(range(20)))
        self.assertEqual(seen["b"], list(range(20)))

    def test_finite_or_none(self):
        self.assertIsNone(finite_or_none(float("nan")))
        self.assertIsNone(finite_or_none(None))
        self.assertEqual(finite_or_none(2), 2.0)


if __name__ == "__main__":
    unittest.main()

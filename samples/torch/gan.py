"""A generative adversarial network on a ring of 8 Gaussians, in PyTorch (the document's section
「神经网络组成」: two MLPs built from the same parts, trained against each other).

The generator turns random noise into 2-D points; the discriminator scores points as real (from the
ring) or generated. Each training step has two phases, each with its own Adam (β1 = 0.5):
  discriminator: minimise BCE(D(real), 1) + BCE(D(G(z)), 0)   — only D's weights move
  generator:     minimise BCE(D(G(z)), 1)                      — only G's weights move
The points view overlays generated points on the ring; "modes covered" counts the clusters that
receive a fair share of generated points.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

MODES, RADIUS, SPREAD = 8, 2.0, 0.05
NOISE = 8
CENTRES = torch.tensor([[RADIUS * math.cos(2 * math.pi * k / MODES), RADIUS * math.sin(2 * math.pi * k / MODES)] for k in range(MODES)])

DESCRIPTION = {
    "id": "gan",
    "title": {"en": "GAN learns a ring of 8 Gaussians", "zh-cn": "生成对抗网络学习 8 个高斯分布组成的圆环"},
    "sections": [{"en": "Components of a neural network", "zh-cn": "神经网络组成"}],
    "dataset": {"en": "8 Gaussians (σ = 0.05) evenly spaced on a circle of radius 2; 4,096 points", "zh-cn": "半径为 2 的圆上均匀分布 8 个高斯分布（σ = 0.05），共 4,096 个点"},
    "goal": {"en": "generated points cover ≥ 6 of the 8 modes; both losses streamed", "zh-cn": "生成的点覆盖 8 个模式中的至少 6 个；两个损失都实时显示"},
    "task": "generative",
    "defaults": {"learningRate": 0.002, "batchSize": 256, "epochs": 100, "optimizer": "adam", "activation": "relu", "initializer": "he", "seed": 1},
}


# input: (256, 8)
class Generator(nn.Module):
    def __init__(self, activation=nn.ReLU):
        super(Generator, self).__init__()
        self.fc1 = nn.Linear(8, 128)         # 8 numbers of noise (NOISE) → 128 hidden units
        self.fc2 = nn.Linear(128, 128)
        self.out = nn.Linear(128, 2)         # a point (x, y)
        self.activation = activation()

    def forward(self, z):
        return self.out(self.activation(self.fc2(self.activation(self.fc1(z)))))


# input: (256, 2)
class Discriminator(nn.Module):
    def __init__(self):
        super(Discriminator, self).__init__()
        self.fc1 = nn.Linear(3, 128)         # x, y and the batch's spread (see forward)
        self.fc2 = nn.Linear(128, 128)
        self.out = nn.Linear(128, 1)         # a logit: real or generated
        self.leaky_relu = nn.LeakyReLU(0.2)

    def forward(self, x):
        # "Minibatch standard deviation": D also sees how spread out the whole batch is, so a
        # generator that collapses onto a few clusters is easy to catch. This keeps all eight
        # modes alive in a short run.
        spread = (((x - x.mean(dim=0)) ** 2).mean(dim=0) + 1e-8).sqrt().mean()
        x = torch.cat([x, spread.expand(x.shape[0], 1)], dim=1)
        return self.out(self.leaky_relu(self.fc2(self.leaky_relu(self.fc1(x)))))


class GAN(nn.Module):
    def __init__(self, activation=nn.ReLU):
        super(GAN, self).__init__()
        self.generator = Generator(activation)
        self.discriminator = Discriminator()


def ring(ctx, count):
    points = []
    for _ in range(count):
        cx, cy = CENTRES[int(ctx.random() * MODES)].tolist()
        points.append([cx + SPREAD * ctx.data.gaussian(), cy + SPREAD * ctx.data.gaussian()])
    return torch.tensor(points)


def coverage(points):
    """Clusters holding ≥ 1 % of the points within 4σ of their centre, and the share of such close points."""
    distances = torch.cdist(points, CENTRES)
    best, which = distances.min(dim=1)
    close = best < 4 * SPREAD
    counts = torch.bincount(which[close], minlength=MODES)
    return int((counts >= 0.01 * points.shape[0]).sum()), close.float().mean().item()


def create(ctx):
    real_train, real_test = ring(ctx, 4096), ring(ctx, 1024)
    # Labels are unused (the phases make their own): a zero column keeps the batch shape uniform.
    data = ctx.datasets(train=ctx.data.split(real_train, torch.zeros(4096, 1)), test=ctx.data.split(real_test, torch.zeros(1024, 1)))
    model = ctx.initialize(GAN(activation=ctx.activation))
    G, D = model.generator, model.discriminator

    def bce(logits, target):
        return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))

    def discriminator_loss(batch, tap):
        fake = G(torch.randn(batch.size, NOISE)).detach()   # D's phase leaves G alone
        return bce(D(batch.x), 1.0) + bce(D(fake), 0.0)

    def generator_loss(batch, tap):
        return bce(D(G(torch.randn(batch.size, NOISE))), 1.0)

    def evaluate(split):
        fake = G(torch.randn(2000, NOISE))
        d_loss = (bce(D(split.x), 1.0) + bce(D(fake[:split.count]), 0.0)).item()
        g_loss = bce(D(fake), 1.0).item()
        modes, high_quality = coverage(fake)
        return {"loss": d_loss, "discriminatorLoss": d_loss, "generatorLoss": g_loss, "modesCovered": modes, "highQuality": high_quality}

    def visuals(show):
        generated = G(torch.randn(1000, NOISE))
        show.points(real_train[:2000], generated, coverage(generated)[0], MODES)

    return ctx.trainable(
        model, data,
        [ctx.phase("discriminator", D.parameters(), discriminator_loss, beta1=0.5),
         ctx.phase("generator", G.parameters(), generator_loss, beta1=0.5)],
        evaluate, trace=lambda: D(G(torch.randn(2, NOISE))), visuals=visuals,
    )

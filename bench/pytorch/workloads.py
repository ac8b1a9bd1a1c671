"""PyTorch twins of the bench's tfjs workloads (bench/workloads.ts): same networks, same shapes,
same batch size, same per-step work (SGD step, loss read back; with --instrument, every
parameter's gradient L2 norm and max-abs computed and read back once per step).

Run by `npm run bench` with /usr/bin/python3 (Debian python3-torch). Prints one JSON line.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class SimpleCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(32 * 7 * 7, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
        self.dropout = nn.Dropout(0.25)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.flatten(1)
        x = self.dropout(F.relu(self.fc1(x)))
        x = self.dropout(F.relu(self.fc2(x)))
        return self.fc3(x)


class Recurrent(nn.Module):
    def __init__(self, kind):
        super().__init__()
        cls = {'rnn': nn.RNN, 'lstm': nn.LSTM, 'gru': nn.GRU}[kind]
        self.rnn = cls(28, 128, 2, batch_first=True)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        out, _ = self.rnn(x.view(-1, 28, 28))
        return self.fc(out[:, -1, :])


D, HEADS, FFN, LAYERS, SEQ, VOCAB = 64, 4, 128, 2, 10, 14


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(D, D, bias=False)
        self.k = nn.Linear(D, D, bias=False)
        self.v = nn.Linear(D, D, bias=False)
        self.o = nn.Linear(D, D, bias=False)

    def forward(self, q, kv, bias):
        b, t, _ = q.shape
        split = lambda x: x.view(b, -1, HEADS, D // HEADS).transpose(1, 2)
        Q, K, V = split(self.q(q)), split(self.k(kv)), split(self.v(kv))
        scores = Q @ K.transpose(-2, -1) / math.sqrt(D // HEADS)
        if bias is not None:
            scores = scores + bias
        ctx = scores.softmax(-1) @ V
        return self.o(ctx.transpose(1, 2).reshape(b, t, D))


class FeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(D, FFN)
        self.l2 = nn.Linear(FFN, D)

    def forward(self, x):
        return self.l2(F.relu(self.l1(x)))


class EncoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.n1, self.a, self.n2, self.f = nn.LayerNorm(D, eps=1e-6), Attention(), nn.LayerNorm(D, eps=1e-6), FeedForward()

    def forward(self, x):
        h = self.n1(x)
        x = x + self.a(h, h, None)
        return x + self.f(self.n2(x))


class DecoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.n1, self.a, self.n2, self.c = nn.LayerNorm(D, eps=1e-6), Attention(), nn.LayerNorm(D, eps=1e-6), Attention()
        self.n3, self.f = nn.LayerNorm(D, eps=1e-6), FeedForward()

    def forward(self, y, memory, causal):
        h = self.n1(y)
        y = y + self.a(h, h, causal)
        y = y + self.c(self.n2(y), memory, None)
        return y + self.f(self.n3(y))


class Transformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.src = nn.Embedding(VOCAB, D)
        self.tgt = nn.Embedding(VOCAB, D)
        self.enc = nn.ModuleList([EncoderLayer() for _ in range(LAYERS)])
        self.dec = nn.ModuleList([DecoderLayer() for _ in range(LAYERS)])
        self.enc_norm, self.dec_norm = nn.LayerNorm(D, eps=1e-6), nn.LayerNorm(D, eps=1e-6)
        self.proj = nn.Linear(D, VOCAB)
        pos = torch.arange(SEQ, dtype=torch.float32).unsqueeze(1)
        div = torch.exp(torch.arange(0, D, 2).float() * (-math.log(10000.0) / D))
        pe = torch.zeros(SEQ, D)
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.register_buffer('pe', pe)
        self.register_buffer('causal', torch.triu(torch.full((SEQ, SEQ), -1e9), diagonal=1))

    def forward(self, src, tgt_in):
        x = self.src(src) * math.sqrt(D) + self.pe
        for layer in self.enc:
            x = layer(x)
        memory = self.enc_norm(x)
        y = self.tgt(tgt_in) * math.sqrt(D) + self.pe
        for layer in self.dec:
            y = layer(y, memory, self.causal)
        return self.proj(self.dec_norm(y))


def mnist(root):
    images = torch.frombuffer(bytearray(open(os.path.join(root, 'mnist-images.u8'), 'rb').read()), dtype=torch.uint8)
    labels = torch.frombuffer(bytearray(open(os.path.join(root, 'mnist-labels.u8'), 'rb').read()), dtype=torch.uint8)
    return images.view(-1, 784).float() / 255, labels.long()


def make(workload, data_dir, batch):
    if workload == 'transformer':
        model = Transformer()
        gen = torch.Generator().manual_seed(1)

        def batch_at(step):
            src = torch.randint(2, 12, (batch, SEQ), generator=gen)
            out = src.flip(1)
            tgt_in = torch.cat([torch.ones(batch, 1, dtype=torch.long), out[:, :-1]], 1)
            return (src, tgt_in), out.reshape(-1)

        loss_of = lambda inputs, y: F.cross_entropy(model(*inputs).reshape(-1, VOCAB), y)
        return model, batch_at, loss_of
    images, labels = mnist(data_dir)
    n = images.shape[0]
    model = SimpleCNN() if workload == 'cnn' else Recurrent(workload)
    shape = (batch, 1, 28, 28) if workload == 'cnn' else (batch, 28, 28)

    def batch_at(step):
        idx = torch.tensor([((step * batch + i) * 7919) % n for i in range(batch)])
        return (images[idx].view(shape),), labels[idx]

    loss_of = lambda inputs, y: F.cross_entropy(model(*inputs), y)
    return model, batch_at, loss_of


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--workload', required=True, choices=['cnn', 'rnn', 'lstm', 'gru', 'transformer'])
    ap.add_argument('--data', required=True)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--seconds', type=float, default=3.0)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--instrument', choices=['on', 'off'], default='on')
    a = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(a.threads)
    model, batch_at, loss_of = make(a.workload, a.data, a.batch)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    params = [p for p in model.parameters() if p.requires_grad]

    def step(i):
        inputs, y = batch_at(i)
        opt.zero_grad(set_to_none=True)
        loss = loss_of(inputs, y)
        loss.backward()
        if a.instrument == 'on':
            stats = torch.stack([torch.stack([p.grad.norm(), p.grad.abs().max()]) for p in params])
            stats.tolist()
        opt.step()
        return loss.item()

    for i in range(3):
        step(i)
    # Timed in chunks of >= 0.25 s; the fastest chunk is compared (the machine is shared, and
    # bench/timing.ts measures our side the same way).
    chunks, cpu, steps, start = [], [], 0, time.perf_counter()
    while len(chunks) < 3 or time.perf_counter() - start < a.seconds:
        c0, p0, n = time.perf_counter(), time.process_time(), 0
        while True:
            step(3 + steps + n)
            n += 1
            if time.perf_counter() - c0 >= 0.25:
                break
        chunks.append((time.perf_counter() - c0) * 1000 / n)
        cpu.append((time.process_time() - p0) * 1000 / n)
        steps += n
    chunks.sort()
    best = chunks[0]
    print(json.dumps({'workload': a.workload, 'msPerStep': best, 'medianMsPerStep': chunks[len(chunks) // 2],
                      'cpuMsPerStep': min(cpu),
                      'steps': steps, 'samplesPerSec': a.batch * 1000 / best, 'threads': torch.get_num_threads(),
                      'torch': torch.__version__}))


if __name__ == '__main__':
    sys.exit(main())

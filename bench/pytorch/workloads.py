"""PyTorch twins of the shipped samples the bench times (samples/*.js, built by bench/sampleWorkloads.ts):
same networks, same shapes, same batch size, same per-step work (SGD step, loss read back; with
--instrument on, every parameter's gradient L2 norm and max-abs computed and read back once per
step, as the training panels need).

Run by `npm run bench` with /usr/bin/python3 (Debian python3-torch). Prints one JSON line, which
says which BLAS the process really loaded (read from /proc/self/maps: a Debian torch uses whatever
libblas.so.3 points to, and the reference BLAS makes every matrix product several times slower
than any real install), and how many threads PyTorch and that BLAS use.

  --peak       instead of a workload: float32 matrix-product GFLOP/s on one thread (the roofline)
  --profile    add the per-op self CPU time of a few steps (torch.profiler) to the JSON
"""
import argparse
import ctypes
import json
import math
import os
import random
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def blas_info(maps_path='/proc/self/maps'):
    """The BLAS library this process loaded, its kind and its thread count."""
    libs = set()
    with open(maps_path) as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and '.so' in parts[5]:
                libs.add(parts[5])
    for kind in ('openblas', 'mkl', 'blis'):
        # Prefer the library named after the BLAS (libopenblasp-r0.3.21.so) over the alternatives
        # link that led to it (…/openblas-pthread/libblas.so.3).
        found = sorted((p for p in libs if kind in p.lower()), key=lambda p: (kind not in os.path.basename(p).lower(), p))
        if found:
            threads = None
            try:
                if maps_path != '/proc/self/maps':
                    raise OSError('not this process')
                lib = ctypes.CDLL(found[0])
                threads = (lib.openblas_get_num_threads() if kind == 'openblas'
                           else lib.MKL_Get_Max_Threads() if kind == 'mkl' else lib.bli_thread_get_num_threads())
            except (OSError, AttributeError):
                pass
            return {'kind': kind, 'library': found[0], 'threads': threads}
    generic = sorted(p for p in libs if os.path.basename(p).startswith(('libblas.so', 'libcblas.so')))
    if generic:
        return {'kind': 'reference', 'library': generic[0], 'threads': 1}
    # No separate BLAS library: linked into libtorch itself (pip wheels carry MKL that way).
    config = torch.__config__.show()
    kind = 'mkl' if 'BLAS_INFO=mkl' in config else 'unknown'
    return {'kind': kind, 'library': 'inside libtorch', 'threads': None}


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
    """Two recurrent layers of 128 units over the 28 rows of a digit, fc to 10 classes."""

    def __init__(self, kind, units=128):
        super().__init__()
        cls = {'rnn': nn.RNN, 'lstm': nn.LSTM, 'gru': nn.GRU}[kind]
        self.rnn = cls(28, units, 2, batch_first=True)
        self.fc = nn.Linear(units, 10)

    def forward(self, x):
        out, _ = self.rnn(x.view(-1, 28, 28))
        return self.fc(out[:, -1, :])


# samples/transformer.js: reverse 4–8 digits; shared embedding ×√d + sinusoidal positions,
# pre-LN encoder–decoder, padding and causal masks, loss over real (non-padding) target tokens.
PAD, BOS, EOS, DIGIT0, VOCAB = 0, 1, 2, 3, 13
SRC_LEN, TGT_LEN = 8, 9
D, HEADS, FFN, LAYERS = 64, 4, 128, 2


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = nn.Linear(D, D), nn.Linear(D, D), nn.Linear(D, D), nn.Linear(D, D)

    def forward(self, q, kv, mask):
        b, t, _ = q.shape
        split = lambda x: x.view(b, -1, HEADS, D // HEADS).transpose(1, 2)
        scores = split(self.q(q)) @ split(self.k(kv)).transpose(-2, -1) / math.sqrt(D // HEADS) + mask
        mixed = scores.softmax(-1) @ split(self.v(kv))
        return self.o(mixed.transpose(1, 2).reshape(b, t, D))


class FeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner, self.outer = nn.Linear(D, FFN), nn.Linear(FFN, D)

    def forward(self, x):
        return self.outer(F.relu(self.inner(x)))


class EncoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.attn, self.ln2, self.ffn = nn.LayerNorm(D), Attention(), nn.LayerNorm(D), FeedForward()

    def forward(self, x, mask):
        h = self.ln1(x)
        x = x + self.attn(h, h, mask)
        return x + self.ffn(self.ln2(x))


class DecoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.self_attn, self.ln2, self.cross = nn.LayerNorm(D), Attention(), nn.LayerNorm(D), Attention()
        self.ln3, self.ffn = nn.LayerNorm(D), FeedForward()

    def forward(self, y, memory, self_mask, src_mask):
        h = self.ln1(y)
        y = y + self.self_attn(h, h, self_mask)
        y = y + self.cross(self.ln2(y), memory, src_mask)
        return y + self.ffn(self.ln3(y))


class Transformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, D)
        self.enc = nn.ModuleList([EncoderLayer() for _ in range(LAYERS)])
        self.dec = nn.ModuleList([DecoderLayer() for _ in range(LAYERS)])
        self.enc_norm, self.dec_norm = nn.LayerNorm(D), nn.LayerNorm(D)
        self.proj = nn.Linear(D, VOCAB)
        pos = torch.arange(TGT_LEN, dtype=torch.float32).unsqueeze(1)
        angle = pos / torch.pow(10000.0, torch.arange(0, D, 2).float() / D)
        pe = torch.zeros(TGT_LEN, D)
        pe[:, 0::2], pe[:, 1::2] = torch.sin(angle), torch.cos(angle)
        self.register_buffer('pe', pe)
        self.register_buffer('causal', torch.triu(torch.full((TGT_LEN, TGT_LEN), -1e9), diagonal=1).view(1, 1, TGT_LEN, TGT_LEN))

    def embed(self, ids):
        return self.embedding(ids) * math.sqrt(D) + self.pe[:ids.shape[1]]

    def forward(self, src, dec_in):
        src_mask = (src == PAD).float().mul(-1e9).view(src.shape[0], 1, 1, -1)
        x = self.embed(src)
        for layer in self.enc:
            x = layer(x, src_mask)
        memory = self.enc_norm(x)
        self_mask = torch.minimum(self.causal, (dec_in == PAD).float().mul(-1e9).view(dec_in.shape[0], 1, 1, -1))
        y = self.embed(dec_in)
        for layer in self.dec:
            y = layer(y, memory, self_mask, src_mask)
        return self.proj(self.dec_norm(y))


def reversal_pairs(count, seed=1):
    rnd = random.Random(seed)
    src = torch.zeros(count, SRC_LEN, dtype=torch.long)
    dec_in = torch.zeros(count, TGT_LEN, dtype=torch.long)
    target = torch.zeros(count, TGT_LEN, dtype=torch.long)
    for i in range(count):
        digits = [DIGIT0 + rnd.randrange(10) for _ in range(4 + rnd.randrange(SRC_LEN - 3))]
        rev = digits[::-1]
        src[i, :len(digits)] = torch.tensor(digits)
        dec_in[i, :len(digits) + 1] = torch.tensor([BOS] + rev)
        target[i, :len(digits) + 1] = torch.tensor(rev + [EOS])
    return src, dec_in, target


def mnist(root):
    images = torch.frombuffer(bytearray(open(os.path.join(root, 'mnist-images.u8'), 'rb').read()), dtype=torch.uint8)
    labels = torch.frombuffer(bytearray(open(os.path.join(root, 'mnist-labels.u8'), 'rb').read()), dtype=torch.uint8)
    return images.view(-1, 784).float() / 255, labels.long()


def make(workload, data_dir, batch, units):
    if workload == 'transformer':
        model = Transformer()
        src, dec_in, target = reversal_pairs(8000)

        def batch_at(step):
            at = (step * batch) % (src.shape[0] - batch)
            return (src[at:at + batch], dec_in[at:at + batch]), target[at:at + batch]

        def loss_of(inputs, y):
            per_token = F.cross_entropy(model(*inputs).reshape(-1, VOCAB), y.reshape(-1), reduction='none')
            real = (y.reshape(-1) != PAD).float()
            return (per_token * real).sum() / real.sum()

        return model, batch_at, loss_of
    images, labels = mnist(data_dir)
    n = images.shape[0]
    model = SimpleCNN() if workload == 'cnn' else Recurrent(workload, units)
    shape = (batch, 1, 28, 28) if workload == 'cnn' else (batch, 28, 28)

    def batch_at(step):
        at = (step * batch) % (n - batch)
        return (images[at:at + batch].view(shape),), labels[at:at + batch]

    return model, batch_at, lambda inputs, y: F.cross_entropy(model(*inputs), y)


def peak(seconds):
    """GFLOP/s of float32 matrix products on one thread: large (the BLAS's practical peak) and the
    shapes of a recurrent step."""
    torch.set_num_threads(1)
    out = {}
    for m, k, n in ((1024, 1024, 1024), (64, 128, 512), (1792, 128, 512)):
        a, b = torch.randn(m, k), torch.randn(k, n)
        reps = max(3, round(2e8 / (2 * m * k * n)))
        best, start = float('inf'), time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            t0 = time.process_time()
            for _ in range(reps):
                torch.mm(a, b)
            best = min(best, (time.process_time() - t0) / reps)
        out[f'{m}x{k}x{n}'] = 2 * m * k * n / best / 1e9
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--workload', choices=['cnn', 'rnn', 'lstm', 'gru', 'transformer'])
    ap.add_argument('--data')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--units', type=int, default=128, help='recurrent units (the samples use 128)')
    ap.add_argument('--seconds', type=float, default=3.0)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--instrument', choices=['on', 'off'], default='on')
    ap.add_argument('--profile', action='store_true')
    ap.add_argument('--peak', action='store_true')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.peak:
        print(json.dumps({'peakGflops': peak(a.seconds), 'blas': blas_info(), 'torch': torch.__version__}))
        return 0
    if a.workload is None or a.data is None:
        ap.error('--workload and --data are required (or --peak)')
    torch.manual_seed(0)
    model, batch_at, loss_of = make(a.workload, a.data, a.batch, a.units)
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
    result = {'workload': a.workload, 'msPerStep': best, 'medianMsPerStep': chunks[len(chunks) // 2],
              'cpuMsPerStep': min(cpu), 'steps': steps, 'samplesPerSec': a.batch * 1000 / best,
              'threads': torch.get_num_threads(), 'torch': torch.__version__, 'blas': blas_info()}
    if a.profile:
        from torch.profiler import ProfilerActivity, profile
        runs = 5
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            for i in range(runs):
                step(10_000 + i)
        ops = sorted(prof.key_averages(), key=lambda e: e.self_cpu_time_total, reverse=True)
        result['profile'] = [{'op': e.key, 'msPerStep': e.self_cpu_time_total / 1000 / runs, 'calls': e.count / runs} for e in ops[:25]]
    print(json.dumps(result))
    return 0


if __name__ == '__main__':
    sys.exit(main())

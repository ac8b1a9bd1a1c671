// Our wasm training kernels against the tfjs cpu backend (the reference implementation) and,
// where python3-torch is installed, against PyTorch. Random shapes cover stride, same/valid/explicit
// padding, odd sizes, and (PyTorch only, since tfjs itself never asks for them) dilation.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { selectEngine } from '../../src/backend/engine/selectEngine';
import { tensorStats } from '../../src/backend/engine/tensorStats';
import { releaseWasmKernelCaches } from '../../src/backend/engine/wasmKernels';
import { assertClose, onBackend, python, randomArray, rng, size, torchMissing, useSimd, wasmDir } from './kernelSupport';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
interface ConvCase { n: number; h: number; w: number; ci: number; co: number; fh: number; fw: number; stride: [number, number]; pad: Pad; dilation?: [number, number] }

function convInfo(c: ConvCase) {
  return tf.backend_util.computeConv2DInfo([c.n, c.h, c.w, c.ci], [c.fh, c.fw, c.ci, c.co], c.stride, c.dilation ?? 1, c.pad, undefined, false, 'channelsLast');
}

function runGradKernels(c: ConvCase, x: Float32Array, w: Float32Array, dy: Float32Array, dyShape: number[]): { dw: Float32Array; dx: Float32Array } {
  return tf.tidy(() => {
    const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: undefined, dilations: c.dilation ?? [1, 1] };
    const xt = tf.tensor4d(x, [c.n, c.h, c.w, c.ci]);
    const wt = tf.tensor4d(w, [c.fh, c.fw, c.ci, c.co]);
    const dyt = tf.tensor4d(dy, dyShape as [number, number, number, number]);
    const dwT = tf.engine().runKernel('Conv2DBackpropFilter', { x: xt, dy: dyt }, { ...attrs, filterShape: [c.fh, c.fw, c.ci, c.co] } as never) as tf.Tensor;
    const dxT = tf.engine().runKernel('Conv2DBackpropInput', { dy: dyt, filter: wt }, { ...attrs, inputShape: [c.n, c.h, c.w, c.ci] } as never) as tf.Tensor;
    return { dw: dwT.dataSync() as Float32Array, dx: dxT.dataSync() as Float32Array };
  });
}

// Reads cases as JSON on stdin, answers the gradients in tfjs layouts (NHWC, HWIO).
const torchConvScript = `
import json, sys, torch
import torch.nn.functional as F
out = []
for c in json.load(sys.stdin):
    n, h, w, ci, co, fh, fw = (c[k] for k in ('n', 'h', 'w', 'ci', 'co', 'fh', 'fw'))
    x = torch.tensor(c['x'], dtype=torch.float64).reshape(n, h, w, ci).permute(0, 3, 1, 2).contiguous().requires_grad_()
    wt = torch.tensor(c['wt'], dtype=torch.float64).reshape(fh, fw, ci, co).permute(3, 2, 0, 1).contiguous().requires_grad_()
    top, bottom, left, right = c['pads']
    y = F.conv2d(F.pad(x, (left, right, top, bottom)), wt, stride=c['stride'], dilation=c['dilation'])
    dy = torch.tensor(c['dy'], dtype=torch.float64).reshape(y.shape[0], y.shape[2], y.shape[3], y.shape[1]).permute(0, 3, 1, 2)
    y.backward(dy)
    out.append({'yshape': list(y.shape), 'dw': wt.grad.permute(2, 3, 1, 0).reshape(-1).tolist(), 'dx': x.grad.permute(0, 2, 3, 1).reshape(-1).tolist()})
json.dump(out, sys.stdout)
`;

const torchPoolScript = `
import json, sys, torch
import torch.nn.functional as F
out = []
for c in json.load(sys.stdin):
    n, h, w, ch = c['shape']
    x = torch.tensor(c['x'], dtype=torch.float64).reshape(n, h, w, ch).permute(0, 3, 1, 2).contiguous().requires_grad_()
    top, bottom, left, right = c['pads']
    y = F.max_pool2d(F.pad(x, (left, right, top, bottom), value=float('-inf')), c['size'], stride=c['stride'])
    dy = torch.tensor(c['dy'], dtype=torch.float64).reshape(y.shape[0], y.shape[2], y.shape[3], y.shape[1]).permute(0, 3, 1, 2)
    y.backward(dy)
    out.append({'dx': x.grad.permute(0, 2, 3, 1).reshape(-1).tolist()})
json.dump(out, sys.stdout)
`;

const convCases: ConvCase[] = [
  { n: 2, h: 7, w: 7, ci: 3, co: 4, fh: 3, fw: 3, stride: [1, 1], pad: 'same' },
  { n: 3, h: 9, w: 8, ci: 2, co: 5, fh: 3, fw: 2, stride: [2, 2], pad: 'same' },
  { n: 2, h: 10, w: 11, ci: 4, co: 3, fh: 5, fw: 3, stride: [2, 3], pad: 'valid' },
  { n: 1, h: 6, w: 6, ci: 1, co: 16, fh: 3, fw: 3, stride: [1, 1], pad: 'valid' },
  { n: 2, h: 8, w: 7, ci: 3, co: 2, fh: 3, fw: 3, stride: [1, 2], pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
  { n: 4, h: 14, w: 14, ci: 16, co: 32, fh: 3, fw: 3, stride: [1, 1], pad: 'same' },
  { n: 2, h: 5, w: 5, ci: 2, co: 3, fh: 1, fw: 1, stride: [1, 1], pad: 'valid' },
  { n: 2, h: 12, w: 9, ci: 3, co: 4, fh: 4, fw: 4, stride: [3, 2], pad: 'same' },
  // Stride 1: dX runs as a forward convolution unless a padding exceeds filter − 1.
  { n: 2, h: 9, w: 10, ci: 3, co: 5, fh: 4, fw: 4, stride: [1, 1], pad: 'same' },
  { n: 2, h: 8, w: 8, ci: 2, co: 3, fh: 3, fw: 3, stride: [1, 1], pad: [[0, 0], [2, 0], [1, 2], [0, 0]] },
  { n: 2, h: 6, w: 7, ci: 2, co: 3, fh: 3, fw: 3, stride: [1, 1], pad: [[0, 0], [0, 3], [1, 1], [0, 0]] },
  // Channels in fours plus a remainder, wide one-sided padding (whole rows and several columns of
  // a tap outside the image), the SimpleCNN's first layer.
  { n: 2, h: 9, w: 11, ci: 6, co: 3, fh: 3, fw: 4, stride: [2, 1], pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
  { n: 3, h: 5, w: 6, ci: 8, co: 4, fh: 5, fw: 5, stride: [1, 3], pad: [[0, 0], [4, 0], [3, 4], [0, 0]] },
  { n: 4, h: 28, w: 28, ci: 1, co: 16, fh: 3, fw: 3, stride: [1, 1], pad: 'same' },
  // One input channel, 3-wide filters, stride 1 (the direct SIMD filter gradient): other filter
  // heights, 32 channels, one-sided and 'valid' padding; then 3-wide but stride 2 (not direct).
  { n: 3, h: 9, w: 8, ci: 1, co: 32, fh: 5, fw: 3, stride: [1, 1], pad: [[0, 0], [2, 1], [0, 2], [0, 0]] },
  { n: 2, h: 7, w: 10, ci: 1, co: 16, fh: 2, fw: 3, stride: [1, 1], pad: 'valid' },
  { n: 2, h: 8, w: 8, ci: 1, co: 16, fh: 3, fw: 3, stride: [2, 2], pad: 'same' },
];

for (const simd of [true, false]) describe(`wasm kernels: Conv2DBackpropFilter / Conv2DBackpropInput (${simd ? 'SIMD loops' : 'JavaScript loops'})`, function () {
  before(async () => {
    const info = await selectEngine('wasm', { wasmDir });
    assert.equal(info.name, 'wasm');
    await useSimd(simd);
  });
  after(async () => { await useSimd(true); });

  convCases.forEach((c, i) => {
    it(`case ${i}: ${c.n}×${c.h}×${c.w}×${c.ci} → ${c.co}, filter ${c.fh}×${c.fw}, stride ${c.stride.join('×')}, pad ${JSON.stringify(c.pad)} matches cpu`, async () => {
      const next = rng(1000 + i);
      const info = convInfo(c);
      const dyShape = [c.n, info.outHeight, info.outWidth, c.co];
      const x = randomArray(size([c.n, c.h, c.w, c.ci]), next);
      const w = randomArray(size([c.fh, c.fw, c.ci, c.co]), next);
      const dy = randomArray(size(dyShape), next);
      const tensorsBefore = tf.memory().numTensors;
      const dataBefore = tf.engine().backend.numDataIds();
      const ours = runGradKernels(c, x, w, dy, dyShape);
      assert.equal(tf.memory().numTensors, tensorsBefore, 'numTensors flat');
      assert.equal(tf.engine().backend.numDataIds(), dataBefore, 'no wasm buffers left behind');
      const ref = await onBackend('cpu', () => runGradKernels(c, x, w, dy, dyShape));
      assertClose(ours.dw, ref.dw, 'dW');
      assertClose(ours.dx, ref.dx, 'dX');
    });
  });

  it('tf.grad through conv2d (the path layers use) agrees with cpu and keeps numTensors flat', async () => {
    const next = rng(7);
    const x = randomArray(size([3, 10, 10, 2]), next);
    const w = randomArray(size([3, 3, 2, 6]), next);
    const grads = () => tf.tidy(() => {
      const xt = tf.tensor4d(x, [3, 10, 10, 2]);
      const wt = tf.tensor4d(w, [3, 3, 2, 6]);
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same').relu().square().sum());
      const [dx, dw] = g([xt, wt]);
      return [dx?.dataSync() as Float32Array, dw?.dataSync() as Float32Array];
    });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) grads();
    assert.equal(tf.memory().numTensors, before);
    const ours = grads();
    const ref = await onBackend('cpu', grads);
    assertClose(ours[0] as Float32Array, ref[0] as Float32Array, 'dx');
    assertClose(ours[1] as Float32Array, ref[1] as Float32Array, 'dw');
  });

  it('refuses channels-first data with a clear message', () => {
    assert.throws(() => tf.tidy(() => tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.zeros([1, 2, 4, 4]), dy: tf.zeros([1, 2, 4, 4]) },
      { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [1, 1, 2, 2] } as never)), /channels-last \(NHWC\)/);
  });

  describe('against PyTorch (double precision)', () => {
    before(function () {
      if (torchMissing != null) {
        console.log(`      skipped: ${torchMissing}`);
        this.skip();
      }
    });
    const torchCases: ConvCase[] = [
      ...convCases,
      { n: 2, h: 11, w: 10, ci: 3, co: 4, fh: 3, fw: 3, stride: [1, 1], pad: 'valid', dilation: [2, 2] },
      { n: 2, h: 13, w: 12, ci: 2, co: 3, fh: 3, fw: 2, stride: [2, 1], pad: [[0, 0], [2, 1], [1, 1], [0, 0]], dilation: [2, 3] },
      { n: 1, h: 9, w: 9, ci: 4, co: 2, fh: 2, fw: 2, stride: [1, 1], pad: 'same', dilation: [3, 3] },
    ];
    it(`${torchCases.length} cases including dilation match torch.nn.functional.conv2d's gradients`, () => {
      const payload = torchCases.map((c, i) => {
        const next = rng(5000 + i);
        const info = convInfo(c);
        const dyShape = [c.n, info.outHeight, info.outWidth, c.co];
        const p = info.padInfo;
        return { c, dyShape, n: c.n, h: c.h, w: c.w, ci: c.ci, co: c.co, fh: c.fh, fw: c.fw, stride: c.stride, dilation: c.dilation ?? [1, 1],
          pads: [p.top, p.bottom, p.left, p.right], x: Array.from(randomArray(size([c.n, c.h, c.w, c.ci]), next)),
          wt: Array.from(randomArray(size([c.fh, c.fw, c.ci, c.co]), next)), dy: Array.from(randomArray(size(dyShape), next)) };
      });
      const answers = JSON.parse(execFileSync(python, ['-c', torchConvScript], { input: JSON.stringify(payload.map(({ c: _c, dyShape: _d, ...rest }) => rest)), maxBuffer: 1 << 28 }).toString()) as Array<{ yshape: number[]; dw: number[]; dx: number[] }>;
      payload.forEach((p, i) => {
        const a = answers[i];
        assert.ok(a != null);
        assert.deepEqual([a.yshape[0], a.yshape[2], a.yshape[3], a.yshape[1]], p.dyShape, `case ${i}: output shape`);
        const ours = runGradKernels(p.c, Float32Array.from(p.x), Float32Array.from(p.wt), Float32Array.from(p.dy), p.dyShape);
        assertClose(ours.dw, Float32Array.from(a.dw), `case ${i} dW`);
        assertClose(ours.dx, Float32Array.from(a.dx), `case ${i} dX`);
      });
    });

    it('MaxPoolGrad matches torch max_pool2d backward (overlapping windows, same padding)', () => {
      const cases = [
        { shape: [2, 8, 8, 3], size: [2, 2], stride: [2, 2], pad: 'valid' as const },
        { shape: [2, 8, 10, 8], size: [2, 2], stride: [2, 2], pad: 'valid' as const },
        { shape: [2, 7, 9, 4], size: [3, 3], stride: [2, 2], pad: 'same' as const },
        { shape: [1, 6, 5, 2], size: [3, 2], stride: [1, 1], pad: 'valid' as const },
      ];
      const payload = cases.map((c, i) => {
        const next = rng(9000 + i);
        const info = tf.backend_util.computePool2DInfo(c.shape as [number, number, number, number], c.size as [number, number], c.stride as [number, number], 1, c.pad);
        const p = info.padInfo;
        const dyShape = [c.shape[0] as number, info.outHeight, info.outWidth, c.shape[3] as number];
        return { ...c, dyShape, pads: [p.top, p.bottom, p.left, p.right], x: Array.from(randomArray(size(c.shape), next)), dy: Array.from(randomArray(size(dyShape), next)) };
      });
      const answers = JSON.parse(execFileSync(python, ['-c', torchPoolScript], { input: JSON.stringify(payload), maxBuffer: 1 << 28 }).toString()) as Array<{ dx: number[] }>;
      payload.forEach((p, i) => {
        const ours = tf.tidy(() => {
          const x = tf.tensor4d(Float32Array.from(p.x), p.shape as [number, number, number, number]);
          const y = tf.maxPool(x, p.size as [number, number], p.stride as [number, number], p.pad);
          const dy = tf.tensor4d(Float32Array.from(p.dy), p.dyShape as [number, number, number, number]);
          return (tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: p.size, strides: p.stride, pad: p.pad } as never) as tf.Tensor).dataSync() as Float32Array;
        });
        assertClose(ours, Float32Array.from(answers[i]?.dx ?? []), `pool case ${i}`);
      });
    });
  });
});

for (const simd of [true, false]) describe(`wasm kernels: MaxPoolGrad (${simd ? 'SIMD loops' : 'JavaScript loops'})`, () => {
  before(async () => { await selectEngine('wasm', { wasmDir }); await useSimd(simd); });
  after(async () => { await useSimd(true); });
  const poolCases = [
    { shape: [2, 8, 8, 3], size: 2, stride: 2, pad: 'valid' as const, ties: false },
    { shape: [3, 7, 9, 5], size: 3, stride: 2, pad: 'same' as const, ties: false },
    { shape: [2, 6, 6, 4], size: 3, stride: 1, pad: 'same' as const, ties: true },
    { shape: [1, 5, 7, 16], size: 2, stride: 2, pad: 'same' as const, ties: true },
    // Whole, non-overlapping windows (the one-pass path), with leftover rows/columns and ties.
    { shape: [2, 7, 9, 3], size: 2, stride: 2, pad: 'valid' as const, ties: true },
    { shape: [2, 9, 9, 4], size: 3, stride: 3, pad: 'valid' as const, ties: false },
    // 2×2 / 2 with channels in fours (the SIMD loop): exact tiling, leftovers, ties, −∞ and NaN.
    { shape: [3, 8, 6, 8], size: 2, stride: 2, pad: 'valid' as const, ties: true },
    { shape: [2, 9, 7, 4], size: 2, stride: 2, pad: 'valid' as const, ties: false, special: true },
    { shape: [4, 28, 28, 16], size: 2, stride: 2, pad: 'valid' as const, ties: false },
    { shape: [2, 6, 6, 12], size: 2, stride: 2, pad: 'valid' as const, ties: true, special: true },
  ];
  poolCases.forEach((c, i) => {
    it(`case ${i}: ${c.shape.join('×')}, window ${c.size}, stride ${c.stride}, ${c.pad}${c.ties ? ', with ties' : ''} matches cpu`, async () => {
      const next = rng(300 + i);
      // Ties (few distinct values) check that the same input position receives the gradient.
      const x = c.ties ? Float32Array.from(randomArray(size(c.shape), next), (v) => Math.round(v * 2)) : randomArray(size(c.shape), next);
      // Some windows all −∞ or all NaN, some with a NaN among numbers, some −∞ beside numbers.
      if ('special' in c) for (let j = 0; j < x.length; j++) { const r = next(); if (r < 0.15) x[j] = Number.NaN; else if (r < 0.3) x[j] = Number.NEGATIVE_INFINITY; }
      const run = () => tf.tidy(() => {
        const xt = tf.tensor4d(x, c.shape as [number, number, number, number]);
        const g = tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, c.size, c.stride, c.pad).mul(tf.range(1, 1 + size(tf.maxPool(a as tf.Tensor4D, c.size, c.stride, c.pad).shape)).reshape(tf.maxPool(a as tf.Tensor4D, c.size, c.stride, c.pad).shape)).sum());
        return g(xt).dataSync() as Float32Array;
      });
      const before = tf.memory().numTensors;
      const dataBefore = tf.engine().backend.numDataIds();
      const ours = run();
      assert.equal(tf.memory().numTensors, before);
      assert.equal(tf.engine().backend.numDataIds(), dataBefore);
      const ref = await onBackend('cpu', run);
      assertClose(ours, ref, 'dx');
    });
  });
});

describe('wasm kernels: Sum over leading axes (bias gradients)', () => {
  before(async () => { await selectEngine('wasm', { wasmDir }); await useSimd(true); });
  const cases: Array<{ shape: number[]; axis: number | number[]; keepDims?: boolean; dtype?: 'int32' }> = [
    { shape: [64, 28, 28, 16], axis: [0, 1, 2] },
    { shape: [37, 5, 7, 6], axis: [2, 0, 1], keepDims: true },
    { shape: [300, 3], axis: 0 },
    { shape: [513, 120], axis: [0] },
    { shape: [4, 5, 3], axis: [0, 1, 2] },
    { shape: [1000], axis: -1 },
    { shape: [1, 1, 9], axis: [0, 1], keepDims: true },
    // Not leading axes, or int32: the stock kernel answers.
    { shape: [6, 7, 8], axis: [1, 2] },
    { shape: [6, 7, 8], axis: [0, 2] },
    { shape: [9, 4], axis: 0, dtype: 'int32' },
  ];
  cases.forEach((c, i) => {
    it(`sum ${c.shape.join('×')} over ${JSON.stringify(c.axis)}${c.keepDims ? ' keepDims' : ''}${c.dtype ? ' int32' : ''} matches cpu, no buffers left`, async () => {
      const next = rng(700 + i);
      // Values around 3 ± 1 so a float32 running sum over many rows would drift visibly.
      const data = Float32Array.from(randomArray(size(c.shape), next), (v) => (c.dtype ? Math.round(v * 50) : 3 + v));
      const run = () => tf.tidy(() => {
        const x = tf.tensor(data, c.shape, c.dtype ?? 'float32');
        const s = tf.sum(x, c.axis, c.keepDims ?? false);
        return { values: Float32Array.from(s.dataSync()), shape: s.shape };
      });
      const tensors = tf.memory().numTensors;
      const buffers = tf.engine().backend.numDataIds();
      const ours = run();
      assert.equal(tf.memory().numTensors, tensors);
      assert.equal(tf.engine().backend.numDataIds(), buffers);
      const ref = await onBackend('cpu', run);
      assert.deepEqual(ours.shape, ref.shape);
      assertClose(ours.values, ref.values, 'sum');
    });
  });
});

describe('wasm kernels: Add of a bias row vector', () => {
  before(async () => { await selectEngine('wasm', { wasmDir }); await useSimd(true); });
  const cases: Array<{ a: number[]; b: number[]; dtype?: 'int32' }> = [
    { a: [64, 28, 28, 16], b: [16] },
    { a: [16], b: [5, 16] },
    { a: [3, 7], b: [1, 7] },
    { a: [2, 3, 5], b: [1, 1, 5] },
    { a: [9, 6], b: [6] },
    { a: [1, 1, 6], b: [4, 6] },
    // Other broadcasts, same shapes, int32: the stock kernel answers.
    { a: [4, 1], b: [4, 5] },
    { a: [4, 5], b: [4, 5] },
    { a: [3, 4], b: [1] },
    { a: [6, 4], b: [4], dtype: 'int32' },
  ];
  cases.forEach((c, i) => {
    it(`add ${c.a.join('×')} + ${c.b.join('×')}${c.dtype ? ' int32' : ''} matches cpu, no buffers left`, async () => {
      const next = rng(800 + i);
      const av = randomArray(size(c.a), next).map((v) => (c.dtype ? Math.round(v * 9) : v));
      const bv = randomArray(size(c.b), next).map((v) => (c.dtype ? Math.round(v * 9) : v));
      const run = () => tf.tidy(() => {
        const r = tf.add(tf.tensor(av, c.a, c.dtype ?? 'float32'), tf.tensor(bv, c.b, c.dtype ?? 'float32'));
        return { values: Float32Array.from(r.dataSync()), shape: r.shape };
      });
      const tensors = tf.memory().numTensors;
      const buffers = tf.engine().backend.numDataIds();
      const ours = run();
      assert.equal(tf.memory().numTensors, tensors);
      assert.equal(tf.engine().backend.numDataIds(), buffers);
      const ref = await onBackend('cpu', run);
      assert.deepEqual(ours.shape, ref.shape);
      assertClose(ours.values, ref.values, 'add');
    });
  });
});

for (const simd of [true, false]) describe(`wasm kernels: BatchMatMul with transposes and batches (${simd ? 'our SIMD product' : 'XNNPACK with JavaScript transposes'}), UnsortedSegmentSum`, () => {
  before(async () => { await selectEngine('wasm', { wasmDir }); await useSimd(simd); });
  after(async () => { await useSimd(true); });

  const mmCases: Array<{ a: number[]; b: number[]; tA: boolean; tB: boolean }> = [
    { a: [7, 5], b: [7, 3], tA: true, tB: false },
    { a: [4, 9], b: [6, 9], tA: false, tB: true },
    // B ≥ 4× A: computed as (B·Aᵀ)ᵀ (a dense layer's input gradient).
    { a: [64, 120], b: [1568, 120], tA: false, tB: true },
    { a: [3, 5], b: [41, 5], tA: false, tB: true },
    { a: [5, 3], b: [41, 5], tA: true, tB: true },
    { a: [9, 4], b: [6, 9], tA: true, tB: true },
    { a: [3, 33, 70], b: [3, 33, 40], tA: true, tB: false },
    { a: [2, 3, 10, 8], b: [2, 3, 12, 8], tA: false, tB: true },
    { a: [2, 5, 6], b: [1, 7, 6], tA: false, tB: true },
    { a: [64, 1568], b: [120, 1568], tA: false, tB: true },
    // Plain products, batched ones (attention), a broadcast batch, widths that are not multiples of 4.
    { a: [64, 1568], b: [1568, 120], tA: false, tB: false },
    { a: [9, 13], b: [13, 13], tA: false, tB: false },
    { a: [4, 3, 9, 16], b: [4, 3, 16, 9], tA: false, tB: false },
    { a: [4, 3, 9, 16], b: [4, 3, 8, 16], tA: false, tB: true },
    { a: [4, 3, 9, 8], b: [4, 3, 9, 16], tA: true, tB: false },
    { a: [3, 7, 5], b: [5, 6], tA: false, tB: false },
    { a: [7, 5], b: [3, 5, 6], tA: false, tB: false },
    { a: [6, 1], b: [1, 3], tA: false, tB: false },
  ];
  mmCases.forEach((c, i) => {
    it(`matMul ${c.a.join('×')}${c.tA ? 'ᵀ' : ''} · ${c.b.join('×')}${c.tB ? 'ᵀ' : ''} matches cpu, no buffers left`, async () => {
      const next = rng(700 + i);
      const a = randomArray(size(c.a), next);
      const b = randomArray(size(c.b), next);
      const run = () => tf.tidy(() => tf.matMul(tf.tensor(a, c.a), tf.tensor(b, c.b), c.tA, c.tB).dataSync() as Float32Array);
      releaseWasmKernelCaches(tf.engine().backend);
      const dataBefore = tf.engine().backend.numDataIds();
      const ours = run();
      releaseWasmKernelCaches(tf.engine().backend);
      assert.equal(tf.engine().backend.numDataIds(), dataBefore);
      assertClose(ours, await onBackend('cpu', run), 'product');
    });
  });

  it('reuses the transposed copy of a weight across calls and frees it once the weight is gone', async () => {
    const backend = tf.engine().backend;
    const next = rng(701);
    const wv = randomArray(16 * 24, next);
    const xv = [0, 1, 2].map(() => randomArray(5 * 24, next));
    const ref = await onBackend('cpu', () => tf.tidy(() => xv.map((x) => tf.matMul(tf.tensor2d(x, [5, 24]), tf.tensor2d(wv, [16, 24]), false, true).dataSync() as Float32Array)));
    releaseWasmKernelCaches(backend);
    const dataBefore = backend.numDataIds();
    const w = tf.tensor2d(wv, [16, 24]);
    const xs = xv.map((x) => tf.tensor2d(x, [5, 24]));
    // Same weight, three inputs (a recurrent layer's time steps): one transposed copy serves all.
    const outs = xs.map((x) => tf.matMul(x, w, false, true));
    assert.equal(backend.numDataIds(), dataBefore + 1 + 3 + 3 + 1, 'one cached copy for three products');
    outs.forEach((o, i) => assertClose(o.dataSync() as Float32Array, ref[i] as Float32Array, `product ${i}`));
    w.dispose();
    tf.dispose(outs);
    // The next transposed product sweeps the copy of the disposed weight (and caches its own).
    tf.tidy(() => { tf.matMul(xs[0] as tf.Tensor2D, xs[1] as tf.Tensor2D, false, true); });
    assert.equal(backend.numDataIds(), dataBefore + 3 + 1, 'the disposed weight\'s copy is gone');
    tf.dispose(xs);
    releaseWasmKernelCaches(backend);
    assert.equal(backend.numDataIds(), dataBefore);
  });

  it('UnsortedSegmentSum matches cpu, including ids outside the range', async () => {
    const next = rng(77);
    const x = randomArray(6 * 4 * 5, next);
    const ids = Int32Array.from({ length: 24 }, (_, i) => (i * 7) % 9 - 1); // -1 and 7 fall outside [0, 7)
    const run = () => tf.tidy(() => (tf.engine().runKernel('UnsortedSegmentSum', { x: tf.tensor2d(x, [24, 5]), segmentIds: tf.tensor1d(ids, 'int32') }, { numSegments: 7 } as never) as tf.Tensor).dataSync() as Float32Array);
    const ours = run();
    assertClose(ours, await onBackend('cpu', run), 'segment sums');
  });

  it('the gradient of an embedding lookup (tf.gather) runs on wasm and matches cpu', async () => {
    const next = rng(78);
    const table = randomArray(14 * 8, next);
    const tokens = Int32Array.from({ length: 40 }, (_, i) => (i * 5) % 14);
    const run = () => tf.tidy(() => {
      const g = tf.grad((t: tf.Tensor) => tf.gather(t, tf.tensor2d(tokens, [4, 10], 'int32')).square().sum());
      return g(tf.tensor2d(table, [14, 8])).dataSync() as Float32Array;
    });
    const before = tf.memory().numTensors;
    const ours = run();
    assert.equal(tf.memory().numTensors, before);
    assertClose(ours, await onBackend('cpu', run), 'embedding gradient');
  });
});

describe('wasm kernels: Slice, Unpack, SplitV, Identity, Cast, GatherV2 (heap read in place)', () => {
  before(async () => { await selectEngine('wasm', { wasmDir }); });

  const sameOnCpu = async (label: string, f: () => Array<{ shape: number[]; dtype: string; values: number[] }>) => {
    const dataBefore = tf.engine().backend.numDataIds();
    const tensorsBefore = tf.memory().numTensors;
    const ours = f();
    assert.equal(tf.memory().numTensors, tensorsBefore, `${label}: numTensors flat`);
    assert.equal(tf.engine().backend.numDataIds(), dataBefore, `${label}: no wasm buffers left`);
    assert.deepEqual(ours, await onBackend('cpu', f), label);
  };
  const grab = (ts: tf.Tensor[]) => ts.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) }));
  const seq = (shape: number[], dtype: 'float32' | 'int32' | 'bool' = 'float32') =>
    dtype === 'bool' ? tf.tensor(Array.from({ length: size(shape) }, (_, i) => (i * 7) % 3 === 0), shape, 'bool') : tf.tensor(Array.from({ length: size(shape) }, (_, i) => i * 0.5 - 3), shape, dtype);

  it('slices of rank 1–5, contiguous and strided, float32 / int32 / bool', async () => {
    await sameOnCpu('slice', () => tf.tidy(() => grab([
      seq([10]).slice([3], [4]),
      seq([6, 7]).slice([1, 2], [3, 4]),
      seq([6, 7]).slice([2, 0], [2, 7]),
      seq([4, 5, 6], 'int32').slice([1, 1, 2], [2, 3, 3]),
      seq([3, 4, 5, 6], 'bool').slice([0, 1, 0, 3], [3, 2, 5, 2]),
      seq([2, 3, 4, 5, 6]).slice([1, 0, 1, 2, 1], [1, 3, 2, 2, 4]),
      seq([5, 6]).slice([1, 1], [-1, -1]),
      seq([4, 5]).slice([1, 1], [0, 3]),
    ])));
  });

  it('unstack along every axis (the recurrent layers unstack time)', async () => {
    await sameOnCpu('unstack', () => tf.tidy(() => grab([
      ...tf.unstack(seq([4, 3, 5]), 0), ...tf.unstack(seq([4, 3, 5]), 1), ...tf.unstack(seq([4, 3, 5], 'int32'), 2), ...tf.unstack(seq([3, 6]), -1),
    ])));
  });

  it('split into equal parts and by sizes (including -1), on inner and outer axes', async () => {
    await sameOnCpu('split', () => tf.tidy(() => grab([
      ...tf.split(seq([4, 12]), 4, 1), ...tf.split(seq([6, 5]), [1, 2, 3], 0), ...tf.split(seq([2, 3, 8]), [2, -1, 1], 2), ...tf.split(seq([2, 6], 'int32'), 2, -1),
    ])));
  });

  it('casts to the same dtype share data; real conversions convert', async () => {
    await sameOnCpu('cast', () => tf.tidy(() => grab([
      tf.cast(seq([3, 4]), 'float32'), tf.cast(seq([3, 4], 'int32'), 'int32'), tf.cast(seq([3, 4]), 'int32'), tf.cast(seq([5], 'int32'), 'float32'), tf.cast(seq([2, 3], 'bool'), 'float32'),
    ])));
  });

  it('gather along axis 0 (embedding rows), any rank and index shape; other axes and bad indices as stock', async () => {
    await sameOnCpu('gather', () => tf.tidy(() => grab([
      tf.gather(seq([13, 8]), tf.tensor2d([[0, 3, 3], [12, 1, 0]], [2, 3], 'int32')),
      tf.gather(seq([6]), tf.tensor1d([5, 0, 2], 'int32')),
      tf.gather(seq([5, 2, 3], 'int32'), tf.tensor1d([4, 4, 1], 'int32')),
      tf.gather(seq([4, 6]), tf.tensor1d([1, 5], 'int32'), 1),
      tf.gather(seq([3, 4]), tf.tensor1d([], 'int32')),
    ])));
    const dataBefore = tf.engine().backend.numDataIds();
    assert.throws(() => tf.tidy(() => tf.gather(seq([4, 2]), tf.tensor1d([1, 4], 'int32'))), /index value 4 is not in \[0, 3\]/);
    assert.equal(tf.engine().backend.numDataIds(), dataBefore, 'nothing left behind after the refusal');
  });

  it('identity shares data safely: the copy outlives its source', () => {
    const dataBefore = tf.engine().backend.numDataIds();
    const a = seq([3, 4]);
    const b = tf.engine().runKernel('Identity', { x: a }, {}) as tf.Tensor;
    a.dispose();
    assert.deepEqual(Array.from(b.dataSync()), Array.from({ length: 12 }, (_, i) => i * 0.5 - 3));
    b.dispose();
    assert.equal(tf.engine().backend.numDataIds(), dataBefore);
  });
});

describe('tensorStats: every tensor\'s L2 norm and max-abs in one call', () => {
  for (const [backendName, simd] of [['wasm', true], ['wasm', false], ['cpu', false]] as const) {
    it(`on ${backendName}${backendName === 'wasm' ? (simd ? ' (SIMD loop)' : ' (JavaScript loop)') : ''}: matches norm() and abs().max(), one kernel, numTensors flat`, async () => {
      await selectEngine(backendName, { wasmDir });
      if (backendName === 'wasm') await useSimd(simd);
      const next = rng(42);
      const ts = [[3, 4], [17], [2, 3, 4, 5], [1], [120, 1568]].map((s) => tf.tensor(randomArray(size(s), next), s));
      const before = tf.memory().numTensors;
      const stats = tensorStats(ts);
      assert.deepEqual(stats.shape, [5, 2]);
      const got = stats.dataSync();
      stats.dispose();
      assert.equal(tf.memory().numTensors, before);
      const want = tf.tidy(() => tf.stack(ts.map((t) => tf.stack([tf.norm(t), t.abs().max()]))).dataSync() as Float32Array);
      assertClose(got as Float32Array, want, 'stats');
      tf.dispose(ts);
    });
  }

  for (const simd of [true, false]) it(`a NaN or Inf anywhere shows up in that tensor's figures (the trainer stops on it; ${simd ? 'SIMD' : 'JavaScript'} loop)`, async () => {
    await selectEngine('wasm', { wasmDir });
    await useSimd(simd);
    const got = tf.tidy(() => tensorStats([tf.tensor([1, Number.NaN, -5]), tf.tensor([2, Number.NEGATIVE_INFINITY]), tf.tensor([3, -4]),
      tf.tensor([1, 2, Number.NaN, 4, 5, 6, 7]), tf.tensor([1, 2, 3, 4, 5, 6, Number.NaN]), tf.tensor([0, 0, 0, 0, 0, -9, 0, 0, 0])]).dataSync());
    assert.ok(Number.isNaN(got[0]) && Number.isNaN(got[1]));
    assert.equal(got[2], Number.POSITIVE_INFINITY);
    assert.equal(got[3], Number.POSITIVE_INFINITY);
    assert.equal(got[4], 5);
    assert.equal(got[5], 4);
    assert.ok(Number.isNaN(got[6]) && Number.isNaN(got[7]) && Number.isNaN(got[8]) && Number.isNaN(got[9]));
    assert.equal(got[10], 9);
    assert.equal(got[11], 9);
    await useSimd(true);
  });
});

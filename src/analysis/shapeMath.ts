// The size formulas as the shape inference calls them: plain numbers from positional arguments.
// The formulas themselves live once, in src/formula/sizeFormulas.ts, whose LaTeX the hovers
// show; these are their values (NaN when the framework would reject the arguments).
import { convOutputSize, convTransposeOutputSize, poolOutputSize, tfjsConvOutputSize, tfjsConvTransposeOutputSize } from '../formula/sizeFormulas';

/** nn.Conv*d: ⌊(L + 2p − d(k−1) − 1)/s⌋ + 1 */
export function convOutLength(length: number, kernel: number, stride: number, padding: number, dilation: number): number {
  return convOutputSize({ input: length, kernel, stride, padding, dilation }).value;
}

/** nn.MaxPool*d / nn.AvgPool*d (avg: dilation 1), with ceil_mode's rule for a last window in the padding. */
export function poolOutLength(length: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode: boolean, kind: 'max' | 'avg' = 'max'): number {
  return poolOutputSize({ input: length, kernel, stride, padding, dilation, ceilMode, kind }).value;
}

/** nn.ConvTranspose*d: (L − 1)s − 2p + d(k − 1) + output_padding + 1 */
export function convTransposeOutLength(length: number, kernel: number, stride: number, padding: number, dilation: number, outputPadding: number): number {
  return convTransposeOutputSize({ input: length, kernel, stride, padding, dilation, outputPadding }).value;
}

/** tfjs/Keras conv and pooling: 'same' → ⌈L/s⌉, 'valid' → ⌊(L − d(k−1) − 1)/s⌋ + 1. */
export function tfConvOutLength(length: number, kernel: number, stride: number, padding: 'same' | 'valid', dilation: number): number {
  return tfjsConvOutputSize({ input: length, kernel, stride, padding, dilation }).value;
}

/** tf.layers.conv2dTranspose: 'same' → L·s, 'valid' → L·s + max(k − s, 0). */
export function tfConvTransposeOutLength(length: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return tfjsConvTransposeOutputSize({ input: length, kernel, stride, padding }).value;
}

/** Repeats a single int to n spatial dims (kernel_size=3 → [3, 3]). */
export function expand(v: number[] | undefined, n: number, fallback?: number): number[] | undefined {
  if (v === undefined) return fallback === undefined ? undefined : Array<number>(n).fill(fallback);
  if (v.length === 1) return Array<number>(n).fill(v[0] ?? 0);
  return v.length === n ? v : undefined;
}

/** Groups "2048" as the product it came from: 32·8·8. */
export function factorText(factors: readonly number[]): string {
  return factors.join('·');
}

/** Two shapes broadcast together (numpy / PyTorch rules), or undefined when they do not. */
export function broadcast(a: number[], b: number[]): number[] | undefined {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/**
 * nn.Unflatten / Tensor.unflatten: `sizes` for a dimension of `whole` items, one of them possibly -1
 * (what the others leave, dividing evenly); undefined when they cannot make `whole`.
 */
export function unflattenSizes(whole: number, sizes: number[]): number[] | undefined {
  const rest = sizes.filter((z) => z !== -1).reduce((a, z) => a * z, 1);
  const open = sizes.filter((z) => z === -1).length;
  if (open > 1 || sizes.some((z) => z < -1) || (open === 1 ? rest === 0 || whole % rest !== 0 : rest !== whole)) return undefined;
  return sizes.map((z) => (z === -1 ? whole / rest : z));
}

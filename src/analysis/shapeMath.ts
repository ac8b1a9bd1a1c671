// The size formulas PyTorch and tfjs use, in one place, so both frameworks agree with the docs:
// torch.nn.Conv2d / MaxPool2d "Shape" sections and tfjs conv_util.computeOutputShape.

/** ⌊(L + 2p − d(k−1) − 1)/s⌋ + 1 */
export function convOutLength(length: number, kernel: number, stride: number, padding: number, dilation: number): number {
  return Math.floor((length + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** Pooling: like convolution, but ceil_mode rounds up and drops a last window that would start in the padding. */
export function poolOutLength(length: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode: boolean): number {
  const span = length + 2 * padding - dilation * (kernel - 1) - 1;
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= length + padding) out -= 1;
  return out;
}

/** (L − 1)s − 2p + d(k − 1) + output_padding + 1 */
export function convTransposeOutLength(length: number, kernel: number, stride: number, padding: number, dilation: number, outputPadding: number): number {
  return (length - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
}

/** tfjs/Keras: 'same' → ⌈L/s⌉, 'valid' → ⌈(L − d(k−1))/s⌉. */
export function tfConvOutLength(length: number, kernel: number, stride: number, padding: 'same' | 'valid', dilation: number): number {
  if (padding === 'same') return Math.ceil(length / stride);
  return Math.ceil((length - dilation * (kernel - 1)) / stride);
}

/** PyTorch adaptive pooling window for output index i: [⌊iL/O⌋, ⌈(i+1)L/O⌉). Output is O whatever L is. */
export function adaptiveOut(_length: number, out: number): number {
  return out;
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

export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

// Output sizes of convolution, transposed convolution and pooling along one spatial dimension,
// exactly as PyTorch 1.13 (the "Shape" sections of torch.nn) and tfjs 4.22 (conv_utils) compute
// them. This is the one place these formulas live: the code analysis takes `.value` (through
// src/analysis/shapeMath.ts) and the hovers show `.latex` of the same call.
import { groupLatex, invalid, isCount, substituted, type Substituted } from './substituted';

export interface ConvSizeArgs {
  input: number;
  kernel: number;
  stride?: number;
  /** A number (each side) or PyTorch's 'same' / 'valid'. */
  padding?: number | 'same' | 'valid';
  dilation?: number;
  /** Symbol of the dimension: 'H' (default), 'W', 'L' (1-d), 'D'. */
  dim?: string;
}

function symbols(dim: string | undefined): { out: string; inp: string } {
  const d = dim ?? 'H';
  return { out: `${d}_{out}`, inp: `${d}_{in}` };
}

/** nn.Conv1d/2d/3d along one dimension: ⌊(in + 2p − d(k−1) − 1)/s⌋ + 1. */
export function convOutputSize(args: ConvSizeArgs): Substituted {
  const { out, inp } = symbols(args.dim);
  const formula = `${out} = \\lfloor (${inp} + 2p - d\\cdot(k-1) - 1)/s \\rfloor + 1`;
  const { input, kernel } = args;
  const stride = args.stride ?? 1;
  const dilation = args.dilation ?? 1;
  if (!isCount(input, 0) || !isCount(kernel, 1) || !isCount(stride, 1) || !isCount(dilation, 1)) {
    return invalid('size', formula, out, 'input must be ≥ 0 and kernel, stride, dilation ≥ 1 (integers)');
  }
  if (args.padding === 'same') {
    if (stride !== 1) return invalid('size', formula, out, "padding='same' is not supported for strided convolutions");
    return substituted('size', `${out} = ${inp} \\;(\\text{padding='same'})`, `${out} = ${input} \\;(\\text{padding='same'})`, input);
  }
  const padding = args.padding === 'valid' ? 0 : args.padding ?? 0;
  if (!isCount(padding, 0)) return invalid('size', formula, out, 'padding must be an integer ≥ 0');
  const value = Math.floor((input + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
  const latex = `${out} = \\lfloor (${input} + 2\\cdot${padding} - ${dilation}\\cdot(${kernel}-1) - 1)/${stride} \\rfloor + 1 = ${value}`;
  if (value < 1) {
    return substituted('size', formula, latex, value, `kernel spans ${dilation * (kernel - 1) + 1} but the padded input is only ${input + 2 * padding}: output size ${value}`);
  }
  return substituted('size', formula, latex, value);
}

export interface ConvTransposeSizeArgs {
  input: number;
  kernel: number;
  stride?: number;
  padding?: number;
  outputPadding?: number;
  dilation?: number;
  dim?: string;
}

/** nn.ConvTranspose1d/2d along one dimension: (in − 1)·s − 2p + d(k−1) + output_padding + 1. */
export function convTransposeOutputSize(args: ConvTransposeSizeArgs): Substituted {
  const { out, inp } = symbols(args.dim);
  const formula = `${out} = (${inp} - 1)\\cdot s - 2p + d\\cdot(k-1) + p_{out} + 1`;
  const { input, kernel } = args;
  const stride = args.stride ?? 1;
  const padding = args.padding ?? 0;
  const outputPadding = args.outputPadding ?? 0;
  const dilation = args.dilation ?? 1;
  if (!isCount(input, 1) || !isCount(kernel, 1) || !isCount(stride, 1) || !isCount(dilation, 1) || !isCount(padding, 0) || !isCount(outputPadding, 0)) {
    return invalid('size', formula, out, 'input, kernel, stride, dilation must be integers ≥ 1, padding and output_padding ≥ 0');
  }
  if (outputPadding >= stride && outputPadding >= dilation) return invalid('size', formula, out, `output_padding ${outputPadding} must be smaller than the stride or the dilation`);
  const value = (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
  const latex = `${out} = (${input} - 1)\\cdot${stride} - 2\\cdot${padding} + ${dilation}\\cdot(${kernel}-1) + ${outputPadding} + 1 = ${value}`;
  if (value < 1) return substituted('size', formula, latex, value, `padding ${padding} removes more than the transposed convolution produces: output size ${value}`);
  return substituted('size', formula, latex, value);
}

export interface PoolSizeArgs {
  input: number;
  kernel: number;
  /** Defaults to the kernel size, as in PyTorch. */
  stride?: number;
  padding?: number;
  /** Max pooling only. */
  dilation?: number;
  ceilMode?: boolean;
  kind: 'max' | 'avg';
  dim?: string;
}

/**
 * nn.MaxPool / nn.AvgPool along one dimension. With ceil_mode the count is rounded up, and then
 * a last window that would start in the right padding is dropped, as PyTorch's
 * pooling_output_shape does: −1 when (out − 1)·s ≥ in + p.
 */
export function poolOutputSize(args: PoolSizeArgs): Substituted {
  const { out, inp } = symbols(args.dim);
  const ceil = args.ceilMode === true;
  const [open, close] = ceil ? ['\\lceil', '\\rceil'] : ['\\lfloor', '\\rfloor'];
  const span = (i: string, p: string, d: string, k: string): string => (args.kind === 'max' ? `${i} + 2${p} - ${d}\\cdot(${k}-1) - 1` : `${i} + 2${p} - ${k}`);
  const dropRule = ceil ? ` \\;(-1 \\text{ if } (${out}-1)\\cdot s \\ge ${inp} + p)` : '';
  const formula = `${out} = ${open} (${span(inp, 'p', 'd', 'k')})/s ${close} + 1${dropRule}`;
  const { input, kernel } = args;
  const stride = args.stride ?? kernel;
  const padding = args.padding ?? 0;
  const dilation = args.kind === 'max' ? args.dilation ?? 1 : 1;
  if (!isCount(input, 0) || !isCount(kernel, 1) || !isCount(stride, 1) || !isCount(padding, 0) || !isCount(dilation, 1)) {
    return invalid('size', formula, out, 'input, padding must be ≥ 0 and kernel, stride, dilation ≥ 1 (integers)');
  }
  if (padding * 2 > kernel) return invalid('size', formula, out, `padding ${padding} is more than half the kernel size ${kernel}`);
  const numerator = input + 2 * padding - dilation * (kernel - 1) - 1;
  let value = (ceil ? Math.ceil(numerator / stride) : Math.floor(numerator / stride)) + 1;
  let dropped = false;
  if (ceil && (value - 1) * stride >= input + padding) {
    value -= 1;
    dropped = true;
  }
  const inner = args.kind === 'max' ? `${input} + 2\\cdot${padding} - ${dilation}\\cdot(${kernel}-1) - 1` : `${input} + 2\\cdot${padding} - ${kernel}`;
  const latex = `${out} = ${open} (${inner})/${stride} ${close} + 1${dropped ? ' - 1' : ''} = ${value}`;
  if (value < 1) return substituted('size', formula, latex, value, `window of ${dilation * (kernel - 1) + 1} does not fit the padded input ${input + 2 * padding}`);
  return substituted('size', formula, latex, value);
}

export interface TfjsConvSizeArgs {
  input: number;
  kernel: number;
  stride?: number;
  padding?: 'same' | 'valid';
  dilation?: number;
  dim?: string;
}

/** tf.layers.conv1d/2d and the pooling layers along one dimension ('valid' is the tfjs default). */
export function tfjsConvOutputSize(args: TfjsConvSizeArgs): Substituted {
  const { out, inp } = symbols(args.dim);
  const same = (args.padding ?? 'valid') === 'same';
  const formula = same ? `${out} = \\lceil ${inp}/s \\rceil \\;(\\text{padding='same'})` : `${out} = \\lfloor (${inp} - d\\cdot(k-1) - 1)/s \\rfloor + 1`;
  const { input, kernel } = args;
  const stride = args.stride ?? 1;
  const dilation = args.dilation ?? 1;
  if (!isCount(input, 0) || !isCount(kernel, 1) || !isCount(stride, 1) || !isCount(dilation, 1)) {
    return invalid('size', formula, out, 'input must be ≥ 0 and kernel, stride, dilation ≥ 1 (integers)');
  }
  if (same) {
    const value = Math.ceil(input / stride);
    return substituted('size', formula, `${out} = \\lceil ${input}/${stride} \\rceil = ${value} \\;(\\text{padding='same'})`, value);
  }
  const value = Math.floor((input - dilation * (kernel - 1) - 1) / stride) + 1;
  const latex = `${out} = \\lfloor (${input} - ${dilation}\\cdot(${kernel}-1) - 1)/${stride} \\rfloor + 1 = ${value}`;
  if (value < 1) return substituted('size', formula, latex, value, `kernel spans ${dilation * (kernel - 1) + 1} but the input is only ${input}`);
  return substituted('size', formula, latex, value);
}

/** tf.layers.conv2dTranspose along one dimension (tfjs's deconvLength; it ignores dilation). */
export function tfjsConvTransposeOutputSize(args: { input: number; kernel: number; stride?: number; padding?: 'same' | 'valid'; dim?: string }): Substituted {
  const { out, inp } = symbols(args.dim);
  const same = (args.padding ?? 'valid') === 'same';
  const formula = same ? `${out} = ${inp}\\cdot s \\;(\\text{padding='same'})` : `${out} = ${inp}\\cdot s + \\max(k - s, 0)`;
  const { input, kernel } = args;
  const stride = args.stride ?? 1;
  if (!isCount(input, 0) || !isCount(kernel, 1) || !isCount(stride, 1)) return invalid('size', formula, out, 'input must be ≥ 0 and kernel, stride ≥ 1 (integers)');
  if (same) return substituted('size', formula, `${out} = ${input}\\cdot${stride} = ${input * stride} \\;(\\text{padding='same'})`, input * stride);
  const value = input * stride + Math.max(kernel - stride, 0);
  return substituted('size', formula, `${out} = ${input}\\cdot${stride} + \\max(${kernel} - ${stride}, 0) = ${value}`, value);
}

/** Flattening the given dimensions: the product the next Linear layer must take as in_features. */
export function flattenSize(dims: number[]): Substituted {
  const formula = `n = ${dims.length === 3 ? 'C\\cdot H\\cdot W' : dims.map((_, i) => `d_{${i + 1}}`).join('\\cdot ')}`;
  if (dims.length === 0 || !dims.every((n) => isCount(n, 0))) return invalid('flatten', formula, 'n', 'dimensions must be integers ≥ 0');
  const value = dims.reduce((a, b) => a * b, 1);
  return substituted('flatten', formula, dims.length === 1 ? `n = ${value}` : `n = ${dims.join('\\cdot')} = ${groupLatex(value)}`, value);
}

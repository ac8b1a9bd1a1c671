// "The formula with your numbers": the exact PyTorch / tfjs size and parameter formulas, filled
// in with the arguments found in the user's code, as LaTeX (rendered in hovers and panels) and as
// plain text (inlay hints, diagnostics, CLI). Pure: no vscode, no node-only APIs.

export interface Substituted {
  /** The computed number; NaN when the arguments are invalid. */
  value: number;
  latex: string;
  text: string;
  /** Set when the framework would reject these arguments (e.g. an output size below 1). */
  error?: string;
}

export interface ShapeSubstituted {
  shape: number[];
  latex: string;
  text: string;
  error?: string;
}

/** LaTeX of our own restricted form → the plain-text form shown where math cannot be rendered. */
export function latexToText(latex: string): string {
  return latex
    .replace(/\\#\\text\{params\}/g, '#params')
    .replace(/\\lfloor\s*/g, '⌊')
    .replace(/\s*\\rfloor/g, '⌋')
    .replace(/\\lceil\s*/g, '⌈')
    .replace(/\s*\\rceil/g, '⌉')
    .replace(/\\cdot\s*/g, '·')
    .replace(/\\times/g, '×')
    .replace(/\\sqrt\{([^}]*)\}/g, '√$1')
    .replace(/\{,\}/g, ',')
    .replace(/\\text\{([^}]*)\}/g, '$1')
    .replace(/\\[,;]/g, ' ')
    .replace(/_\{([^}]*)\}/g, '_$1')
    .replace(/-/g, '−')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** 53248 → '53{,}248' (LaTeX) — thousands grouped so parameter counts are readable. */
function groupLatex(n: number): string {
  return Number.isFinite(n) ? Math.trunc(n).toLocaleString('en-US').replace(/,/g, '{,}') : '?';
}

function done(latex: string, value: number, error?: string): Substituted {
  const out: Substituted = { value, latex, text: latexToText(latex) };
  if (error !== undefined) out.error = error;
  return out;
}

function isCount(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min;
}

function invalid(what: string, symbol: string): Substituted {
  return done(`${symbol} = ?`, Number.NaN, what);
}

// ---------------------------------------------------------------------------------------------
// Convolution and pooling output sizes (one spatial dimension)

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

/** nn.Conv1d/2d/3d along one dimension: ⌊(in + 2p − d(k−1) − 1)/s⌋ + 1. */
export function convOutputSize(args: ConvSizeArgs): Substituted {
  const dim = args.dim ?? 'H';
  const out = `${dim}_{out}`;
  const { input, kernel } = args;
  const stride = args.stride ?? 1;
  const dilation = args.dilation ?? 1;
  if (!isCount(input, 0) || !isCount(kernel, 1) || !isCount(stride, 1) || !isCount(dilation, 1)) {
    return invalid('input must be ≥ 0 and kernel, stride, dilation ≥ 1 (integers)', out);
  }
  if (args.padding === 'same') {
    if (stride !== 1) return invalid("padding='same' is not supported for strided convolutions", out);
    return done(`${out} = ${dim}_{in} = ${input} \\;(\\text{padding='same'})`, input);
  }
  const padding = args.padding === 'valid' ? 0 : args.padding ?? 0;
  if (!isCount(padding, 0)) return invalid('padding must be an integer ≥ 0', out);
  const numerator = input + 2 * padding - dilation * (kernel - 1) - 1;
  const value = Math.floor(numerator / stride) + 1;
  const latex = `${out} = \\lfloor (${input} + 2\\cdot${padding} - ${dilation}\\cdot(${kernel}-1) - 1)/${stride} \\rfloor + 1 = ${value}`;
  if (value < 1) {
    return done(latex, value, `kernel spans ${dilation * (kernel - 1) + 1} but the padded input is only ${input + 2 * padding}: output size ${value}`);
  }
  return done(latex, value);
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
 * nn.MaxPool2d / nn.AvgPool2d along one dimension, with ceil_mode: the rounded-up count drops
 * a last window that would start in the right padding, as PyTorch's pooling_output_shape does.
 */
export function poolOutputSize(args: PoolSizeArgs): Substituted {
  const dim = args.dim ?? 'H';
  const out = `${dim}_{out}`;
  const { input, kernel } = args;
  const stride = args.stride ?? kernel;
  const padding = args.padding ?? 0;
  const dilation = args.kind === 'max' ? args.dilation ?? 1 : 1;
  if (!isCount(input, 0) || !isCount(kernel, 1) || !isCount(stride, 1) || !isCount(padding, 0) || !isCount(dilation, 1)) {
    return invalid('input, padding must be ≥ 0 and kernel, stride, dilation ≥ 1 (integers)', out);
  }
  if (padding * 2 > kernel) return invalid(`padding ${padding} is more than half the kernel size ${kernel}`, out);
  const numerator = input + 2 * padding - dilation * (kernel - 1) - 1;
  const ceil = args.ceilMode === true;
  let value = (ceil ? Math.ceil(numerator / stride) : Math.floor(numerator / stride)) + 1;
  let dropped = false;
  if (ceil && (value - 1) * stride >= input + padding) {
    value -= 1;
    dropped = true;
  }
  const [open, close] = ceil ? ['\\lceil', '\\rceil'] : ['\\lfloor', '\\rfloor'];
  const inner =
    args.kind === 'max'
      ? `(${input} + 2\\cdot${padding} - ${dilation}\\cdot(${kernel}-1) - 1)/${stride}`
      : `(${input} + 2\\cdot${padding} - ${kernel})/${stride}`;
  const latex = `${out} = ${open} ${inner} ${close} + 1${dropped ? ' - 1' : ''} = ${value}`;
  if (value < 1) return done(latex, value, `window of ${dilation * (kernel - 1) + 1} does not fit the padded input ${input + 2 * padding}`);
  return done(latex, value);
}

export interface TfjsConvSizeArgs {
  input: number;
  kernel: number;
  stride?: number;
  padding?: 'same' | 'valid';
  dilation?: number;
  dim?: string;
}

/** tf.layers.conv2d / maxPooling2d along one dimension ('valid' is the tfjs default). */
export function tfjsConvOutputSize(args: TfjsConvSizeArgs): Substituted {
  const dim = args.dim ?? 'H';
  const out = `${dim}_{out}`;
  const { input, kernel } = args;
  const stride = args.stride ?? 1;
  const dilation = args.dilation ?? 1;
  if (!isCount(input, 0) || !isCount(kernel, 1) || !isCount(stride, 1) || !isCount(dilation, 1)) {
    return invalid('input must be ≥ 0 and kernel, stride, dilation ≥ 1 (integers)', out);
  }
  if ((args.padding ?? 'valid') === 'same') {
    const value = Math.ceil(input / stride);
    return done(`${out} = \\lceil ${input}/${stride} \\rceil = ${value} \\;(\\text{padding='same'})`, value);
  }
  const value = Math.floor((input - dilation * (kernel - 1) - 1) / stride) + 1;
  const latex = `${out} = \\lfloor (${input} - ${dilation}\\cdot(${kernel}-1) - 1)/${stride} \\rfloor + 1 = ${value}`;
  if (value < 1) return done(latex, value, `kernel spans ${dilation * (kernel - 1) + 1} but the input is only ${input}`);
  return done(latex, value);
}

// ---------------------------------------------------------------------------------------------
// Parameter counts

/** nn.Linear / tf.layers.dense: in·out (+ out). */
export function linearParams(args: { inFeatures: number; outFeatures: number; bias?: boolean }): Substituted {
  const { inFeatures: i, outFeatures: o } = args;
  const bias = args.bias ?? true;
  if (!isCount(i, 0) || !isCount(o, 0)) return invalid('feature counts must be integers ≥ 0', '\\#\\text{params}');
  const value = i * o + (bias ? o : 0);
  return done(`\\#\\text{params} = ${i}\\cdot${o}${bias ? ` + ${o}` : ''} = ${groupLatex(value)}`, value);
}

function pair(k: number | [number, number]): [number, number] {
  return typeof k === 'number' ? [k, k] : k;
}

/** nn.Conv2d: C_out·(C_in/g)·k_h·k_w (+ C_out). Works for tf.layers.conv2d with groups 1. */
export function conv2dParams(args: {
  inChannels: number;
  outChannels: number;
  kernel: number | [number, number];
  groups?: number;
  bias?: boolean;
}): Substituted {
  const [kh, kw] = pair(args.kernel);
  const { inChannels: ci, outChannels: co } = args;
  const groups = args.groups ?? 1;
  const bias = args.bias ?? true;
  if (![ci, co, kh, kw, groups].every((n) => isCount(n, 1))) return invalid('channels, kernel and groups must be integers ≥ 1', '\\#\\text{params}');
  if (ci % groups !== 0 || co % groups !== 0) return invalid(`in_channels ${ci} and out_channels ${co} must both be divisible by groups ${groups}`, '\\#\\text{params}');
  const value = co * (ci / groups) * kh * kw + (bias ? co : 0);
  const perGroup = groups === 1 ? `${ci}` : `(${ci}/${groups})`;
  return done(`\\#\\text{params} = ${co}\\cdot${perGroup}\\cdot${kh}\\cdot${kw}${bias ? ` + ${co}` : ''} = ${groupLatex(value)}`, value);
}

export type RecurrentKind = 'rnn' | 'lstm' | 'gru';
const GATES: Record<RecurrentKind, number> = { rnn: 1, lstm: 4, gru: 3 };

/**
 * nn.RNN / nn.LSTM / nn.GRU: per layer and direction G·H·(I_ℓ + H) + 2·G·H, where G is the number
 * of gate blocks (1, 4, 3), I_1 = input_size and I_ℓ = D·H above the first layer.
 */
export function recurrentParams(args: {
  kind: RecurrentKind;
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  bidirectional?: boolean;
  bias?: boolean;
}): Substituted {
  const g = GATES[args.kind];
  const { inputSize: input, hiddenSize: h } = args;
  const layers = args.numLayers ?? 1;
  const d = args.bidirectional === true ? 2 : 1;
  const bias = args.bias ?? true;
  if (g === undefined || !isCount(input, 1) || !isCount(h, 1) || !isCount(layers, 1)) {
    return invalid('input_size, hidden_size and num_layers must be integers ≥ 1', '\\#\\text{params}');
  }
  const gH = g === 1 ? `${h}` : `${g}\\cdot${h}`;
  const terms: string[] = [];
  let value = 0;
  for (let layer = 0; layer < layers; layer++) {
    const inL = layer === 0 ? input : d * h;
    value += d * (g * h * (inL + h) + (bias ? 2 * g * h : 0));
    const biasTerm = bias ? ` + 2\\cdot${gH}` : '';
    terms.push(`${d === 2 ? '2\\cdot' : ''}(${gH}\\cdot(${inL}+${h})${biasTerm})`);
  }
  // Layers above the first are identical: show the first, then a multiple of the second.
  const shown = layers > 2 ? [terms[0], `${layers - 1}\\cdot${terms[1]}`] : terms;
  return done(`\\#\\text{params} = ${shown.join(' + ')} = ${groupLatex(value)}`, value);
}

/** nn.Embedding / tf.layers.embedding: V·d. */
export function embeddingParams(args: { numEmbeddings: number; embeddingDim: number }): Substituted {
  const { numEmbeddings: v, embeddingDim: d } = args;
  if (!isCount(v, 1) || !isCount(d, 1)) return invalid('num_embeddings and embedding_dim must be integers ≥ 1', '\\#\\text{params}');
  const value = v * d;
  return done(`\\#\\text{params} = ${v}\\cdot${d} = ${groupLatex(value)}`, value);
}

/** nn.MultiheadAttention: in-projection of Q, K, V plus the output projection. */
export function multiheadAttentionParams(args: { embedDim: number; numHeads: number; bias?: boolean; kdim?: number; vdim?: number }): Substituted {
  const e = args.embedDim;
  const k = args.kdim ?? e;
  const v = args.vdim ?? e;
  const bias = args.bias ?? true;
  if (![e, k, v, args.numHeads].every((n) => isCount(n, 1))) return invalid('embed_dim, num_heads, kdim, vdim must be integers ≥ 1', '\\#\\text{params}');
  if (e % args.numHeads !== 0) {
    return invalid(`embed_dim ${e} must be divisible by num_heads ${args.numHeads}`, '\\#\\text{params}');
  }
  const value = e * e + e * k + e * v + e * e + (bias ? 4 * e : 0);
  const inProj = k === e && v === e ? `3\\cdot${e}\\cdot${e}` : `${e}\\cdot(${e}+${k}+${v})`;
  return done(`\\#\\text{params} = ${inProj} + ${e}\\cdot${e}${bias ? ` + 4\\cdot${e}` : ''} = ${groupLatex(value)}`, value);
}

/** Per-head width and the score scale of scaled dot-product attention: d_k = d/h, 1/√d_k. */
export function attentionScale(args: { dModel: number; numHeads: number }): Substituted {
  const { dModel: d, numHeads: h } = args;
  if (!isCount(d, 1) || !isCount(h, 1)) return invalid('d_model and the number of heads must be integers ≥ 1', 'd_k');
  if (d % h !== 0) return invalid(`d_model ${d} is not divisible by ${h} heads`, 'd_k');
  const dk = d / h;
  const scale = 1 / Math.sqrt(dk);
  return done(`d_k = ${d}/${h} = ${dk},\\; 1/\\sqrt{${dk}} = ${Number(scale.toPrecision(3))}`, dk);
}

/** nn.LayerNorm(normalized_shape) with elementwise_affine: 2·∏ shape. */
export function layerNormParams(normalizedShape: number[]): Substituted {
  if (normalizedShape.length === 0 || !normalizedShape.every((n) => isCount(n, 1))) return invalid('normalized_shape must be integers ≥ 1', '\\#\\text{params}');
  const prod = normalizedShape.reduce((a, b) => a * b, 1);
  return done(`\\#\\text{params} = 2\\cdot${normalizedShape.join('\\cdot')} = ${groupLatex(2 * prod)}`, 2 * prod);
}

/** nn.BatchNorm1d/2d(num_features) with affine: 2·C (running mean/var are buffers, not parameters). */
export function batchNormParams(numFeatures: number): Substituted {
  if (!isCount(numFeatures, 1)) return invalid('num_features must be an integer ≥ 1', '\\#\\text{params}');
  return done(`\\#\\text{params} = 2\\cdot${numFeatures} = ${groupLatex(2 * numFeatures)}`, 2 * numFeatures);
}

/** nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward): attention + 2 linears + 2 LayerNorms. */
export function transformerEncoderLayerParams(args: { dModel: number; numHeads: number; dimFeedforward?: number }): Substituted {
  const e = args.dModel;
  const f = args.dimFeedforward ?? 2048;
  const mha = multiheadAttentionParams({ embedDim: e, numHeads: args.numHeads });
  if (mha.error !== undefined || !isCount(f, 1)) return invalid(mha.error ?? 'dim_feedforward must be an integer ≥ 1', '\\#\\text{params}');
  const value = mha.value + (e * f + f) + (f * e + e) + 4 * e;
  return done(
    `\\#\\text{params} = ${groupLatex(mha.value)} + (${e}\\cdot${f} + ${f}) + (${f}\\cdot${e} + ${e}) + 4\\cdot${e} = ${groupLatex(value)}`,
    value,
  );
}

// ---------------------------------------------------------------------------------------------
// Shapes

/** Flattening the given dimensions: the product the next Linear layer must take as in_features. */
export function flattenSize(dims: number[]): Substituted {
  if (dims.length === 0 || !dims.every((n) => isCount(n, 0))) return invalid('dimensions must be integers ≥ 0', 'n');
  const value = dims.reduce((a, b) => a * b, 1);
  return done(dims.length === 1 ? `n = ${value}` : `n = ${dims.join('\\cdot')} = ${groupLatex(value)}`, value);
}

/**
 * nn.RNN/LSTM/GRU output and final hidden state shapes for input [N, L, I] (batch_first) or
 * [L, N, I]: output […, D·H], h_n [D·num_layers, N, H].
 */
export function recurrentShapes(args: {
  batch: number;
  seqLen: number;
  hiddenSize: number;
  numLayers?: number;
  bidirectional?: boolean;
  batchFirst?: boolean;
}): { output: ShapeSubstituted; hidden: ShapeSubstituted } {
  const d = args.bidirectional === true ? 2 : 1;
  const layers = args.numLayers ?? 1;
  const { batch: n, seqLen: l, hiddenSize: h } = args;
  const outShape = args.batchFirst === true ? [n, l, d * h] : [l, n, d * h];
  const hidShape = [d * layers, n, h];
  const dh = d === 2 ? `2\\cdot${h}` : `${h}`;
  const outLatex = args.batchFirst === true ? `[${n}, ${l}, ${dh}]` : `[${l}, ${n}, ${dh}]`;
  const mk = (shape: number[], latex: string): ShapeSubstituted => {
    const full = `${latex} = [${shape.join(', ')}]`;
    return { shape, latex: full, text: latexToText(full) };
  };
  return {
    output: mk(outShape, `\\text{output} = ${outLatex}`),
    hidden: mk(hidShape, `h_n = [${d === 2 ? '2\\cdot' : ''}${layers}, ${n}, ${h}]`),
  };
}

// ---------------------------------------------------------------------------------------------
// Per-layer entry point for the code analysis

/**
 * The numbers shape inference found for one layer call. Field names follow src/analysis
 * (torchLayers.ts / tfjsLayers.ts `numbers`); everything is optional and checked here.
 */
export interface LayerNumbers {
  /** Spatial input sizes, one per axis (H, W…). */
  in?: unknown;
  kernel?: unknown;
  stride?: unknown;
  dilation?: unknown;
  /** Per-axis numbers, or 'same' / 'valid'. */
  padding?: unknown;
  ceil_mode?: unknown;
  inChannels?: unknown;
  outChannels?: unknown;
  groups?: unknown;
  inFeatures?: unknown;
  outFeatures?: unknown;
  bias?: unknown;
  inputSize?: unknown;
  hidden?: unknown;
  layers?: unknown;
  directions?: unknown;
  vocab?: unknown;
  dim?: unknown;
  embed?: unknown;
  heads?: unknown;
  /** Recorded by the analysis; recomputed here from embed/heads. */
  headDim?: unknown;
  numFeatures?: unknown;
  normalizedShape?: unknown;
  /** Dimensions a flatten multiplies together. */
  flattened?: unknown;
}

const AXES: Record<number, string[]> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

function nums(v: unknown): number[] | undefined {
  if (typeof v === 'number') return [v];
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** Repeat a scalar (or 1-element list) to `n` axes, as PyTorch does for `kernel_size=3`. */
function perAxis(v: unknown, n: number, fallback?: number): number[] | undefined {
  const a = nums(v) ?? (fallback === undefined ? undefined : [fallback]);
  if (a === undefined) return undefined;
  return a.length === 1 ? Array.from({ length: n }, () => a[0] as number) : a.length === n ? a : undefined;
}

function normKind(kind: string): string {
  return kind.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The formulas with the user's numbers for one layer: output size per spatial axis and the
 * parameter count, in the framework's own formulas. Unknown kinds or missing numbers give [].
 */
export function layerSubstitutions(framework: 'pytorch' | 'tfjs', kind: string, n: LayerNumbers): Substituted[] {
  const k = normKind(kind);
  const out: Substituted[] = [];
  const spatial = nums(n.in);
  const axes = spatial ? AXES[spatial.length] ?? spatial.map((_, i) => `X_{${i}}`) : [];
  const isConv = /^(conv[123]d|lazyconv[123]d)$/.test(k);
  const isPool = /^(maxpool[123]d|avgpool[123]d|maxpooling[123]d|averagepooling[123]d)$/.test(k);
  if ((isConv || isPool) && spatial) {
    const d = spatial.length;
    const kernel = perAxis(n.kernel, d);
    const stride = perAxis(n.stride, d, isPool ? undefined : 1) ?? kernel;
    const dilation = perAxis(n.dilation, d, 1);
    if (kernel && stride && dilation) {
      spatial.forEach((input, i) => {
        const dim = axes[i] ?? 'X';
        const kk = kernel[i] as number;
        const s = stride[i] as number;
        const dl = dilation[i] as number;
        if (framework === 'tfjs') {
          const padding = n.padding === 'same' ? 'same' : 'valid';
          out.push(tfjsConvOutputSize({ input, kernel: kk, stride: s, dilation: dl, padding, dim }));
        } else if (isConv) {
          const padding = n.padding === 'same' || n.padding === 'valid' ? n.padding : perAxis(n.padding, d, 0)?.[i];
          out.push(convOutputSize({ input, kernel: kk, stride: s, dilation: dl, padding: padding ?? 0, dim }));
        } else {
          const padding = perAxis(n.padding, d, 0)?.[i] ?? 0;
          out.push(poolOutputSize({ input, kernel: kk, stride: s, dilation: dl, padding, ceilMode: n.ceil_mode === true, kind: k.startsWith('max') ? 'max' : 'avg', dim }));
        }
      });
      const cin = num(n.inChannels);
      const cout = num(n.outChannels);
      if (isConv && cin !== undefined && cout !== undefined) {
        const kh = kernel[d - 2] ?? kernel[0] ?? 1;
        const kw = kernel[d - 1] ?? 1;
        if (d === 2) out.push(conv2dParams({ inChannels: cin, outChannels: cout, kernel: [kh, kw], groups: num(n.groups) ?? 1, bias: n.bias !== false }));
        else {
          const kp = kernel.reduce((a, b) => a * b, 1);
          const g = num(n.groups) ?? 1;
          const value = cout * (cin / g) * kp + (n.bias !== false ? cout : 0);
          out.push(done(`\\#\\text{params} = ${cout}\\cdot${g === 1 ? cin : `(${cin}/${g})`}\\cdot${kernel.join('\\cdot')}${n.bias !== false ? ` + ${cout}` : ''} = ${groupLatex(value)}`, value));
        }
      }
    }
    return out;
  }
  const fin = num(n.inFeatures);
  const fout = num(n.outFeatures);
  if ((k === 'linear' || k === 'dense' || k === 'lazylinear') && fin !== undefined && fout !== undefined) {
    return [linearParams({ inFeatures: fin, outFeatures: fout, bias: n.bias !== false })];
  }
  const rec: Record<string, RecurrentKind> = { rnn: 'rnn', simplernn: 'rnn', lstm: 'lstm', gru: 'gru' };
  const recKind = rec[k];
  const inputSize = num(n.inputSize);
  const hidden = num(n.hidden);
  if (recKind !== undefined && inputSize !== undefined && hidden !== undefined) {
    return [recurrentParams({ kind: recKind, inputSize, hiddenSize: hidden, numLayers: num(n.layers) ?? 1, bidirectional: num(n.directions) === 2, bias: n.bias !== false })];
  }
  const vocab = num(n.vocab);
  const dim = num(n.dim);
  if (k === 'embedding' && vocab !== undefined && dim !== undefined) return [embeddingParams({ numEmbeddings: vocab, embeddingDim: dim })];
  const embed = num(n.embed);
  const heads = num(n.heads);
  if (k === 'multiheadattention' && embed !== undefined && heads !== undefined) {
    return [attentionScale({ dModel: embed, numHeads: heads }), multiheadAttentionParams({ embedDim: embed, numHeads: heads, bias: n.bias !== false })];
  }
  if (k === 'transformerencoderlayer' && embed !== undefined && heads !== undefined) {
    return [transformerEncoderLayerParams({ dModel: embed, numHeads: heads, dimFeedforward: num(n.dim) ?? 2048 })];
  }
  const shape = nums(n.normalizedShape);
  if (k === 'layernorm' && shape) return [layerNormParams(shape)];
  const features = num(n.numFeatures);
  if (/^batchnorm[123]d$|^batchnormalization$/.test(k) && features !== undefined) return [batchNormParams(features)];
  const flat = nums(n.flattened);
  if (k === 'flatten' && flat) return [flattenSize(flat)];
  return out;
}

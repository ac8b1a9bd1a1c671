// Parameter counts of the layers the analysis knows, as PyTorch 1.13 counts them
// (`sum(p.numel() for p in m.parameters())`) and as tfjs 4.22 counts them (`layer.countParams()`,
// which includes non-trainable weights such as BatchNormalization's moving statistics). Each
// function returns the formula in symbols, with the user's numbers, and the value: the code
// analysis takes its layer counts from these same functions (src/formula/layerFormulas.ts).
import type { Framework } from '../knowledge/types';
import { groupLatex, invalid, isCount, substituted, type Substituted } from './substituted';

const P = '\\#\\text{params}';

function count(formula: string, numbers: string, value: number): Substituted {
  return substituted('params', formula, `${P} = ${numbers} = ${groupLatex(value)}`, value);
}

function bad(formula: string, why: string): Substituted {
  return invalid('params', formula, P, why);
}

/** nn.Linear / tf.layers.dense: in·out (+ out). */
export function linearParams(args: { framework?: Framework; inFeatures: number; outFeatures: number; bias?: boolean }): Substituted {
  const bias = args.bias ?? true;
  const [i, o] = args.framework === 'tfjs' ? ['n_{in}', '\\text{units}'] : ['\\text{in\\_features}', '\\text{out\\_features}'];
  const formula = `${P} = ${i}\\cdot ${o}${bias ? ` + ${o}` : ''}`;
  const { inFeatures: fin, outFeatures: fout } = args;
  if (!isCount(fin, 0) || !isCount(fout, 0)) return bad(formula, 'feature counts must be integers ≥ 0');
  return count(formula, `${fin}\\cdot${fout}${bias ? ` + ${fout}` : ''}`, fin * fout + (bias ? fout : 0));
}

/** nn.Bilinear: in1·in2·out (+ out). */
export function bilinearParams(args: { in1: number; in2: number; out: number; bias?: boolean }): Substituted {
  const bias = args.bias ?? true;
  const formula = `${P} = \\text{in1}\\cdot\\text{in2}\\cdot\\text{out}${bias ? ' + \\text{out}' : ''}`;
  const { in1, in2, out } = args;
  if (![in1, in2, out].every((n) => isCount(n, 1))) return bad(formula, 'feature counts must be integers ≥ 1');
  return count(formula, `${in1}\\cdot${in2}\\cdot${out}${bias ? ` + ${out}` : ''}`, in1 * in2 * out + (bias ? out : 0));
}

const KERNEL_SYMBOLS: Record<number, string> = { 1: 'k', 2: 'k_h\\cdot k_w', 3: 'k_d\\cdot k_h\\cdot k_w' };

/**
 * nn.Conv1d/2d/3d: C_out·(C_in/g)·∏k (+ C_out); nn.ConvTranspose stores [C_in, C_out/g, …k]:
 * C_in·(C_out/g)·∏k (+ C_out). tf.layers.conv1d/2d/conv2dTranspose: ∏k·C_in·filters (+ filters).
 */
export function convParams(args: {
  framework?: Framework;
  transposed?: boolean;
  inChannels: number;
  outChannels: number;
  kernel: number[];
  groups?: number;
  bias?: boolean;
}): Substituted {
  const { inChannels: ci, outChannels: co, kernel } = args;
  const groups = args.groups ?? 1;
  const bias = args.bias ?? true;
  const k = KERNEL_SYMBOLS[kernel.length] ?? '\\text{kernel}';
  let formula: string;
  if (args.framework === 'tfjs') formula = `${P} = ${k}\\cdot C_{in}\\cdot\\text{filters}${bias ? ' + \\text{filters}' : ''}`;
  else if (args.transposed === true) formula = `${P} = C_{in}\\cdot(C_{out}/g)\\cdot ${k}${bias ? ' + C_{out}' : ''}`;
  else formula = `${P} = C_{out}\\cdot(C_{in}/g)\\cdot ${k}${bias ? ' + C_{out}' : ''}`;
  if (kernel.length === 0 || ![ci, co, groups, ...kernel].every((n) => isCount(n, 1))) return bad(formula, 'channels, kernel and groups must be integers ≥ 1');
  if (ci % groups !== 0 || co % groups !== 0) return bad(formula, `in_channels ${ci} and out_channels ${co} must both be divisible by groups ${groups}`);
  const kp = kernel.reduce((a, b) => a * b, 1);
  const ks = kernel.join('\\cdot');
  const biasTerm = bias ? ` + ${co}` : '';
  if (args.framework === 'tfjs') return count(formula, `${ks}\\cdot${ci}\\cdot${co}${biasTerm}`, kp * ci * co + (bias ? co : 0));
  const [a, b] = args.transposed === true ? [ci, co] : [co, ci];
  const perGroup = groups === 1 ? `${b}` : `(${b}/${groups})`;
  return count(formula, `${a}\\cdot${perGroup}\\cdot${ks}${biasTerm}`, a * (b / groups) * kp + (bias ? co : 0));
}

/**
 * tf.layers.convLstm2d: an LSTM whose four gates are convolutions — a kernel over the input's C_in
 * channels and a recurrent kernel of the same size over the F filters of the state (+ one bias of 4F):
 * 4F·∏k·(C_in + F) (+ 4F).
 */
export function convLstmParams(args: { inChannels: number; filters: number; kernel: number[]; bias?: boolean }): Substituted {
  const { inChannels: ci, filters: f, kernel } = args;
  const bias = args.bias ?? true;
  const k = KERNEL_SYMBOLS[kernel.length] ?? '\\text{kernel}';
  const formula = `${P} = 4\\cdot\\text{filters}\\cdot ${k}\\cdot(C_{in} + \\text{filters})${bias ? ' + 4\\cdot\\text{filters}' : ''}`;
  if (kernel.length === 0 || ![ci, f, ...kernel].every((n) => isCount(n, 1))) return bad(formula, 'channels, filters and kernel must be integers ≥ 1');
  const kp = kernel.reduce((a, b) => a * b, 1);
  return count(formula, `4\\cdot${f}\\cdot${kernel.join('\\cdot')}\\cdot(${ci}+${f})${bias ? ` + 4\\cdot${f}` : ''}`, 4 * f * kp * (ci + f) + (bias ? 4 * f : 0));
}

/**
 * tf.layers.depthwiseConv2d: ∏k·C_in·m (+ C_in·m); separableConv2d adds a 1×1 pointwise kernel
 * from the C_in·m depthwise channels to the filters: ∏k·C_in·m + C_in·m·filters (+ filters).
 */
export function depthwiseConvParams(args: { inChannels: number; depthMultiplier: number; kernel: number[]; filters?: number; bias?: boolean }): Substituted {
  const { inChannels: ci, depthMultiplier: m, kernel, filters } = args;
  const bias = args.bias ?? true;
  const k = KERNEL_SYMBOLS[kernel.length] ?? '\\text{kernel}';
  const pointwise = filters !== undefined;
  const formula = pointwise
    ? `${P} = ${k}\\cdot C_{in}\\cdot m + C_{in}\\cdot m\\cdot\\text{filters}${bias ? ' + \\text{filters}' : ''}`
    : `${P} = ${k}\\cdot C_{in}\\cdot m${bias ? ' + C_{in}\\cdot m' : ''}`;
  if (kernel.length === 0 || ![ci, m, ...kernel, ...(filters !== undefined ? [filters] : [])].every((n) => isCount(n, 1))) return bad(formula, 'channels, kernel, depthMultiplier and filters must be integers ≥ 1');
  const kp = kernel.reduce((a, b) => a * b, 1);
  const ks = kernel.join('\\cdot');
  if (filters !== undefined) return count(formula, `${ks}\\cdot${ci}\\cdot${m} + ${ci}\\cdot${m}\\cdot${filters}${bias ? ` + ${filters}` : ''}`, kp * ci * m + ci * m * filters + (bias ? filters : 0));
  return count(formula, `${ks}\\cdot${ci}\\cdot${m}${bias ? ` + ${ci}\\cdot${m}` : ''}`, kp * ci * m + (bias ? ci * m : 0));
}

export type RecurrentKind = 'rnn' | 'lstm' | 'gru';
const GATES: Record<RecurrentKind, number> = { rnn: 1, lstm: 4, gru: 3 };

/**
 * nn.RNN / nn.LSTM / nn.GRU, per layer and direction: G·H·(I_ℓ + R) + 2·G·H (two bias vectors,
 * b_ih and b_hh) + P·H (LSTM's projection W_hr), where G is the number of gate blocks (1, 4, 3),
 * R = P when proj_size P > 0 else H, I_1 = input_size and I_ℓ = D·R above the first layer.
 * tf.layers.simpleRNN / lstm / gru: one layer, one direction, one bias vector: G·H·(I + H) + G·H.
 */
export function recurrentParams(args: {
  framework?: Framework;
  kind: RecurrentKind;
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  bidirectional?: boolean;
  bias?: boolean;
  projSize?: number;
}): Substituted {
  const tfjs = args.framework === 'tfjs';
  const g = GATES[args.kind];
  const { inputSize: input, hiddenSize: h } = args;
  const layers = args.numLayers ?? 1;
  const d = args.bidirectional === true ? 2 : 1;
  const bias = args.bias ?? true;
  const proj = args.projSize ?? 0;
  const gs = g === 1 ? 'H' : `${g}H`;
  const r = proj > 0 ? 'P' : 'H';
  const biasSym = bias ? (tfjs ? ` + ${gs}` : ` + 2\\cdot ${gs}`) : '';
  const formula = tfjs
    ? `${P} = ${gs}\\cdot(I + H)${biasSym}`
    : `${P} = \\sum_{\\ell=1}^{L} D\\cdot(${gs}\\cdot(I_\\ell + ${r})${biasSym}${proj > 0 ? ' + P\\cdot H' : ''})`;
  if (g === undefined || !isCount(input, 1) || !isCount(h, 1) || !isCount(layers, 1) || !isCount(proj, 0)) {
    return bad(formula, 'input_size, hidden_size and num_layers must be integers ≥ 1');
  }
  if (proj > 0 && (args.kind !== 'lstm' || proj >= h)) return bad(formula, `proj_size ${proj} needs an LSTM and must be smaller than hidden_size ${h}`);
  const rec = proj > 0 ? proj : h;
  const gH = g === 1 ? `${h}` : `${g}\\cdot${h}`;
  const biasVectors = tfjs ? 1 : 2;
  const terms: string[] = [];
  let value = 0;
  for (let layer = 0; layer < layers; layer++) {
    const inL = layer === 0 ? input : d * rec;
    value += d * (g * h * (inL + rec) + (bias ? biasVectors * g * h : 0) + proj * h);
    const biasTerm = bias ? (biasVectors === 2 ? ` + 2\\cdot${gH}` : ` + ${gH}`) : '';
    const projTerm = proj > 0 ? ` + ${proj}\\cdot${h}` : '';
    terms.push(`${d === 2 ? '2\\cdot' : ''}(${gH}\\cdot(${inL}+${rec})${biasTerm}${projTerm})`);
  }
  // Layers above the first are identical: show the first, then a multiple of the second.
  const shown = layers > 2 ? [terms[0], `${layers - 1}\\cdot${terms[1]}`] : terms;
  return count(formula, shown.join(' + '), value);
}

/** nn.Embedding / tf.layers.embedding: V·d. */
export function embeddingParams(args: { numEmbeddings: number; embeddingDim: number }): Substituted {
  const formula = `${P} = V\\cdot d`;
  const { numEmbeddings: v, embeddingDim: d } = args;
  if (!isCount(v, 1) || !isCount(d, 1)) return bad(formula, 'num_embeddings and embedding_dim must be integers ≥ 1');
  return count(formula, `${v}\\cdot${d}`, v * d);
}

/**
 * nn.MultiheadAttention: the in-projections of Q, K and V (E×E, E×kdim, E×vdim), the output
 * projection E×E, with bias 3E + E, and with add_bias_kv two more vectors of E.
 */
export function multiheadAttentionParams(args: { embedDim: number; numHeads: number; bias?: boolean; kdim?: number; vdim?: number; addBiasKv?: boolean }): Substituted {
  const e = args.embedDim;
  const k = args.kdim ?? e;
  const v = args.vdim ?? e;
  const bias = args.bias ?? true;
  const biasKv = args.addBiasKv === true;
  const same = k === e && v === e;
  const formula = `${P} = ${same ? '3E^2' : 'E\\cdot(E + k_{dim} + v_{dim})'} + E^2${bias ? ' + 4E' : ''}${biasKv ? ' + 2E' : ''}`;
  if (![e, k, v, args.numHeads].every((n) => isCount(n, 1))) return bad(formula, 'embed_dim, num_heads, kdim, vdim must be integers ≥ 1');
  if (e % args.numHeads !== 0) return bad(formula, `embed_dim ${e} must be divisible by num_heads ${args.numHeads}`);
  const value = e * (e + k + v) + e * e + (bias ? 4 * e : 0) + (biasKv ? 2 * e : 0);
  const inProj = same ? `3\\cdot${e}\\cdot${e}` : `${e}\\cdot(${e}+${k}+${v})`;
  return count(formula, `${inProj} + ${e}\\cdot${e}${bias ? ` + 4\\cdot${e}` : ''}${biasKv ? ` + 2\\cdot${e}` : ''}`, value);
}

/** Per-head width and the score scale of scaled dot-product attention: d_k = d/h, 1/√d_k. */
export function attentionScale(args: { dModel: number; numHeads: number }): Substituted {
  const formula = 'd_k = d/h,\\; 1/\\sqrt{d_k}';
  const { dModel: d, numHeads: h } = args;
  if (!isCount(d, 1) || !isCount(h, 1)) return invalid('scale', formula, 'd_k', 'd_model and the number of heads must be integers ≥ 1');
  if (d % h !== 0) return invalid('scale', formula, 'd_k', `d_model ${d} is not divisible by ${h} heads`);
  const dk = d / h;
  return substituted('scale', formula, `d_k = ${d}/${h} = ${dk},\\; 1/\\sqrt{${dk}} = ${Number((1 / Math.sqrt(dk)).toPrecision(3))}`, dk);
}

/** nn.LayerNorm(normalized_shape): 2·∏shape with elementwise_affine, else none. */
export function layerNormParams(args: { normalizedShape: number[]; affine?: boolean }): Substituted {
  const affine = args.affine ?? true;
  const formula = affine ? `${P} = 2\\cdot\\prod \\text{normalized\\_shape}` : `${P} = 0 \\;(\\text{elementwise\\_affine=False})`;
  const shape = args.normalizedShape;
  if (shape.length === 0 || !shape.every((n) => isCount(n, 1))) return bad(formula, 'normalized_shape must be integers ≥ 1');
  const prod = shape.reduce((a, b) => a * b, 1);
  return affine ? count(formula, `2\\cdot${shape.join('\\cdot')}`, 2 * prod) : count(formula, '0', 0);
}

/**
 * Per-channel scale/shift layers. PyTorch nn.BatchNorm*, nn.GroupNorm: 2C with affine (running
 * statistics are buffers, not parameters). tf.layers.batchNormalization: γ, β (each optional:
 * scale, center) plus the moving mean and variance, which countParams() includes;
 * tf.layers.layerNormalization: γ and β only.
 */
export function normParams(args: { framework?: Framework; kind: 'batch' | 'group' | 'layer'; channels: number; affine?: boolean; center?: boolean; scale?: boolean }): Substituted {
  const c = args.channels;
  if (args.framework === 'tfjs') {
    const learned = (args.center ?? true ? 1 : 0) + (args.scale ?? true ? 1 : 0);
    const moving = args.kind === 'batch' ? 2 : 0;
    const per = learned + moving;
    const parts = [...(args.scale ?? true ? ['\\gamma'] : []), ...(args.center ?? true ? ['\\beta'] : []), ...(moving > 0 ? ['\\mu_{moving}', '\\sigma^2_{moving}'] : [])];
    const formula = `${P} = ${per}C \\;(${parts.length > 0 ? parts.join(', ') : '\\text{none}'})`;
    if (!isCount(c, 1)) return bad(formula, 'the normalised axis must have a size ≥ 1');
    return count(formula, `${per}\\cdot${c}`, per * c);
  }
  const affine = args.affine ?? true;
  const formula = affine ? `${P} = 2C \\;(\\gamma, \\beta)` : `${P} = 0 \\;(\\text{affine=False})`;
  if (!isCount(c, 1)) return bad(formula, 'num_features must be an integer ≥ 1');
  return affine ? count(formula, `2\\cdot${c}`, 2 * c) : count(formula, '0', 0);
}

/** nn.PReLU(num_parameters): one learned slope per channel (or one shared). */
export function preluParams(numParameters: number): Substituted {
  const formula = `${P} = \\text{num\\_parameters}`;
  if (!isCount(numParameters, 1)) return bad(formula, 'num_parameters must be an integer ≥ 1');
  return count(formula, `${numParameters}`, numParameters);
}

/**
 * nn.TransformerEncoderLayer / nn.TransformerDecoderLayer (1.13, always with biases): self-
 * attention (and cross-attention in the decoder), two Linear layers d→d_ff→d, and two (three)
 * LayerNorms of 2d each.
 */
export function transformerLayerParams(args: { decoder?: boolean; dModel: number; numHeads: number; dimFeedforward?: number }): Substituted {
  const decoder = args.decoder === true;
  const e = args.dModel;
  const f = args.dimFeedforward ?? 2048;
  const attn = decoder ? '2\\cdot\\text{MHA}' : '\\text{MHA}';
  const formula = `${P} = ${attn} + (d\\cdot d_{ff} + d_{ff}) + (d_{ff}\\cdot d + d) + ${decoder ? 3 : 2}\\cdot 2d`;
  const mha = multiheadAttentionParams({ embedDim: e, numHeads: args.numHeads });
  if (mha.error !== undefined || !isCount(f, 1)) return bad(formula, mha.error ?? 'dim_feedforward must be an integer ≥ 1');
  const norms = decoder ? 3 : 2;
  const value = (decoder ? 2 : 1) * mha.value + (e * f + f) + (f * e + e) + norms * 2 * e;
  return count(formula, `${decoder ? '2\\cdot' : ''}${groupLatex(mha.value)} + (${e}\\cdot${f} + ${f}) + (${f}\\cdot${e} + ${e}) + ${norms}\\cdot2\\cdot${e}`, value);
}

/** tf.layers.bidirectional: a forward and a backward copy of the wrapped layer. */
export function bidirectionalParams(inner: Substituted): Substituted {
  const formula = `${P} = 2\\cdot\\#\\text{params}_{\\text{wrapped}}`;
  if (inner.error !== undefined || !Number.isFinite(inner.value)) return bad(formula, inner.error ?? 'the wrapped layer is not known');
  return count(formula, `2\\cdot${groupLatex(inner.value)}`, 2 * inner.value);
}

/** tf.layers.rnn / stackedRNNCells: the weights of its cells, each built on the one before's output. */
export function stackedCellsParams(cells: Substituted[]): Substituted {
  const formula = `${P} = \\sum_{\\text{cells}} \\#\\text{params}_{\\text{cell}}`;
  const wrong = cells.find((c) => c.error !== undefined || !Number.isFinite(c.value));
  if (cells.length === 0 || wrong) return bad(formula, wrong?.error ?? 'the cells are not known');
  const value = cells.reduce((a, c) => a + c.value, 0);
  return count(formula, cells.map((c) => groupLatex(c.value)).join(' + '), value);
}

/** tf.layers.timeDistributed: the wrapped layer, its weights shared by every time step. */
export function timeDistributedParams(inner: Substituted): Substituted {
  const formula = `${P} = \\#\\text{params}_{\\text{wrapped}}`;
  if (inner.error !== undefined || !Number.isFinite(inner.value)) return bad(formula, inner.error ?? 'the wrapped layer is not known');
  return count(formula, groupLatex(inner.value), inner.value);
}

/**
 * torch.nn.utils.weight_norm: the weight becomes weight_v (its own shape) and weight_g (one norm
 * per index of `dim`, or one number for dim=None), so the layer has |g| more parameters.
 */
export function weightNormParams(inner: Substituted, g: number): Substituted {
  const formula = `${P} = \\#\\text{params}_{\\text{layer}} + |g|`;
  if (inner.error !== undefined || !Number.isFinite(inner.value)) return bad(formula, inner.error ?? 'the wrapped layer is not known');
  if (!isCount(g, 1)) return bad(formula, 'weight_g must have at least one element');
  return count(formula, `${groupLatex(inner.value)} + ${g}`, inner.value + g);
}

// Per layer kind: which size and parameter formulas apply, filled in with the numbers the code
// analysis records for a layer (its `LayerNumbers`). The analysis takes each layer's parameter
// count from `layerParamCount`, and the hovers show `layerSubstitutions` of the same record, so
// the number next to the formula is the analysis's own count by construction.
import type { Framework } from '../knowledge/types';
import { bidirectionalParams, stackedCellsParams, timeDistributedParams, bilinearParams, convLstmParams, convParams, depthwiseConvParams, embeddingParams, layerNormParams, linearParams, multiheadAttentionParams, normParams, preluParams, recurrentParams, transformerLayerParams, weightNormParams, attentionScale, type RecurrentKind } from './paramFormulas';
import { convOutputSize, convTransposeOutputSize, flattenSize, poolOutputSize, tfjsConvOutputSize, tfjsConvTransposeOutputSize } from './sizeFormulas';
import type { Substituted } from './substituted';

/**
 * The numbers shape inference records for one layer (torchLayers.ts / tfjsLayers.ts). Every
 * argument that changes a size or a count must be here: a missing one would make the formula
 * disagree with the framework (test/unit/formulaCounts.unit.test.ts checks every kind).
 */
export interface LayerNumbers {
  /** Spatial input / output sizes, one per axis (H, W…). */
  in?: number[];
  out?: number[];
  kernel?: number[];
  stride?: number[];
  /** Per-axis numbers, or 'same' / 'valid'. */
  padding?: number[] | 'same' | 'valid';
  dilation?: number[];
  outputPadding?: number[];
  ceilMode?: boolean;
  inChannels?: number;
  outChannels?: number;
  groups?: number;
  /** tfjs depthwiseConv2d / separableConv2d: depthwise channels per input channel. */
  depthMultiplier?: number;
  /** Linear / Dense; in2Features for nn.Bilinear. */
  inFeatures?: number;
  in2Features?: number;
  outFeatures?: number;
  /** PyTorch `bias`, tfjs `useBias`. */
  bias?: boolean;
  /** Recurrent layers. */
  inputSize?: number;
  hidden?: number;
  layers?: number;
  directions?: number;
  projSize?: number;
  batchFirst?: boolean;
  /** Embedding. */
  vocab?: number;
  dim?: number;
  /** Attention and Transformer layers. */
  embed?: number;
  heads?: number;
  kdim?: number;
  vdim?: number;
  addBiasKv?: boolean;
  dimFeedforward?: number;
  /** Normalisation: channels, PyTorch affine / elementwise_affine, tfjs center / scale. */
  numFeatures?: number;
  affine?: boolean;
  center?: boolean;
  scale?: boolean;
  normalizedShape?: number[];
  /** nn.PReLU. */
  numParameters?: number;
  /** Dimensions a flatten multiplies together. */
  flattened?: number[];
  /** tf.layers.rnn / stackedRNNCells: the cells, in order. */
  cells?: { kind: string; numbers: LayerNumbers }[];
  /** tf.layers.bidirectional: the wrapped layer. */
  wrapped?: { kind: string; numbers: LayerNumbers };
  /** torch.nn.utils.weight_norm: numel of weight_g (the weight's norm over every dim but `dim`). */
  weightNormG?: number;
}

const AXES: Record<number, string[]> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

/** Repeat a scalar (or 1-element list) to `n` axes, as PyTorch does for `kernel_size=3`. */
function perAxis(v: number[] | undefined, n: number, fallback?: number): number[] | undefined {
  const a = v ?? (fallback === undefined ? undefined : [fallback]);
  if (a === undefined) return undefined;
  return a.length === 1 ? Array.from({ length: n }, () => a[0] as number) : a.length === n ? a : undefined;
}

function normKind(kind: string): string {
  return kind.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Depthwise and separable convolutions size their output like a convolution.
const CONV = /^(depthwise|separable)?conv[123]d$/;
const CONV_T = /^convtranspose[123]d$|^conv2dtranspose$/;
const POOL = /^(maxpool[123]d|avgpool[123]d|maxpooling[123]d|averagepooling[123]d)$/;
// A cell (nn.LSTMCell…) has the parameters of a one-layer, one-direction recurrent layer.
const RECURRENT: Record<string, RecurrentKind> = { rnn: 'rnn', simplernn: 'rnn', lstm: 'lstm', gru: 'gru', rnncell: 'rnn', simplernncell: 'rnn', lstmcell: 'lstm', grucell: 'gru' };

function sizeSubstitutions(framework: Framework, k: string, n: LayerNumbers): Substituted[] {
  const spatial = n.in;
  if (!spatial || !(CONV.test(k) || CONV_T.test(k) || POOL.test(k))) return [];
  const d = spatial.length;
  const axes = AXES[d] ?? spatial.map((_, i) => `X_{${i}}`);
  const pool = POOL.test(k);
  const kernel = perAxis(n.kernel, d);
  const stride = perAxis(n.stride, d, pool ? undefined : 1) ?? kernel;
  const dilation = perAxis(n.dilation, d, 1);
  if (!kernel || !stride || !dilation) return [];
  return spatial.map((input, i) => {
    const dim = axes[i] ?? 'X';
    const kk = kernel[i] as number;
    const s = stride[i] as number;
    const dl = dilation[i] as number;
    const padding = n.padding === 'same' || n.padding === 'valid' ? n.padding : perAxis(n.padding, d, 0)?.[i] ?? 0;
    if (framework === 'tfjs') {
      const tfPadding = padding === 'same' ? 'same' : 'valid';
      return CONV_T.test(k)
        ? tfjsConvTransposeOutputSize({ input, kernel: kk, stride: s, padding: tfPadding, dim })
        : tfjsConvOutputSize({ input, kernel: kk, stride: s, dilation: dl, padding: tfPadding, dim });
    }
    if (CONV_T.test(k)) {
      return convTransposeOutputSize({ input, kernel: kk, stride: s, dilation: dl, padding: typeof padding === 'number' ? padding : 0, outputPadding: perAxis(n.outputPadding, d, 0)?.[i] ?? 0, dim });
    }
    if (!pool) return convOutputSize({ input, kernel: kk, stride: s, dilation: dl, padding, dim });
    return poolOutputSize({ input, kernel: kk, stride: s, dilation: dl, padding: typeof padding === 'number' ? padding : 0, ceilMode: n.ceilMode === true, kind: k.startsWith('max') ? 'max' : 'avg', dim });
  });
}

/** The parameter formula of one layer with its numbers, or undefined when the kind has none. */
export function paramSubstitution(framework: Framework, kind: string, n: LayerNumbers): Substituted | undefined {
  if (n.weightNormG !== undefined) {
    const { weightNormG, ...layer } = n;
    const inner = paramSubstitution(framework, kind, layer);
    return inner ? weightNormParams(inner, weightNormG) : undefined;
  }
  const k = normKind(kind);
  const bias = n.bias !== false;
  if (k === 'convlstm2d' && n.inChannels !== undefined && n.outChannels !== undefined && n.kernel) {
    const kernel = perAxis(n.kernel, 2);
    return kernel ? convLstmParams({ inChannels: n.inChannels, filters: n.outChannels, kernel, bias }) : undefined;
  }
  if ((k === 'depthwiseconv2d' || k === 'separableconv2d') && n.inChannels !== undefined && n.depthMultiplier !== undefined && n.kernel) {
    const kernel = perAxis(n.kernel, 2);
    if (!kernel || (k === 'separableconv2d' && n.outChannels === undefined)) return undefined;
    return depthwiseConvParams({ inChannels: n.inChannels, depthMultiplier: n.depthMultiplier, kernel, bias, ...(k === 'separableconv2d' ? { filters: n.outChannels } : {}) });
  }
  if (((CONV.test(k) && !/^(depthwise|separable)/.test(k)) || CONV_T.test(k)) && n.inChannels !== undefined && n.outChannels !== undefined && n.kernel) {
    const spatialDims = k === 'conv2dtranspose' ? 2 : Number(/([123])d$/.exec(k)?.[1] ?? n.kernel.length);
    const kernel = perAxis(n.kernel, spatialDims);
    if (!kernel) return undefined;
    return convParams({ framework, transposed: CONV_T.test(k), inChannels: n.inChannels, outChannels: n.outChannels, kernel, groups: n.groups ?? 1, bias });
  }
  if ((k === 'linear' || k === 'dense') && n.inFeatures !== undefined && n.outFeatures !== undefined) {
    return linearParams({ framework, inFeatures: n.inFeatures, outFeatures: n.outFeatures, bias });
  }
  if (k === 'bilinear' && n.inFeatures !== undefined && n.in2Features !== undefined && n.outFeatures !== undefined) {
    return bilinearParams({ in1: n.inFeatures, in2: n.in2Features, out: n.outFeatures, bias });
  }
  // (Before the recurrent kinds: tfjs's RNN of cells is not PyTorch's nn.RNN.)
  if ((k === 'rnn' || k === 'stackedrnncells') && n.cells) {
    const inner = n.cells.map((c) => paramSubstitution(framework, c.kind, c.numbers));
    return inner.every((x) => x !== undefined) ? stackedCellsParams(inner as Substituted[]) : undefined;
  }
  const recKind = RECURRENT[k];
  if (recKind !== undefined && n.inputSize !== undefined && n.hidden !== undefined) {
    return recurrentParams({ framework, kind: recKind, inputSize: n.inputSize, hiddenSize: n.hidden, numLayers: n.layers ?? 1, bidirectional: n.directions === 2, bias, projSize: n.projSize ?? 0 });
  }
  // nn.EmbeddingBag holds the same V×d table.
  if ((k === 'embedding' || k === 'embeddingbag') && n.vocab !== undefined && n.dim !== undefined) return embeddingParams({ numEmbeddings: n.vocab, embeddingDim: n.dim });
  if (k === 'multiheadattention' && n.embed !== undefined && n.heads !== undefined) {
    return multiheadAttentionParams({ embedDim: n.embed, numHeads: n.heads, bias, ...(n.kdim !== undefined ? { kdim: n.kdim } : {}), ...(n.vdim !== undefined ? { vdim: n.vdim } : {}), addBiasKv: n.addBiasKv === true });
  }
  if ((k === 'transformerencoderlayer' || k === 'transformerdecoderlayer') && n.embed !== undefined && n.heads !== undefined) {
    return transformerLayerParams({ decoder: k === 'transformerdecoderlayer', dModel: n.embed, numHeads: n.heads, dimFeedforward: n.dimFeedforward ?? 2048 });
  }
  if (k === 'layernorm' && n.normalizedShape) return layerNormParams({ normalizedShape: n.normalizedShape, affine: n.affine !== false });
  if (n.numFeatures !== undefined) {
    if (/^batchnorm[123]d$/.test(k)) return normParams({ kind: 'batch', channels: n.numFeatures, affine: n.affine !== false });
    if (k === 'groupnorm') return normParams({ kind: 'group', channels: n.numFeatures, affine: n.affine !== false });
    // InstanceNorm's affine weights are per channel like GroupNorm's (off by default; no running statistics counted).
    if (/^instancenorm[123]d$/.test(k)) return normParams({ kind: 'group', channels: n.numFeatures, affine: n.affine === true });
    if (k === 'batchnormalization' || k === 'layernormalization') {
      return normParams({ framework: 'tfjs', kind: k === 'batchnormalization' ? 'batch' : 'layer', channels: n.numFeatures, center: n.center !== false, scale: n.scale !== false });
    }
  }
  if (k === 'prelu' && n.numParameters !== undefined) return preluParams(n.numParameters);
  if (k === 'bidirectional' && n.wrapped) {
    const inner = paramSubstitution(framework, n.wrapped.kind, n.wrapped.numbers);
    return inner ? bidirectionalParams(inner) : undefined;
  }
  if (k === 'timedistributed' && n.wrapped) {
    const inner = paramSubstitution(framework, n.wrapped.kind, n.wrapped.numbers);
    return inner ? timeDistributedParams(inner) : undefined;
  }
  return undefined;
}

/** The layer's parameter count from its formula; null when there is none or it is invalid. */
export function layerParamCount(framework: Framework, kind: string, n: LayerNumbers): number | null {
  const s = paramSubstitution(framework, kind, n);
  return s === undefined || s.error !== undefined || !Number.isFinite(s.value) ? null : s.value;
}

/**
 * The formulas with the user's numbers for one layer call: output size per spatial axis, the
 * flattened size, the attention scale and the parameter count, in the framework's own formulas.
 * Unknown kinds or missing numbers give [].
 */
export function layerSubstitutions(framework: Framework, kind: string, n: LayerNumbers): Substituted[] {
  const k = normKind(kind);
  const out = sizeSubstitutions(framework, k, n);
  if (k === 'flatten' && n.flattened && n.flattened.length > 1) out.push(flattenSize(n.flattened));
  if (k === 'multiheadattention' && n.embed !== undefined && n.heads !== undefined) out.push(attentionScale({ dModel: n.embed, numHeads: n.heads }));
  const params = paramSubstitution(framework, kind, n);
  if (params) out.push(params);
  return out;
}

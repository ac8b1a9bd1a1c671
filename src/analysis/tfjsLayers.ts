// TensorFlow.js layers (tf.layers.*): config fields, output shapes (channels-last) and parameter
// counts exactly as `layer.countParams()` reports them (which includes non-trainable weights such
// as BatchNormalization's moving mean and variance). Batch dimension -1 stands for tfjs's `null`.
import type { ConfigValue, Msg } from './types';
import { fmtShape, product, tensor, unknown, type Value } from './values';
import { tfConvOutLength, tfConvTransposeOutLength } from './shapeMath';
import { layerParamCount, type LayerNumbers } from '../formula/layerFormulas';

export type JsConfig = Map<string, ConfigValue>;

export interface TfLayerApply {
  output: Value;
  problem?: { message: Msg; key?: string; expected?: number; actual?: number; fixText?: string };
  numbers?: LayerNumbers;
}

export interface TfLayerSpec {
  kind: string;
  /** An RNN cell (`tf.layers.lstmCell`): it runs on one time step, [batch, features] → [batch, units]. */
  cell?: true;
  /** Parameters given the input shape (tfjs builds weights when it first sees an input). */
  apply(inputs: number[][]): TfLayerApply & { params: number | null };
}

const CLASS: Record<string, string> = {
  dense: 'Dense', conv1d: 'Conv1D', conv2d: 'Conv2D', conv3d: 'Conv3D', convLstm2d: 'ConvLSTM2D', maxPooling3d: 'MaxPooling3D', averagePooling3d: 'AveragePooling3D', conv2dTranspose: 'Conv2DTranspose', separableConv2d: 'SeparableConv2D', depthwiseConv2d: 'DepthwiseConv2D', maxPooling1d: 'MaxPooling1D', maxPooling2d: 'MaxPooling2D',
  averagePooling1d: 'AveragePooling1D', averagePooling2d: 'AveragePooling2D', globalAveragePooling1d: 'GlobalAveragePooling1D',
  globalAveragePooling2d: 'GlobalAveragePooling2D', globalMaxPooling1d: 'GlobalMaxPooling1D', globalMaxPooling2d: 'GlobalMaxPooling2D', flatten: 'Flatten',
  dropout: 'Dropout', spatialDropout1d: 'SpatialDropout1D', gaussianNoise: 'GaussianNoise', gaussianDropout: 'GaussianDropout', alphaDropout: 'AlphaDropout',
  activation: 'Activation', reLU: 'ReLU', leakyReLU: 'LeakyReLU', softmax: 'Softmax', elu: 'ELU', batchNormalization: 'BatchNormalization',
  layerNormalization: 'LayerNormalization', reshape: 'Reshape', permute: 'Permute', repeatVector: 'RepeatVector', embedding: 'Embedding',
  simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU', rnn: 'RNN', simpleRNNCell: 'SimpleRNNCell', lstmCell: 'LSTMCell', gruCell: 'GRUCell',
  stackedRNNCells: 'StackedRNNCells', bidirectional: 'Bidirectional', timeDistributed: 'TimeDistributed', dot: 'Dot', zeroPadding2d: 'ZeroPadding2D', upSampling2d: 'UpSampling2D',
  concatenate: 'Concatenate', add: 'Add', multiply: 'Multiply', average: 'Average', maximum: 'Maximum', minimum: 'Minimum', inputLayer: 'InputLayer',
  masking: 'Masking', thresholdedReLU: 'ThresholdedReLU', prelu: 'PReLU', cropping2D: 'Cropping2D',
};

/** tfjs's other names for some factories (`tf.layers.globalMaxPool1d` is globalMaxPooling1d). */
const ALIASES: Record<string, string> = {
  globalMaxPool1d: 'globalMaxPooling1d', globalMaxPool2d: 'globalMaxPooling2d', maxPool1d: 'maxPooling1d', maxPool2d: 'maxPooling2d',
  avgPool1d: 'averagePooling1d', avgPool2d: 'averagePooling2d', avgPooling1d: 'averagePooling1d', avgPooling2d: 'averagePooling2d',
  avgPool3d: 'averagePooling3d', avgPooling3d: 'averagePooling3d',
};

export function canonicalFactory(factory: string): string {
  return ALIASES[factory] ?? factory;
}

/** Factories tfjs 4.22 builds with no options object at all (the others read it unguarded and throw). */
export const CONFIG_OPTIONAL: ReadonlySet<string> = new Set(['add', 'average', 'batchNormalization', 'concatenate', 'elu', 'flatten', 'globalAveragePooling1d', 'globalMaxPooling1d', 'layerNormalization', 'leakyReLU', 'masking', 'maximum', 'minimum', 'multiply', 'prelu', 'reLU', 'softmax', 'thresholdedReLU', 'zeroPadding2d']);

/**
 * Factories that throw when given a plain number, string or boolean instead of their options object
 * (`tf.layers.dense(8)`, a Keras habit), measured in tfjs 4.22; the others ignore it and run with
 * their defaults (`tf.layers.dropout(0.2)` drops nothing: its rate is undefined).
 */
export const PLAIN_ARG_THROWS: ReadonlySet<string> = new Set(['Layer', 'RNN', 'RNNCell', 'averagePooling1d', 'averagePooling2d', 'averagePooling3d', 'avgPool1d', 'avgPool2d', 'avgPool3d', 'avgPooling1d', 'avgPooling2d', 'avgPooling3d', 'bidirectional', 'conv1d', 'conv2d', 'conv2dTranspose', 'conv3d', 'conv3dTranspose', 'convLstm2d', 'convLstm2dCell', 'cropping2D', 'dense', 'depthwiseConv2d', 'embedding', 'gru', 'gruCell', 'input', 'inputLayer', 'lstm', 'lstmCell', 'maxPool1d', 'maxPool2d', 'maxPooling1d', 'maxPooling2d', 'maxPooling3d', 'permute', 'randomWidth', 'reshape', 'rnn', 'separableConv2d', 'simpleRNN', 'simpleRNNCell']);

/** A layer tfjs refuses to make: unknown output and no count, with the refusal as its problem. */
export function refusedSpec(factory: string, message: Msg): TfLayerSpec {
  return { kind: CLASS[factory] ?? factory, apply: () => ({ output: unknown(message.en, message['zh-cn']), params: null, problem: { message } }) };
}

/**
 * Every name `tf.layers` exports in tfjs 4.22 (`Object.keys(tf.layers)`), layers the analysis does not
 * model included: a name outside it (`tf.layers.subtract`, Keras's) is not a function there.
 */
const TF_LAYERS_EXPORTS = new Set(('Layer RNN RNNCell activation add alphaDropout average averagePooling1d averagePooling2d averagePooling3d avgPool1d avgPool2d avgPool3d ' +
  'avgPooling1d avgPooling2d avgPooling3d batchNormalization bidirectional categoryEncoding centerCrop concatenate conv1d conv2d conv2dTranspose conv3d ' +
  'conv3dTranspose convLstm2d convLstm2dCell cropping2D dense depthwiseConv2d dot dropout elu embedding flatten gaussianDropout gaussianNoise ' +
  'globalAveragePooling1d globalAveragePooling2d globalMaxPool1d globalMaxPool2d globalMaxPooling1d globalMaxPooling2d gru gruCell input inputLayer ' +
  'layerNormalization leakyReLU lstm lstmCell masking maxPool1d maxPool2d maxPooling1d maxPooling2d maxPooling3d maximum minimum multiply permute prelu ' +
  'randomWidth reLU repeatVector rescaling reshape resizing rnn separableConv2d simpleRNN simpleRNNCell softmax spatialDropout1d stackedRNNCells ' +
  'thresholdedReLU timeDistributed upSampling2d zeroPadding2d').split(' '));

export function isTfLayersExport(name: string): boolean {
  return TF_LAYERS_EXPORTS.has(name);
}

export function tfClassName(factory: string): string | undefined {
  return CLASS[factory];
}

/** Every tf.layers factory we know (the formula tests walk this list, so a new kind needs a case). */
export function tfLayerFactories(): string[] {
  return Object.keys(CLASS);
}

function n(c: JsConfig, k: string): number | undefined {
  const v = c.get(k);
  return typeof v === 'number' ? v : undefined;
}
function ints(c: JsConfig, k: string, dims: number): number[] | undefined {
  const v = c.get(k);
  if (typeof v === 'number') return Array<number>(dims).fill(v);
  if (Array.isArray(v) && v.length === dims && v.every((x) => typeof x === 'number')) return v as number[];
  return undefined;
}
/** `ints`, with tfjs's default when the setting is left out (undefined or null); a setting given in a form tfjs rejects is undefined, never the default. */
function intsOr(c: JsConfig, k: string, dims: number, dflt: number[]): number[] | undefined {
  const v = c.get(k);
  return v === undefined || v === null ? dflt : ints(c, k, dims);
}
function isIntList(v: ConfigValue | undefined): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x));
}
function bool(c: JsConfig, k: string, def: boolean): boolean {
  const v = c.get(k);
  return typeof v === 'boolean' ? v : def;
}
function str(c: JsConfig, k: string, def: string): string {
  const v = c.get(k);
  return typeof v === 'string' ? v : def;
}

const same = (x: number[]): number[] => x;
/** ZeroPadding2D's / Cropping2D's amounts as [top, bottom, left, right]: from n, [h, w] or [[t, b], [l, r]]. */
function sides(v: ConfigValue | undefined, dflt: number | undefined): [number, number, number, number] | undefined {
  if ((v === undefined || v === null) && dflt !== undefined) return [dflt, dflt, dflt, dflt];
  if (typeof v === 'number') return [v, v, v, v];
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [a, b] = v;
  if (typeof a === 'number' && typeof b === 'number') return [a, a, b, b];
  const pair = (p: ConfigValue | undefined): [number, number] | undefined => (Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number' ? [p[0], p[1]] : undefined);
  const h = pair(a);
  const w = pair(b);
  return h && w ? [h[0], h[1], w[0], w[1]] : undefined;
}

/** An open size (tfjs's null, -1 here): what a layer computes from it is open too. */
const OPEN = -1;

function openSize(length: number, known: () => number): number {
  return length < 0 ? OPEN : known();
}

/** The numbers a formula is shown with, only when no size is open (an open one has no value to show). */
function withoutOpen<T>(numbers: T, spatial: number[]): { numbers?: T } {
  return spatial.some((d) => d < 0) ? {} : { numbers };
}

/**
 * A window larger than its input in a 'valid' convolution: a negative size, which tfjs refuses when
 * a Sequential adds the layer ("Negative dimension size caused by adding layer …") but carries on
 * through `layer.apply`. Unknown either way, never a shape. A size of 0 tfjs accepts. (A computed -1
 * is not an open size: the input's own size says which.)
 */
function negativeSize(kind: string, spatial: number[], out: number[], x: number[]): (TfLayerApply & { params: null }) | undefined {
  // (A stride, dilation or kernel size of 0: tfjs leaves the size open or empty; not followed.)
  if (spatial.some((L, i) => L >= 0 && !Number.isFinite(out[i]))) return unk(kind, 'a stride, dilation or kernel size of 0', 'stride、dilation 或 kernelSize 为 0');
  if (!spatial.some((L, i) => L >= 0 && (out[i] ?? 0) < 0)) return undefined;
  return unk(kind, `the kernel is larger than the input ${fmtShape(x)} (a negative size)`, `卷积核大于输入 ${fmtShape(x)}（负尺寸）`);
}

/**
 * tfjs builds a convolution whose strides and dilationRate are both above 1 (model.summary() shows
 * its shape) but its conv ops refuse to run it: predict() and fit() throw "Either strides or
 * dilations must be 1". Conv2DTranspose and DepthwiseConv2D never dilate, so they run.
 */
function stridedDilation(s: number[], d: number[]): TfLayerApply['problem'] {
  if (!s.some((v) => v !== 1) || !d.some((v) => v !== 1)) return undefined;
  const message = {
    en: `strides ${fmtShape(s)} with dilationRate ${fmtShape(d)}: tfjs builds the layer but predict() and fit() throw "Either strides or dilations must be 1"`,
    'zh-cn': `strides ${fmtShape(s)} 与 dilationRate ${fmtShape(d)} 同时大于 1：tfjs 能建出该层，但 predict() 和 fit() 会抛出 "Either strides or dilations must be 1"`,
  };
  return { message, key: 'dilationRate' };
}

/** A merge layer (Add, Concatenate, …) applied to one tensor or a list of one: tfjs's apply throws. */
function oneInput(kind: string): TfLayerApply & { params: null } {
  const message = { en: `${kind} merges a list of at least 2 inputs, gets 1 (tfjs throws when it is applied)`, 'zh-cn': `${kind} 需要至少 2 个输入的列表，实际只有 1 个（tfjs 在 apply 时抛出错误）` };
  return { output: unknown(message.en, message['zh-cn']), params: null, problem: { message } };
}

/** Conv1D/2D/3D with padding 'causal': tfjs 4.22 sizes it as 'valid' (model.summary() shows that) but its conv ops do not implement it. */
function causalProblem(): TfLayerApply['problem'] {
  const message = {
    en: `padding 'causal': tfjs 4.22 builds the layer with 'valid' sizes (shown) but predict() and fit() throw "The support for CAUSAL padding mode … is not implemented yet"`,
    'zh-cn': `padding 'causal'：tfjs 4.22 按 'valid' 计算尺寸建出该层（如图所示），但 predict() 和 fit() 会抛出 "The support for CAUSAL padding mode … is not implemented yet"`,
  };
  return { message, key: 'padding' };
}

function unk(kind: string, en: string, zh: string): TfLayerApply & { params: null } {
  return { output: unknown(`${kind}: ${en}`, `${kind}：${zh}`), params: null };
}
/**
 * A 2-D convolution over a channels-last input whose two spatial axes start at `from` (1 for an
 * image, 2 for ConvLSTM2D's frames): its channels and output sizes, or why they are not known.
 */
function channelsLastConv(kind: string, x: number[], from: number, k: number[], s: number[], d: number[], padding: 'same' | 'valid'): { cin: number; spatial: number[]; out: number[] } | (TfLayerApply & { params: number | null }) {
  const cin = x[x.length - 1] ?? 0;
  if (!(cin > 0)) return unk(kind, 'the input channels are unknown', '输入通道数未知');
  const spatial = x.slice(from, from + 2);
  const out = spatial.map((L, i) => openSize(L, () => tfConvOutLength(L, k[i] ?? 1, s[i] ?? 1, padding, d[i] ?? 1)));
  return negativeSize(kind, spatial, out, x) ?? { cin, spatial, out };
}

function badRank(kind: string, want: string, shape: number[]): TfLayerApply & { params: null } {
  const message = { en: `${kind} expects a ${want} input, gets ${fmtShape(shape)}`, 'zh-cn': `${kind} 需要 ${want} 输入，实际为 ${fmtShape(shape)}` };
  return { output: unknown(message.en, message['zh-cn']), params: null, problem: { message } };
}

/**
 * `cells`: the cells of `tf.layers.rnn({cell})` / `stackedRNNCells({cells})` in order (a single cell
 * is a list of one), undefined when the analysis does not know them all as cells.
 */
/**
 * Settings tfjs asserts are positive integers when it makes the layer (`assertPositiveInteger`;
 * a kernel size when it makes the weights): `units: inDim / 2` with an odd inDim, `units: 0` throw.
 */
const POSITIVE_INTEGERS: Record<string, readonly string[]> = {
  dense: ['units'], simpleRNN: ['units'], lstm: ['units'], gru: ['units'], simpleRNNCell: ['units'], lstmCell: ['units'], gruCell: ['units'],
  conv1d: ['filters'], conv2d: ['filters'], conv3d: ['filters'], convLstm2d: ['filters'], conv2dTranspose: ['filters'], separableConv2d: ['filters'], embedding: ['inputDim', 'outputDim'],
  maxPooling1d: ['poolSize', 'strides'], averagePooling1d: ['poolSize', 'strides'], maxPooling2d: ['poolSize', 'strides'], averagePooling2d: ['poolSize', 'strides'],
  maxPooling3d: ['poolSize', 'strides'], averagePooling3d: ['poolSize', 'strides'],
};

/**
 * Sizes that become a weight's dimensions when tfjs builds the layer: a fraction is refused there
 * ("a shape comprised of positive integers"). (A kernel size of 0 is not: tfjs builds an empty kernel.)
 */
const WHOLE_NUMBERS: Record<string, readonly string[]> = {
  conv1d: ['kernelSize'], conv2d: ['kernelSize'], conv3d: ['kernelSize'], convLstm2d: ['kernelSize'], conv2dTranspose: ['kernelSize'], separableConv2d: ['kernelSize', 'depthMultiplier'], depthwiseConv2d: ['kernelSize', 'depthMultiplier'],
};

/**
 * Settings tfjs normalizes to one number per spatial axis when it makes the layer (`normalizeArray`,
 * the pooling layers' own checks): a list of another length is refused ("must be an integer or tuple
 * of 2 integers"). (MaxPooling2D/3D's poolSize of another length is not: tfjs makes NaN sizes.)
 */
const PER_AXIS: Record<string, { rank: number; keys: readonly string[] }> = {
  conv1d: { rank: 1, keys: ['kernelSize', 'strides', 'dilationRate'] }, conv2d: { rank: 2, keys: ['kernelSize', 'strides', 'dilationRate'] }, conv3d: { rank: 3, keys: ['kernelSize', 'strides', 'dilationRate'] },
  conv2dTranspose: { rank: 2, keys: ['kernelSize', 'strides', 'dilationRate'] }, separableConv2d: { rank: 2, keys: ['kernelSize', 'strides', 'dilationRate'] },
  depthwiseConv2d: { rank: 2, keys: ['kernelSize', 'strides', 'dilationRate'] }, convLstm2d: { rank: 2, keys: ['kernelSize', 'strides', 'dilationRate'] },
  maxPooling1d: { rank: 1, keys: ['poolSize', 'strides'] }, averagePooling1d: { rank: 1, keys: ['poolSize', 'strides'] },
  maxPooling2d: { rank: 2, keys: ['strides'] }, averagePooling2d: { rank: 2, keys: ['strides'] }, maxPooling3d: { rank: 3, keys: ['strides'] }, averagePooling3d: { rank: 3, keys: ['strides'] },
};

/** Layers whose `padding` tfjs checks is a PaddingMode ('valid', 'same', 'causal': case matters) when it makes them; the second list, modes they refuse besides. */
const PADDING_MODES: Record<string, readonly string[]> = {
  conv1d: [], conv2d: [], conv3d: [], depthwiseConv2d: [], convLstm2d: [], conv2dTranspose: ['causal'], separableConv2d: ['causal'],
  maxPooling1d: [], averagePooling1d: [], maxPooling2d: [], averagePooling2d: [], maxPooling3d: [], averagePooling3d: [],
};

/** The first such setting given a number (or a list of numbers) tfjs refuses: a non-positive or fractional count, a fractional size. */
export function tfRefusedSetting(factory: string, c: JsConfig): { key: string; message: Msg } | undefined {
  const numbers = (key: string): number[] => {
    const v = c.get(key);
    return typeof v === 'number' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : [];
  };
  // tfjs 4.22's GRUCell throws on resetAfter: true (Keras's other GRU variant) when the layer is made.
  if ((factory === 'gru' || factory === 'gruCell') && c.get('resetAfter') === true) {
    return { key: 'resetAfter', message: { en: 'resetAfter: true is refused by tfjs 4.22 when it makes the layer ("GRUCell does not support reset_after parameter set to true")', 'zh-cn': 'tfjs 4.22 创建该层时拒绝 resetAfter: true（"GRUCell does not support reset_after parameter set to true"）' } };
  }
  const padding = c.get('padding');
  const refusedModes = PADDING_MODES[factory];
  if (refusedModes && typeof padding === 'string' && (!['valid', 'same', 'causal'].includes(padding) || refusedModes.includes(padding))) {
    return { key: 'padding', message: { en: `padding '${padding}' is refused by tfjs when it makes the layer (${refusedModes.includes(padding) ? "this layer takes 'valid' or 'same'" : "modes are 'valid', 'same' or 'causal', in lower case"})`, 'zh-cn': `tfjs 创建该层时拒绝 padding '${padding}'（${refusedModes.includes(padding) ? "该层只接受 'valid' 或 'same'" : "可选 'valid'、'same' 或 'causal'，须小写"}）` } };
  }
  const axes = PER_AXIS[factory];
  for (const key of axes?.keys ?? []) {
    const v = c.get(key);
    if (Array.isArray(v) && v.length !== axes!.rank) return { key, message: { en: `${key} is a list of ${v.length}: tfjs takes a number or a list of ${axes!.rank} and refuses it when it makes the layer`, 'zh-cn': `${key} 是长度为 ${v.length} 的列表：tfjs 只接受一个数或长度为 ${axes!.rank} 的列表，创建该层时拒绝` } };
  }
  for (const key of POSITIVE_INTEGERS[factory] ?? []) {
    const bad = numbers(key).find((x) => !(Number.isInteger(x) && x > 0));
    if (bad !== undefined) return { key, message: { en: `${key} must be a positive integer: tfjs refuses ${bad}`, 'zh-cn': `${key} 必须是正整数：tfjs 拒绝 ${bad}` } };
  }
  for (const key of WHOLE_NUMBERS[factory] ?? []) {
    const bad = numbers(key).find((x) => Number.isFinite(x) && !Number.isInteger(x));
    if (bad !== undefined) return { key, message: { en: `${key} must be a whole number: tfjs refuses ${bad} when it makes the weights`, 'zh-cn': `${key} 必须是整数：tfjs 创建权重时拒绝 ${bad}` } };
  }
  return undefined;
}

export function buildTfLayer(factory: string, c: JsConfig, inner?: TfLayerSpec, cells?: TfLayerSpec[]): TfLayerSpec | undefined {
  const kind = CLASS[factory];
  if (!kind) return undefined;
  const refused = tfRefusedSetting(factory, c);
  if (refused) return { kind, apply: () => ({ output: unknown(refused.message.en, refused.message['zh-cn']), params: null, problem: { message: refused.message, key: refused.key } }) };
  const useBias = bool(c, 'useBias', true);
  switch (factory) {
    case 'dense':
      return {
        kind,
        apply: ([x]) => {
          const units = n(c, 'units');
          if (!x || units === undefined) return unk(kind, 'units or input unknown', 'units 或输入未知');
          const numbers: LayerNumbers = { inFeatures: x[x.length - 1] ?? 0, outFeatures: units, bias: useBias };
          return { output: tensor([...x.slice(0, -1), units]), params: layerParamCount('tfjs', kind, numbers), numbers };
        },
      };
    case 'conv1d':
    case 'conv2d':
    case 'conv3d':
    case 'conv2dTranspose': {
      const dims = factory === 'conv1d' ? 1 : factory === 'conv3d' ? 3 : 2;
      return {
        kind,
        apply: ([x]) => {
          const filters = n(c, 'filters');
          const k = ints(c, 'kernelSize', dims);
          const s = intsOr(c, 'strides', dims, Array<number>(dims).fill(1));
          const d = intsOr(c, 'dilationRate', dims, Array<number>(dims).fill(1));
          const written = str(c, 'padding', 'valid');
          if (!x || filters === undefined || !k) return unk(kind, 'filters, kernelSize or input unknown', 'filters、kernelSize 或输入未知');
          if (!s || !d) return unk(kind, `strides or dilationRate not ${dims === 1 ? 'a number' : 'a number or a pair'}`, `strides 或 dilationRate 的形式不对`);
          // 'causal': tfjs 4.22 sizes the layer as 'valid' and refuses to run it (causalProblem).
          const causal = written === 'causal' && factory !== 'conv2dTranspose';
          const padding = causal ? 'valid' : written;
          if (padding !== 'same' && padding !== 'valid') return unk(kind, `padding '${padding}'`, `padding '${padding}'`);
          // channelsFirst ([N, C, H, W], AlphaZero-style nets): followed for conv2d only.
          const first = str(c, 'dataFormat', 'channelsLast') === 'channelsFirst';
          if (str(c, 'dataFormat', 'channelsLast') !== 'channelsLast' && !(first && factory === 'conv2d')) return unk(kind, 'channelsFirst is not followed', '不支持 channelsFirst');
          if (x.length !== dims + 2) return badRank(kind, `${dims + 2}-D`, x);
          const cin = (first ? x[1] : x[x.length - 1]) ?? 0;
          const spatial = first ? x.slice(2) : x.slice(1, 1 + dims);
          if (!(cin > 0)) return unk(kind, 'the input channels are unknown', '输入通道数未知');
          const out = spatial.map((L, i) =>
            openSize(L, () => (factory === 'conv2dTranspose' ? tfConvTransposeOutLength(L, k[i] ?? 1, s[i] ?? 1, padding) : tfConvOutLength(L, k[i] ?? 1, s[i] ?? 1, padding, d[i] ?? 1))),
          );
          const negative = negativeSize(kind, spatial, out, x);
          if (negative) return negative;
          const numbers: LayerNumbers = { in: spatial, out, kernel: k, stride: s, padding, dilation: d, inChannels: cin, outChannels: filters, bias: useBias };
          const problem = causal ? causalProblem() : factory === 'conv2dTranspose' ? undefined : stridedDilation(s, d);
          return { output: tensor(first ? [x[0] ?? -1, filters, ...out] : [x[0] ?? -1, ...out, filters]), params: layerParamCount('tfjs', kind, numbers), ...withoutOpen(numbers, spatial), ...(problem ? { problem } : {}) };
        },
      };
    }
    // An LSTM over frames whose gates are convolutions: [batch, steps, rows, cols, C] → the last
    // state's map (every step's with returnSequences); the input convolution sets the sizes.
    case 'convLstm2d':
      return {
        kind,
        apply: ([x]) => {
          const filters = n(c, 'filters');
          const k = ints(c, 'kernelSize', 2);
          const s = intsOr(c, 'strides', 2, [1, 1]);
          const d = intsOr(c, 'dilationRate', 2, [1, 1]);
          const padding = str(c, 'padding', 'valid');
          if (!x || filters === undefined || !k || !s || !d) return unk(kind, 'filters, kernelSize, strides, dilationRate or input unknown', 'filters、kernelSize、strides、dilationRate 或输入未知');
          if (padding !== 'same' && padding !== 'valid') return unk(kind, `padding '${padding}'`, `padding '${padding}'`);
          if (str(c, 'dataFormat', 'channelsLast') !== 'channelsLast') return unk(kind, 'channelsFirst is not followed', '不支持 channelsFirst');
          if (bool(c, 'returnState', false)) return unk(kind, 'returnState gives a list of states (not followed)', 'returnState 返回状态列表（不分析）');
          if (x.length !== 5) return badRank(kind, '5-D', x);
          const sizes = channelsLastConv(kind, x, 2, k, s, d, padding);
          if ('output' in sizes) return sizes;
          const { cin, out } = sizes;
          const numbers: LayerNumbers = { inChannels: cin, outChannels: filters, kernel: k, bias: useBias };
          const shape = bool(c, 'returnSequences', false) ? [x[0] ?? -1, x[1] ?? -1, ...out, filters] : [x[0] ?? -1, ...out, filters];
          const problem = stridedDilation(s, d);
          return { output: tensor(shape), params: layerParamCount('tfjs', kind, numbers), numbers, ...(problem ? { problem } : {}) };
        },
      };
    case 'separableConv2d':
    case 'depthwiseConv2d': {
      const separable = factory === 'separableConv2d';
      return {
        kind,
        apply: ([x]) => {
          const filters = separable ? n(c, 'filters') : undefined;
          const m = c.has('depthMultiplier') ? n(c, 'depthMultiplier') : 1;
          const k = ints(c, 'kernelSize', 2);
          const s = intsOr(c, 'strides', 2, [1, 1]);
          // DepthwiseConv2D ignores dilationRate in tfjs 4.22 (computeOutputShape and call both).
          const d = separable ? (ints(c, 'dilationRate', 2) ?? (c.has('dilationRate') ? undefined : [1, 1])) : [1, 1];
          const padding = str(c, 'padding', 'valid');
          if (!x || (separable && filters === undefined) || m === undefined || !k || !d || !s) return unk(kind, `${separable ? 'filters, ' : ''}kernelSize, depthMultiplier, dilationRate or input unknown`, `${separable ? 'filters、' : ''}kernelSize、depthMultiplier、dilationRate 或输入未知`);
          if (padding !== 'same' && padding !== 'valid') return unk(kind, `padding '${padding}'`, `padding '${padding}'`);
          if (str(c, 'dataFormat', 'channelsLast') !== 'channelsLast') return unk(kind, 'channelsFirst is not followed', '不支持 channelsFirst');
          if (x.length !== 4) return badRank(kind, '4-D', x);
          const sizes = channelsLastConv(kind, x, 1, k, s, d, padding);
          if ('output' in sizes) return sizes;
          const { cin, spatial, out } = sizes;
          const outChannels = filters ?? cin * m;
          const numbers: LayerNumbers = { in: spatial, out, kernel: k, stride: s, padding, dilation: d, inChannels: cin, outChannels, depthMultiplier: m, bias: useBias };
          const problem = separable ? stridedDilation(s, d) : undefined;
          return { output: tensor([x[0] ?? -1, ...out, outChannels]), params: layerParamCount('tfjs', kind, numbers), ...withoutOpen(numbers, spatial), ...(problem ? { problem } : {}) };
        },
      };
    }
    case 'maxPooling1d':
    case 'maxPooling2d':
    case 'maxPooling3d':
    case 'averagePooling1d':
    case 'averagePooling2d':
    case 'averagePooling3d': {
      const dims = Number(factory.slice(-2, -1));
      return {
        kind,
        apply: ([x]) => {
          const k = intsOr(c, 'poolSize', dims, Array<number>(dims).fill(2));
          const s = k ? intsOr(c, 'strides', dims, k) : undefined;
          const padding = str(c, 'padding', 'valid');
          if (!x) return unk(kind, 'input unknown', '输入未知');
          // tfjs 4.22 makes NaN sizes of a 2-D pool size that is not a pair, and rejects such strides.
          if (!k || !s) return unk(kind, `poolSize or strides not ${dims === 1 ? 'a number' : 'a number or a pair'}`, 'poolSize 或 strides 的形式不对');
          if (padding !== 'same' && padding !== 'valid') return unk(kind, `padding '${padding}'`, `padding '${padding}'`);
          const format = str(c, 'dataFormat', 'channelsLast');
          const first = format === 'channelsFirst' && dims === 2;
          if (format !== 'channelsLast' && !first) return unk(kind, 'channelsFirst is not followed', '不支持 channelsFirst');
          if (x.length !== dims + 2) return badRank(kind, `${dims + 2}-D`, x);
          const spatial = first ? x.slice(2) : x.slice(1, 1 + dims);
          const out = spatial.map((L, i) => openSize(L, () => tfConvOutLength(L, k[i] ?? 1, s[i] ?? 1, padding, 1)));
          // A window larger than a 'valid' input: tfjs 4.22 makes a size of 0 (not followed here).
          if (spatial.some((L, i) => L >= 0 && !(out[i]! >= 1))) return unk(kind, `poolSize ${fmtShape(k)} is larger than the input ${fmtShape(x)}`, `poolSize ${fmtShape(k)} 大于输入 ${fmtShape(x)}`);
          return { output: tensor(first ? [x[0] ?? -1, x[1] ?? 0, ...out] : [x[0] ?? -1, ...out, x[x.length - 1] ?? 0]), params: 0, ...withoutOpen({ in: spatial, out, kernel: k, stride: s, padding }, spatial) };
        },
      };
    }
    case 'globalAveragePooling1d':
    case 'globalAveragePooling2d':
    case 'globalMaxPooling1d':
    case 'globalMaxPooling2d':
      return {
        kind,
        apply: ([x]) => {
          if (!x) return unk(kind, 'input unknown', '输入未知');
          const format = str(c, 'dataFormat', 'channelsLast');
          if (format !== 'channelsLast' && !(format === 'channelsFirst' && factory.endsWith('2d'))) return unk(kind, 'channelsFirst is not followed', '不支持 channelsFirst');
          // tfjs's InputSpec: exactly 3-D for the 1-D poolings, 4-D for the 2-D ones.
          const rank = factory.endsWith('1d') ? 3 : 4;
          if (x.length !== rank) return badRank(kind, `${rank}-D`, x);
          return { output: tensor([x[0] ?? -1, (format === 'channelsFirst' ? x[1] : x[x.length - 1]) ?? 0]), params: 0 };
        },
      };
    case 'flatten':
      return {
        kind,
        apply: ([x]) => {
          if (!x) return unk(kind, 'input unknown', '输入未知');
          const rest = x.slice(1);
          // tfjs refuses to build a Flatten whose input has an open size (beyond the batch), or of rank below 3.
          if (rest.some((d) => d < 0)) return unk(kind, 'the input has an open size (tfjs: "not fully defined")', '输入含未定尺寸（tfjs："not fully defined"）');
          // (Its inputSpec's minNDim: tfjs throws "expected min_ndim=3".)
          if (x.length < 3) return badRank(kind, 'rank 3 or higher', x);
          return { output: tensor([x[0] ?? -1, product(rest)], rest.length > 1 ? { factors: rest, line: 0 } : undefined), params: 0, numbers: { flattened: rest } };
        },
      };
    case 'dropout': case 'spatialDropout1d': case 'gaussianNoise': case 'gaussianDropout': case 'alphaDropout': case 'activation':
    case 'reLU': case 'leakyReLU': case 'softmax': case 'elu': case 'masking': case 'thresholdedReLU':
      return { kind, apply: ([x]) => (x ? { output: tensor(same(x)), params: 0 } : unk(kind, 'input unknown', '输入未知')) };
    case 'prelu':
      return {
        kind,
        apply: ([x]) => {
          // One alpha per input element (the batch aside), shared along `sharedAxes` (1-based, the batch is 0).
          const shared = c.get('sharedAxes');
          const axes = shared === undefined || shared === null ? [] : typeof shared === 'number' ? [shared] : Array.isArray(shared) && shared.every((v) => typeof v === 'number') ? (shared as number[]) : undefined;
          if (!x || !axes || x.slice(1).some((d) => d < 0)) return unk(kind, 'input or sharedAxes unknown', '输入或 sharedAxes 未知');
          const numbers: LayerNumbers = { numParameters: product(x.slice(1).map((d, i) => (axes.includes(i + 1) ? 1 : d))) };
          return { output: tensor(x), params: layerParamCount('tfjs', kind, numbers), numbers };
        },
      };
    case 'cropping2D':
      return {
        kind,
        apply: ([x]) => {
          // cropping: n (all sides), [h, w] (each symmetric), or [[top, bottom], [left, right]].
          const pads = sides(c.get('cropping'), undefined);
          if (!x || !pads || x.length !== 4 || str(c, 'dataFormat', 'channelsLast') !== 'channelsLast') return unk(kind, 'cropping or input unknown', 'cropping 或输入未知');
          const h = openSize(x[1] ?? 0, () => (x[1] ?? 0) - pads[0] - pads[1]);
          const w = openSize(x[2] ?? 0, () => (x[2] ?? 0) - pads[2] - pads[3]);
          // (A computed -1 is not tfjs's open size: compare with the input's own.)
          if ((x[1] ?? 0) >= 0 && h < 0) return unk(kind, 'crops more than the height', '裁剪超过高度');
          if ((x[2] ?? 0) >= 0 && w < 0) return unk(kind, 'crops more than the width', '裁剪超过宽度');
          return { output: tensor([x[0] ?? -1, h, w, x[3] ?? 0]), params: 0 };
        },
      };
    case 'batchNormalization':
    case 'layerNormalization':
      return {
        kind,
        apply: ([x]) => {
          if (!x) return unk(kind, 'input unknown', '输入未知');
          // LayerNormalization's axis may be a list: its parameters span every dimension listed.
          const given = c.get('axis');
          const axes = given === undefined || given === null ? [-1] : typeof given === 'number' ? [given] : factory === 'layerNormalization' && isIntList(given) ? given : undefined;
          const at = axes?.map((a) => (a < 0 ? x.length + a : a));
          if (factory === 'batchNormalization' && at?.length === 1 && (at[0]! < 0 || at[0]! >= x.length || (x[at[0]!] ?? 0) < 0)) {
            // tfjs's build: "Axis 3 of input tensor should have a defined dimension" (the batch's null too).
            const message = { en: `axis ${String(given)} of an input ${fmtShape(x)} is ${at[0]! < 0 || at[0]! >= x.length ? 'out of range' : 'open (null)'}: tfjs refuses it when it builds the layer`, 'zh-cn': `输入 ${fmtShape(x)} 的 axis ${String(given)} ${at[0]! < 0 || at[0]! >= x.length ? '越界' : '未定（null）'}：tfjs 构建该层时拒绝` };
            return { output: unknown(message.en, message['zh-cn']), params: null, problem: { message, key: 'axis' } };
          }
          if (!at || at.some((a) => a < 0 || a >= x.length) || new Set(at).size !== at.length) return unk(kind, 'axis unknown or out of range', 'axis 未知或越界');
          const sizes = at.map((a) => x[a] ?? 0);
          if (sizes.some((d) => !(d > 0))) return unk(kind, 'the normalised dimension is open', '被归一化的维度未定');
          const numbers: LayerNumbers = { numFeatures: product(sizes), center: bool(c, 'center', true), scale: bool(c, 'scale', true) };
          return { output: tensor(x), params: layerParamCount('tfjs', kind, numbers), numbers };
        },
      };
    case 'reshape':
      return {
        kind,
        apply: ([x]) => {
          const t = c.get('targetShape');
          if (!x || !Array.isArray(t) || !t.every((v) => typeof v === 'number')) return unk(kind, 'targetShape unknown', 'targetShape 未知');
          const target = t as number[];
          if (target.filter((v) => v === -1).length > 1) {
            // (tfjs builds it, every size open, and refuses it when it runs.)
            const message = { en: `targetShape [${target.join(', ')}] has more than one -1: tfjs builds the layer but predict() and fit() throw "Can only specifiy one unknown dimension"`, 'zh-cn': `targetShape [${target.join(', ')}] 含多个 -1：tfjs 能建出该层，但 predict() 和 fit() 会抛出 "Can only specifiy one unknown dimension"` };
            return { output: unknown(message.en, message['zh-cn']), params: 0, problem: { message, key: 'targetShape' } };
          }
          if (target.some((v) => v < -1 || !Number.isInteger(v))) return unk(kind, 'targetShape has a size tfjs rejects', 'targetShape 含 tfjs 不接受的尺寸');
          // An open size in the input (the batch's null too), as tfjs 4.22 sees it when building: the
          // target as written, its -1 left open (a Flatten after it refuses to build).
          if (x.some((d) => d < 0)) {
            if (x.slice(1).every((d) => d >= 0)) {
              const total = product(x.slice(1));
              const known = product(target.filter((v) => v !== -1));
              if (target.includes(-1) ? known === 0 || total % known !== 0 : known !== total) {
                const message = { en: `Reshape to ${fmtShape(target)} needs ${known} values per sample, the input ${fmtShape(x)} has ${total}`, 'zh-cn': `Reshape 到 ${fmtShape(target)} 需要每个样本 ${known} 个值，输入 ${fmtShape(x)} 有 ${total} 个` };
                return { output: unknown(message.en, message['zh-cn']), params: 0, problem: { message, expected: known, actual: total } };
              }
            }
            return { output: tensor([x[0] ?? OPEN, ...target.map((v) => (v === -1 ? OPEN : v))]), params: 0 };
          }
          const total = product(x.slice(1));
          const known = product(target.filter((v) => v !== -1));
          const out = target.map((v) => (v === -1 ? total / known : v));
          if (product(out) !== total || out.some((v) => !Number.isInteger(v))) {
            const message = { en: `Reshape to ${fmtShape(target)} needs ${known} values per sample, the input ${fmtShape(x)} has ${total}`, 'zh-cn': `Reshape 到 ${fmtShape(target)} 需要每个样本 ${known} 个值，输入 ${fmtShape(x)} 有 ${total} 个` };
            return { output: unknown(message.en, message['zh-cn']), params: 0, problem: { message, expected: known, actual: total } };
          }
          return { output: tensor([x[0] ?? -1, ...out]), params: 0 };
        },
      };
    case 'permute':
      return {
        kind,
        apply: ([x]) => {
          const dims = c.get('dims');
          if (!x || !Array.isArray(dims) || !dims.every((d) => typeof d === 'number')) return unk(kind, 'dims unknown', 'dims 未知');
          // tfjs refuses dims that are not 1…n in some order, and an input of another rank than n + 1.
          const sorted = [...(dims as number[])].sort((a, b) => a - b);
          if (!sorted.every((d, i) => d === i + 1)) {
            const message = { en: `dims ${fmtShape(dims as number[])} must hold 1…${dims.length} once each (tfjs: "Invalid permutation")`, 'zh-cn': `dims ${fmtShape(dims as number[])} 必须恰好包含 1…${dims.length} 各一次（tfjs："Invalid permutation"）` };
            return { output: unknown(message.en, message['zh-cn']), params: null, problem: { message, key: 'dims' } };
          }
          if (x.length !== dims.length + 1) return badRank(kind, `${dims.length + 1}-D`, x);
          return { output: tensor([x[0] ?? -1, ...(dims as number[]).map((d) => x[d]!)]), params: 0 };
        },
      };
    case 'repeatVector':
      return { kind, apply: ([x]) => (x && n(c, 'n') !== undefined ? { output: tensor([x[0] ?? -1, n(c, 'n') ?? 0, x[1] ?? 0]), params: 0 } : unk(kind, 'n unknown', 'n 未知')) };
    case 'embedding':
      return {
        kind,
        apply: ([x]) => {
          const vocab = n(c, 'inputDim');
          const dim = n(c, 'outputDim');
          if (!x || dim === undefined) return unk(kind, 'outputDim unknown', 'outputDim 未知');
          // `inputLength` (a number or one per input dimension) must agree with the input's sizes,
          // and stands for an open one (tfjs's Embedding.computeOutputShape).
          const given = c.get('inputLength');
          let lengths = x.slice(1);
          if (given !== undefined && given !== null) {
            const want = typeof given === 'number' ? [given] : isIntList(given) ? given : undefined;
            if (!want) return unk(kind, 'inputLength unknown', 'inputLength 未知');
            if (want.length !== lengths.length || want.some((w, i) => lengths[i]! >= 0 && lengths[i] !== w)) {
              const message = { en: `Embedding's inputLength ${fmtShape(want)} does not match its input ${fmtShape(x)} (tfjs refuses it)`, 'zh-cn': `Embedding 的 inputLength ${fmtShape(want)} 与输入 ${fmtShape(x)} 不符（tfjs 会拒绝）` };
              return { output: unknown(message.en, message['zh-cn']), params: null, problem: { message } };
            }
            lengths = lengths.map((d, i) => (d >= 0 ? d : want[i]!));
          }
          const out = tensor([x[0] ?? -1, ...lengths, dim]);
          // The vocabulary sizes the weights only: the output is known without it.
          if (vocab === undefined) return { output: out, params: null };
          const numbers: LayerNumbers = { vocab, dim };
          return { output: out, params: layerParamCount('tfjs', kind, numbers), numbers };
        },
      };
    case 'simpleRNN':
    case 'lstm':
    case 'gru':
      return {
        kind,
        apply: ([x]) => {
          const units = n(c, 'units');
          if (!x || units === undefined) return unk(kind, 'units or input unknown', 'units 或输入未知');
          if (x.length !== 3) return badRank(kind, '3-D [batch, timeSteps, features]', x);
          const numbers: LayerNumbers = { inputSize: x[2] ?? 0, hidden: units, layers: 1, directions: 1, bias: useBias };
          const out = bool(c, 'returnSequences', false) ? [x[0] ?? -1, x[1] ?? 0, units] : [x[0] ?? -1, units];
          return { output: tensor(out), params: layerParamCount('tfjs', kind, numbers), numbers };
        },
      };
    case 'simpleRNNCell':
    case 'lstmCell':
    case 'gruCell':
      return {
        kind,
        cell: true,
        apply: ([x]) => {
          const units = n(c, 'units');
          if (!x || units === undefined) return unk(kind, 'units or input unknown', 'units 或输入未知');
          if (x.length !== 2) return badRank(kind, '2-D [batch, features] (one time step)', x);
          const numbers: LayerNumbers = { inputSize: x[1] ?? 0, hidden: units, layers: 1, directions: 1, bias: useBias };
          return { output: tensor([x[0] ?? -1, units]), params: layerParamCount('tfjs', kind, numbers), numbers };
        },
      };
    case 'stackedRNNCells':
    case 'rnn': {
      const rnn = factory === 'rnn';
      return {
        kind,
        ...(rnn ? {} : { cell: true as const }),
        apply: ([x]) => {
          if (!cells || cells.length === 0 || !cells.every((s) => s.cell)) return unk(kind, `${rnn ? 'cell' : 'cells'} not known as RNN cells`, `${rnn ? 'cell' : 'cells'} 不是已知的 RNN 单元`);
          if (!x) return unk(kind, 'input unknown', '输入未知');
          if (x.length !== (rnn ? 3 : 2)) return badRank(kind, rnn ? '3-D [batch, timeSteps, features]' : '2-D [batch, features] (one time step)', x);
          // Each cell is built on the one before it's output; the RNN's output is the last cell's
          // (tfjs: the first of its stateSize, listed last cell first).
          let step = rnn ? [x[0] ?? -1, x[2] ?? 0] : x;
          let params = 0;
          const parts: { kind: string; numbers: LayerNumbers }[] = [];
          for (const cell of cells) {
            const r = cell.apply([step]);
            if (r.output.t !== 'tensor' || r.params === null || !r.numbers || r.problem) return { ...r, params: null };
            step = r.output.shape;
            params += r.params;
            parts.push({ kind: cell.kind, numbers: r.numbers });
          }
          const units = step[step.length - 1] ?? 0;
          const numbers: LayerNumbers = { cells: parts };
          const total = layerParamCount('tfjs', kind, numbers);
          if (total !== params) return unk(kind, 'the cells\' parameters are not known', '单元的参数未知');
          if (!rnn) return { output: tensor(step), params: total, numbers };
          // returnState makes the output a list [output, ...states], which is not followed.
          if (bool(c, 'returnState', false)) return { output: unknown(`${kind}: returnState outputs are not followed`, `${kind}：不分析 returnState 的输出`), params: total, numbers };
          const out = bool(c, 'returnSequences', false) ? [x[0] ?? -1, x[1] ?? 0, units] : [x[0] ?? -1, units];
          return { output: tensor(out), params: total, numbers };
        },
      };
    }
    case 'bidirectional':
      return {
        kind,
        apply: (inputs) => {
          if (!inner) return unk(kind, 'wrapped layer unknown', '被包装的层未知');
          // tfjs 4.22 copies the wrapped layer through its config, and an RNN's cells do not survive it (it throws).
          if (inner.kind === 'RNN') return unk(kind, 'tfjs cannot copy a tf.layers.rnn for the backward direction', 'tfjs 无法为反向复制 tf.layers.rnn');
          const r = inner.apply(inputs);
          if (r.output.t !== 'tensor' || r.params === null || !r.numbers) return { ...r, params: null };
          const mode = str(c, 'mergeMode', 'concat');
          const o = r.output.shape;
          const out = mode === 'concat' ? [...o.slice(0, -1), (o[o.length - 1] ?? 0) * 2] : o;
          const numbers: LayerNumbers = { wrapped: { kind: inner.kind, numbers: r.numbers } };
          return { output: tensor(out), params: layerParamCount('tfjs', kind, numbers), numbers };
        },
      };
    case 'timeDistributed':
      return {
        kind,
        apply: ([x]) => {
          if (!inner) return unk(kind, 'wrapped layer unknown', '被包装的层未知');
          if (!x) return unk(kind, 'input unknown', '输入未知');
          // (tfjs throws "TimeDistributed layer expects an input shape >= 3D".)
          if (x.length < 3) return badRank(kind, '3-D or higher', x);
          // The wrapped layer runs on each time step: [batch, time, …] → [batch, …] per step.
          const r = inner.apply([[x[0] ?? -1, ...x.slice(2)]]);
          if (r.output.t !== 'tensor' || r.problem) return { ...r, params: null };
          // [batch, steps, …] → each step's output under the same batch and steps (a layer without weights too).
          const output = tensor([x[0] ?? -1, x[1] ?? 0, ...r.output.shape.slice(1)]);
          // (A wrapped layer without weights, pooling or Flatten: none.)
          if (r.params === 0 || r.params === null || !r.numbers) return { output, params: r.params };
          const numbers: LayerNumbers = { wrapped: { kind: inner.kind, numbers: r.numbers } };
          return { output, params: layerParamCount('tfjs', kind, numbers), numbers };
        },
      };
    case 'dot':
      return {
        kind,
        apply: (xs) => {
          const [a, b] = xs;
          if (!a || !b || xs.length !== 2) return unk(kind, 'needs a list of two inputs', '需要两个输入的列表');
          if (a.length > 3 || b.length > 3) return unk(kind, 'tfjs supports inputs of at most 3 dimensions', 'tfjs 只支持至多 3 维的输入');
          const given = c.get('axes');
          const norm = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);
          const axes = typeof given === 'number' ? [norm(given, a.length), norm(given, b.length)] : Array.isArray(given) && given.length === 2 && given.every((v) => typeof v === 'number') ? [norm(given[0] as number, a.length), norm(given[1] as number, b.length)] : undefined;
          if (!axes) return unk(kind, 'axes unknown', 'axes 未知');
          const [i, j] = axes as [number, number];
          if (a[i] !== b[j]) {
            const message = { en: `Dot over axes ${i} and ${j}: the sizes ${a[i]} and ${b[j]} differ (inputs ${fmtShape(a)}, ${fmtShape(b)})`, 'zh-cn': `Dot 沿轴 ${i} 与 ${j}：大小 ${a[i]} 与 ${b[j]} 不同（输入 ${fmtShape(a)}、${fmtShape(b)}）` };
            return { output: unknown(message.en, message['zh-cn']), params: 0, problem: { message } };
          }
          const out = [...a.filter((_, k) => k !== i), ...b.filter((_, k) => k !== j).slice(1)];
          if (out.length === 1) out.push(1);
          return { output: tensor(out), params: 0 };
        },
      };
    case 'zeroPadding2d':
      return {
        kind,
        apply: ([x]) => {
          // padding: n, [h, w] (each symmetric), or [[top, bottom], [left, right]]; 1 by default.
          const pp = sides(c.get('padding'), 1);
          const format = str(c, 'dataFormat', 'channelsLast');
          if (!x || !pp || x.length !== 4 || (format !== 'channelsLast' && format !== 'channelsFirst')) return unk(kind, 'padding unknown', 'padding 未知');
          // Rows and columns: dims 1, 2 channels-last; 2, 3 channels-first.
          const r = format === 'channelsFirst' ? 2 : 1;
          const out = [...x];
          out[r] = openSize(x[r] ?? 0, () => (x[r] ?? 0) + pp[0] + pp[1]);
          out[r + 1] = openSize(x[r + 1] ?? 0, () => (x[r + 1] ?? 0) + pp[2] + pp[3]);
          return { output: tensor(out), params: 0 };
        },
      };
    case 'upSampling2d':
      return {
        kind,
        apply: ([x]) => {
          // tfjs 4.22 reads size as [rows, cols] only: a single number gives NaN sizes.
          const given = c.get('size');
          const s = given === undefined || given === null ? [2, 2] : isIntList(given) && given.length === 2 ? given : undefined;
          const format = str(c, 'dataFormat', 'channelsLast');
          if (!s) return unk(kind, 'size is not a pair [rows, cols] (tfjs gives NaN sizes for anything else)', 'size 不是 [行, 列]（其他形式 tfjs 得到 NaN）');
          if (!x || x.length !== 4 || (format !== 'channelsLast' && format !== 'channelsFirst')) return unk(kind, 'input unknown', '输入未知');
          const r = format === 'channelsFirst' ? 2 : 1;
          const out = [...x];
          out[r] = openSize(x[r] ?? 0, () => (x[r] ?? 0) * (s[0] ?? 1));
          out[r + 1] = openSize(x[r + 1] ?? 0, () => (x[r + 1] ?? 0) * (s[1] ?? 1));
          return { output: tensor(out), params: 0 };
        },
      };
    case 'concatenate':
      return {
        kind,
        apply: (xs) => {
          const first = xs[0];
          if (!first) return unk(kind, 'needs a list of inputs', '需要输入列表');
          if (xs.length < 2) return oneInput(kind);
          const axis = n(c, 'axis') ?? -1;
          const a = axis < 0 ? first.length + axis : axis;
          for (const s of xs) {
            if (s.length !== first.length || s.some((v, j) => j !== a && v !== first[j])) {
              const message = { en: `Concatenate along axis ${axis}: the other sizes must match, gets ${xs.map(fmtShape).join(', ')}`, 'zh-cn': `沿轴 ${axis} 拼接：其余各维必须相同，实际为 ${xs.map(fmtShape).join('、')}` };
              return { output: unknown(message.en, message['zh-cn']), params: 0, problem: { message } };
            }
          }
          return { output: tensor(first.map((v, j) => (j === a ? xs.reduce((acc, s) => acc + (s[j] ?? 0), 0) : v))), params: 0 };
        },
      };
    case 'add': case 'multiply': case 'average': case 'maximum': case 'minimum':
      return {
        kind,
        apply: (xs) => {
          const first = xs[0];
          if (!first) return unk(kind, 'needs a list of inputs', '需要输入列表');
          if (xs.length < 2) return oneInput(kind);
          // tfjs's Merge layers broadcast (computeElementwiseOpOutputShape): [null, 100] · [null, 1, 100] → [null, 1, 100].
          let out: number[] | null = first.slice(1);
          for (const x of xs.slice(1)) out = out && broadcastTf(out, x.slice(1));
          if (!out) {
            const message = { en: `${kind} cannot broadcast its inputs ${xs.map(fmtShape).join(', ')} together`, 'zh-cn': `${kind} 无法将输入 ${xs.map(fmtShape).join('、')} 广播到同一形状` };
            return { output: unknown(message.en, message['zh-cn']), params: 0, problem: { message } };
          }
          const batches = [...new Set(xs.map((x) => x[0] ?? -1).filter((b) => b >= 0))];
          return { output: tensor([batches.length === 1 ? batches[0]! : -1, ...out]), params: 0 };
        },
      };
    case 'inputLayer':
      return { kind, apply: ([x]) => (x ? { output: tensor(x), params: 0 } : unk(kind, 'input unknown', '输入未知')) };
    default:
      return undefined;
  }
}

/** Layers without weights, whatever their input. */
const WEIGHTLESS = new Set([
  'maxPooling1d', 'maxPooling2d', 'maxPooling3d', 'averagePooling1d', 'averagePooling2d', 'averagePooling3d', 'globalAveragePooling1d', 'globalAveragePooling2d', 'globalMaxPooling1d', 'globalMaxPooling2d',
  'flatten', 'dropout', 'spatialDropout1d', 'gaussianNoise', 'gaussianDropout', 'alphaDropout', 'activation', 'reLU', 'leakyReLU', 'softmax', 'elu',
  'reshape', 'permute', 'repeatVector', 'dot', 'zeroPadding2d', 'upSampling2d', 'concatenate', 'add', 'multiply', 'average', 'maximum', 'minimum', 'inputLayer',
  'masking', 'thresholdedReLU', 'cropping2D',
]);

/**
 * The parameter count of a layer whose input is not known, where it does not depend on the input
 * (a weightless layer, an Embedding's table); null where it does (Dense and Conv need the input's
 * channels, normalisation its axis size).
 */
export function tfParamsWithoutInput(factory: string, c: JsConfig): number | null {
  if (tfRefusedSetting(factory, c)) return null;
  if (WEIGHTLESS.has(factory)) return 0;
  if (factory === 'embedding') {
    const vocab = n(c, 'inputDim');
    const dim = n(c, 'outputDim');
    return vocab !== undefined && dim !== undefined ? layerParamCount('tfjs', 'Embedding', { vocab, dim }) : null;
  }
  return null;
}

/** tfjs's elementwise broadcast of two shapes without the batch; null when they cannot broadcast. */
function broadcastTf(a: number[], b: number[]): number[] | null {
  if (a.length < b.length) return broadcastTf(b, a);
  const out = a.slice(0, a.length - b.length);
  for (let k = 0; k < b.length; k++) {
    const i = a[a.length - b.length + k]!;
    const j = b[k]!;
    if (i < 0 || j < 0) out.push(-1);
    else if (i === 1) out.push(j);
    else if (j === 1) out.push(i);
    else if (i !== j) return null;
    else out.push(i);
  }
  return out;
}

// PyTorch's built-in layers: their constructor signatures (1.13), parameter counts as
// `sum(p.numel() for p in m.parameters())` gives them, and output shapes as `forward` computes them.
import type { Node } from './parser';
import type { ConfigValue, Msg } from './types';
import { asInt, asInts, asNumber, fmtShape, product, tensor, truth, unknown, type Merged, type Value } from './values';
import { broadcast, convOutLength, convTransposeOutLength, expand, factorText, poolOutLength, unflattenSizes } from './shapeMath';
import { layerParamCount, type LayerNumbers } from '../formula/layerFormulas';
import { einopsShape, type EinopsMode } from './einops';
import { isPacked, makePacked, packedInfo } from './torchPacked';

export interface Arg {
  value: Value;
  node?: Node;
}

export interface ArgList {
  positional: Arg[];
  keyword: Map<string, Arg>;
  /** `f(*xs)` / `f(**kw)` with contents the analysis does not know: unbound parameters are this, not their defaults. */
  unknownRest?: Value;
  /** The call spreads a list or dict (`**kwargs`), known or not: a factory run on its own spreads an empty one its caller would fill. */
  splat?: true;
  /** A class a registry decorator records (`@register("wide")`) and nothing in the file builds: its `**kwargs` hold what the config would pass, not nothing. */
  builtByRegistry?: true;
}

export interface LayerProblem {
  message: Msg;
  /** Constructor argument whose number is wrong; the quick fix replaces its text. */
  argName?: string;
  expected?: number;
  actual?: number;
  fixText?: string;
  /** The constructor surely raises this exception (not only a setting PyTorch may refuse later). */
  refusal?: 'TypeError' | 'AssertionError' | 'ValueError';
  /** About a recurrent layer's initial state, not its input (the explanation differs). */
  state?: true;
}

export interface ApplyResult {
  output: Value;
  problems: LayerProblem[];
  /** Numbers for the formulas: sizes per spatial dim and every setting that changes a size or a count. */
  numbers?: LayerNumbers;
}

export interface BuiltinLayer {
  kind: string;
  config: Record<string, ConfigValue>;
  params: number | null;
  /** Why `params` is null. */
  paramsUnknown?: Msg;
  argNodes: Map<string, Node>;
  problems: LayerProblem[];
  apply(inputs: Value[]): ApplyResult;
  /** Shapes of its parameters by name (`weight`, `bias`), null when not known: for `layer.weight` and weight tying. */
  weights?: Record<string, number[] | null>;
  /** Parameters removed after construction (`del layer._parameters['weight']`) with their shapes: a plain tensor may take the name (a pre-hook's computed weight). */
  removed?: Record<string, number[]>;
  /** The constructor's settings, which code may assign again after the layer is built (`conv.stride = (1, 1)`). */
  settings?: ReadonlySet<string>;
  /** The layer as forward runs it after such assignments (see makeLayer). */
  withSettings?(changes: ReadonlyMap<string, Value>): BuiltinLayer;
}

type Sig = readonly (readonly [string, Value | undefined])[];

const I = (v: number): Value => ({ t: 'num', v, int: true });
const B = (v: boolean): Value => ({ t: 'bool', v });
const S = (v: string): Value => ({ t: 'str', v });
const N: Value = { t: 'none' };

function bind(sig: Sig, args: ArgList): { values: Map<string, Value>; nodes: Map<string, Node>; missing: string[] } {
  const values = new Map<string, Value>();
  const nodes = new Map<string, Node>();
  sig.forEach(([name], i) => {
    const a = args.positional[i] ?? args.keyword.get(name);
    if (a) {
      values.set(name, a.value);
      if (a.node) nodes.set(name, a.node);
    }
  });
  const missing: string[] = [];
  for (const [name, def] of sig) {
    if (!values.has(name)) {
      if (args.unknownRest) values.set(name, args.unknownRest);
      else if (def === undefined) missing.push(name);
      else values.set(name, def);
    }
  }
  return { values, nodes, missing };
}

function toConfig(v: Value | undefined): ConfigValue {
  if (v === undefined) return null;
  switch (v.t) {
    case 'num':
      return v.v;
    case 'str':
      return v.v;
    case 'bool':
      return v.v;
    case 'seq':
      return v.items.map(toConfig);
    default:
      return null;
  }
}

function msg(en: string, zh: string): Msg {
  return { en, 'zh-cn': zh };
}

function unknownOut(kind: string): ApplyResult {
  return { output: unknown(`the input of ${kind} is not known`, `${kind} 的输入形状未知`), problems: [] };
}

function inputTensor(inputs: Value[]): { shape: number[]; merged?: Merged } | undefined {
  const x = inputs[0];
  return x?.t === 'tensor' ? x : undefined;
}

function bad(kind: string, en: string, zh: string): ApplyResult {
  return { output: unknown(`${kind}: ${en}`, `${kind}：${zh}`), problems: [{ message: msg(`${kind}: ${en}`, `${kind}：${zh}`) }] };
}

/** nn.Unfold / nn.Fold: kernel positions and the number of blocks that fit an H×W plane (as a convolution's output positions). */
function slidingBlocks(v: Map<string, Value>): { area: number; count: (h: number, w: number) => number | undefined } | undefined {
  const k = expand(asInts(v.get('kernel_size')), 2);
  const d = expand(asInts(v.get('dilation')), 2);
  const p = expand(asInts(v.get('padding')), 2);
  const s = expand(asInts(v.get('stride')), 2);
  if (!k || !d || !p || !s) return undefined;
  return {
    area: k[0]! * k[1]!,
    count: (h, w) => {
      const lh = convOutLength(h, k[0]!, s[0]!, p[0]!, d[0]!);
      const lw = convOutLength(w, k[1]!, s[1]!, p[1]!, d[1]!);
      return lh > 0 && lw > 0 ? lh * lw : undefined;
    },
  };
}

const identityKinds = new Set([
  'ReLU', 'ReLU6', 'LeakyReLU', 'GELU', 'SiLU', 'ELU', 'SELU', 'CELU', 'Sigmoid', 'Tanh', 'Softplus', 'Softsign', 'Hardtanh',
  'Hardswish', 'Hardsigmoid', 'Mish', 'Tanhshrink', 'Softmax', 'LogSoftmax', 'Softmin', 'Dropout', 'Dropout1d', 'Dropout2d',
  'Dropout3d', 'AlphaDropout', 'FeatureAlphaDropout', 'Identity', 'Softmax2d', 'Threshold', 'Hardshrink', 'Softshrink', 'LogSigmoid',
  'ChannelShuffle', 'LocalResponseNorm', 'CrossMapLRN2d', 'RReLU',
]);

/** Layer classes we know, by the name after `nn.`. */
export function isTorchLayer(kind: string): boolean {
  return identityKinds.has(kind) || kind in builders;
}

/** Every layer class we know (the formula tests walk this list, so a new kind needs a case). */
export function torchLayerKinds(): string[] {
  return [...identityKinds, ...Object.keys(builders)];
}

export function buildTorchLayer(kind: string, args: ArgList): BuiltinLayer | undefined {
  if (identityKinds.has(kind)) return identityLayer(kind, args);
  const b = builders[kind];
  return b ? b(kind, args) : undefined;
}

/** The settings of shape-keeping layers, in PyTorch 1.13's order, with their defaults: read back as attributes (`self.dropout.p`). */
const DROPOUT_SIG: [string, ConfigValue][] = [['p', 0.5], ['inplace', false]];
const INPLACE_SIG: [string, ConfigValue][] = [['inplace', false]];
const IDENTITY_SIGS: Record<string, [string, ConfigValue][]> = {
  ...Object.fromEntries(['Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout', 'FeatureAlphaDropout'].map((k) => [k, DROPOUT_SIG])),
  ...Object.fromEntries(['ReLU', 'ReLU6', 'SiLU', 'Hardswish', 'Hardsigmoid', 'Mish', 'SELU'].map((k) => [k, INPLACE_SIG])),
  LeakyReLU: [['negative_slope', 0.01], ['inplace', false]],
  ELU: [['alpha', 1.0], ['inplace', false]],
  CELU: [['alpha', 1.0], ['inplace', false]],
  GELU: [['approximate', 'none']],
  ...Object.fromEntries(['Softmax', 'LogSoftmax', 'Softmin'].map((k) => [k, [['dim', null]]])),
  Softplus: [['beta', 1], ['threshold', 20]],
};

const SOFTMAX_KINDS: ReadonlySet<string> = new Set(['Softmax', 'LogSoftmax', 'Softmin']);

function identityLayer(kind: string, args: ArgList, later?: ReadonlyMap<string, Value>): BuiltinLayer {
  const config: Record<string, ConfigValue> = {};
  const sig = IDENTITY_SIGS[kind];
  if (sig && args.positional.length <= sig.length && [...args.keyword.keys()].every((k) => sig.some(([n]) => n === k))) {
    // Named as PyTorch stores them; a setting given as a value the analysis cannot read stays out (unknown when read back).
    sig.forEach(([name, dflt], i) => {
      const a = args.positional[i] ?? args.keyword.get(name);
      if (!a && args.unknownRest) return;
      const v = a ? toConfig(a.value) : dflt;
      if (!a || v !== null || a.value.t === 'none') config[name] = v;
    });
  } else {
    args.positional.forEach((a, i) => (config[String(i)] = toConfig(a.value)));
    for (const [k, a] of args.keyword) config[k] = toConfig(a.value);
  }
  // Settings assigned after construction (`self.softmax.dim = -1`): forward reads the attribute.
  for (const [k, v] of later ?? []) config[k] = toConfig(v);
  // `nn.Dropout(1.5)`: its constructor refuses a probability outside [0, 1] (ValueError).
  const p = later?.has('p') ? undefined : config.p;
  const problems: LayerProblem[] = /Dropout/.test(kind) && typeof p === 'number' && (p < 0 || p > 1)
    ? [{ message: msg(`${kind}: dropout probability has to be between 0 and 1, but got ${p} (a ValueError)`, `${kind}：dropout 概率必须在 0 到 1 之间，实际为 ${p}（ValueError）`), refusal: 'ValueError' }]
    : [];
  const refused = problems[0];
  if (refused) return { kind, config, params: null, paramsUnknown: refused.message, argNodes: new Map(), problems, apply: () => ({ output: unknown(refused.message.en, refused.message['zh-cn']), problems: [] }) };
  return {
    kind, config, params: 0, argNodes: new Map(), problems,
    ...(sig ? { settings: new Set(sig.map(([name]) => name)), withSettings: (changes: ReadonlyMap<string, Value>) => identityLayer(kind, args, changes) } : {}),
    apply: (inputs) => {
      const x = inputs[0];
      if (x === undefined) return unknownOut(kind);
      if (x.t === 'tensor') {
        // `nn.Softmax(dim=2)` on a 2-D input: the call raises IndexError, no shape comes out.
        const d = SOFTMAX_KINDS.has(kind) ? config.dim : undefined;
        const r = Math.max(x.shape.length, 1);
        if (typeof d === 'number' && Number.isInteger(d) && (d < -r || d >= r)) {
          const why = msg(`${kind}: dim ${d} is out of range for an input of shape ${fmtShape(x.shape)} (an IndexError)`, `${kind}：dim ${d} 超出形状为 ${fmtShape(x.shape)} 的输入的维度范围（IndexError）`);
          return { output: unknown(why.en, why['zh-cn']), problems: [{ message: why }] };
        }
        return { output: x, problems: [] };
      }
      return { output: x.t === 'unknown' ? x : unknown(`${kind} got a non-tensor`, `${kind} 的输入不是张量`), problems: [] };
    },
  };
}

type Builder = (kind: string, args: ArgList) => BuiltinLayer;

/** Arguments layers gained after PyTorch 1.13 (1.13 refuses them): what they give depends on the user's version. */
const LATER_ARGUMENTS: Record<string, readonly string[]> = { LayerNorm: ['bias'] };

/** Settings that size a layer's weights: 0 in one of them is a placeholder, not a size. */
const WEIGHT_SIZES: ReadonlySet<string> = new Set(['in_features', 'out_features', 'in1_features', 'in2_features', 'in_channels', 'out_channels', 'num_embeddings', 'embedding_dim', 'input_size', 'hidden_size', 'num_features', 'embed_dim', 'd_model', 'num_channels']);

const isZero = (v: Value | undefined): boolean => v?.t === 'num' && v.v === 0;

function makeLayer(kind: string, sig: Sig, args: ArgList, make: (v: Map<string, Value>, problems: LayerProblem[]) => { params: number | null; apply: (inputs: Value[]) => ApplyResult; weights?: Record<string, number[] | null> }): BuiltinLayer {
  const later = (LATER_ARGUMENTS[kind] ?? []).find((k) => args.keyword.has(k));
  if (later) {
    const why = msg(`${kind}(${later}=…) is PyTorch 2.1's (1.13 refuses it): its parameters depend on the version`, `${kind}(${later}=…) 是 PyTorch 2.1 的参数（1.13 拒绝）：其参数量取决于版本`);
    return { kind, config: {}, params: null, paramsUnknown: why, argNodes: new Map(), problems: [], apply: () => ({ output: unknown(why.en, why['zh-cn']), problems: [] }) };
  }
  const { values, nodes, missing } = bind(sig, args);
  const config: Record<string, ConfigValue> = {};
  for (const [name] of sig) config[name] = toConfig(values.get(name));
  const problems: LayerProblem[] = [];
  if (missing.length > 0) {
    // (After `*args` / `**kwargs`: a factory run on its own spreads empty ones its real caller
    // fills, so the arguments are not known, not missing — as refusedArgs does for functions.)
    const why = args.splat
      ? msg(`${kind}: ${missing.join(', ')} not known (spread from *args / **kwargs)`, `${kind}：${missing.join(', ')} 未知（来自 *args / **kwargs 展开）`)
      : msg(`${kind} is missing ${missing.join(', ')}`, `${kind} 缺少参数 ${missing.join(', ')}`);
    if (!args.splat) problems.push({ message: why });
    const missingOut = unknown(why.en, why['zh-cn']);
    return { kind, config, params: null, paramsUnknown: why, argNodes: nodes, problems, apply: () => ({ output: missingOut, problems: [] }) };
  }
  const placeholder = sig.find(([name]) => WEIGHT_SIZES.has(name) && isZero(values.get(name)))?.[0];
  if (placeholder) {
    // `def __init__(self, n_features=0)`: a 0 the real caller replaces with its data's size.
    // PyTorch would build an empty layer, which no model means: unknown, not a count of 0 weights.
    const why = msg(`${kind}: ${placeholder} = 0, a placeholder size (the real one comes from the caller or the data)`, `${kind}：${placeholder} = 0，是占位尺寸（实际尺寸来自调用者或数据）`);
    return { kind, config, params: null, paramsUnknown: why, argNodes: nodes, problems, apply: () => ({ output: unknown(why.en, why['zh-cn']), problems: [] }) };
  }
  // `nn.Conv2d([(1, 16), (1, 32)], 64, 3)` (a config list landing in in_channels): PyTorch's
  // arithmetic on the size raises TypeError before the layer exists.
  // (Not a norm's num_features: BatchNorm takes a list as torch.empty's shape, and InstanceNorm
  // without affine weights only stores it; nor a lazy layer's, which makes no weight yet.)
  const notASize = kind.startsWith('Lazy') ? undefined : sig.find(([name]) => WEIGHT_SIZES.has(name) && name !== 'num_features' && ['seq', 'dict', 'str'].includes(values.get(name)?.t ?? ''))?.[0];
  // `nn.Linear(d, d / 2)`: a float size, which torch.empty refuses when the layer makes its weights
  // (a TypeError, whole or not: 4.0 too). Not for layers that only store it (InstanceNorm without weights).
  const floatSize = kind.startsWith('Lazy') || notASize ? undefined : sig.find(([name]) => {
    const v = values.get(name);
    return WEIGHT_SIZES.has(name) && ((v?.t === 'num' && !v.int && Number.isFinite(v.v)) || v?.t === 'bool') && !(kind.startsWith('InstanceNorm') && name === 'num_features');
  })?.[0];
  if (floatSize) {
    const got = values.get(floatSize) as Value & { t: 'num' | 'bool' };
    // (A bool is no size either: torch.empty refuses True as it does 4.0.)
    const shown = got.t === 'bool' ? (got.v ? 'True' : 'False') : Number.isInteger(got.v) ? got.v.toFixed(1) : String(got.v);
    const what = got.t === 'bool' ? { en: 'a bool', zh: '布尔值' } : { en: 'a float', zh: '浮点数' };
    const why = msg(`${kind}: ${floatSize} is ${what.en} (${shown}), not an int: PyTorch raises TypeError making its weights (use // or int())`, `${kind}：${floatSize} 是${what.zh}（${shown}），不是整数：PyTorch 创建权重时抛出 TypeError（请用 // 或 int()）`);
    problems.push({ message: why, refusal: 'TypeError' });
    return { kind, config, params: null, paramsUnknown: why, argNodes: nodes, problems, apply: () => ({ output: unknown(why.en, why['zh-cn']), problems: [] }) };
  }
  if (notASize) {
    const got = values.get(notASize)!;
    const what = got.t === 'str' ? 'a string' : got.t === 'dict' ? 'a dict' : got.t === 'seq' && got.tuple ? 'a tuple' : 'a list';
    const why = msg(`${kind}: ${notASize} is ${what}, not a number (PyTorch raises TypeError)`, `${kind}：${notASize} 是${got.t === 'str' ? '字符串' : got.t === 'dict' ? '字典' : got.t === 'seq' && got.tuple ? '元组' : '列表'}，不是数字（PyTorch 抛出 TypeError）`);
    problems.push({ message: why, refusal: 'TypeError' });
    return { kind, config, params: null, paramsUnknown: why, argNodes: nodes, problems, apply: () => ({ output: unknown(why.en, why['zh-cn']), problems: [] }) };
  }
  const made = make(values, problems);
  // A setting its constructor refuses (MultiheadAttention's heads, an RNN's dropout): the layer never exists — no count, no output.
  const refused = problems.find((p) => p.refusal);
  if (refused) return { kind, config, params: null, paramsUnknown: refused.message, argNodes: nodes, problems, apply: () => ({ output: unknown(refused.message.en, refused.message['zh-cn']), problems: [] }) };
  const unsure = settingUnknown(kind, sig, values);
  // A known input with a setting the analysis cannot read: say which setting and why, not "the
  // input is not known" or "settings are not known".
  const generic = new Set([`the input of ${kind} is not known`, `${kind} settings are not known`]);
  const apply = (inputs: Value[]): ApplyResult => {
    const r = made.apply(inputs);
    return unsure && inputTensor(inputs) && r.output.t === 'unknown' && generic.has(r.output.reason.en) ? { ...r, output: unknown(unsure.en, unsure['zh-cn']) } : r;
  };
  const layer: BuiltinLayer = { kind, config, params: made.params, argNodes: nodes, problems, apply };
  if (made.params === null) layer.paramsUnknown = unsure ?? problems[0]?.message ?? msg(`${kind}: its settings do not give a parameter count`, `${kind}：其参数设置无法得出参数量`);
  if (made.weights) layer.weights = made.weights;
  layer.settings = new Set(sig.map(([name]) => name));
  layer.withSettings = (changes) => changedLayer(layer, kind, sig, values, changes, make);
  return layer;
}

/**
 * A layer whose settings code assigned after building it (a dilated ResNet's `_nostride_dilate`:
 * `conv.stride = (1, 1); conv.dilation = conv.padding = (2, 2)`): PyTorch's forward reads stride,
 * padding, dilation, a pool's window… from the attributes, while the weights stay as built. The
 * layer is made again from the new settings when that leaves its weights as they are; a setting
 * that sizes the weights (kernel_size, groups, bias…), or a padding a non-zero padding mode
 * prepared at construction, makes its output unknown. The parameter count never changes.
 */
function changedLayer(layer: BuiltinLayer, kind: string, sig: Sig, values: Map<string, Value>, changes: ReadonlyMap<string, Value>, make: Parameters<typeof makeLayer>[3]): BuiltinLayer {
  const names = [...changes.keys()].join(', ');
  const after = (en: string, zh: string): BuiltinLayer => ({ ...layer, apply: () => ({ output: unknown(`${kind}: ${names} ${en}`, `${kind}：${names} ${zh}`), problems: [] }) });
  const keyword = new Map<string, { value: Value }>();
  for (const [name] of sig) {
    const v = changes.get(name) ?? values.get(name);
    if (v) keyword.set(name, { value: v });
  }
  if (/^Conv(?:Transpose)?[123]d$/.test(kind)) {
    const mode = (v: Value | undefined): string | undefined => (v === undefined ? 'zeros' : v.t === 'str' ? v.v : undefined);
    const before = mode(values.get('padding_mode'));
    const now = mode(keyword.get('padding_mode')?.value);
    if (before !== now || (changes.has('padding') && before !== 'zeros')) return after('changed after the layer was built, with a padding mode it prepared then', '在层构建后被修改，而其 padding 模式已在构建时确定');
  }
  const remade = makeLayer(kind, sig, { positional: [], keyword }, make);
  const sameWeights = layer.params !== null && remade.params === layer.params && JSON.stringify(remade.weights ?? {}) === JSON.stringify(layer.weights ?? {});
  if (!sameWeights) return after('changed after the layer was built, and they size its weights', '在层构建后被修改，而它们决定权重的形状');
  return { ...remade, config: layer.config, argNodes: layer.argNodes, problems: layer.problems, params: layer.params, ...(layer.weights ? { weights: layer.weights } : {}) };
}

/** The first setting of a layer that is not a plain value, as a reason; undefined when all are. */
function settingUnknown(kind: string, sig: Sig, values: Map<string, Value>): Msg | undefined {
  for (const [name] of sig) {
    const v = values.get(name);
    if (v?.t === 'unknown') return msg(`${kind}: ${name} is not known (${v.reason.en})`, `${kind}：${name} 未知（${v.reason['zh-cn']}）`);
  }
  for (const [name] of sig) {
    const v = values.get(name);
    if (v && v.t !== 'num' && v.t !== 'str' && v.t !== 'bool' && v.t !== 'none' && v.t !== 'seq') return msg(`${kind}: ${name} is not a value the analysis can read`, `${kind}：${name} 不是可分析的值`);
  }
  return undefined;
}

function convBuilder(dims: number): Builder {
  return (kind, args) =>
    makeLayer(kind, [
      ['in_channels', undefined], ['out_channels', undefined], ['kernel_size', undefined], ['stride', I(1)], ['padding', I(0)],
      ['dilation', I(1)], ['groups', I(1)], ['bias', B(true)], ['padding_mode', S('zeros')],
    ], args, (v, problems) => {
      const cin = asInt(v.get('in_channels'));
      const cout = asInt(v.get('out_channels'));
      const k = expand(asInts(v.get('kernel_size')), dims);
      const s = expand(asInts(v.get('stride')), dims);
      const d = expand(asInts(v.get('dilation')), dims);
      const g = asInt(v.get('groups'));
      const padV = v.get('padding');
      const padMode = padV?.t === 'str' ? padV.v : undefined;
      const p = padMode === undefined ? expand(asInts(padV), dims) : undefined;
      const bias = flagOf(v.get('bias'));
      let params: number | null = null;
      // PyTorch's constructor refuses padding='same' with a stride (ValueError), before any input.
      const refusedSame = padMode === 'same' && s?.some((st) => st !== 1) === true;
      if (refusedSame) problems.push({ message: msg(`padding='same' is not supported for strided convolutions (a ValueError; needs stride 1)`, `padding='same' 不支持带步长的卷积（ValueError；要求步长为 1）`), argName: 'padding', refusal: 'ValueError' });
      if (!refusedSame && cin !== undefined && cout !== undefined && k && g !== undefined && bias !== undefined) {
        // (The constructor's ValueError: no layer, no model around it.)
        if (cin % g !== 0 || cout % g !== 0) problems.push({ message: msg(`groups=${g} must divide in_channels=${cin} and out_channels=${cout} (a ValueError)`, `groups=${g} 必须整除 in_channels=${cin} 与 out_channels=${cout}（ValueError）`), refusal: 'ValueError' });
        else params = layerParamCount('pytorch', kind, { inChannels: cin, outChannels: cout, kernel: k, groups: g, bias });
      }
      return {
        params,
        weights: { weight: params !== null && cin !== undefined && cout !== undefined && k && g !== undefined ? [cout, cin / g, ...k] : null, ...(bias !== false ? { bias: cout === undefined || bias === undefined ? null : [cout] } : {}) },
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x) return unknownOut(kind);
          if (cin === undefined || cout === undefined || !k || !s || !d) return { output: unknown(`${kind} settings are not known`, `${kind} 的参数值未知`), problems: [] };
          const rank = x.shape.length;
          if (rank !== dims + 2 && rank !== dims + 1) return bad(kind, `expects a ${dims + 2}-D (batched) or ${dims + 1}-D input, gets ${fmtShape(x.shape)}`, `需要 ${dims + 2} 维（含批）或 ${dims + 1} 维输入，实际为 ${fmtShape(x.shape)}`);
          const cAxis = rank - dims - 1;
          const c = x.shape[cAxis] ?? 0;
          if (c !== cin) {
            // An image laid out channels-last ([B, H, W, C], as PIL / numpy / TensorFlow give it): the input wants a
            // permute, not the layer another in_channels (no fix offered).
            const channelsLast = dims === 2 && rank === 4 && x.shape[3] === cin;
            const hint = channelsLast ? { en: `; its last dimension is ${cin}: channels-last data wants .permute(0, 3, 1, 2)`, zh: `；其最后一维为 ${cin}：通道在最后的数据需要 .permute(0, 3, 1, 2)` } : { en: '', zh: '' };
            return {
              output: unknown(`${kind} input channels do not match`, `${kind} 输入通道数不匹配`),
              problems: [{ message: msg(`expects ${cin} input channels, gets ${c} (input ${fmtShape(x.shape)}${hint.en})`, `需要 ${cin} 个输入通道，实际为 ${c}（输入 ${fmtShape(x.shape)}${hint.zh}）`), argName: 'in_channels', expected: cin, actual: c, ...(channelsLast ? {} : { fixText: String(c) }) }],
            };
          }
          const spatialIn = x.shape.slice(cAxis + 1);
          let pads: number[];
          if (padMode === 'same') {
            // (Refused when made: reported there, once.)
            if (s.some((st) => st !== 1)) return { output: unknown(`${kind}: padding='same' needs stride 1`, `${kind}：padding='same' 要求步长为 1`), problems: [] };
            pads = k.map((kk, i) => ((d[i] ?? 1) * (kk - 1)) / 2);
          } else if (padMode === 'valid') pads = Array<number>(dims).fill(0);
          else if (p) pads = p;
          else return { output: unknown(`${kind} padding is not known`, `${kind} 的 padding 未知`), problems: [] };
          // PyTorch refuses it in the call (RuntimeError), whatever the input's size.
          if (pads.some((q) => q < 0)) return bad(kind, `negative padding (${pads.join(", ")}) is not supported`, `不支持负的 padding (${pads.join(", ")})`);
          const spatialOut = spatialIn.map((L, i) => (padMode === 'same' ? L : convOutLength(L, k[i] ?? 1, s[i] ?? 1, pads[i] ?? 0, d[i] ?? 1)));
          if (spatialOut.some((o) => !(o >= 1))) return bad(kind, `input ${fmtShape(x.shape)} is smaller than the kernel ${fmtShape(k)}`, `输入 ${fmtShape(x.shape)} 小于卷积核 ${fmtShape(k)}`);
          return {
            output: tensor([...x.shape.slice(0, cAxis), cout, ...spatialOut]),
            problems: [],
            ...(bias !== undefined ? { numbers: { in: spatialIn, out: spatialOut, kernel: k, stride: s, padding: padMode === 'same' || padMode === 'valid' ? padMode : pads, dilation: d, inChannels: cin, outChannels: cout, groups: g ?? 1, bias } } : {}),
          };
        },
      };
    });
}

function convTransposeBuilder(dims: number): Builder {
  return (kind, args) =>
    makeLayer(kind, [
      ['in_channels', undefined], ['out_channels', undefined], ['kernel_size', undefined], ['stride', I(1)], ['padding', I(0)],
      ['output_padding', I(0)], ['groups', I(1)], ['bias', B(true)], ['dilation', I(1)],
    ], args, (v, problems) => {
      const cin = asInt(v.get('in_channels'));
      const cout = asInt(v.get('out_channels'));
      const k = expand(asInts(v.get('kernel_size')), dims);
      const s = expand(asInts(v.get('stride')), dims);
      const p = expand(asInts(v.get('padding')), dims);
      const op = expand(asInts(v.get('output_padding')), dims);
      const d = expand(asInts(v.get('dilation')), dims);
      const g = asInt(v.get('groups')) ?? 1;
      const bias = flagOf(v.get('bias'));
      const split = cin !== undefined && cout !== undefined && g > 0 && (cin % g !== 0 || cout % g !== 0);
      if (split) problems.push({ message: msg(`groups=${g} must divide in_channels=${cin} and out_channels=${cout} (a ValueError)`, `groups=${g} 必须整除 in_channels=${cin} 与 out_channels=${cout}（ValueError）`), refusal: 'ValueError' });
      const params = !split && cin !== undefined && cout !== undefined && k && bias !== undefined ? layerParamCount('pytorch', kind, { inChannels: cin, outChannels: cout, kernel: k, groups: g, bias }) : null;
      return {
        params,
        weights: { weight: params !== null && cin !== undefined && cout !== undefined && k ? [cin, cout / g, ...k] : null, ...(bias !== false ? { bias: cout === undefined || bias === undefined ? null : [cout] } : {}) },
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || cin === undefined || cout === undefined || !k || !s || !p || !op || !d) return unknownOut(kind);
          const cAxis = x.shape.length - dims - 1;
          const c = x.shape[cAxis];
          if (c !== cin) return { output: unknown(`${kind} input channels do not match`, `${kind} 输入通道数不匹配`), problems: [{ message: msg(`expects ${cin} input channels, gets ${c}`, `需要 ${cin} 个输入通道，实际为 ${c}`), argName: 'in_channels', expected: cin, actual: c, fixText: String(c) }] };
          const spatialIn = x.shape.slice(cAxis + 1);
          let out = spatialIn.map((L, i) => convTransposeOutLength(L, k[i] ?? 1, s[i] ?? 1, p[i] ?? 0, d[i] ?? 1, op[i] ?? 0));
          // forward(x, output_size): PyTorch picks the output padding that gives that size, each
          // within [smallest, smallest + stride - 1], the constructor's output_padding unused.
          const asked = inputs[1];
          if (asked !== undefined && asked.t !== 'none') {
            const all = asInts(asked);
            const want = all && (all.length === dims ? all : all.length === dims + 2 ? all.slice(2) : undefined);
            if (!want) return { output: unknown(`${kind}: output_size the analysis cannot read`, `${kind}：无法分析的 output_size`), problems: [] };
            const smallest = spatialIn.map((L, i) => convTransposeOutLength(L, k[i] ?? 1, s[i] ?? 1, p[i] ?? 0, d[i] ?? 1, 0));
            const off = want.findIndex((w, i) => w < smallest[i]! || w > smallest[i]! + (s[i] ?? 1) - 1);
            if (off >= 0) return bad(kind, `output_size ${fmtShape(want)} is not reachable: dimension ${off} can be ${smallest[off]} to ${smallest[off]! + (s[off] ?? 1) - 1}`, `output_size ${fmtShape(want)} 无法得到：第 ${off} 维只能为 ${smallest[off]} 到 ${smallest[off]! + (s[off] ?? 1) - 1}`);
            out = want;
          }
          if (out.some((o) => !(o >= 1))) return bad(kind, `output size ${fmtShape(out)} is not valid (padding, output_padding or stride too large)`, `输出尺寸 ${fmtShape(out)} 无效（padding、output_padding 或 stride 过大）`);
          return {
            output: tensor([...x.shape.slice(0, cAxis), cout, ...out]),
            problems: [],
            ...(bias !== undefined ? { numbers: { in: spatialIn, out, kernel: k, stride: s, padding: p, outputPadding: asked !== undefined && asked.t !== 'none' ? out.map((o, i) => o - convTransposeOutLength(spatialIn[i]!, k[i] ?? 1, s[i] ?? 1, p[i] ?? 0, d[i] ?? 1, 0)) : op, dilation: d, inChannels: cin, outChannels: cout, groups: g, bias } } : {}),
          };
        },
      };
    });
}

function poolBuilder(dims: number, avg: boolean): Builder {
  const sig: Sig = avg
    ? [['kernel_size', undefined], ['stride', N], ['padding', I(0)], ['ceil_mode', B(false)], ['count_include_pad', B(true)], ['divisor_override', N]]
    : [['kernel_size', undefined], ['stride', N], ['padding', I(0)], ['dilation', I(1)], ['return_indices', B(false)], ['ceil_mode', B(false)]];
  return (kind, args) =>
    makeLayer(kind, sig, args, (v) => {
      const k = expand(asInts(v.get('kernel_size')), dims);
      const sv = v.get('stride');
      const s = sv?.t === 'none' ? k : expand(asInts(sv), dims);
      const p = expand(asInts(v.get('padding')), dims);
      const d = avg ? Array<number>(dims).fill(1) : expand(asInts(v.get('dilation')), dims);
      const cm = v.get('ceil_mode');
      const ceil = cm?.t === 'bool' ? cm.v : false;
      // (A flag the analysis cannot read: one tensor or a pair is not known.)
      const flag = v.get('return_indices');
      const returnIndices = flag === undefined ? false : flag.t === 'bool' ? flag.v : undefined;
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x) return unknownOut(kind);
          if (!k || !s || !p || !d) return { output: unknown(`${kind} settings are not known`, `${kind} 的参数值未知`), problems: [] };
          if (x.shape.length < dims + 1) return bad(kind, `expects at least ${dims + 1} dims, gets ${fmtShape(x.shape)}`, `至少需要 ${dims + 1} 维输入，实际为 ${fmtShape(x.shape)}`);
          const lead = x.shape.slice(0, x.shape.length - dims);
          const spatialIn = x.shape.slice(x.shape.length - dims);
          if (p.some((pp, i) => pp > (k[i] ?? 0) / 2)) return bad(kind, `padding should be at most half the kernel size`, `padding 不能超过核大小的一半`);
          const out = spatialIn.map((L, i) => poolOutLength(L, k[i] ?? 1, s[i] ?? 1, p[i] ?? 0, d[i] ?? 1, ceil, avg ? 'avg' : 'max'));
          if (out.some((o) => !(o >= 1))) return bad(kind, `input ${fmtShape(x.shape)} is smaller than the window ${fmtShape(k)}`, `输入 ${fmtShape(x.shape)} 小于池化窗口 ${fmtShape(k)}`);
          const y = tensor([...lead, ...out]);
          if (returnIndices === undefined) return unknownOut(kind);
          return { output: returnIndices ? { t: 'seq', items: [y, y], tuple: true } : y, problems: [], numbers: { in: spatialIn, out, kernel: k, stride: s, padding: p, dilation: d, ceilMode: ceil } };
        },
      };
    });
}

/**
 * nn.MaxUnpool1d/2d/3d: forward(input, indices, output_size=None). The default size is
 * (L - 1)·stride - 2·padding + kernel per spatial axis; an output_size (spatial, or with N and C)
 * must lie strictly within one stride of it, and the indices must have the input's shape.
 */
function unpoolBuilder(dims: number): Builder {
  return (kind, args) =>
    makeLayer(kind, [['kernel_size', undefined], ['stride', N], ['padding', I(0)]], args, (v) => {
      const k = expand(asInts(v.get('kernel_size')), dims);
      const sv = v.get('stride');
      const s = sv?.t === 'none' ? k : expand(asInts(sv), dims);
      const p = expand(asInts(v.get('padding')), dims);
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          const idx = inputs[1];
          if (!x) return unknownOut(kind);
          if (!k || !s || !p) return { output: unknown(`${kind} settings are not known`, `${kind} 的参数值未知`), problems: [] };
          if (x.shape.length !== dims + 1 && x.shape.length !== dims + 2) return bad(kind, `expects a ${dims + 2}-D (batched) or ${dims + 1}-D input, gets ${fmtShape(x.shape)}`, `需要 ${dims + 2} 维（含批）或 ${dims + 1} 维输入，实际为 ${fmtShape(x.shape)}`);
          if (idx?.t !== 'tensor') return { output: unknown(`${kind}: the indices are not known`, `${kind}：indices 未知`), problems: [] };
          if (fmtShape(idx.shape) !== fmtShape(x.shape)) return bad(kind, `the indices ${fmtShape(idx.shape)} must have the shape of the input ${fmtShape(x.shape)}`, `indices ${fmtShape(idx.shape)} 须与输入 ${fmtShape(x.shape)} 形状相同`);
          const spatialIn = x.shape.slice(x.shape.length - dims);
          const def = spatialIn.map((L, i) => (L - 1) * s[i]! - 2 * p[i]! + k[i]!);
          let out = def;
          const os = inputs[2];
          if (os !== undefined && os.t !== 'none') {
            let sizes = os.t === 'seq' ? os.items.map((it) => (it.t === 'num' && it.int ? it.v : undefined)) : undefined;
            if (!sizes || sizes.some((z) => z === undefined)) return { output: unknown(`${kind}: output_size is not known`, `${kind}：output_size 未知`), problems: [] };
            if (sizes.length === dims + 2) sizes = sizes.slice(2);
            if (sizes.length !== dims) return bad(kind, `output_size should have ${dims} or ${dims + 2} elements, has ${sizes.length}`, `output_size 应有 ${dims} 或 ${dims + 2} 个元素，实际为 ${sizes.length}`);
            const bad_ = sizes.findIndex((z, i) => !(def[i]! - s[i]! < z! && z! < def[i]! + s[i]!));
            if (bad_ >= 0) return bad(kind, `output_size ${fmtShape(sizes as number[])}: dimension ${bad_} must be between ${def[bad_]! - s[bad_]!} and ${def[bad_]! + s[bad_]!}`, `output_size ${fmtShape(sizes as number[])}：第 ${bad_} 维须在 ${def[bad_]! - s[bad_]!} 与 ${def[bad_]! + s[bad_]!} 之间`);
            out = sizes as number[];
          }
          if (out.some((o) => !(o > 0))) return bad(kind, `output size ${fmtShape(out)} is not positive`, `输出尺寸 ${fmtShape(out)} 不为正`);
          return { output: tensor([...x.shape.slice(0, x.shape.length - dims), ...out]), problems: [], numbers: { in: spatialIn, out } };
        },
      };
    });
}

type LossRule = 'broadcast' | 'same' | 'classes' | 'nll';

/**
 * Loss modules (no parameters; `weight` / `pos_weight` are buffers): forward(input, target) is a
 * scalar for reduction 'mean' / 'sum' ('batchmean' for KLDivLoss), the per-element shape for
 * 'none'. `broadcast`: input and target broadcast (L1, MSE…); `same`: PyTorch requires equal
 * sizes (BCE); `classes`: (N, C, d…) or (C) against class indices (N, d…) or probabilities of the
 * input's shape (CrossEntropyLoss); `nll`: class indices only. The legacy size_average / reduce
 * flags, or a weight the analysis cannot check, leave the output unknown.
 */
function lossBuilder(rule: LossRule, sig: Sig): Builder {
  return (kind, args) =>
    makeLayer(kind, sig, args, (v) => {
      const red = v.get('reduction');
      const legacy = ['size_average', 'reduce'].some((k) => v.has(k) && v.get(k)?.t !== 'none');
      const weights = ['weight', 'pos_weight'].map((k) => v.get(k)).filter((w): w is Value => w !== undefined && w.t !== 'none');
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          const t = inputs[1];
          if (!x) return unknownOut(kind);
          if (t?.t !== 'tensor') return { output: unknown(`${kind}: the target is not known`, `${kind}：target 未知`), problems: [] };
          if (legacy || red?.t !== 'str') return { output: unknown(`${kind}: the reduction is not known`, `${kind}：reduction 未知`), problems: [] };
          const reductions = kind === 'KLDivLoss' ? ['none', 'mean', 'sum', 'batchmean'] : ['none', 'mean', 'sum'];
          if (!reductions.includes(red.v)) return bad(kind, `reduction '${red.v}' is not one of ${reductions.join(', ')}`, `reduction '${red.v}' 不是 ${reductions.join('、')} 之一`);
          let each: number[] | undefined;
          if (rule === 'broadcast') {
            each = broadcast(x.shape, t.shape);
            if (!each) return bad(kind, `input ${fmtShape(x.shape)} and target ${fmtShape(t.shape)} do not broadcast`, `输入 ${fmtShape(x.shape)} 与 target ${fmtShape(t.shape)} 无法广播`);
          } else if (rule === 'same') {
            if (fmtShape(x.shape) !== fmtShape(t.shape)) return bad(kind, `the target ${fmtShape(t.shape)} must have the input's size ${fmtShape(x.shape)}`, `target ${fmtShape(t.shape)} 须与输入 ${fmtShape(x.shape)} 大小相同`);
            each = x.shape;
          } else {
            if (x.shape.length === 0) return bad(kind, 'needs an input of at least 1 dimension (C) or (N, C, …)', '输入至少需要 1 维：(C) 或 (N, C, …)');
            const perItem = x.shape.length === 1 ? [] : [x.shape[0]!, ...x.shape.slice(2)];
            const indices = fmtShape(t.shape) === fmtShape(perItem);
            const probabilities = rule === 'classes' && fmtShape(t.shape) === fmtShape(x.shape);
            if (!indices && !probabilities) return bad(kind, `the target ${fmtShape(t.shape)} fits neither class indices ${fmtShape(perItem)} nor probabilities ${fmtShape(x.shape)} for the input ${fmtShape(x.shape)}`, `target ${fmtShape(t.shape)} 既不是类别索引 ${fmtShape(perItem)} 也不是概率 ${fmtShape(x.shape)}（输入 ${fmtShape(x.shape)}）`);
            each = perItem;
          }
          for (const w of weights) {
            const c = x.shape.length === 1 ? x.shape[0] : x.shape[1];
            const ok = w.t === 'tensor' && (rule === 'classes' || rule === 'nll' ? fmtShape(w.shape) === fmtShape([c ?? -1]) : broadcast(w.shape, each) !== undefined && fmtShape(broadcast(w.shape, each)!) === fmtShape(each));
            if (!ok) return { output: unknown(`${kind}: the weight's shape is not known to fit`, `${kind}：weight 的形状是否匹配未知`), problems: [] };
          }
          return { output: tensor(red.v === 'none' ? each : []), problems: [] };
        },
      };
    });
}

const LEGACY_RED: Sig = [['size_average', N], ['reduce', N], ['reduction', S('mean')]];

/** nn.CosineSimilarity(dim=1) / nn.PairwiseDistance(p=2, eps, keepdim=False): x1 and x2 broadcast, then one dimension is reduced. */
function similarityBuilder(cosine: boolean): Builder {
  const sig: Sig = cosine ? [['dim', I(1)], ['eps', num(1e-8)]] : [['p', num(2)], ['eps', num(1e-6)], ['keepdim', B(false)]];
  return (kind, args) =>
    makeLayer(kind, sig, args, (v) => {
      const dim = cosine ? asInt(v.get('dim')) : -1;
      const kd = v.get('keepdim');
      const keep = cosine ? false : kd?.t === 'bool' ? kd.v : undefined;
      return {
        params: 0,
        apply: (inputs) => {
          const a = inputTensor(inputs);
          const b = inputs[1];
          if (!a || b?.t !== 'tensor') return unknownOut(kind);
          if (dim === undefined || keep === undefined) return { output: unknown(`${kind} settings are not known`, `${kind} 的参数值未知`), problems: [] };
          const both = broadcast(a.shape, b.shape);
          if (!both) return bad(kind, `${fmtShape(a.shape)} and ${fmtShape(b.shape)} do not broadcast`, `${fmtShape(a.shape)} 与 ${fmtShape(b.shape)} 无法广播`);
          if (!cosine) {
            // pairwise_distance reduces the last dimension; 1-D inputs give a 0-d result (keepdim: [1]).
            if (both.length === 0) return bad(kind, 'needs inputs of at least 1 dimension', '输入至少需要 1 维');
            return { output: tensor(keep ? [...both.slice(0, -1), 1] : both.slice(0, -1)), problems: [] };
          }
          const d = dim < 0 ? dim + both.length : dim;
          if (d < 0 || d >= both.length) return bad(kind, `dim ${dim} is out of range for ${fmtShape(both)}`, `dim ${dim} 超出 ${fmtShape(both)} 的维度范围`);
          return { output: tensor(both.filter((_, i) => i !== d)), problems: [] };
        },
      };
    });
}

/** nn.LPPool1d/2d(norm_type, kernel_size, stride=None, ceil_mode=False): PyTorch runs an average pool without padding on x^p, so its sizes. */
function lpPoolBuilder(dims: number): Builder {
  const avg = poolBuilder(dims, true);
  return (kind, args) =>
    makeLayer(kind, [['norm_type', undefined], ['kernel_size', undefined], ['stride', N], ['ceil_mode', B(false)]], args, (v) => {
      const inner = avg(kind, { positional: [], keyword: new Map(['kernel_size', 'stride', 'ceil_mode'].map((k) => [k, { value: v.get(k) ?? N }])) });
      return { params: 0, apply: (inputs) => inner.apply(inputs) };
    });
}

function adaptiveBuilder(dims: number): Builder {
  return (kind, args) =>
    makeLayer(kind, [['output_size', undefined], ['return_indices', B(false)]], args, (v) => {
      const raw = v.get('output_size');
      const sizes: (number | null)[] | undefined =
        raw?.t === 'seq' ? raw.items.map((it) => (it.t === 'none' ? null : (asInt(it) ?? -1))) : asInt(raw) !== undefined ? Array<number>(dims).fill(asInt(raw) ?? 0) : undefined;
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || !sizes || sizes.length !== dims || sizes.some((z) => z === -1)) return unknownOut(kind);
          const lead = x.shape.slice(0, x.shape.length - dims);
          const spatialIn = x.shape.slice(x.shape.length - dims);
          const out = spatialIn.map((L, i) => sizes[i] ?? L);
          // AdaptiveMaxPool's return_indices: the output and its indices, a pair.
          const flag = v.get('return_indices');
          if (flag?.t !== 'bool') return unknownOut(kind);
          const y = tensor([...lead, ...out]);
          return { output: flag.v ? { t: 'seq', items: [y, y], tuple: true } : y, problems: [], numbers: { in: spatialIn, out } };
        },
      };
    });
}

/**
 * A yes/no setting as PyTorch reads it (`if bias:`): Python's truth of the value, undefined when
 * the analysis does not know it (a layer's count or shape then stays unknown, never the default).
 */
function flagOf(v: Value | undefined): boolean | undefined {
  return v === undefined ? undefined : truth(v);
}

/** A normalization layer's `weight` and `bias` (registered in that order), when it has them. */
function affineWeights(affine: boolean | undefined, shape: number[] | undefined): Record<string, number[] | null> {
  if (affine === undefined) return { weight: null, bias: null };
  return affine ? { weight: shape ?? null, bias: shape ?? null } : {};
}

function normBuilder(dims: number): Builder {
  return (kind, args) =>
    makeLayer(kind, [['num_features', undefined], ['eps', num(1e-5)], ['momentum', num(0.1)], ['affine', B(true)], ['track_running_stats', B(true)]], args, (v) => {
      const c = asInt(v.get('num_features'));
      const affine = flagOf(v.get('affine'));
      return {
        params: c === undefined || affine === undefined ? null : layerParamCount('pytorch', kind, { numFeatures: c, affine }),
        weights: affineWeights(affine, c === undefined ? undefined : [c]),
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || c === undefined) return unknownOut(kind);
          // BatchNorm has no unbatched form (PyTorch 1.13's _check_input_dim: BatchNorm2d wants 4-D exactly, a ValueError otherwise).
          const okRank = dims === 1 ? x.shape.length === 2 || x.shape.length === 3 : x.shape.length === dims + 2;
          if (!okRank) return bad(kind, `expects ${dims === 1 ? '2-D or 3-D' : `${dims + 2}-D`} input, gets ${fmtShape(x.shape)} (a ValueError)`, `输入维数不对：${fmtShape(x.shape)}（ValueError）`);
          const got = x.shape[1];
          if (got !== c) return { output: unknown(`${kind} channels do not match`, `${kind} 通道数不匹配`), problems: [{ message: msg(`expects ${c} features, gets ${got}`, `需要 ${c} 个特征，实际为 ${got}`), argName: 'num_features', expected: c, actual: got, fixText: String(got) }] };
          return { output: tensor(x.shape), problems: [], ...(affine !== undefined ? { numbers: { numFeatures: c, affine } } : {}) };
        },
      };
    });
}

function num(v: number): Value {
  return { t: 'num', v, int: false };
}

/** An RNN's parameters by PyTorch's names (`weight_ih_l0`, `bias_hh_l1_reverse`, `weight_hr_l0`), so an assignment to one replaces it. */
function rnnWeights(kind: string, n: { inputSize: number; hidden: number; layers: number; directions: number; bias: boolean; projSize: number }): Record<string, number[]> {
  const gates = (kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1) * n.hidden;
  const outH = n.projSize > 0 ? n.projSize : n.hidden;
  const out: Record<string, number[]> = {};
  for (let l = 0; l < n.layers; l++) {
    for (let d = 0; d < n.directions; d++) {
      const sfx = `_l${l}${d === 1 ? '_reverse' : ''}`;
      out[`weight_ih${sfx}`] = [gates, l === 0 ? n.inputSize : n.directions * outH];
      out[`weight_hh${sfx}`] = [gates, outH];
      if (n.bias) {
        out[`bias_ih${sfx}`] = [gates];
        out[`bias_hh${sfx}`] = [gates];
      }
      if (n.projSize > 0) out[`weight_hr${sfx}`] = [n.projSize, n.hidden];
    }
  }
  return out;
}

/**
 * An RNN's initial state that is not the shape it gives back (`h`, and an LSTM's `c`): PyTorch refuses
 * it ("Expected hidden size (2, 8, 32), got [2, 8, 16]", a RuntimeError). A state the analysis cannot
 * size is not checked; None is no state.
 */
function wrongInitialState(kind: string, hx: Value | undefined, want: number[][]): LayerProblem | undefined {
  if (!hx || hx.t === 'none') return undefined;
  const paired = kind === 'LSTM' || kind === 'LSTMCell';
  // `self.cell(x, h)` with h alone: an LSTMCell takes its state as the pair (h, c) (a batched input's:
  // for one unbatched sample PyTorch indexes hx[0], hx[1], which a stacked tensor also has).
  if (kind === 'LSTMCell' && hx.t === 'tensor' && want[0]?.length === 2) return { message: msg(`expects its state as a tuple (h, c), gets one tensor ${fmtShape(hx.shape)} (TypeError: lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, not Tensor)`, `需要以元组 (h, c) 给出状态，实际为一个张量 ${fmtShape(hx.shape)}（TypeError：lstm_cell() 的参数 'hx' 必须是张量元组）`), state: true };
  const given = paired ? (hx.t === 'seq' && hx.items.length === 2 ? hx.items : undefined) : [hx];
  if (!given) return undefined;
  for (const [i, g] of given.entries()) {
    const w = want[i]!;
    if (g.t !== 'tensor' || g.shape.join() === w.join()) continue;
    const what = paired ? `hidden[${i}]` : 'hidden';
    const differs = g.shape.length === w.length ? g.shape.findIndex((d, j) => d !== w[j]) : -1;
    const nums = differs >= 0 ? { expected: w[differs]!, actual: g.shape[differs]! } : {};
    return { message: msg(`expects its initial ${what} state of size ${fmtShape(w)}, gets ${fmtShape(g.shape)} (a RuntimeError)`, `需要大小为 ${fmtShape(w)} 的初始 ${what} 状态，实际为 ${fmtShape(g.shape)}（RuntimeError）`), state: true, ...nums };
  }
  return undefined;
}

const rnnBuilder = (hasNonlinearity: boolean): Builder => (kind, args) => {
  const sig: [string, Value | undefined][] = [['input_size', undefined], ['hidden_size', undefined], ['num_layers', I(1)]];
  if (hasNonlinearity) sig.push(['nonlinearity', S('tanh')]);
  sig.push(['bias', B(true)], ['batch_first', B(false)], ['dropout', num(0)], ['bidirectional', B(false)]);
  if (kind === 'LSTM') sig.push(['proj_size', I(0)]);
  return makeLayer(kind, sig, args, (v, problems) => {
    // PyTorch 1.13's RNNBase refuses a dropout outside [0, 1] (ValueError) before it makes any weight.
    const drop = v.get('dropout');
    if (drop?.t === 'num' && (drop.v < 0 || drop.v > 1)) problems.push({ message: msg(`${kind}: dropout should be a number in range [0, 1] representing the probability of an element being zeroed, gets ${drop.v} (a ValueError)`, `${kind}：dropout 应为 [0, 1] 内的概率，实际为 ${drop.v}（ValueError）`), refusal: 'ValueError' });
    const inSize = asInt(v.get('input_size'));
    const hidden = asInt(v.get('hidden_size'));
    const layers = asInt(v.get('num_layers'));
    const bias = flagOf(v.get('bias'));
    const batchFirst = flagOf(v.get('batch_first'));
    const bidir = flagOf(v.get('bidirectional'));
    const proj = asInt(v.get('proj_size')) ?? 0;
    const dirs = bidir ? 2 : 1;
    const counted: LayerNumbers | undefined = inSize !== undefined && hidden !== undefined && layers !== undefined && bias !== undefined && bidir !== undefined ? { inputSize: inSize, hidden, layers, directions: dirs, bias, projSize: proj } : undefined;
    const params = counted ? layerParamCount('pytorch', kind, counted) : null;
    return {
      params,
      ...(counted ? { weights: rnnWeights(kind, { inputSize: inSize!, hidden: hidden!, layers: layers!, directions: dirs, bias: bias!, projSize: proj }) } : {}),
      apply: (inputs) => {
        const stateOf = (h: number[], c: number[]): Value => (kind === 'LSTM' ? { t: 'seq', items: [tensor(h), tensor(c)], tuple: true } : tensor(h));
        const first = inputs[0];
        if (isPacked(first)) {
          // A PackedSequence in, one out (the same lengths, `hidden` features); the state is sized by how many sequences.
          const p = packedInfo(first);
          if (inSize === undefined || hidden === undefined || layers === undefined || bidir === undefined) return unknownOut(kind);
          const outH = proj > 0 ? proj : hidden;
          if (p.features.length !== 1) return bad(kind, `expects packed sequences of [T, input_size] steps, gets steps of ${fmtShape(p.features)}`, `需要每步为 [input_size] 的打包序列，实际每步为 ${fmtShape(p.features)}`);
          if (p.features[0] !== inSize) return { output: unknown(`${kind} input size does not match`, `${kind} 输入维度不匹配`), problems: [{ message: msg(`expects input_size ${inSize}, gets ${p.features[0]} (packed sequences)`, `需要 input_size ${inSize}，实际为 ${p.features[0]}（打包序列）`), argName: 'input_size', expected: inSize, actual: p.features[0]!, fixText: String(p.features[0]) }] };
          const out = makePacked({ ...p, features: [dirs * outH] }, first.attrs.get('sorted_indices')?.t === 'none');
          return { output: { t: 'seq', items: [out, stateOf([dirs * layers, p.batch, outH], [dirs * layers, p.batch, hidden])], tuple: true }, problems: [], numbers: { ...counted, batchFirst } };
        }
        const x = inputTensor(inputs);
        if (!x || inSize === undefined || hidden === undefined || layers === undefined || batchFirst === undefined || bidir === undefined) return unknownOut(kind);
        if (x.shape.length !== 3 && x.shape.length !== 2) return bad(kind, `expects a 3-D (or unbatched 2-D) input, gets ${fmtShape(x.shape)}`, `需要 3 维（或不含批的 2 维）输入，实际为 ${fmtShape(x.shape)}`);
        const feat = x.shape[x.shape.length - 1];
        if (feat !== inSize) {
          return { output: unknown(`${kind} input size does not match`, `${kind} 输入维度不匹配`), problems: [{ message: msg(`expects input_size ${inSize}, gets ${feat} (input ${fmtShape(x.shape)})`, `需要 input_size ${inSize}，实际为 ${feat}（输入 ${fmtShape(x.shape)}）`), argName: 'input_size', expected: inSize, actual: feat, fixText: String(feat) }] };
        }
        const outH = proj > 0 ? proj : hidden;
        let out: number[];
        let h: number[];
        let c: number[];
        if (x.shape.length === 2) {
          out = [x.shape[0] ?? 0, dirs * outH];
          h = [dirs * layers, outH];
          c = [dirs * layers, hidden];
        } else {
          const [a, b] = x.shape as [number, number, number];
          const batch = batchFirst ? a : b;
          out = batchFirst ? [a, b, dirs * outH] : [a, b, dirs * outH];
          h = [dirs * layers, batch, outH];
          c = [dirs * layers, batch, hidden];
        }
        // The initial state given (`self.lstm(x, (h0, c0))`) must be the state's shape: PyTorch's check_hidden_size raises otherwise.
        const bad0 = wrongInitialState(kind, inputs[1], kind === 'LSTM' ? [h, c] : [h]);
        if (bad0) return { output: unknown(`${kind}: ${bad0.message.en}`, `${kind}：${bad0.message['zh-cn']}`), problems: [bad0] };
        return { output: { t: 'seq', items: [tensor(out), stateOf(h, c)], tuple: true }, problems: [], numbers: { ...counted, batchFirst } };
      },
    };
  });
};

const builders: Record<string, Builder> = {
  Conv1d: convBuilder(1),
  Conv2d: convBuilder(2),
  Conv3d: convBuilder(3),
  ConvTranspose1d: convTransposeBuilder(1),
  ConvTranspose2d: convTransposeBuilder(2),
  MaxPool1d: poolBuilder(1, false),
  MaxPool2d: poolBuilder(2, false),
  MaxPool3d: poolBuilder(3, false),
  AvgPool1d: poolBuilder(1, true),
  AvgPool2d: poolBuilder(2, true),
  AvgPool3d: poolBuilder(3, true),
  L1Loss: lossBuilder('broadcast', LEGACY_RED),
  MSELoss: lossBuilder('broadcast', LEGACY_RED),
  SmoothL1Loss: lossBuilder('broadcast', [...LEGACY_RED, ['beta', num(1)]]),
  HuberLoss: lossBuilder('broadcast', [['reduction', S('mean')], ['delta', num(1)]]),
  KLDivLoss: lossBuilder('broadcast', [...LEGACY_RED, ['log_target', B(false)]]),
  BCELoss: lossBuilder('same', [['weight', N], ...LEGACY_RED]),
  BCEWithLogitsLoss: lossBuilder('same', [['weight', N], ...LEGACY_RED, ['pos_weight', N]]),
  CrossEntropyLoss: lossBuilder('classes', [['weight', N], ['size_average', N], ['ignore_index', I(-100)], ['reduce', N], ['reduction', S('mean')], ['label_smoothing', num(0)]]),
  NLLLoss: lossBuilder('nll', [['weight', N], ['size_average', N], ['ignore_index', I(-100)], ['reduce', N], ['reduction', S('mean')]]),
  CosineSimilarity: similarityBuilder(true),
  PairwiseDistance: similarityBuilder(false),
  LPPool1d: lpPoolBuilder(1),
  LPPool2d: lpPoolBuilder(2),
  MaxUnpool1d: unpoolBuilder(1),
  MaxUnpool2d: unpoolBuilder(2),
  MaxUnpool3d: unpoolBuilder(3),
  AdaptiveAvgPool1d: adaptiveBuilder(1),
  AdaptiveAvgPool2d: adaptiveBuilder(2),
  AdaptiveMaxPool1d: adaptiveBuilder(1),
  AdaptiveMaxPool2d: adaptiveBuilder(2),
  BatchNorm1d: normBuilder(1),
  BatchNorm2d: normBuilder(2),
  BatchNorm3d: normBuilder(3),
  RNN: rnnBuilder(true),
  LSTM: rnnBuilder(false),
  GRU: rnnBuilder(false),
  Linear: (kind, args) =>
    makeLayer(kind, [['in_features', undefined], ['out_features', undefined], ['bias', B(true)]], args, (v) => {
      const fin = asInt(v.get('in_features'));
      const fout = asInt(v.get('out_features'));
      const bias = flagOf(v.get('bias'));
      return {
        params: fin !== undefined && fout !== undefined && bias !== undefined ? layerParamCount('pytorch', kind, { inFeatures: fin, outFeatures: fout, bias }) : null,
        weights: { weight: fin !== undefined && fout !== undefined ? [fout, fin] : null, ...(bias !== false ? { bias: fout === undefined || bias === undefined ? null : [fout] } : {}) },
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || fin === undefined || fout === undefined) return unknownOut(kind);
          if (x.shape.length === 0) return bad(kind, 'needs at least a 1-D input', '输入至少需要 1 维');
          const last = x.shape[x.shape.length - 1] ?? 0;
          if (last !== fin) {
            const how = x.merged && product(x.merged.factors) === last && x.merged.factors.length > 1 ? ` = ${factorText(x.merged.factors)}` : '';
            const howZh = how;
            return {
              output: unknown(`${kind} input features do not match`, `${kind} 输入特征数不匹配`),
              problems: [{ message: msg(`expects ${fin} features, gets ${last}${how} (input ${fmtShape(x.shape)})`, `需要 ${fin} 个输入特征，实际为 ${last}${howZh}（输入 ${fmtShape(x.shape)}）`), argName: 'in_features', expected: fin, actual: last, fixText: x.merged && how !== '' ? x.merged.factors.join(' * ') : String(last) }],
            };
          }
          return { output: tensor([...x.shape.slice(0, -1), fout]), problems: [], ...(bias !== undefined ? { numbers: { inFeatures: fin, outFeatures: fout, bias } } : {}) };
        },
      };
    }),
  Bilinear: (kind, args) =>
    makeLayer(kind, [['in1_features', undefined], ['in2_features', undefined], ['out_features', undefined], ['bias', B(true)]], args, (v) => {
      const a = asInt(v.get('in1_features'));
      const b = asInt(v.get('in2_features'));
      const o = asInt(v.get('out_features'));
      const bias = flagOf(v.get('bias'));
      const counted: LayerNumbers | undefined = a !== undefined && b !== undefined && o !== undefined && bias !== undefined ? { inFeatures: a, in2Features: b, outFeatures: o, bias } : undefined;
      return {
        params: counted ? layerParamCount('pytorch', kind, counted) : null,
        // (Recorded so a weight assigned after it is built is noticed: the checks below read the constructor's sizes.)
        weights: { weight: a !== undefined && b !== undefined && o !== undefined ? [o, a, b] : null, ...(bias !== false ? { bias: o === undefined || bias === undefined ? null : [o] } : {}) },
        apply: (inputs) => {
          const x = inputTensor(inputs);
          const y = inputs[1];
          if (!x || o === undefined) return unknownOut(kind);
          // Both inputs' features, and their leading dims equal (no broadcasting): PyTorch's RuntimeError otherwise.
          if (y?.t === 'tensor' && a !== undefined && b !== undefined) {
            const fits = x.shape[x.shape.length - 1] === a && y.shape[y.shape.length - 1] === b && x.shape.length === y.shape.length && x.shape.slice(0, -1).every((d, i) => d === y.shape[i]);
            if (!fits) return bad(kind, `takes [..., ${a}] and [..., ${b}] with equal leading dims, gets ${fmtShape(x.shape)} and ${fmtShape(y.shape)} (a RuntimeError)`, `需要 [..., ${a}] 与 [..., ${b}]（前面各维相同），实际为 ${fmtShape(x.shape)} 与 ${fmtShape(y.shape)}（RuntimeError）`);
          } else if (y?.t !== 'tensor' && y?.t !== 'unknown') return unknownOut(kind);
          return { output: tensor([...x.shape.slice(0, -1), o]), problems: [], ...(counted ? { numbers: counted } : {}) };
        },
      };
    }),
  Flatten: (kind, args) =>
    makeLayer(kind, [['start_dim', I(1)], ['end_dim', I(-1)]], args, (v) => {
      const sd = asInt(v.get('start_dim')) ?? 1;
      const ed = asInt(v.get('end_dim')) ?? -1;
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x) return unknownOut(kind);
          const output = flattenShape(x.shape, sd, ed, 0);
          const r = x.shape.length;
          const flattened = x.shape.slice(sd < 0 ? sd + r : sd, (ed < 0 ? ed + r : ed) + 1);
          return { output, problems: [], ...(output.t === 'tensor' ? { numbers: { flattened } } : {}) };
        },
      };
    }),
  Unflatten: (kind, args) =>
    makeLayer(kind, [['dim', undefined], ['unflattened_size', undefined]], args, (v) => {
      const dim = asInt(v.get('dim'));
      const sizes = asInts(v.get('unflattened_size'));
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || dim === undefined || !sizes) return unknownOut(kind);
          const d = dim < 0 ? dim + x.shape.length : dim;
          const whole = x.shape[d];
          const filled = whole === undefined ? undefined : unflattenSizes(whole, sizes);
          if (!filled) return unknownOut(kind);
          return { output: tensor([...x.shape.slice(0, d), ...filled, ...x.shape.slice(d + 1)]), problems: [] };
        },
      };
    }),
  LayerNorm: (kind, args) =>
    makeLayer(kind, [['normalized_shape', undefined], ['eps', num(1e-5)], ['elementwise_affine', B(true)]], args, (v) => {
      const ns = asInts(v.get('normalized_shape'));
      const affine = flagOf(v.get('elementwise_affine'));
      return {
        params: ns && affine !== undefined ? layerParamCount('pytorch', kind, { normalizedShape: ns, affine }) : null,
        weights: affineWeights(affine, ns),
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || !ns) return unknownOut(kind);
          const tail = x.shape.slice(x.shape.length - ns.length);
          if (tail.join() !== ns.join()) {
            const single = ns.length === 1;
            return { output: unknown(`${kind} shape does not match`, `${kind} 形状不匹配`), problems: [{ message: msg(`normalizes over ${fmtShape(ns)}, but the input ends with ${fmtShape(tail)}`, `归一化维度为 ${fmtShape(ns)}，但输入末尾为 ${fmtShape(tail)}`), ...(single ? { argName: 'normalized_shape', expected: ns[0], actual: tail[0], fixText: String(tail[0]) } : {}) }] };
          }
          return { output: tensor(x.shape), problems: [], ...(affine !== undefined ? { numbers: { normalizedShape: ns, affine } } : {}) };
        },
      };
    }),
  GroupNorm: (kind, args) =>
    makeLayer(kind, [['num_groups', undefined], ['num_channels', undefined], ['eps', num(1e-5)], ['affine', B(true)]], args, (v, problems) => {
      const c = asInt(v.get('num_channels'));
      const g = asInt(v.get('num_groups'));
      const affine = flagOf(v.get('affine'));
      // PyTorch refuses the layer itself when the channels do not split into the groups.
      if (c !== undefined && g !== undefined && (g <= 0 || c % g !== 0)) {
        const why = msg(`num_channels ${c} must be divisible by num_groups ${g}`, `num_channels ${c} 必须能被 num_groups ${g} 整除`);
        problems.push({ message: why });
        return { params: null, apply: () => ({ output: unknown(`${kind}: ${why.en}`, `${kind}：${why['zh-cn']}`), problems: [] }) };
      }
      const counted: LayerNumbers | undefined = c === undefined || affine === undefined ? undefined : { numFeatures: c, affine };
      return {
        params: counted ? layerParamCount('pytorch', kind, counted) : null,
        weights: affineWeights(affine, c === undefined ? undefined : [c]),
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x) return unknownOut(kind);
          // Channels are dim 1: with weights they must be num_channels, without them divisible by the groups.
          const got = x.shape[1];
          if (got === undefined) return unknownOut(kind);
          if (affine === true && c !== undefined && got !== c) return { output: unknown(`${kind} channels do not match`, `${kind} 通道数不匹配`), problems: [{ message: msg(`has ${c} channels, but the input has ${got} (dim 1 of ${fmtShape(x.shape)})`, `通道数为 ${c}，但输入有 ${got} 个（${fmtShape(x.shape)} 的第 1 维）`), argName: 'num_channels', expected: c, actual: got, fixText: String(got) }] };
          if (affine === false && g !== undefined && got % g !== 0) return bad(kind, `the input's ${got} channels do not split into ${g} groups`, `输入的 ${got} 个通道无法分成 ${g} 组`);
          if (affine === undefined && c !== undefined && got !== c) return unknownOut(kind);
          return { output: inputs[0] as Value, problems: [], ...(counted ? { numbers: counted } : {}) };
        },
      };
    }),
  Embedding: (kind, args) =>
    makeLayer(kind, [['num_embeddings', undefined], ['embedding_dim', undefined], ['padding_idx', N]], args, (v, problems) => {
      const n = asInt(v.get('num_embeddings'));
      const d = asInt(v.get('embedding_dim'));
      const pad = asInt(v.get('padding_idx'));
      // (PyTorch asserts it in the constructor: padding_idx = vocab size is one past the table.)
      if (n !== undefined && pad !== undefined && (pad >= n || pad < -n)) problems.push({ message: msg(`${kind}: padding_idx ${pad} must be within num_embeddings ${n} (an AssertionError)`, `${kind}：padding_idx ${pad} 必须在 num_embeddings ${n} 范围内（AssertionError）`), refusal: 'AssertionError' });
      return {
        params: n !== undefined && d !== undefined ? layerParamCount('pytorch', kind, { vocab: n, dim: d }) : null,
        weights: { weight: n !== undefined && d !== undefined ? [n, d] : null },
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || d === undefined) return unknownOut(kind);
          return { output: tensor([...x.shape, d]), problems: [], numbers: n === undefined ? { dim: d } : { vocab: n, dim: d } };
        },
      };
    }),
  // Bags of rows reduced to one: a 2-D (B, N) input gives (B, D); a 1-D input needs 1-D offsets
  // (B of them) and gives (B, D), or (B - 1, D) with include_last_offset.
  EmbeddingBag: (kind, args) =>
    makeLayer(kind, [
      ['num_embeddings', undefined], ['embedding_dim', undefined], ['max_norm', N], ['norm_type', num(2)], ['scale_grad_by_freq', B(false)],
      ['mode', S('mean')], ['sparse', B(false)], ['_weight', N], ['include_last_offset', B(false)], ['padding_idx', N],
    ], args, (v, problems) => {
      const n = asInt(v.get('num_embeddings'));
      const d = asInt(v.get('embedding_dim'));
      const mode = v.get('mode');
      const last = v.get('include_last_offset');
      const given = v.get('_weight');
      if (mode?.t === 'str' && !['sum', 'mean', 'max'].includes(mode.v)) problems.push({ message: msg(`mode '${mode.v}' is not one of sum, mean, max`, `mode '${mode.v}' 不是 sum、mean、max 之一`) });
      // A given _weight must be the (num_embeddings, embedding_dim) table; one the analysis cannot see leaves the count unknown.
      const weightOk = given?.t === 'none' || (given?.t === 'tensor' && n !== undefined && d !== undefined && fmtShape(given.shape) === fmtShape([n, d]));
      return {
        params: n !== undefined && d !== undefined && weightOk ? layerParamCount('pytorch', kind, { vocab: n, dim: d }) : null,
        weights: { weight: n !== undefined && d !== undefined ? [n, d] : null },
        apply: (inputs) => {
          const x = inputTensor(inputs);
          const offsets = inputs[1] ?? N;
          if (!x || d === undefined) return unknownOut(kind);
          if (mode?.t !== 'str' || last?.t !== 'bool' || !weightOk) return { output: unknown(`${kind} settings are not known`, `${kind} 的参数值未知`), problems: [] };
          if (!['sum', 'mean', 'max'].includes(mode.v)) return bad(kind, `mode '${mode.v}' is not one of sum, mean, max`, `mode '${mode.v}' 不是 sum、mean、max 之一`);
          const numbers: LayerNumbers = n === undefined ? { dim: d } : { vocab: n, dim: d };
          if (x.shape.length === 2) {
            if (offsets.t !== 'none') return offsets.t === 'unknown' ? { output: offsets, problems: [] } : bad(kind, 'a 2-D input takes no offsets (each row is one bag)', '2 维输入不接受 offsets（每行是一个袋）');
            return { output: tensor([x.shape[0]!, d]), problems: [], numbers };
          }
          if (x.shape.length !== 1) return bad(kind, `expects a 1-D or 2-D input, gets ${fmtShape(x.shape)}`, `需要 1 维或 2 维输入，实际为 ${fmtShape(x.shape)}`);
          if (offsets.t === 'unknown') return { output: offsets, problems: [] };
          if (offsets.t !== 'tensor' || offsets.shape.length !== 1) return bad(kind, 'a 1-D input needs 1-D offsets (where each bag starts)', '1 维输入需要 1 维 offsets（每个袋的起点）');
          const bags = offsets.shape[0]! - (last.v ? 1 : 0);
          if (bags < 0) return bad(kind, 'include_last_offset needs at least one offset', 'include_last_offset 至少需要一个 offset');
          return { output: tensor([bags, d]), problems: [], numbers };
        },
      };
    }),
  PReLU: (kind, args) =>
    makeLayer(kind, [['num_parameters', I(1)], ['init', num(0.25)]], args, (v) => {
      const n = asInt(v.get('num_parameters'));
      const counted: LayerNumbers | undefined = n === undefined ? undefined : { numParameters: n };
      return {
        params: counted ? layerParamCount('pytorch', kind, counted) : null,
        weights: { weight: n === undefined ? null : [n] },
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x) return unknownOut(kind);
          // One weight, or one per channel (dim 1; a 0-d or 1-D input has one channel): PyTorch's RuntimeError otherwise.
          const channels = x.shape.length < 2 ? 1 : x.shape[1];
          if (n !== undefined && n !== 1 && channels !== n) return bad(kind, `has ${n} weights, one per channel, gets ${channels} channel${channels === 1 ? '' : 's'} (input ${fmtShape(x.shape)}; a RuntimeError)`, `有 ${n} 个权重（每通道一个），实际 ${channels} 个通道（输入 ${fmtShape(x.shape)}；RuntimeError）`);
          return { output: inputs[0] as Value, problems: [], ...(counted ? { numbers: counted } : {}) };
        },
      };
    }),
  MultiheadAttention: (kind, args) =>
    makeLayer(kind, [
      ['embed_dim', undefined], ['num_heads', undefined], ['dropout', num(0)], ['bias', B(true)], ['add_bias_kv', B(false)],
      ['add_zero_attn', B(false)], ['kdim', N], ['vdim', N], ['batch_first', B(false)],
    ], args, (v, problems) => {
      const e = asInt(v.get('embed_dim'));
      const h = asInt(v.get('num_heads'));
      const kd = asInt(v.get('kdim')) ?? e;
      const vd = asInt(v.get('vdim')) ?? e;
      const bias = flagOf(v.get('bias'));
      const flag = (n: string): boolean | undefined => {
        const f = v.get(n);
        return f?.t === 'bool' ? f.v : undefined;
      };
      const biasKv = flag('add_bias_kv');
      // Each adds one key position: the attention weights' last size is S + 1 for each.
      const zeroAttn = flag('add_zero_attn');
      const batchFirst = flagOf(v.get('batch_first'));
      // (PyTorch asserts it in the constructor: no layer, no model around it.)
      if (e !== undefined && h !== undefined && e % h !== 0) problems.push({ message: msg(`embed_dim ${e} must be divisible by num_heads ${h} (an AssertionError)`, `embed_dim ${e} 必须能被 num_heads ${h} 整除（AssertionError）`), refusal: 'AssertionError' });
      const counted: LayerNumbers | undefined = e !== undefined && h !== undefined && kd !== undefined && vd !== undefined && biasKv !== undefined && bias !== undefined ? { embed: e, heads: h, bias, kdim: kd, vdim: vd, addBiasKv: biasKv } : undefined;
      const params = counted ? layerParamCount('pytorch', kind, counted) : null;
      // Its own parameters by name (out_proj is a child module): one projection of the three, or three of their own sizes.
      const weights: Record<string, number[]> | undefined = counted
        ? {
            ...(kd === e && vd === e ? { in_proj_weight: [3 * e!, e!] } : { q_proj_weight: [e!, e!], k_proj_weight: [e!, kd!], v_proj_weight: [e!, vd!] }),
            ...(bias ? { in_proj_bias: [3 * e!] } : {}),
            ...(biasKv ? { bias_k: [1, 1, e!], bias_v: [1, 1, e!] } : {}),
          }
        : undefined;
      return {
        params,
        ...(weights ? { weights } : {}),
        apply: (inputs) => {
          const q = inputs[0];
          const k = inputs[1] ?? q;
          if (q?.t !== 'tensor' || k?.t !== 'tensor' || e === undefined || h === undefined) return unknownOut(kind);
          const last = q.shape[q.shape.length - 1];
          if (last !== e) return { output: unknown(`${kind} embed_dim does not match`, `${kind} embed_dim 不匹配`), problems: [{ message: msg(`expects embed_dim ${e}, gets ${last}`, `需要 embed_dim ${e}，实际为 ${last}`), argName: 'embed_dim', expected: e, actual: last, fixText: String(last) }] };
          const val = inputs[2];
          const refused = val?.t === 'tensor' && batchFirst !== undefined ? (refusedKeyValue(q.shape, k.shape, val.shape, batchFirst, kd === e && vd === e, kd, vd) ?? refusedMasks(q.shape, k.shape, batchFirst, h, inputs[3], inputs[5])) : undefined;
          if (refused) return { output: unknown(`${kind}: ${refused.en}`, `${kind}：${refused['zh-cn']}`), problems: [{ message: refused }] };
          const out = tensor(q.shape);
          let weights: Value;
          const extra = biasKv === undefined || zeroAttn === undefined ? undefined : (biasKv ? 1 : 0) + (zeroAttn ? 1 : 0);
          if (extra === undefined) weights = unknown(`${kind}: add_bias_kv or add_zero_attn is not known`, `${kind}：add_bias_kv 或 add_zero_attn 未知`);
          else if (batchFirst === undefined) weights = unknown(`${kind}: batch_first is not known`, `${kind}：batch_first 未知`);
          else if (q.shape.length === 3) {
            const [n, l] = batchFirst ? [q.shape[0] ?? 0, q.shape[1] ?? 0] : [q.shape[1] ?? 0, q.shape[0] ?? 0];
            const s = batchFirst ? (k.shape[1] ?? 0) : (k.shape[0] ?? 0);
            weights = tensor([n, l, s + extra]);
          } else weights = tensor([q.shape[0] ?? 0, (k.shape[0] ?? 0) + extra]);
          return { output: { t: 'seq', items: [out, weights], tuple: true }, problems: [], ...(counted ? { numbers: counted } : {}) };
        },
      };
    }),
  ConvTranspose3d: convTransposeBuilder(3),
  AdaptiveAvgPool3d: adaptiveBuilder(3),
  AdaptiveMaxPool3d: adaptiveBuilder(3),
  InstanceNorm1d: instanceNormBuilder(1),
  InstanceNorm2d: instanceNormBuilder(2),
  InstanceNorm3d: instanceNormBuilder(3),
  Upsample: upsampleBuilder('nearest'),
  UpsamplingNearest2d: upsampleBuilder('nearest', N),
  UpsamplingBilinear2d: upsampleBuilder('bilinear', B(true)),
  ZeroPad2d: padBuilder(2, false),
  ConstantPad1d: padBuilder(1, true),
  ConstantPad2d: padBuilder(2, true),
  ConstantPad3d: padBuilder(3, true),
  ReflectionPad1d: padBuilder(1, false),
  ReflectionPad2d: padBuilder(2, false),
  ReflectionPad3d: padBuilder(3, false),
  ReplicationPad1d: padBuilder(1, false),
  ReplicationPad2d: padBuilder(2, false),
  ReplicationPad3d: padBuilder(3, false),
  PixelShuffle: pixelShuffleBuilder(true),
  // Sliding 2-D patches as columns: (N, C, H, W) → (N, C·kh·kw, L), L = the conv output positions
  // (1.13 takes an unbatched (C, H, W) too).
  Unfold: (kind, args) =>
    makeLayer(kind, [['kernel_size', undefined], ['dilation', I(1)], ['padding', I(0)], ['stride', I(1)]], args, (v) => {
      const blocks = slidingBlocks(v);
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || !blocks) return unknownOut(kind);
          if (x.shape.length !== 4 && x.shape.length !== 3) return bad(kind, `expects a 4-D input (N, C, H, W) or 3-D (C, H, W), gets ${fmtShape(x.shape)}`, `需要 4 维输入 (N, C, H, W) 或 3 维 (C, H, W)，实际为 ${fmtShape(x.shape)}`);
          const [h, w] = x.shape.slice(-2) as [number, number];
          const l = blocks.count(h, w);
          if (l === undefined) return bad(kind, `the patches do not fit the input ${fmtShape(x.shape)}`, `滑动块无法放入输入 ${fmtShape(x.shape)}`);
          return { output: tensor([...x.shape.slice(0, -3), x.shape[x.shape.length - 3]! * blocks.area, l]), problems: [] };
        },
      };
    }),
  // The inverse arrangement: (N, C·kh·kw, L) → (N, C, *output_size); L must be the number of blocks
  // that fit output_size.
  Fold: (kind, args) =>
    makeLayer(kind, [['output_size', undefined], ['kernel_size', undefined], ['dilation', I(1)], ['padding', I(0)], ['stride', I(1)]], args, (v) => {
      const out = expand(asInts(v.get('output_size')), 2);
      const blocks = slidingBlocks(v);
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || !blocks || !out) return unknownOut(kind);
          if (x.shape.length !== 3 && x.shape.length !== 2) return bad(kind, `expects a 3-D input (N, C·∏k, L) or 2-D (C·∏k, L), gets ${fmtShape(x.shape)}`, `需要 3 维输入 (N, C·∏k, L) 或 2 维 (C·∏k, L)，实际为 ${fmtShape(x.shape)}`);
          const [ck, l] = x.shape.slice(-2) as [number, number];
          if (ck % blocks.area !== 0) return bad(kind, `dimension ${x.shape.length - 2} (${ck}) must be divisible by the kernel's ${blocks.area} positions`, `第 ${x.shape.length - 2} 维（${ck}）必须能被卷积核的 ${blocks.area} 个位置整除`);
          const expected = blocks.count(out[0]!, out[1]!);
          if (expected !== l) return bad(kind, `output_size ${fmtShape(out)} has ${expected ?? 'no'} sliding blocks, the input ${fmtShape(x.shape)} has ${l}`, `output_size ${fmtShape(out)} 有 ${expected ?? 0} 个滑动块，输入 ${fmtShape(x.shape)} 有 ${l} 个`);
          return { output: tensor([...x.shape.slice(0, -2), ck / blocks.area, ...out]), problems: [] };
        },
      };
    }),
  PixelUnshuffle: pixelShuffleBuilder(false),
  RNNCell: cellBuilder(1, true),
  LSTMCell: cellBuilder(4, false),
  GRUCell: cellBuilder(3, false),
  GLU: (kind, args) =>
    makeLayer(kind, [['dim', I(-1)]], args, (v) => {
      const dim = asInt(v.get('dim'));
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || dim === undefined) return unknownOut(kind);
          const d = dim < 0 ? dim + x.shape.length : dim;
          const size = x.shape[d];
          if (size === undefined || size % 2 !== 0) return bad(kind, `halves dimension ${dim}, which must be even, gets ${fmtShape(x.shape)}`, `将维度 ${dim} 减半，该维必须为偶数，实际为 ${fmtShape(x.shape)}`);
          return { output: tensor(x.shape.map((s2, i) => (i === d ? s2 / 2 : s2))), problems: [] };
        },
      };
    }),
  Rearrange: einopsLayerBuilder('rearrange'),
  Reduce: einopsLayerBuilder('reduce'),
};

function instanceNormBuilder(dims: number): Builder {
  return (kind, args) =>
    makeLayer(kind, [['num_features', undefined], ['eps', num(1e-5)], ['momentum', num(0.1)], ['affine', B(false)], ['track_running_stats', B(false)]], args, (v) => {
      const c = asInt(v.get('num_features'));
      const affine = flagOf(v.get('affine'));
      return {
        params: c === undefined || affine === undefined ? null : layerParamCount('pytorch', kind, { numFeatures: c, affine }),
        weights: affineWeights(affine, c === undefined ? undefined : [c]),
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || c === undefined) return unknownOut(kind);
          if (x.shape.length !== dims + 2 && x.shape.length !== dims + 1) return bad(kind, `expects a ${dims + 2}-D (batched) or ${dims + 1}-D input, gets ${fmtShape(x.shape)}`, `需要 ${dims + 2} 维（含批）或 ${dims + 1} 维输入，实际为 ${fmtShape(x.shape)}`);
          const got = x.shape[x.shape.length - dims - 1];
          // Without affine weights PyTorch only warns about a channel mismatch; with them it fails.
          if (got !== c && affine) return { output: unknown(`${kind} channels do not match`, `${kind} 通道数不匹配`), problems: [{ message: msg(`expects ${c} channels, gets ${got}`, `需要 ${c} 个通道，实际为 ${got}`), argName: 'num_features', expected: c, actual: got, fixText: String(got) }] };
          return { output: tensor(x.shape), problems: [], ...(affine !== undefined ? { numbers: { numFeatures: c, affine } } : {}) };
        },
      };
    });
}

/** `fixedAlign`: UpsamplingNearest2d / UpsamplingBilinear2d take only size and scale_factor and fix mode and align_corners. */
function upsampleBuilder(defaultMode: string, fixedAlign?: Value): Builder {
  const sig: Sig = fixedAlign === undefined
    ? [['size', N], ['scale_factor', N], ['mode', S(defaultMode)], ['align_corners', N], ['recompute_scale_factor', N]]
    : [['size', N], ['scale_factor', N]];
  return (kind, args) =>
    makeLayer(kind, sig, args, (v) => ({
      params: 0,
      apply: (inputs) => {
        const x = inputTensor(inputs);
        if (!x) return unknownOut(kind);
        return interpolateShape(kind, x.shape, {
          size: v.get('size') ?? N, scale: v.get('scale_factor') ?? N, mode: fixedAlign === undefined ? (v.get('mode') ?? N) : S(defaultMode),
          alignCorners: fixedAlign ?? v.get('align_corners') ?? N, recompute: v.get('recompute_scale_factor') ?? N, antialias: B(false),
        });
      },
    }));
}

export interface InterpolateArgs {
  size: Value;
  scale: Value;
  mode: Value;
  alignCorners: Value;
  recompute: Value;
  antialias: Value;
}

/** A Python int (not a bool, which PyTorch's size arguments refuse). */
function pyInt(v: Value): number | undefined {
  return v.t === 'num' && v.int ? v.v : undefined;
}

/**
 * F.interpolate's output shape and the errors it raises, as PyTorch 1.13 computes them (nn.Upsample
 * calls it): exactly one of size / scale_factor, one entry per spatial dimension when a sequence,
 * floor(L·s) in float64 for a scale, and the modes each input rank has a kernel for.
 */
export function interpolateShape(kind: string, shape: number[], a: InterpolateArgs): ApplyResult {
  const dims = shape.length - 2;
  if (a.mode.t !== 'str') return { output: unknown(`${kind}: the mode is not known`, `${kind}：mode 未知`), problems: [] };
  const mode = a.mode.v;
  const nearestLike = mode === 'nearest' || mode === 'area' || mode === 'nearest-exact';
  const ranks: Record<string, number[]> = { nearest: [3, 4, 5], 'nearest-exact': [3, 4, 5], area: [3, 4, 5], linear: [3], bilinear: [4], bicubic: [4], trilinear: [5] };
  const okRanks = ranks[mode];
  if (!okRanks) return bad(kind, `mode '${mode}' is not one of nearest, linear, bilinear, bicubic, trilinear, area, nearest-exact`, `mode '${mode}' 不是 nearest、linear、bilinear、bicubic、trilinear、area、nearest-exact 之一`);
  if (a.alignCorners.t !== 'none' && nearestLike) return bad(kind, `align_corners can only be set with the interpolating modes (linear, bilinear, bicubic, trilinear), not '${mode}'`, `align_corners 只能用于插值模式（linear、bilinear、bicubic、trilinear），不能用于 '${mode}'`);
  if (!okRanks.includes(shape.length)) return bad(kind, `mode '${mode}' needs a ${okRanks.join('-D, ')}-D input, gets ${fmtShape(shape)}`, `mode '${mode}' 需要 ${okRanks.join('、')} 维输入，实际为 ${fmtShape(shape)}`);
  const hasSize = a.size.t !== 'none';
  const hasScale = a.scale.t !== 'none';
  if (a.size.t === 'unknown' || a.scale.t === 'unknown' || a.recompute.t === 'unknown' || a.antialias.t === 'unknown') return { output: unknown(`${kind}: size or scale_factor is not known`, `${kind}：size 或 scale_factor 未知`), problems: [] };
  if (hasSize && hasScale) return bad(kind, 'only one of size or scale_factor should be defined', 'size 与 scale_factor 只能给出一个');
  if (!hasSize && !hasScale) return bad(kind, 'either size or scale_factor should be defined', '必须给出 size 或 scale_factor');
  if (a.antialias.t === 'bool' && a.antialias.v && !((mode === 'bilinear' || mode === 'bicubic') && shape.length === 4)) return bad(kind, 'anti-alias is only supported for bilinear and bicubic modes', 'antialias 只支持 bilinear 与 bicubic 模式');
  const spatialIn = shape.slice(2);
  let out: number[];
  if (hasSize) {
    if (a.recompute.t === 'bool' && a.recompute.v) return bad(kind, 'recompute_scale_factor is not meaningful with an explicit size', '给出 size 时 recompute_scale_factor 没有意义');
    const sizes = a.size.t === 'seq' ? a.size.items.map(pyInt) : [pyInt(a.size)];
    if (sizes.some((z) => z === undefined)) return { output: unknown(`${kind}: size is not known`, `${kind}：size 未知`), problems: [] };
    if (a.size.t === 'seq' && sizes.length !== dims) return bad(kind, `size ${fmtShape(sizes as number[])} must have one entry per spatial dimension of ${fmtShape(shape)}`, `size ${fmtShape(sizes as number[])} 的长度须等于 ${fmtShape(shape)} 的空间维数`);
    out = a.size.t === 'seq' ? (sizes as number[]) : Array<number>(dims).fill(sizes[0]!);
  } else {
    const scales = a.scale.t === 'seq' ? a.scale.items.map((it) => (it.t === 'num' ? it.v : undefined)) : [a.scale.t === 'num' ? a.scale.v : undefined];
    if (scales.some((f) => f === undefined)) return { output: unknown(`${kind}: scale_factor is not known`, `${kind}：scale_factor 未知`), problems: [] };
    if (a.scale.t === 'seq' && scales.length !== dims) return bad(kind, `scale_factor has ${scales.length} entries, the input ${fmtShape(shape)} ${dims} spatial dimensions`, `scale_factor 有 ${scales.length} 项，输入 ${fmtShape(shape)} 有 ${dims} 个空间维`);
    out = spatialIn.map((L, i) => Math.floor(L * (a.scale.t === 'seq' ? scales[i]! : scales[0]!)));
  }
  // ('area' is adaptive average pooling, which makes an empty output of size 0 without complaint.)
  if (out.some((o) => !(o > 0)) && !(mode === 'area' && out.every((o) => o >= 0))) return bad(kind, `input and output sizes should be greater than 0, gets output ${fmtShape(out)} from ${fmtShape(shape)}`, `输入与输出尺寸须大于 0，输入 ${fmtShape(shape)} 得到输出 ${fmtShape(out)}`);
  return { output: tensor([...shape.slice(0, 2), ...out]), problems: [], numbers: { in: spatialIn, out } };
}

function padBuilder(dims: number, constant: boolean): Builder {
  return (kind, args) =>
    makeLayer(kind, constant ? [['padding', undefined], ['value', undefined]] : [['padding', undefined]], args, (v) => {
      const p = asInts(v.get('padding'));
      // (left, right, top, bottom, front, back): the last dimension first.
      const pads = p?.length === 1 ? Array<number>(2 * dims).fill(p[0] ?? 0) : p?.length === 2 * dims ? p : undefined;
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || !pads) return unknownOut(kind);
          if (x.shape.length < dims + 1) return bad(kind, `expects at least ${dims + 1} dims, gets ${fmtShape(x.shape)}`, `至少需要 ${dims + 1} 维输入，实际为 ${fmtShape(x.shape)}`);
          const out = [...x.shape];
          for (let i = 0; i < dims; i++) {
            const axis = out.length - 1 - i;
            out[axis] = (out[axis] ?? 0) + (pads[2 * i] ?? 0) + (pads[2 * i + 1] ?? 0);
          }
          return { output: tensor(out), problems: [], numbers: { in: x.shape.slice(-dims), out: out.slice(-dims) } };
        },
      };
    });
}

function pixelShuffleBuilder(up: boolean): Builder {
  return (kind, args) =>
    makeLayer(kind, [[up ? 'upscale_factor' : 'downscale_factor', undefined]], args, (v) => {
      const r = asInt(v.get(up ? 'upscale_factor' : 'downscale_factor'));
      return {
        params: 0,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || r === undefined || x.shape.length < 3) return unknownOut(kind);
          const lead = x.shape.slice(0, -3);
          const [c, h, w] = x.shape.slice(-3) as [number, number, number];
          if (up) {
            if (c % (r * r) !== 0) return bad(kind, `needs channels divisible by ${r * r}, gets ${c}`, `通道数需能被 ${r * r} 整除，实际为 ${c}`);
            return { output: tensor([...lead, c / (r * r), h * r, w * r]), problems: [] };
          }
          if (h % r !== 0 || w % r !== 0) return bad(kind, `needs height and width divisible by ${r}, gets ${fmtShape(x.shape)}`, `高和宽需能被 ${r} 整除，实际为 ${fmtShape(x.shape)}`);
          return { output: tensor([...lead, c * r * r, h / r, w / r]), problems: [] };
        },
      };
    });
}

/**
 * What MultiheadAttention's forward refuses about its key and value, given the query: another rank
 * than the query's, key and value of other shapes (other lengths: an AssertionError), another batch
 * than the query's, or widths other than kdim / vdim (the projections' RuntimeError).
 */
/**
 * MultiheadAttention's masks of another shape than the query and key give (PyTorch 1.13):
 * key_padding_mask [N, S] (unbatched [S]), attn_mask [L, S] or [N·heads, L, S] (unbatched [heads, L, S]).
 * A mask the analysis cannot size is not checked.
 */
function refusedMasks(q: number[], k: number[], batchFirst: boolean, heads: number, kpm: Value | undefined, mask: Value | undefined): Msg | undefined {
  const batched = q.length === 3;
  const [n, l, s] = batched ? (batchFirst ? [q[0]!, q[1]!, k[1]!] : [q[1]!, q[0]!, k[0]!]) : [1, q[0]!, k[0]!];
  if (kpm?.t === 'tensor') {
    const want = batched ? [n, s] : [s];
    if (kpm.shape.join() !== want.join()) return msg(`expects a key_padding_mask of shape ${fmtShape(want)}, gets ${fmtShape(kpm.shape)} (an AssertionError)`, `需要形状为 ${fmtShape(want)} 的 key_padding_mask，实际为 ${fmtShape(kpm.shape)}（AssertionError）`);
  }
  if (mask?.t === 'tensor') {
    const want = mask.shape.length === 2 ? [l, s] : [batched ? n * heads : heads, l, s];
    if (mask.shape.join() !== want.join()) return msg(`expects an attn_mask of shape ${fmtShape(want)}, gets ${fmtShape(mask.shape)} (a RuntimeError)`, `需要形状为 ${fmtShape(want)} 的 attn_mask，实际为 ${fmtShape(mask.shape)}（RuntimeError）`);
  }
  return undefined;
}

function refusedKeyValue(q: number[], k: number[], v: number[], batchFirst: boolean, sharedProjection: boolean, kdim: number | undefined, vdim: number | undefined): Msg | undefined {
  if (q.length !== 2 && q.length !== 3) return undefined;
  if (k.length !== q.length || v.length !== q.length) {
    return msg(`a ${q.length}-D query needs a ${q.length}-D key and value, gets ${fmtShape(k)} and ${fmtShape(v)} (an AssertionError)`, `${q.length} 维的 query 需要 ${q.length} 维的 key 与 value，实际为 ${fmtShape(k)} 与 ${fmtShape(v)}（AssertionError）`);
  }
  const same = sharedProjection ? k.join() === v.join() : k.slice(0, -1).join() === v.slice(0, -1).join();
  if (!same) return msg(`key shape ${fmtShape(k)} does not match value shape ${fmtShape(v)} (an AssertionError)`, `key 的形状 ${fmtShape(k)} 与 value 的形状 ${fmtShape(v)} 不一致（AssertionError）`);
  const b = q.length === 3 ? (batchFirst ? 0 : 1) : -1;
  if (b >= 0 && k[b] !== q[b]) return msg(`the key's batch ${k[b]} is not the query's ${q[b]} (a RuntimeError)`, `key 的批大小 ${k[b]} 与 query 的 ${q[b]} 不同（RuntimeError）`);
  // (The packed projection fails in F.linear; separate kdim / vdim projections are asserted first.)
  const raised = sharedProjection ? 'RuntimeError' : 'AssertionError';
  const article = sharedProjection ? 'a' : 'an';
  if (kdim !== undefined && k[k.length - 1] !== kdim) return msg(`expects keys of width ${kdim}, gets ${fmtShape(k)} (${article} ${raised})`, `需要宽度为 ${kdim} 的 key，实际为 ${fmtShape(k)}（${raised}）`);
  if (vdim !== undefined && v[v.length - 1] !== vdim) return msg(`expects values of width ${vdim}, gets ${fmtShape(v)} (${article} ${raised})`, `需要宽度为 ${vdim} 的 value，实际为 ${fmtShape(v)}（${raised}）`);
  return undefined;
}

function cellBuilder(gates: number, hasNonlinearity: boolean): Builder {
  return (kind, args) => {
    const sig: [string, Value | undefined][] = [['input_size', undefined], ['hidden_size', undefined], ['bias', B(true)]];
    if (hasNonlinearity) sig.push(['nonlinearity', S('tanh')]);
    return makeLayer(kind, sig, args, (v) => {
      const inSize = asInt(v.get('input_size'));
      const hidden = asInt(v.get('hidden_size'));
      const bias = flagOf(v.get('bias'));
      return {
        params: inSize !== undefined && hidden !== undefined && bias !== undefined ? layerParamCount('pytorch', kind, { inputSize: inSize, hidden, layers: 1, directions: 1, bias }) : null,
        apply: (inputs) => {
          const x = inputTensor(inputs);
          if (!x || inSize === undefined || hidden === undefined) return unknownOut(kind);
          if (x.shape.length !== 1 && x.shape.length !== 2) return bad(kind, `expects a 2-D (or unbatched 1-D) input, gets ${fmtShape(x.shape)}`, `需要 2 维（或不含批的 1 维）输入，实际为 ${fmtShape(x.shape)}`);
          const feat = x.shape[x.shape.length - 1];
          if (feat !== inSize) return { output: unknown(`${kind} input size does not match`, `${kind} 输入维度不匹配`), problems: [{ message: msg(`expects input_size ${inSize}, gets ${feat} (input ${fmtShape(x.shape)})`, `需要 input_size ${inSize}，实际为 ${feat}（输入 ${fmtShape(x.shape)}）`), argName: 'input_size', expected: inSize, actual: feat, fixText: String(feat) }] };
          const state = [...x.shape.slice(0, -1), hidden];
          const h = tensor(state);
          // `self.cell(x, (h, c))` with a state of another batch or width: the cell's check raises.
          const bad0 = wrongInitialState(kind, inputs[1], [state, state]);
          if (bad0) return { output: unknown(`${kind}: ${bad0.message.en}`, `${kind}：${bad0.message['zh-cn']}`), problems: [bad0] };
          const output: Value = kind === 'LSTMCell' ? { t: 'seq', items: [h, h], tuple: true } : h;
          return { output, problems: [], numbers: { inputSize: inSize, hidden, layers: 1, directions: 1, bias } };
        },
      };
    });
  };
}

function einopsLayerBuilder(mode: EinopsMode): Builder {
  return (kind, args) => {
    // (The pattern by position or by name: `Rearrange(pattern="b c h w -> b (h w) c")`.)
    const pattern = args.positional[0]?.value ?? args.keyword.get('pattern')?.value;
    const reduction = mode === 'reduce' ? (args.positional[1]?.value ?? args.keyword.get('reduction')?.value) : undefined;
    const sizes = new Map<string, number>();
    let unknownSize: string | undefined;
    for (const [k, a] of args.keyword) {
      if (k === 'reduction' || k === 'pattern') continue;
      const n = asInt(a.value);
      if (n === undefined) unknownSize = k;
      else sizes.set(k, n);
    }
    const config: Record<string, ConfigValue> = { pattern: pattern?.t === 'str' ? pattern.v : null, ...(reduction?.t === 'str' ? { reduction: reduction.v } : {}) };
    for (const [k, n] of sizes) config[k] = n;
    return {
      kind, config, params: 0, argNodes: new Map(), problems: [],
      apply: (inputs) => {
        const x = inputTensor(inputs);
        if (!x) return unknownOut(kind);
        if (pattern?.t !== 'str') return { output: unknown(`${kind}: the pattern is not known`, `${kind}：模式未知`), problems: [] };
        if (unknownSize) return { output: unknown(`${kind}: the size of '${unknownSize}' is not known`, `${kind}：'${unknownSize}' 的大小未知`), problems: [] };
        const r = einopsShape(x.shape, pattern.v, sizes, mode);
        if ('error' in r) return { output: unknown(r.error.en, r.error['zh-cn']), problems: [{ message: r.error }] };
        return { output: tensor(r.shape), problems: [] };
      },
    };
  };
}

/** torch.flatten(x, start, end) with its merged factors remembered for messages. */
export function flattenShape(shape: number[], startDim: number, endDim: number, line: number): Value {
  const r = shape.length;
  if (r === 0) return tensor([1]);
  const s = startDim < 0 ? startDim + r : startDim;
  const e = endDim < 0 ? endDim + r : endDim;
  if (s < 0 || e >= r || s > e) return unknown(`flatten(${startDim}, ${endDim}) is out of range for ${fmtShape(shape)}`, `flatten(${startDim}, ${endDim}) 超出 ${fmtShape(shape)} 的维度范围`);
  const factors = shape.slice(s, e + 1);
  const out = [...shape.slice(0, s), product(factors), ...shape.slice(e + 1)];
  return e === r - 1 && factors.length > 1 ? tensor(out, { factors, line }) : tensor(out);
}

export { asNumber };

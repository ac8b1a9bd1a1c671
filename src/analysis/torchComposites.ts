// PyTorch's layers that are made of other layers, as PyTorch 1.13 builds them: the sub-modules
// `named_modules()` lists (a MultiheadAttention's `out_proj`, a TransformerEncoderLayer's
// `self_attn`, `linear1`, `dropout`…, nn.Transformer's encoder and decoder stacks) and the order
// its forward calls them in (training mode), so every sub-layer gets its own shapes and counts.
import type { Node } from './parser';
import type { ArgList } from './torchLayers';
import { NONE, asInt, unknown, unknownModule, type Value } from './values';
import type { ModuleInst, TorchModules } from './torchModules';

export type CompositeKind = 'TransformerEncoderLayer' | 'TransformerDecoderLayer' | 'Transformer';

export function isComposite(kind: string): kind is CompositeKind {
  return kind === 'TransformerEncoderLayer' || kind === 'TransformerDecoderLayer' || kind === 'Transformer';
}

function arg(args: ArgList, i: number, name: string, def?: Value): Value | undefined {
  return args.positional[i]?.value ?? args.keyword.get(name)?.value ?? args.unknownRest ?? def;
}

const int = (v: number): Value => ({ t: 'num', v, int: true });
const call = (...values: (Value | undefined)[]): ArgList => ({ positional: values.filter((v): v is Value => v !== undefined).map((value) => ({ value })), keyword: new Map() });
const kw = (positional: Value[], keyword: Record<string, Value | undefined>): ArgList => ({
  positional: positional.map((value) => ({ value })),
  keyword: new Map(Object.entries(keyword).filter((e): e is [string, Value] => e[1] !== undefined).map(([k, value]) => [k, { value }])),
});

/** Builds a composite layer with its sub-modules in PyTorch's registration order. */
export function buildComposite(mods: TorchModules, kind: CompositeKind, args: ArgList, node: Node): Value {
  const m = mods.newModule(kind, `nn.${kind}`, node);
  m.composite = kind;
  // `bias=` came with PyTorch 2.1 (1.13 refuses it): which count it gives depends on the user's version.
  if (args.keyword.has('bias')) m.uncertain = { en: `nn.${kind}(bias=…) is PyTorch 2.1's (1.13 refuses it): its parameters depend on the version`, 'zh-cn': `nn.${kind}(bias=…) 是 PyTorch 2.1 的参数（1.13 拒绝）：其参数量取决于版本` };
  const add = (name: string, v: Value): void => {
    const c = v.t === 'module' ? mods.get(v.m) : undefined;
    if (c) m.children.push({ name, inst: c });
    else m.uncertain = v.t === 'unknown' ? v.reason : { en: `${kind}.${name} is not known`, 'zh-cn': `${kind}.${name} 未知` };
  };
  if (kind === 'Transformer') {
    const d = arg(args, 0, 'd_model', int(512));
    const nhead = arg(args, 1, 'nhead', int(8));
    const nEnc = arg(args, 2, 'num_encoder_layers', int(6));
    const nDec = arg(args, 3, 'num_decoder_layers', int(6));
    const ff = arg(args, 4, 'dim_feedforward', int(2048));
    const dropout = arg(args, 5, 'dropout', { t: 'num', v: 0.1, int: false });
    const activation = arg(args, 6, 'activation');
    const eps = arg(args, 9, 'layer_norm_eps');
    const batchFirst = arg(args, 10, 'batch_first');
    const normFirst = arg(args, 11, 'norm_first');
    const customEnc = arg(args, 7, 'custom_encoder');
    const customDec = arg(args, 8, 'custom_decoder');
    const layerArgs = (positional: Value[]): ArgList => kw(positional, { dim_feedforward: ff, dropout, activation, layer_norm_eps: eps, batch_first: batchFirst, norm_first: normFirst });
    const stack = (layerKind: 'TransformerEncoderLayer' | 'TransformerDecoderLayer', n: Value | undefined, custom: Value | undefined): Value => {
      if (custom && custom.t !== 'none') return custom;
      if (!d || !nhead || !n) return unknownModule(`${kind} settings are not known`, `${kind} 的参数未知`);
      const layer = buildComposite(mods, layerKind, layerArgs([d, nhead]), node);
      const norm = mods.construct('LayerNorm', kw([d], { eps }), node);
      return mods.construct(layerKind === 'TransformerEncoderLayer' ? 'TransformerEncoder' : 'TransformerDecoder', call(layer, n, norm), node);
    };
    add('encoder', stack('TransformerEncoderLayer', nEnc, customEnc));
    add('decoder', stack('TransformerDecoderLayer', nDec, customDec));
    return { t: 'module', m };
  }
  const d = arg(args, 0, 'd_model');
  const nhead = arg(args, 1, 'nhead');
  const ff = arg(args, 2, 'dim_feedforward', int(2048));
  const dropout = arg(args, 3, 'dropout', { t: 'num', v: 0.1, int: false });
  const activation = arg(args, 4, 'activation');
  const eps = arg(args, 5, 'layer_norm_eps');
  const batchFirst = arg(args, 6, 'batch_first');
  const normFirst = arg(args, 7, 'norm_first');
  if (!d || !nhead) return unknownModule(`${kind}: d_model and nhead are needed`, `${kind}：需要 d_model 和 nhead`);
  const mha = (): Value => mods.construct('MultiheadAttention', kw([d, nhead], { dropout, batch_first: batchFirst }), node);
  add('self_attn', mha());
  if (kind === 'TransformerDecoderLayer') add('multihead_attn', mha());
  add('linear1', mods.construct('Linear', call(d, ff), node));
  add('dropout', mods.construct('Dropout', call(dropout), node));
  add('linear2', mods.construct('Linear', call(ff, d), node));
  for (const n of kind === 'TransformerDecoderLayer' ? ['norm1', 'norm2', 'norm3'] : ['norm1', 'norm2']) add(n, mods.construct('LayerNorm', kw([d], { eps }), node));
  for (const n of kind === 'TransformerDecoderLayer' ? ['dropout1', 'dropout2', 'dropout3'] : ['dropout1', 'dropout2']) add(n, mods.construct('Dropout', call(dropout), node));
  // A module passed as the activation is a sub-module too (a string or function is not).
  if (activation?.t === 'module') add('activation', activation);
  m.attrs.set('norm_first', normFirst ?? { t: 'bool', v: false });
  m.numbers = { embed: asInt(d), heads: asInt(nhead), dim: asInt(ff) };
  return { t: 'module', m };
}

/** Runs a composite layer's forward, calling its sub-modules the way PyTorch does. */
/** The masks a Transformer layer's forward was given (by keyword or position), which its attention checks. */
export type LayerMasks = Partial<Record<'src_mask' | 'src_key_padding_mask' | 'tgt_mask' | 'memory_mask' | 'tgt_key_padding_mask' | 'memory_key_padding_mask', Value>>;

export function runComposite(mods: TorchModules, m: ModuleInst, inputs: Value[], callChild: (child: ModuleInst, inputs: Value[]) => Value, masks: LayerMasks = {}): Value {
  if (m.uncertain) return unknown(`${m.kind}: ${m.uncertain.en}`, `${m.kind}：${m.uncertain['zh-cn']}`);
  const child = (name: string): ModuleInst | undefined => {
    const own = m.children.find((c) => c.name === name)?.inst;
    if (own) return own;
    const attr = m.attrs.get(name);
    return attr?.t === 'module' ? mods.get(attr.m) : undefined;
  };
  const run = (name: string, xs: Value[]): Value => {
    const c = child(name);
    return c ? first(callChild(c, xs)) : unknown(`${m.kind}.${name} is missing`, `${m.kind}.${name} 缺失`);
  };
  const x = inputs[0];
  if (!x) return unknown(`${m.kind} needs an input`, `${m.kind} 需要输入`);
  if (m.composite === 'Transformer') {
    const tgt = inputs[1];
    if (!tgt) return unknown('nn.Transformer needs src and tgt', 'nn.Transformer 需要 src 和 tgt');
    const memory = run('encoder', [x]);
    return run('decoder', [tgt, memory]);
  }
  const normFirst = m.attrs.get('norm_first');
  const pre = normFirst?.t === 'bool' ? normFirst.v : undefined;
  if (pre === undefined) return unknown(`${m.kind}: norm_first is not known`, `${m.kind}：norm_first 未知`);
  const act = child('activation');
  const ff = (h: Value): Value => {
    let y = run('linear1', [h]);
    if (act) y = first(callChild(act, [y]));
    y = run('dropout', [y]);
    y = run('linear2', [y]);
    return y;
  };
  // Residual additions keep the shape; the sub-layers check their own sizes.
  const decoder = m.composite === 'TransformerDecoderLayer';
  const memory = inputs[1];
  if (decoder && !memory) return unknown('TransformerDecoderLayer needs tgt and memory', 'TransformerDecoderLayer 需要 tgt 和 memory');
  // (As PyTorch calls them: attn_mask and key_padding_mask in MultiheadAttention's places, need_weights=False.)
  const attend = (q: Value, kv: Value, mask: Value | undefined, padding: Value | undefined): Value[] =>
    mask === undefined && padding === undefined ? [q, kv, kv] : [q, kv, kv, padding ?? NONE, { t: 'bool', v: false }, mask ?? NONE];
  const steps: [string, (h: Value) => Value, string][] = [['norm1', (h) => run('self_attn', attend(h, h, decoder ? masks.tgt_mask : masks.src_mask, decoder ? masks.tgt_key_padding_mask : masks.src_key_padding_mask)), 'dropout1']];
  if (decoder) steps.push(['norm2', (h) => run('multihead_attn', attend(h, memory!, masks.memory_mask, masks.memory_key_padding_mask)), 'dropout2']);
  steps.push([decoder ? 'norm3' : 'norm2', ff, decoder ? 'dropout3' : 'dropout2']);
  let h = x;
  // (A sub-layer PyTorch refuses — an attention mask of another shape — stops the layer: no output.)
  const raised = (v: Value): boolean => v.t === 'unknown' && /\b[A-Z]\w*Error\b/.test(v.reason.en);
  for (const [norm, block, drop] of steps) {
    const y = block(pre ? run(norm, [h]) : h);
    if (raised(y)) return y;
    run(drop, [y]);
    if (!pre) h = run(norm, [h]);
  }
  return h;
}

function first(v: Value): Value {
  return v.t === 'seq' && v.tuple && v.items[0] ? v.items[0] : v;
}

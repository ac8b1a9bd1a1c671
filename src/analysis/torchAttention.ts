// `F.multi_head_attention_forward`, as PyTorch 1.13 computes it (torch/nn/functional.py): the
// shapes of the attention output and weights from the query, key, value and projection weights,
// with PyTorch's own checks. Anything the analysis cannot read is unknown, never assumed.
import type { ArgList } from './torchLayers';
import { NONE, asInt, tensor, unknown, type Value } from './values';

const SIGNATURE = [
  'query', 'key', 'value', 'embed_dim_to_check', 'num_heads', 'in_proj_weight', 'in_proj_bias', 'bias_k', 'bias_v',
  'add_zero_attn', 'dropout_p', 'out_proj_weight', 'out_proj_bias', 'training', 'key_padding_mask', 'need_weights',
  'attn_mask', 'use_separate_proj_weight', 'q_proj_weight', 'k_proj_weight', 'v_proj_weight', 'static_k', 'static_v',
  'average_attn_weights',
] as const;
type Param = (typeof SIGNATURE)[number];
const DEFAULTS: Partial<Record<Param, Value>> = {
  training: { t: 'bool', v: true }, key_padding_mask: NONE, need_weights: { t: 'bool', v: true }, attn_mask: NONE,
  use_separate_proj_weight: { t: 'bool', v: false }, q_proj_weight: NONE, k_proj_weight: NONE, v_proj_weight: NONE,
  static_k: NONE, static_v: NONE, average_attn_weights: { t: 'bool', v: true },
};

const fail = (why: string, zh: string): Value => unknown(`multi_head_attention_forward: ${why}`, `multi_head_attention_forward：${zh}`);
const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

export function multiHeadAttentionForward(args: ArgList): Value {
  if (args.unknownRest) return fail('arguments the analysis cannot list', '参数无法列出');
  const v = new Map<Param, Value>();
  args.positional.forEach((a, i) => {
    const n = SIGNATURE[i];
    if (n) v.set(n, a.value);
  });
  for (const [k, a] of args.keyword) {
    if (!(SIGNATURE as readonly string[]).includes(k) || v.has(k as Param)) return fail(`the argument '${k}' is not one it takes`, `不接受参数 '${k}'`);
    v.set(k as Param, a.value);
  }
  const get = (n: Param): Value | undefined => v.get(n) ?? DEFAULTS[n];
  for (const n of SIGNATURE) if (get(n) === undefined) return fail(`'${n}' is not given`, `未给出 '${n}'`);
  const flag = (n: Param): boolean | undefined => {
    const x = get(n);
    return x?.t === 'bool' ? x.v : x?.t === 'num' ? x.v !== 0 : undefined;
  };
  const t = (n: Param): number[] | null | undefined => {
    const x = get(n);
    return x?.t === 'tensor' ? x.shape : x?.t === 'none' ? null : undefined;
  };
  let q = t('query');
  let k = t('key');
  let val = t('value');
  const heads = asInt(get('num_heads'));
  const check = asInt(get('embed_dim_to_check'));
  const separate = flag('use_separate_proj_weight');
  const needWeights = flag('need_weights');
  const average = flag('average_attn_weights');
  const zeroAttn = flag('add_zero_attn');
  const outW = t('out_proj_weight');
  const [biasK, biasV, staticK, staticV] = [t('bias_k'), t('bias_v'), t('static_k'), t('static_v')];
  if (!q || !k || !val) return fail('the query, key or value is not known', 'query、key 或 value 未知');
  if (heads === undefined || check === undefined || separate === undefined || needWeights === undefined || average === undefined || zeroAttn === undefined) return fail('its settings are not known', '其参数值未知');
  if (outW === undefined || biasK === undefined || biasV === undefined || staticK === undefined || staticV === undefined) return fail('a weight is not known', '某个权重未知');
  const batched = q.length === 3;
  if (!batched && q.length !== 2) return fail('the query is neither 2-D nor 3-D', 'query 既不是 2 维也不是 3 维');
  if (k.length !== q.length || val.length !== q.length) return fail('the key and value do not have the query\'s rank', 'key、value 与 query 维数不同');
  if (!batched) [q, k, val] = [[q[0]!, 1, q[1]!], [k[0]!, 1, k[1]!], [val[0]!, 1, val[1]!]];
  const [tgtLen, bsz, embed] = q as [number, number, number];
  let srcLen = k[0]!;
  if (embed !== check || heads <= 0 || embed % heads !== 0) return fail('embed_dim_to_check or num_heads does not fit the query', 'embed_dim_to_check 或 num_heads 与 query 不符');
  const headDim = embed / heads;
  if (!same(k.slice(0, 2), val.slice(0, 2)) || (!separate && !same(k, val))) return fail('the key and value shapes differ', 'key 与 value 形状不同');
  if (k[1] !== bsz) return fail('the key\'s batch differs from the query\'s', 'key 的批大小与 query 不同');
  if (separate) {
    const [wq, wk, wv] = [t('q_proj_weight'), t('k_proj_weight'), t('v_proj_weight')];
    if (!wq || !wk || !wv) return fail('a separate projection weight is not known', '分开的投影权重未知');
    if (!same(wq, [embed, embed]) || !same(wk, [embed, k[2]!]) || !same(wv, [embed, val[2]!])) return fail('the projection weights do not fit the query, key and value', '投影权重与 query、key、value 不符');
  } else {
    const w = t('in_proj_weight');
    if (!w) return fail('in_proj_weight is not known', 'in_proj_weight 未知');
    if (!same(w, [3 * embed, embed]) || k[2] !== embed || val[2] !== embed) return fail('in_proj_weight does not fit the query, key and value', 'in_proj_weight 与 query、key、value 不符');
  }
  const inBias = t('in_proj_bias');
  if (inBias === undefined || (inBias !== null && !same(inBias, [3 * embed]))) return fail('in_proj_bias is not known or does not fit', 'in_proj_bias 未知或不符');
  if (biasK && biasV) {
    if (staticK || staticV) return fail('bias_k with static_k', 'bias_k 与 static_k 同时给出');
    if (!same(biasK, [1, 1, embed]) || !same(biasV, [1, 1, embed])) return fail('bias_k or bias_v does not fit', 'bias_k 或 bias_v 不符');
    srcLen += 1;
  } else if (biasK || biasV) return fail('only one of bias_k and bias_v', '只给出了 bias_k 与 bias_v 之一');
  if (staticK) {
    if (staticK.length !== 3 || staticK[0] !== bsz * heads || staticK[2] !== headDim) return fail('static_k does not fit', 'static_k 不符');
    srcLen = staticK[1]!;
  }
  if (staticV && (staticV.length !== 3 || staticV[0] !== bsz * heads || staticV[1] !== srcLen || staticV[2] !== headDim)) return fail('static_v does not fit', 'static_v 不符');
  const padded = (biasK ? 1 : 0) + (zeroAttn ? 1 : 0);
  if (zeroAttn) srcLen += 1;
  // Masks are checked where PyTorch checks them: the attention mask against the key as given, the
  // padding mask after bias_k and add_zero_attn pad it; both then cover every key position.
  const [kpm, mask] = [t('key_padding_mask'), t('attn_mask')];
  if (kpm === undefined || mask === undefined) return fail('a mask is not known', '某个掩码未知');
  if (kpm && !same(batched ? kpm : [1, ...kpm], [bsz, srcLen - padded])) return fail('key_padding_mask does not fit the key', 'key_padding_mask 与 key 不符');
  if (mask) {
    const want = mask.length === 2 ? [tgtLen, k[0]!] : [bsz * heads, tgtLen, k[0]!];
    if ((mask.length !== 2 && mask.length !== 3) || !same(mask, want) || k[0]! + padded !== srcLen) return fail('attn_mask does not fit the query and key', 'attn_mask 与 query、key 不符');
  }
  if (!outW || outW.length !== 2 || outW[1] !== embed) return fail('out_proj_weight is not known or does not fit', 'out_proj_weight 未知或不符');
  const outBias = t('out_proj_bias');
  if (outBias === undefined || (outBias !== null && !same(outBias, [outW[0]!]))) return fail('out_proj_bias is not known or does not fit', 'out_proj_bias 未知或不符');
  const out = batched ? tensor([tgtLen, bsz, outW[0]!]) : tensor([tgtLen, outW[0]!]);
  if (!needWeights) return { t: 'seq', items: [out, NONE], tuple: true };
  const full = average ? [bsz, tgtLen, srcLen] : [bsz, heads, tgtLen, srcLen];
  return { t: 'seq', items: [out, tensor(batched ? full : full.slice(1))], tuple: true };
}

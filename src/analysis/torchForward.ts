// What a torch.nn layer's forward takes, as PyTorch 1.13 declares it: which of its arguments are
// the tensors it computes on, and every name it accepts (a call with another one is a TypeError).
import type { ArgList } from './torchLayers';
import type { Msg } from './types';

/** The names of a torch.nn layer's forward inputs, for calls that pass them by keyword (`mha(query=x, key=x, value=x)`). */
export const FORWARD_INPUTS: Record<string, string[]> = {
  MultiheadAttention: ['query', 'key', 'value'],
  TransformerEncoderLayer: ['src'],
  TransformerDecoderLayer: ['tgt', 'memory'],
  TransformerEncoder: ['src'],
  TransformerDecoder: ['tgt', 'memory'],
  Transformer: ['src', 'tgt'],
  RNN: ['input', 'hx'],
  LSTM: ['input', 'hx'],
  GRU: ['input', 'hx'],
  RNNCell: ['input', 'hx'],
  LSTMCell: ['input', 'hx'],
  GRUCell: ['input', 'hx'],
  EmbeddingBag: ['input', 'offsets'],
  ConvTranspose1d: ['input', 'output_size'],
  ConvTranspose2d: ['input', 'output_size'],
  ConvTranspose3d: ['input', 'output_size'],
  MaxUnpool1d: ['input', 'indices', 'output_size'],
  MaxUnpool2d: ['input', 'indices', 'output_size'],
  MaxUnpool3d: ['input', 'indices', 'output_size'],
};

type Signature = { required: string[]; optional: string[] };

const sig = (required: string[], optional: string[] = []): Signature => ({ required, optional });
const RECURRENT = sig(['input'], ['hx']);
const LOSS = sig(['input', 'target']);
const DECODER = sig(['tgt', 'memory'], ['tgt_mask', 'memory_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask']);

/** forward's parameters (after self) where they are not just `(input)`, read from PyTorch 1.13 with inspect.signature. */
const SIGNATURES: Record<string, Signature> = {
  ...Object.fromEntries(['RNN', 'LSTM', 'GRU', 'RNNCell', 'LSTMCell', 'GRUCell'].map((k) => [k, RECURRENT])),
  ...Object.fromEntries(['L1Loss', 'MSELoss', 'SmoothL1Loss', 'HuberLoss', 'KLDivLoss', 'BCELoss', 'BCEWithLogitsLoss', 'CrossEntropyLoss', 'NLLLoss'].map((k) => [k, LOSS])),
  ...Object.fromEntries(['ConvTranspose1d', 'ConvTranspose2d', 'ConvTranspose3d'].map((k) => [k, sig(['input'], ['output_size'])])),
  ...Object.fromEntries(['MaxUnpool1d', 'MaxUnpool2d', 'MaxUnpool3d'].map((k) => [k, sig(['input', 'indices'], ['output_size'])])),
  CosineSimilarity: sig(['x1', 'x2']),
  PairwiseDistance: sig(['x1', 'x2']),
  Bilinear: sig(['input1', 'input2']),
  EmbeddingBag: sig(['input'], ['offsets', 'per_sample_weights']),
  MultiheadAttention: sig(['query', 'key', 'value'], ['key_padding_mask', 'need_weights', 'attn_mask', 'average_attn_weights']),
  TransformerEncoderLayer: sig(['src'], ['src_mask', 'src_key_padding_mask']),
  TransformerEncoder: sig(['src'], ['mask', 'src_key_padding_mask']),
  TransformerDecoderLayer: DECODER,
  TransformerDecoder: DECODER,
  Sequential: sig(['input']),
  Transformer: sig(['src', 'tgt'], ['src_mask', 'tgt_mask', 'memory_mask', 'src_key_padding_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask']),
};

/** Keywords PyTorch 2.0 / 2.1 added to these forwards: 1.13 refuses them, a newer PyTorch takes them. */
const LATER_KEYWORDS: ReadonlySet<string> = new Set(['is_causal', 'src_is_causal', 'tgt_is_causal', 'memory_is_causal']);
const TAKES_LATER_KEYWORDS: ReadonlySet<string> = new Set(['MultiheadAttention', 'TransformerEncoderLayer', 'TransformerEncoder', 'TransformerDecoderLayer', 'TransformerDecoder', 'Transformer']);

export type ForwardRefusal = { refused: Msg; version?: false } | { refused: Msg; version: true };

/**
 * Why a call of a torch.nn layer `kind` (`isLayer`: one of the layers the analysis knows, forward
 * `(input)` unless listed) does not bind: Python's TypeError before forward runs, or a keyword only
 * a newer PyTorch takes (`version`: what happens depends on the user's PyTorch). Undefined when it
 * binds, or when spread arguments the analysis cannot list may fill it.
 */
export function refusedForwardCall(kind: string, isLayer: boolean, args: ArgList): ForwardRefusal | undefined {
  const s = SIGNATURES[kind] ?? (isLayer ? sig(['input']) : undefined);
  if (!s || args.unknownRest || args.splat) return undefined;
  const names = [...s.required, ...s.optional];
  const name = `${kind}.forward`;
  const typeError = (en: string, zh: string): ForwardRefusal => ({ refused: { en: `TypeError: ${en}`, 'zh-cn': `TypeError：${zh}` } });
  if (args.positional.length > names.length) {
    const takes = s.optional.length > 0 ? `from ${s.required.length + 1} to ${names.length + 1}` : `${names.length + 1}`;
    return typeError(`${name}() takes ${takes} positional arguments but ${args.positional.length + 1} were given`, `${name}() 接受 ${takes.replace('from ', '').replace(' to ', ' 到 ')} 个位置参数，但给出了 ${args.positional.length + 1} 个`);
  }
  const byPosition = new Set(names.slice(0, args.positional.length));
  for (const k of args.keyword.keys()) {
    if (byPosition.has(k)) return typeError(`${name}() got multiple values for argument '${k}'`, `${name}() 的参数 '${k}' 得到多个值`);
    if (names.includes(k)) continue;
    if (LATER_KEYWORDS.has(k) && TAKES_LATER_KEYWORDS.has(kind)) {
      return { refused: { en: `${name}(${k}=…) is PyTorch 2.x's (1.13 refuses it): what it gives depends on the version`, 'zh-cn': `${name}(${k}=…) 是 PyTorch 2.x 的参数（1.13 拒绝）：结果取决于版本` }, version: true };
    }
    return typeError(`${name}() got an unexpected keyword argument '${k}'`, `${name}() 得到意外的关键字参数 '${k}'`);
  }
  const missing = s.required.filter((n) => !byPosition.has(n) && !args.keyword.has(n));
  if (missing.length > 0) {
    const list = missing.map((n) => `'${n}'`).join(' and ');
    return typeError(`${name}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`, `${name}() 缺少 ${missing.length} 个必需的位置参数：${list}`);
  }
  return undefined;
}

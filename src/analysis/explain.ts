// Why a shape is what it is: the size formula with the layer's own numbers, and the sentence a
// mismatch diagnostic ends with. Formula rendering itself lives in src/formula.
import type { LayerProblem } from './torchLayers';
import type { ConfigValue, Framework, LayerCall, Msg, SubstitutedStep } from './types';
import { layerSubstitutions, type LayerNumbers } from '../formula/layerFormulas';

const EXPLAIN: Record<string, Msg> = {
  Linear: { en: ' — a Linear layer computes y = xWᵀ + b over the last dimension, so in_features must equal the size of that dimension.', 'zh-cn': ' —— 全连接层在最后一维上计算 y = xWᵀ + b，所以 in_features 必须等于这一维的大小。' },
  Dense: { en: ' — a dense layer computes y = xW + b over the last dimension, so its kernel rows must equal that size.', 'zh-cn': ' —— 全连接层在最后一维上计算 y = xW + b，核矩阵的行数必须等于这一维的大小。' },
  Conv: { en: ' — every kernel spans all input channels (a weight of shape out × in × k × k), so in_channels must equal the channels the previous layer produces.', 'zh-cn': ' —— 每个卷积核覆盖全部输入通道（权重形状为 out × in × k × k），所以 in_channels 必须等于上一层输出的通道数。' },
  RNN: { en: ' — the recurrent layer multiplies each time step x_t by W_ih, whose width is input_size.', 'zh-cn': ' —— 循环层在每个时间步用 W_ih 乘以 x_t，W_ih 的宽度就是 input_size。' },
  RNNState: { en: ' — the state holds one row per layer and direction (num_layers × 2 if bidirectional), each with a row per sequence of the batch and hidden_size values.', 'zh-cn': ' —— 状态为每一层、每个方向各保存一行（双向时为 num_layers × 2），每行含批中每个序列的 hidden_size 个值。' },
  Norm: { en: ' — normalization keeps one scale and shift per feature, so its size must match the feature dimension.', 'zh-cn': ' —— 归一化层为每个特征保存一组缩放和平移参数，所以大小必须与特征维一致。' },
};

export function explainProblem(kind: string, p: LayerProblem): Msg {
  if (p.expected === undefined) return { en: '', 'zh-cn': '' };
  if (kind === 'Linear') return EXPLAIN.Linear!;
  if (kind === 'Dense') return EXPLAIN.Dense!;
  if (/^Conv/.test(kind)) return EXPLAIN.Conv!;
  if (kind === 'RNN' || kind === 'LSTM' || kind === 'GRU' || kind === 'SimpleRNN') return p.argName === 'input_size' || kind === 'SimpleRNN' ? EXPLAIN.RNN! : p.state ? EXPLAIN.RNNState! : { en: '', 'zh-cn': '' };
  if (/Norm/.test(kind)) return EXPLAIN.Norm!;
  return { en: '', 'zh-cn': '' };
}

/** The layer's size and parameter formulas with this call's numbers (src/formula/layerFormulas.ts). */
const memo = new Map<string, SubstitutedStep[]>();

export function stepsForCall(framework: Framework, kind: string, _config: Record<string, ConfigValue>, call: LayerCall, numbers: LayerNumbers | undefined): SubstitutedStep[] {
  if (!call.output.known || !numbers) return [];
  // Identical layers called on identical shapes (the blocks of a Transformer) share their steps.
  const key = `${framework}|${kind}|${JSON.stringify(numbers)}`;
  let steps = memo.get(key);
  if (!steps) {
    steps = layerSubstitutions(framework, kind, numbers)
      .filter((s) => s.error === undefined)
      .map((s) => ({ quantity: s.quantity, value: s.value, formula: s.formula, text: s.text, latex: s.latex }));
    if (memo.size > 5000) memo.clear();
    memo.set(key, steps);
  }
  return steps.map((s) => ({ ...s }));
}

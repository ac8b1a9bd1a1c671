// Recurrent networks: RNN, LSTM, GRU. Document formulas plus the PyTorch forms and parameter
// counts the editor needs (origin 'reference'). Our own explanations.

import type { Concept } from '../types';

const RNN_S = '循环神经网络 (RNN)';
const LSTM_S = '长短期记忆网络';
const GRU_S = '门控循环单元 (GRU)';

const X_T = { symbol: 'x_t', meaning: { en: 'input at time step t', 'zh-cn': '第 t 个时间步的输入' } };
const H_T = { symbol: 'h_t', meaning: { en: 'hidden state after step t', 'zh-cn': '第 t 步之后的隐藏状态' } };
const SIG = { symbol: '\\sigma', meaning: { en: 'sigmoid: gate values between 0 and 1', 'zh-cn': 'sigmoid：门的取值在 0 到 1 之间' } };
const CONCAT = { symbol: '[h_{t-1}, x_t]', meaning: { en: 'previous state and current input, concatenated', 'zh-cn': '上一状态与当前输入拼接' } };

export const RNN_CONCEPTS: readonly Concept[] = [
  {
    id: 'rnn',
    title: { en: 'Recurrent neural network (RNN): state update and output', 'zh-cn': '循环神经网络（RNN）：状态更新与输出' },
    section: RNN_S,
    formulas: [
      { latex: 'h_t = f(W_{hh}h_{t-1} + W_{xh}x_t + b_h)', docLine: 1154, origin: 'display', label: { en: 'state update', 'zh-cn': '状态更新' } },
      { latex: 'y_t = W_{hy}h_t + b_y', docLine: 1169, origin: 'display', label: { en: 'output', 'zh-cn': '输出' } },
      { latex: 'W_{hh} \\in \\mathbb{R}^{h \\times h}', docLine: 1161, origin: 'inline', label: { en: 'state-to-state weight shape', 'zh-cn': '状态到状态权重的形状' } },
      { latex: 'W_{xh} \\in \\mathbb{R}^{h \\times d}', docLine: 1162, origin: 'inline', label: { en: 'input-to-state weight shape', 'zh-cn': '输入到状态权重的形状' } },
      {
        latex: 'h_t = \\tanh(x_t W_{ih}^{T} + b_{ih} + h_{t-1} W_{hh}^{T} + b_{hh})',
        origin: 'reference',
        label: { en: 'as nn.RNN computes it', 'zh-cn': 'nn.RNN 的计算方式' },
      },
      {
        latex: '\\#\\text{params} = \\sum_{\\ell=1}^{L} D\\,\\big(H\\,(I_\\ell + H) + 2H\\big),\\quad I_1 = I,\\ I_{\\ell>1} = D\\,H',
        origin: 'reference',
        label: {
          en: 'nn.RNN parameters (D = 2 if bidirectional; two bias vectors); tf.layers.simpleRNN has one bias vector: H(I + H) + H',
          'zh-cn': 'nn.RNN 参数量（双向时 D = 2；两组偏置）；tf.layers.simpleRNN 只有一组偏置：H(I + H) + H',
        },
      },
    ],
    explanation: {
      en: 'An RNN reads a sequence one step at a time and carries a hidden state from step to step: the new state mixes the previous state with the current input through the same weights at every step. The state is a running summary of everything read so far. Because gradients are multiplied by W_hh once per step on the way back, they tend to vanish or explode over long sequences.',
      'zh-cn': 'RNN 按时间步逐个读取序列，并把隐藏状态一步步传下去：新状态由上一状态和当前输入混合而成，每一步用的都是同一组权重。这个状态相当于对已读内容的滚动摘要。反向传播时梯度每经过一步都要乘一次 W_hh，序列一长就容易消失或爆炸。',
    },
    symbols: [
      H_T,
      X_T,
      { symbol: 'W_{hh}', meaning: { en: 'state-to-state weights', 'zh-cn': '状态到状态的权重' } },
      { symbol: 'W_{xh}', meaning: { en: 'input-to-state weights', 'zh-cn': '输入到状态的权重' } },
      { symbol: 'W_{hy}, b_y', meaning: { en: 'output projection (an nn.Linear after the RNN)', 'zh-cn': '输出投影（RNN 之后的 nn.Linear）' } },
      { symbol: 'I, H, L', meaning: { en: 'input_size, hidden_size, num_layers', 'zh-cn': 'input_size、hidden_size、num_layers' } },
    ],
    code: { pytorch: ['nn.RNN', 'nn.RNNCell'], tfjs: ['tf.layers.simpleRNN', 'tf.layers.simpleRNNCell', 'tf.layers.rnn'] },
    related: ['lstm', 'gru', 'tanh'],
  },
  {
    id: 'lstm',
    title: { en: 'LSTM: gates and cell state', 'zh-cn': 'LSTM：门与细胞状态' },
    section: LSTM_S,
    formulas: [
      { latex: 'f_t = \\sigma(W_f[h_{t-1}, x_t] + b_f)', docLine: 1300, origin: 'display', label: { en: 'forget gate', 'zh-cn': '遗忘门' } },
      { latex: 'i_t = \\sigma(W_i[h_{t-1}, x_t] + b_i)', docLine: 1305, origin: 'display', label: { en: 'input gate', 'zh-cn': '输入门' } },
      { latex: '\\tilde{C}_t = \\tanh(W_C[h_{t-1}, x_t] + b_C)', docLine: 1309, origin: 'display', label: { en: 'candidate cell', 'zh-cn': '候选细胞状态' } },
      { latex: 'C_t = f_t \\cdot C_{t-1} + i_t \\cdot \\tilde{C}_t', docLine: 1314, origin: 'display', label: { en: 'cell update', 'zh-cn': '细胞状态更新' } },
      { latex: 'o_t = \\sigma(W_o[h_{t-1}, x_t] + b_o)', docLine: 1319, origin: 'display', label: { en: 'output gate', 'zh-cn': '输出门' } },
      { latex: 'h_t = o_t \\cdot \\tanh(C_t)', docLine: 1323, origin: 'display', label: { en: 'hidden state', 'zh-cn': '隐藏状态' } },
      { latex: 'y_t = W_{hy}h_t + b_y', docLine: 1327, origin: 'display', label: { en: 'output', 'zh-cn': '输出' } },
      {
        latex: '\\#\\text{params} = \\sum_{\\ell=1}^{L} D\\,\\big(4H\\,(I_\\ell + H) + 8H\\big),\\quad I_1 = I,\\ I_{\\ell>1} = D\\,H',
        origin: 'reference',
        label: {
          en: 'nn.LSTM parameters (two bias vectors per gate; with proj_size P the recurrent width is P and W_hr adds P·H); tf.layers.lstm has one bias vector: 4H(I + H) + 4H',
          'zh-cn': 'nn.LSTM 参数量（每个门两组偏置；设置 proj_size P 时循环宽度为 P，W_hr 另加 P·H）；tf.layers.lstm 只有一组偏置：4H(I + H) + 4H',
        },
      },
    ],
    explanation: {
      en: 'An LSTM adds a cell state C that is changed only by element-wise scaling and addition, so information (and gradient) can travel many steps without being squashed. Three sigmoid gates decide, per component, how much of the old cell to keep, how much of the new candidate to write, and how much of the cell to expose as the hidden state h. The · here is element-wise multiplication.',
      'zh-cn': 'LSTM 增加了一条细胞状态 C，它只经历逐元素的缩放和相加，信息（以及梯度）因而可以跨越很多步而不被挤压。三个 sigmoid 门按分量决定：旧细胞保留多少、新候选写入多少、细胞有多少作为隐藏状态 h 输出。式中的 · 是逐元素乘法。',
    },
    symbols: [
      { symbol: 'C_t', meaning: { en: 'cell state (long-term memory)', 'zh-cn': '细胞状态（长期记忆）' } },
      H_T,
      { symbol: 'f_t, i_t, o_t', meaning: { en: 'forget, input and output gates', 'zh-cn': '遗忘门、输入门、输出门' } },
      { symbol: '\\tilde{C}_t', meaning: { en: 'candidate values to write', 'zh-cn': '待写入的候选值' } },
      CONCAT,
      SIG,
    ],
    code: { pytorch: ['nn.LSTM', 'nn.LSTMCell'], tfjs: ['tf.layers.lstm', 'tf.layers.lstmCell'] },
    related: ['rnn', 'gru', 'sigmoid', 'orthogonal-init'],
  },
  {
    id: 'gru',
    title: { en: 'GRU: update and reset gates', 'zh-cn': 'GRU：更新门与重置门' },
    section: GRU_S,
    formulas: [
      { latex: 'z_t = \\sigma(W_z[h_{t-1}, x_t])', docLine: 1338, origin: 'display', label: { en: 'update gate', 'zh-cn': '更新门' } },
      { latex: 'r_t = \\sigma(W_r[h_{t-1}, x_t])', docLine: 1343, origin: 'display', label: { en: 'reset gate', 'zh-cn': '重置门' } },
      { latex: '\\tilde{h}_t = \\tanh(W[r_t \\cdot h_{t-1}, x_t])', docLine: 1348, origin: 'display', label: { en: 'candidate state', 'zh-cn': '候选状态' } },
      { latex: 'h_t = (1 - z_t) \\cdot h_{t-1} + z_t \\cdot \\tilde{h}_t', docLine: 1352, origin: 'display', label: { en: 'state update', 'zh-cn': '状态更新' } },
      { latex: 'y_t = W_{hy}h_t + b_y', docLine: 1356, origin: 'display', label: { en: 'output', 'zh-cn': '输出' } },
      {
        latex: 'n_t = \\tanh(W_{in}x_t + b_{in} + r_t \\odot (W_{hn}h_{t-1} + b_{hn}))',
        origin: 'reference',
        label: { en: 'nn.GRU’s candidate: the reset gate acts after the matrix product', 'zh-cn': 'nn.GRU 的候选状态：重置门作用在矩阵乘法之后' },
      },
      {
        latex: 'h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}',
        origin: 'reference',
        label: { en: 'nn.GRU’s convention: z weights the OLD state', 'zh-cn': 'nn.GRU 的约定：z 加权的是旧状态' },
      },
      {
        latex: '\\#\\text{params} = \\sum_{\\ell=1}^{L} D\\,\\big(3H\\,(I_\\ell + H) + 6H\\big),\\quad I_1 = I,\\ I_{\\ell>1} = D\\,H',
        origin: 'reference',
        label: { en: 'nn.GRU parameters (two bias vectors); tf.layers.gru has one bias vector: 3H(I + H) + 3H', 'zh-cn': 'nn.GRU 参数量（两组偏置）；tf.layers.gru 只有一组偏置：3H(I + H) + 3H' },
      },
    ],
    explanation: {
      en: 'A GRU merges the LSTM’s cell and hidden state into one vector and uses two gates. The reset gate decides how much of the old state feeds the candidate; the update gate interpolates between the old state and the candidate. It has three weight blocks instead of four, so it is lighter than an LSTM of the same size. PyTorch swaps the roles of z and 1 − z relative to the formula above; the model family is the same.',
      'zh-cn': 'GRU 把 LSTM 的细胞状态和隐藏状态合成一个向量，只用两个门。重置门决定旧状态有多少参与计算候选值；更新门在旧状态与候选值之间做插值。它只有三组权重而不是四组，比同尺寸的 LSTM 更轻。PyTorch 中 z 与 1 − z 的角色与上式正好对调，但表达能力相同。',
    },
    symbols: [
      { symbol: 'z_t', meaning: { en: 'update gate', 'zh-cn': '更新门' } },
      { symbol: 'r_t', meaning: { en: 'reset gate', 'zh-cn': '重置门' } },
      { symbol: '\\tilde{h}_t, n_t', meaning: { en: 'candidate state', 'zh-cn': '候选状态' } },
      CONCAT,
      SIG,
    ],
    code: { pytorch: ['nn.GRU', 'nn.GRUCell'], tfjs: ['tf.layers.gru', 'tf.layers.gruCell'] },
    related: ['lstm', 'rnn'],
  },
];

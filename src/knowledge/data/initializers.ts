// Weight initialisers (section "初始学习参数"). The document lists them in a table without
// formulas, so the formulas here follow the PyTorch / tfjs documentation (origin 'reference').

import type { Concept } from '../types';

const S = '初始学习参数';

const FAN = [
  { symbol: 'n_{in}', meaning: { en: 'fan-in: inputs feeding one unit (in_features, or C_in·k_h·k_w)', 'zh-cn': '扇入：连到一个单元的输入数（in_features 或 C_in·k_h·k_w）' } },
  { symbol: 'n_{out}', meaning: { en: 'fan-out: units one input feeds', 'zh-cn': '扇出：一个输入连到的单元数' } },
];

export const INITIALIZER_CONCEPTS: readonly Concept[] = [
  {
    id: 'zero-init',
    title: { en: 'Zero (constant) initialisation', 'zh-cn': '零初始化（常数初始化）' },
    section: S,
    formulas: [{ latex: 'W = 0,\\qquad b = 0', origin: 'reference' }],
    explanation: {
      en: 'Setting weights to the same constant makes every unit of a layer compute the same output and receive the same gradient, so they stay identical forever: the layer behaves like a single unit. It is fine, and usual, for biases.',
      'zh-cn': '若权重全部取同一个常数，同层每个单元的输出和梯度都完全相同，永远无法分化，整层相当于只有一个单元。对偏置来说这样初始化没有问题，也最常见。',
    },
    symbols: [{ symbol: 'W, b', meaning: { en: 'weights and biases', 'zh-cn': '权重与偏置' } }],
    code: { pytorch: ['nn.init.zeros_', 'nn.init.constant_', 'nn.init.ones_'], tfjs: ['tf.initializers.zeros', 'tf.initializers.constant', 'tf.initializers.ones'] },
    related: ['random-init'],
  },
  {
    id: 'random-init',
    title: { en: 'Random initialisation', 'zh-cn': '随机初始化' },
    section: S,
    formulas: [{ latex: 'W_{ij} \\sim \\mathcal{N}(0, \\sigma^2)\\quad\\text{or}\\quad W_{ij} \\sim \\mathcal{U}(-a, a)', origin: 'reference' }],
    explanation: {
      en: 'Drawing each weight independently at random breaks the symmetry between units. The spread matters: too wide and activations explode layer after layer, too narrow and they fade to nothing. Xavier and He initialisation are recipes for choosing that spread from the layer’s size.',
      'zh-cn': '每个权重独立随机抽取，打破了单元之间的对称。关键在于分布的宽度：太宽，激活值逐层放大直至爆炸；太窄，则逐层衰减到几乎为零。Xavier 与 He 初始化就是根据层的大小来确定这个宽度的方法。',
    },
    symbols: [
      { symbol: '\\sigma', meaning: { en: 'standard deviation', 'zh-cn': '标准差' } },
      { symbol: 'a', meaning: { en: 'half-width of the uniform range', 'zh-cn': '均匀分布区间的半宽' } },
    ],
    code: {
      pytorch: ['nn.init.normal_', 'nn.init.uniform_', 'nn.init.trunc_normal_', 'torch.randn', 'torch.rand'],
      tfjs: ['tf.initializers.randomNormal', 'tf.initializers.randomUniform', 'tf.initializers.truncatedNormal', 'tf.randomNormal', 'tf.randomUniform'],
    },
    related: ['xavier-init', 'he-init'],
  },
  {
    id: 'xavier-init',
    title: { en: 'Xavier (Glorot) initialisation', 'zh-cn': 'Xavier（Glorot）初始化' },
    section: S,
    formulas: [
      { latex: 'W \\sim \\mathcal{U}(-a, a),\\quad a = \\text{gain}\\cdot\\sqrt{\\frac{6}{n_{in} + n_{out}}}', origin: 'reference', label: { en: 'uniform', 'zh-cn': '均匀分布' } },
      { latex: 'W \\sim \\mathcal{N}(0, \\sigma^2),\\quad \\sigma = \\text{gain}\\cdot\\sqrt{\\frac{2}{n_{in} + n_{out}}}', origin: 'reference', label: { en: 'normal', 'zh-cn': '正态分布' } },
    ],
    explanation: {
      en: 'Chooses the spread so that the variance of the signal stays about the same going forward and the variance of the gradient stays about the same going backward, a compromise between fan-in and fan-out. It assumes an activation that is roughly linear near zero, such as tanh or sigmoid. The document’s Transformer code applies xavier_uniform_ to every weight matrix.',
      'zh-cn': '选取分布宽度，使信号前向传播时方差大致不变、梯度反向传播时方差也大致不变，是在扇入与扇出之间的折中。它假定激活函数在零附近近似线性，例如 tanh、sigmoid。文中的 Transformer 代码对所有权重矩阵都用了 xavier_uniform_。',
    },
    symbols: [...FAN, { symbol: '\\text{gain}', meaning: { en: 'activation-dependent factor (1 for linear/sigmoid, 5/3 for tanh)', 'zh-cn': '与激活函数相关的系数（线性/sigmoid 为 1，tanh 为 5/3）' } }],
    code: { pytorch: ['nn.init.xavier_uniform_', 'nn.init.xavier_normal_'], tfjs: ['tf.initializers.glorotUniform', 'tf.initializers.glorotNormal'] },
    related: ['he-init', 'tanh'],
  },
  {
    id: 'he-init',
    title: { en: 'He (Kaiming) initialisation', 'zh-cn': 'He（Kaiming）初始化' },
    section: S,
    formulas: [
      { latex: 'W \\sim \\mathcal{N}(0, \\sigma^2),\\quad \\sigma = \\frac{\\text{gain}}{\\sqrt{n_{\\text{mode}}}},\\quad \\text{gain}_{\\text{ReLU}} = \\sqrt{2}', origin: 'reference', label: { en: 'normal', 'zh-cn': '正态分布' } },
      { latex: 'W \\sim \\mathcal{U}(-a, a),\\quad a = \\text{gain}\\cdot\\sqrt{\\frac{3}{n_{\\text{mode}}}}', origin: 'reference', label: { en: 'uniform', 'zh-cn': '均匀分布' } },
    ],
    explanation: {
      en: 'ReLU zeroes about half of its inputs, which halves the signal’s variance at every layer; He initialisation doubles the weight variance to compensate (gain √2). It keeps deep ReLU networks from starting with vanishing activations. PyTorch’s Conv and Linear layers use a Kaiming-uniform variant by default.',
      'zh-cn': 'ReLU 大约把一半输入变成零，信号方差每经过一层就减半；He 初始化把权重方差加倍来补偿（gain 取 √2），让很深的 ReLU 网络一开始不至于激活消失。PyTorch 的卷积层和线性层默认用的就是一种 Kaiming 均匀分布初始化。',
    },
    symbols: [
      { symbol: 'n_{\\text{mode}}', meaning: { en: 'fan-in (default mode) or fan-out', 'zh-cn': '扇入（默认）或扇出' } },
      { symbol: '\\text{gain}', meaning: { en: '√2 for ReLU', 'zh-cn': 'ReLU 时为 √2' } },
    ],
    code: { pytorch: ['nn.init.kaiming_normal_', 'nn.init.kaiming_uniform_'], tfjs: ['tf.initializers.heNormal', 'tf.initializers.heUniform'] },
    related: ['relu', 'xavier-init'],
  },
  {
    id: 'orthogonal-init',
    title: { en: 'Orthogonal initialisation', 'zh-cn': '正交初始化' },
    section: S,
    formulas: [{ latex: 'W = \\text{gain}\\cdot Q,\\qquad Q^{T}Q = I', origin: 'reference' }],
    explanation: {
      en: 'Uses a random orthogonal matrix, which rotates vectors without stretching them: every singular value is 1. Applied again and again, as a recurrent weight is across time steps, it neither blows the state up nor shrinks it, which is why it suits RNNs and LSTMs.',
      'zh-cn': '使用随机正交矩阵，它只旋转向量而不拉伸，所有奇异值都等于 1。像循环权重那样在时间步之间被反复相乘时，状态既不会放大也不会缩小，因此特别适合 RNN 与 LSTM。',
    },
    symbols: [
      { symbol: 'Q', meaning: { en: 'random orthogonal matrix (from a QR decomposition)', 'zh-cn': '随机正交矩阵（由 QR 分解得到）' } },
      { symbol: 'I', meaning: { en: 'identity matrix', 'zh-cn': '单位矩阵' } },
    ],
    code: { pytorch: ['nn.init.orthogonal_'], tfjs: ['tf.initializers.orthogonal'] },
    related: ['rnn', 'lstm'],
  },
  {
    id: 'sparse-init',
    title: { en: 'Sparse initialisation', 'zh-cn': '稀疏初始化' },
    section: S,
    formulas: [
      {
        latex: 'W_{ij} = m_{ij}\\,\\varepsilon_{ij},\\quad \\varepsilon_{ij} \\sim \\mathcal{N}(0, \\sigma^2),\\quad m_{ij} \\in \\{0, 1\\},\\quad \\sum_i (1 - m_{ij}) = \\lceil s\\, n_{rows} \\rceil',
        origin: 'reference',
      },
    ],
    explanation: {
      en: 'Each unit starts connected to only a few randomly chosen inputs; the remaining weights are exactly zero. Units therefore start out looking at different inputs, which breaks symmetry while keeping their initial outputs small and uncorrelated.',
      'zh-cn': '每个单元一开始只和少数随机挑选的输入相连，其余权重恰好为零。于是各单元起步时关注的输入互不相同，既打破了对称，又让初始输出保持较小且彼此不相关。',
    },
    symbols: [
      { symbol: 's', meaning: { en: 'sparsity: share of zeros per column', 'zh-cn': '稀疏度：每列中零所占比例' } },
      { symbol: 'm_{ij}', meaning: { en: 'random 0/1 mask choosing which weights stay', 'zh-cn': '随机的 0/1 掩码，决定哪些权重保留' } },
      { symbol: '\\sigma', meaning: { en: 'std of the non-zero weights (0.01 by default)', 'zh-cn': '非零权重的标准差（默认 0.01）' } },
    ],
    code: { pytorch: ['nn.init.sparse_'], tfjs: [] },
    related: ['random-init'],
  },
];

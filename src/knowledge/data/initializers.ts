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
      {
        latex: 'W \\sim \\mathcal{N}(0, \\sigma^2),\\quad \\sigma = \\text{gain}\\cdot\\sqrt{\\frac{2}{n_{in} + n_{out}}}',
        origin: 'reference',
        label: {
          en: 'normal, as PyTorch’s xavier_normal_ draws it; tfjs’s glorotNormal redraws values beyond 2σ (a truncated normal), so its spread is about 0.88σ',
          'zh-cn': '正态分布，即 PyTorch 的 xavier_normal_；tfjs 的 glorotNormal 会重抽超出 2σ 的值（截断正态），实际标准差约为 0.88σ',
        },
      },
    ],
    explanation: {
      en: 'Chooses the spread so that the variance of the signal stays about the same going forward and the variance of the gradient stays about the same going backward, a compromise between fan-in and fan-out. Its derivation assumes activations that are centred on zero with slope 1 there, like tanh near the origin or no activation at all; the sigmoid breaks both (slope 1/4, outputs centred on 0.5) and ReLU halves the variance, which is what He initialisation corrects. The document’s Transformer code applies xavier_uniform_ to every weight matrix.',
      'zh-cn': '选取分布宽度，使信号前向传播时方差大致不变、梯度反向传播时方差也大致不变，是在扇入与扇出之间的折中。它的推导假设激活函数以零为中心、在零点斜率为 1，例如原点附近的 tanh，或者干脆没有激活函数；sigmoid 两条都不满足（斜率 1/4，输出以 0.5 为中心），ReLU 则会让方差减半，这正是 He 初始化要修正的。文中的 Transformer 代码对所有权重矩阵都用了 xavier_uniform_。',
    },
    symbols: [...FAN, { symbol: '\\text{gain}', meaning: { en: 'factor for the activation; PyTorch’s nn.init.calculate_gain gives 1 for linear and sigmoid, 5/3 for tanh', 'zh-cn': '与激活函数相关的系数；PyTorch 的 nn.init.calculate_gain 对线性和 sigmoid 给 1，对 tanh 给 5/3' } }],
    code: { pytorch: ['nn.init.xavier_uniform_', 'nn.init.xavier_normal_'], tfjs: ['tf.initializers.glorotUniform', 'tf.initializers.glorotNormal'] },
    related: ['he-init', 'tanh'],
  },
  {
    id: 'he-init',
    title: { en: 'He (Kaiming) initialisation', 'zh-cn': 'He（Kaiming）初始化' },
    section: S,
    formulas: [
      {
        latex: 'W \\sim \\mathcal{N}(0, \\sigma^2),\\quad \\sigma = \\frac{\\text{gain}}{\\sqrt{n_{\\text{mode}}}},\\quad \\text{gain}_{\\text{ReLU}} = \\sqrt{2}',
        origin: 'reference',
        label: {
          en: 'normal, as PyTorch’s kaiming_normal_ draws it; tfjs’s heNormal redraws values beyond 2σ (a truncated normal), so its spread is about 0.88σ',
          'zh-cn': '正态分布，即 PyTorch 的 kaiming_normal_；tfjs 的 heNormal 会重抽超出 2σ 的值（截断正态），实际标准差约为 0.88σ',
        },
      },
      { latex: 'W \\sim \\mathcal{U}(-a, a),\\quad a = \\text{gain}\\cdot\\sqrt{\\frac{3}{n_{\\text{mode}}}}', origin: 'reference', label: { en: 'uniform', 'zh-cn': '均匀分布' } },
    ],
    explanation: {
      en: 'ReLU zeroes about half of its inputs, which halves the signal’s variance at every layer; He initialisation doubles the weight variance to compensate (gain √2). It keeps deep ReLU networks from starting with vanishing activations. PyTorch’s Conv and Linear layers use a Kaiming-uniform variant by default.',
      'zh-cn': 'ReLU 大约把一半输入变成零，信号方差每经过一层就减半；He 初始化把权重方差加倍来补偿（gain 取 √2）。这样很深的 ReLU 网络一开始不至于激活消失。PyTorch 的卷积层和线性层默认用的就是一种 Kaiming 均匀分布初始化。',
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
    formulas: [
      {
        latex: 'W = \\text{gain}\\cdot Q,\\qquad \\begin{cases} Q^{T}Q = I_c, & r \\ge c \\ \\text{(tall: orthonormal columns)} \\\\ QQ^{T} = I_r, & r < c \\ \\text{(wide: orthonormal rows)} \\end{cases}',
        origin: 'reference',
        label: { en: 'W as stored, r rows × c columns (higher dimensions flattened)', 'zh-cn': '按存储形状看 W：r 行 × c 列（更高维度先展平）' },
      },
    ],
    explanation: {
      en: 'Uses a random (semi-)orthogonal matrix: every singular value is 1, so a square one rotates vectors without stretching them. Applied again and again, as a recurrent weight is across time steps, it neither blows the state up nor shrinks it, which is why it suits RNNs and LSTMs. A non-square weight cannot be orthogonal both ways: a tall one has orthonormal columns (QᵀQ = I), a wide one orthonormal rows (QQᵀ = I).',
      'zh-cn': '使用随机的（半）正交矩阵：所有奇异值都等于 1，方阵时它只旋转向量而不拉伸。像循环权重那样在时间步之间被反复相乘时，状态既不会放大也不会缩小，因此特别适合 RNN 与 LSTM。非方阵不可能两个方向都正交：行多于列时各列标准正交（QᵀQ = I），列多于行时各行标准正交（QQᵀ = I）。',
    },
    symbols: [
      { symbol: 'Q', meaning: { en: 'random (semi-)orthogonal matrix, from a QR decomposition', 'zh-cn': '随机（半）正交矩阵，由 QR 分解得到' } },
      { symbol: 'I_c, I_r', meaning: { en: 'identity matrices of size c and r', 'zh-cn': '大小为 c 与 r 的单位矩阵' } },
      { symbol: 'r, c', meaning: { en: 'rows and columns of W as the framework stores it', 'zh-cn': '框架存储的 W 的行数与列数' } },
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
      en: 'In every column of the weight matrix a fixed share s of the entries, at random rows, is set to exactly zero; the others are drawn from a narrow normal distribution. A Linear weight is stored [out, in], so a column belongs to one input: each input skips a random subset of the units, and each unit ends up with its own random pattern of missing inputs, which breaks symmetry while keeping initial outputs small.',
      'zh-cn': '在权重矩阵的每一列中，随机选出固定比例 s 的元素置为零，其余元素从很窄的正态分布中抽取。Linear 的权重按 [out, in] 存储，一列对应一个输入：每个输入都跳过一部分随机选中的单元，每个单元也因此缺少一组各不相同的输入，既打破了对称，又让初始输出保持较小。',
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

// Activation functions (document section "激活函数"). Explanations are our own words.

import type { Concept } from '../types';

const S = '激活函数';

export const ACTIVATION_CONCEPTS: readonly Concept[] = [
  {
    id: 'sigmoid',
    title: { en: 'Sigmoid', 'zh-cn': 'Sigmoid 函数' },
    section: S,
    formulas: [{ latex: 'f(z) = \\frac{1}{1 + e^{-z}}', docLine: 562, origin: 'display' }],
    explanation: {
      en: 'Squashes any real number into the open interval (0, 1), so the output reads naturally as a probability. Far from zero the curve is flat, its slope tends to 0 and gradients passing through it shrink, which is why deep hidden layers rarely use it today.',
      'zh-cn': '把任意实数压缩到 0 与 1 之间，结果可直接当作概率来读。输入绝对值较大时曲线几乎水平，导数趋近于零，反向传播经过它时梯度会越乘越小，所以如今深层网络的隐藏层很少用它，多见于二分类的最后一层。',
    },
    symbols: [
      { symbol: 'z', meaning: { en: 'pre-activation (weighted sum plus bias)', 'zh-cn': '激活前的值（加权和加偏置）' } },
      { symbol: 'e', meaning: { en: "Euler's number ≈ 2.718", 'zh-cn': '自然常数 e ≈ 2.718' } },
    ],
    code: { pytorch: ['nn.Sigmoid', 'torch.sigmoid', 'F.sigmoid', '.sigmoid'], tfjs: ['tf.sigmoid', 'tf.layers.activation'] },
    related: ['tanh', 'binary-cross-entropy'],
  },
  {
    id: 'relu',
    title: { en: 'ReLU (rectified linear unit)', 'zh-cn': 'ReLU（修正线性单元）' },
    section: S,
    formulas: [{ latex: 'f(z) = \\max(0, z)', docLine: 582, origin: 'display' }],
    explanation: {
      en: 'Keeps positive inputs unchanged and replaces negative ones with zero. Its slope is exactly 1 wherever it is active, so gradients flow through without shrinking; a unit whose input stays negative for every sample receives no gradient at all and stops learning ("dead" ReLU).',
      'zh-cn': '正数原样通过，负数一律变成零。在激活区域导数恒为 1，梯度穿过时不会衰减；但若某个单元对所有样本的输入都是负数，它就再也得不到梯度，参数不再更新，这就是所谓的"死亡" ReLU。',
    },
    symbols: [{ symbol: 'z', meaning: { en: 'pre-activation value', 'zh-cn': '激活前的值' } }],
    code: { pytorch: ['nn.ReLU', 'F.relu', 'torch.relu', '.relu'], tfjs: ['tf.relu', 'tf.layers.reLU'] },
    related: ['sigmoid', 'he-init'],
  },
];

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
      en: 'Squashes any real number into the open interval (0, 1), so the output reads naturally as a probability. Far from zero the curve is flat, its slope tends to 0 and gradients passing through it shrink, which is why deep hidden layers rarely use it today and it is mostly found as the last layer of a binary classifier.',
      'zh-cn': '把任意实数压缩到 0 与 1 之间，结果可直接当作概率来读。输入绝对值较大时曲线几乎水平，导数趋近于零，反向传播经过它时梯度会越乘越小，所以如今深层网络的隐藏层很少用它，多见于二分类的最后一层。',
    },
    symbols: [
      { symbol: 'z', meaning: { en: 'pre-activation (weighted sum plus bias)', 'zh-cn': '激活前的值（加权和加偏置）' } },
      { symbol: 'e', meaning: { en: "Euler's number ≈ 2.718", 'zh-cn': '自然常数 e ≈ 2.718' } },
    ],
    code: { pytorch: ['nn.Sigmoid', 'torch.sigmoid', 'F.sigmoid', '.sigmoid'], tfjs: ['tf.sigmoid'] },
    related: ['tanh', 'binary-cross-entropy'],
  },
  {
    id: 'tanh',
    title: { en: 'Tanh (hyperbolic tangent)', 'zh-cn': 'Tanh（双曲正切）' },
    section: S,
    formulas: [{ latex: 'f(z) = \\tanh(z) = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}', docLine: 572, origin: 'display' }],
    explanation: {
      en: 'An S-shaped curve like the sigmoid but stretched to the range (−1, 1) and symmetric around the origin, so a layer of tanh units produces outputs whose average sits near zero. It still flattens out for large |z|, so very deep stacks of it suffer from vanishing gradients; recurrent cells use it to keep their state bounded.',
      'zh-cn': '形状与 Sigmoid 相似的 S 形曲线，但输出范围是 −1 到 1，并且关于原点对称，因此一层 tanh 的输出平均值靠近零。|z| 很大时同样变得平坦，层数很深时梯度仍会消失；循环网络的单元常用它把状态限制在有界范围内。',
    },
    symbols: [{ symbol: 'z', meaning: { en: 'pre-activation value', 'zh-cn': '激活前的值' } }],
    code: { pytorch: ['nn.Tanh', 'torch.tanh', 'F.tanh', '.tanh'], tfjs: ['tf.tanh'] },
    related: ['sigmoid', 'lstm', 'rnn'],
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
  {
    id: 'softmax',
    title: { en: 'Softmax', 'zh-cn': 'Softmax 函数' },
    section: S,
    formulas: [
      { latex: 'f(z_i) = \\frac{e^{z_i}}{\\sum_{j=1}^{C} e^{z_j}}, \\quad i=1,2,...,C', docLine: 593, origin: 'display' },
      {
        latex: '\\log \\mathrm{softmax}(z)_i = z_i - \\log \\sum_{j=1}^{C} e^{z_j}',
        origin: 'reference',
        label: { en: 'log-softmax (computed stably)', 'zh-cn': 'log-softmax（数值稳定的算法）' },
      },
    ],
    explanation: {
      en: 'Turns a vector of C arbitrary scores into C positive numbers that add up to 1, so they can be read as class probabilities. Exponentiation turns score differences into ratios: a score ahead by 2 gets e² ≈ 7.4 times the weight, so a clear leader takes most of the mass, while close scores such as [1, 1, 0.9] share it almost evenly (0.34, 0.34, 0.31). Libraries subtract the maximum score first (the result is unchanged) to avoid overflow.',
      'zh-cn': '把 C 个任意实数得分变成 C 个和为 1 的正数，可以看作各类别的概率。指数运算把得分之差变成倍数：领先 2 分就有 e² ≈ 7.4 倍的权重，所以明显领先的得分会拿走大部分概率，而 [1, 1, 0.9] 这样接近的得分则几乎平分（0.34、0.34、0.31）。实际实现会先减去最大得分再取指数，结果不变却不会溢出。',
    },
    symbols: [
      { symbol: 'z_i', meaning: { en: 'score (logit) of class i', 'zh-cn': '第 i 类的得分（logit）' } },
      { symbol: 'C', meaning: { en: 'number of classes', 'zh-cn': '类别数' } },
    ],
    code: {
      pytorch: ['nn.Softmax', 'torch.softmax', 'F.softmax', '.softmax', 'nn.LogSoftmax', 'F.log_softmax', 'torch.log_softmax', '.log_softmax'],
      tfjs: ['tf.softmax', 'tf.logSoftmax', 'tf.layers.softmax'],
    },
    related: ['cross-entropy', 'output-projection', 'self-attention'],
  },
];

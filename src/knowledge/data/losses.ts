// Loss functions and regularisation (sections "损失函数" and "损失计算"). Our own explanations.

import type { Concept } from '../types';

const S = '损失函数';

export const LOSS_CONCEPTS: readonly Concept[] = [
  {
    id: 'mse',
    title: { en: 'Mean squared error (MSE)', 'zh-cn': '均方误差（MSE）' },
    section: S,
    formulas: [
      { latex: 'L_{\\text{MSE}} = \\frac{1}{n} \\sum_{i=1}^{n} (\\hat{y}_i - y_i)^2', docLine: 469, origin: 'display' },
      { latex: 'L = \\frac{1}{m} \\sum_{i=1}^{m} (\\hat{y}_i - y_i)^2', docLine: 843, section: '损失计算', origin: 'display', label: { en: 'over a batch of m samples', 'zh-cn': '对 m 个样本的批量' } },
    ],
    explanation: {
      en: 'Averages the squared differences between predictions and targets. Squaring makes every error positive and weighs a large miss far more than several small ones, so a few outliers can dominate. Its gradient is proportional to the error itself, which makes it the natural choice for regression.',
      'zh-cn': '对预测值与目标值之差的平方取平均。平方让误差都变成正数，并让一次大偏差的分量远超多次小偏差，所以少数离群点就可能左右结果。它的梯度与误差本身成正比，是回归任务最自然的选择。',
    },
    symbols: [
      { symbol: '\\hat{y}_i', meaning: { en: 'prediction for sample i', 'zh-cn': '第 i 个样本的预测值' } },
      { symbol: 'y_i', meaning: { en: 'target for sample i', 'zh-cn': '第 i 个样本的真实值' } },
      { symbol: 'n, m', meaning: { en: 'number of samples averaged over', 'zh-cn': '参与平均的样本数' } },
    ],
    code: { pytorch: ['nn.MSELoss', 'F.mse_loss'], tfjs: ['tf.losses.meanSquaredError', 'tf.metrics.meanSquaredError'] },
    related: ['mae'],
  },
  {
    id: 'mae',
    title: { en: 'Mean absolute error (MAE, L1 loss)', 'zh-cn': '平均绝对误差（MAE，L1 损失）' },
    section: S,
    formulas: [{ latex: 'L_{\\text{MAE}} = \\frac{1}{n} \\sum_{i=1}^{n} |\\hat{y}_i - y_i|', docLine: 480, origin: 'display' }],
    explanation: {
      en: 'Averages the absolute differences, so each error counts in proportion to its size and outliers pull far less than under MSE. The gradient has the same magnitude for every non-zero error and is undefined exactly at zero, which can make the last steps of training jitter.',
      'zh-cn': '对误差的绝对值取平均，每个误差按大小线性计入，离群点的影响比 MSE 小得多。除零点外，梯度大小处处相同，在零点处不可导，训练后期可能因此来回抖动。',
    },
    symbols: [
      { symbol: '\\hat{y}_i', meaning: { en: 'prediction', 'zh-cn': '预测值' } },
      { symbol: 'y_i', meaning: { en: 'target', 'zh-cn': '真实值' } },
    ],
    code: { pytorch: ['nn.L1Loss', 'F.l1_loss'], tfjs: ['tf.losses.absoluteDifference', 'tf.metrics.meanAbsoluteError'] },
    related: ['mse', 'l1-regularization'],
  },
  {
    id: 'cross-entropy',
    title: { en: 'Cross-entropy loss', 'zh-cn': '交叉熵损失' },
    section: S,
    formulas: [
      { latex: 'L_{\\text{CE}} = - \\sum_{c=1}^{C} y_c \\log(\\hat{y}_c)', docLine: 490, origin: 'display' },
      {
        latex: '\\ell(x, t) = -\\log\\frac{e^{x_t}}{\\sum_{c=1}^{C} e^{x_c}} = -x_t + \\log\\sum_{c=1}^{C} e^{x_c}',
        origin: 'reference',
        label: { en: 'nn.CrossEntropyLoss on raw logits x and class index t', 'zh-cn': 'nn.CrossEntropyLoss：输入原始 logits x 与类别下标 t' },
      },
    ],
    explanation: {
      en: 'With a one-hot target only one term survives: minus the log of the probability the model gave the right class. A confident wrong answer is punished heavily, since −log p grows without bound as p approaches 0. PyTorch’s nn.CrossEntropyLoss expects raw scores and applies log-softmax itself, so the model should not end in a softmax.',
      'zh-cn': '目标是 one-hot 时只剩一项：模型给正确类别的概率取对数再取负。越是自信地答错惩罚越重，因为 p 趋近 0 时 −log p 会无限增大。PyTorch 的 nn.CrossEntropyLoss 接收未归一化的得分，内部自己做 log-softmax，所以模型最后不应再接 softmax。',
    },
    symbols: [
      { symbol: 'y_c', meaning: { en: 'target probability of class c (1 for the true class)', 'zh-cn': '类别 c 的目标概率（正确类别为 1）' } },
      { symbol: '\\hat{y}_c', meaning: { en: 'predicted probability of class c', 'zh-cn': '预测的类别 c 概率' } },
      { symbol: 'C', meaning: { en: 'number of classes', 'zh-cn': '类别数' } },
      { symbol: 'x_t', meaning: { en: 'logit of the true class t', 'zh-cn': '正确类别 t 的 logit' } },
    ],
    code: {
      pytorch: ['nn.CrossEntropyLoss', 'F.cross_entropy', 'nn.NLLLoss', 'F.nll_loss'],
      tfjs: ['tf.losses.softmaxCrossEntropy', 'tf.metrics.categoricalCrossentropy', 'tf.metrics.sparseCategoricalCrossentropy'],
    },
    related: ['softmax', 'binary-cross-entropy', 'output-projection'],
  },
  {
    id: 'binary-cross-entropy',
    title: { en: 'Binary cross-entropy (BCE)', 'zh-cn': '二元交叉熵（BCE）' },
    section: S,
    formulas: [
      { latex: 'L_{\\text{BCE}} = - [y \\log(\\hat{y}) + (1 - y) \\log(1 - \\hat{y})]', docLine: 497, origin: 'display' },
      {
        latex: 'L = -\\frac{1}{m} \\sum_{i=1}^{m} [y_i \\log(\\hat{y}_i) + (1 - y_i) \\log(1 - \\hat{y}_i)]',
        docLine: 848,
        section: '损失计算',
        origin: 'display',
        label: { en: 'averaged over a batch', 'zh-cn': '对批量取平均' },
      },
    ],
    explanation: {
      en: 'The two-class case of cross-entropy: the target is 0 or 1 and the model outputs one probability ŷ for class 1. Only one of the two log terms is active for a given sample. nn.BCELoss wants probabilities (after a sigmoid); nn.BCEWithLogitsLoss takes raw scores and is numerically safer.',
      'zh-cn': '交叉熵在两类情形下的特例：目标是 0 或 1，模型只输出属于类别 1 的概率 ŷ，对某个样本，两个对数项中只有一个起作用。nn.BCELoss 需要概率（经过 sigmoid 之后）；nn.BCEWithLogitsLoss 直接接收原始得分，数值上更稳妥。',
    },
    symbols: [
      { symbol: 'y', meaning: { en: 'target label, 0 or 1', 'zh-cn': '目标标签，0 或 1' } },
      { symbol: '\\hat{y}', meaning: { en: 'predicted probability of label 1', 'zh-cn': '预测为 1 的概率' } },
    ],
    code: {
      pytorch: ['nn.BCELoss', 'nn.BCEWithLogitsLoss', 'F.binary_cross_entropy', 'F.binary_cross_entropy_with_logits'],
      tfjs: ['tf.losses.sigmoidCrossEntropy', 'tf.metrics.binaryCrossentropy'],
    },
    related: ['sigmoid', 'cross-entropy'],
  },
  {
    id: 'l2-regularization',
    title: { en: 'L2 regularisation (weight decay)', 'zh-cn': 'L2 正则化（权重衰减）' },
    section: S,
    formulas: [
      { latex: 'R(\\theta) = \\|\\theta\\|_2^2 = \\sum_{i} \\theta_i^2', docLine: 510, origin: 'display', label: { en: 'penalty', 'zh-cn': '惩罚项' } },
      { latex: 'L_{\\text{regularized}} = L_{\\text{original}} + \\lambda \\|\\theta\\|_2^2', docLine: 516, origin: 'display', label: { en: 'total loss', 'zh-cn': '总损失' } },
    ],
    explanation: {
      en: 'Adds the sum of squared weights to the loss, so every step also shrinks each weight in proportion to its size. Weights become small and spread out rather than exactly zero, which smooths the learned function. Optimizers expose it as weight_decay (AdamW applies it decoupled from the gradient).',
      'zh-cn': '把权重平方和加进损失，于是每一步都会按权重大小成比例地把它往零收缩。权重变小、分布更均匀，但一般不会恰好为零，学到的函数因此更平滑。优化器里通常以 weight_decay 参数提供（AdamW 将其与梯度分开处理）。',
    },
    symbols: [
      { symbol: '\\theta', meaning: { en: 'the model parameters', 'zh-cn': '模型参数' } },
      { symbol: '\\lambda', meaning: { en: 'regularisation strength', 'zh-cn': '正则化强度' } },
    ],
    code: { pytorch: [], tfjs: ['tf.regularizers.l2'] },
    related: ['l1-regularization', 'elastic-net', 'regularized-loss'],
  },
  {
    id: 'l1-regularization',
    title: { en: 'L1 regularisation (lasso)', 'zh-cn': 'L1 正则化（Lasso）' },
    section: S,
    formulas: [
      { latex: 'R(\\theta) = \\|\\theta\\|_1 = \\sum_{i} |\\theta_i|', docLine: 526, origin: 'display', label: { en: 'penalty', 'zh-cn': '惩罚项' } },
      { latex: 'L_{\\text{regularized}} = L_{\\text{original}} + \\lambda \\|\\theta\\|_1', docLine: 532, origin: 'display', label: { en: 'total loss', 'zh-cn': '总损失' } },
    ],
    explanation: {
      en: 'Adds the sum of absolute weights to the loss. Its pull towards zero has the same strength whatever the weight’s size, so small weights are driven all the way to zero and the model ends up using only a subset of its inputs (a sparse solution).',
      'zh-cn': '把权重绝对值之和加进损失。不论权重大小，它把权重拉向零的力度都一样，所以较小的权重会被一路压到零，模型最终只使用部分输入，得到稀疏解。',
    },
    symbols: [
      { symbol: '\\theta', meaning: { en: 'the model parameters', 'zh-cn': '模型参数' } },
      { symbol: '\\lambda', meaning: { en: 'regularisation strength', 'zh-cn': '正则化强度' } },
    ],
    code: { pytorch: [], tfjs: ['tf.regularizers.l1'] },
    related: ['l2-regularization', 'elastic-net'],
  },
  {
    id: 'elastic-net',
    title: { en: 'Elastic net regularisation', 'zh-cn': '弹性网络正则化' },
    section: S,
    formulas: [
      { latex: 'R(\\theta) = \\alpha \\|\\theta\\|_1 + (1-\\alpha) \\|\\theta\\|_2^2', docLine: 542, origin: 'display', label: { en: 'penalty', 'zh-cn': '惩罚项' } },
      {
        latex: 'L_{\\text{regularized}} = L_{\\text{original}} + \\lambda \\left( \\alpha \\|\\theta\\|_1 + (1-\\alpha) \\|\\theta\\|_2^2 \\right)',
        docLine: 548,
        origin: 'display',
        label: { en: 'total loss', 'zh-cn': '总损失' },
      },
    ],
    explanation: {
      en: 'Blends the two penalties with a mixing weight α: α = 1 is pure L1, α = 0 pure L2. It keeps L1’s tendency to zero out useless weights while the L2 part stops it from arbitrarily picking one of several strongly correlated inputs.',
      'zh-cn': '用混合系数 α 把两种惩罚按比例组合：α = 1 就是纯 L1，α = 0 就是纯 L2。它保留了 L1 把无用权重压成零的倾向，同时 L2 部分避免在几个高度相关的输入之间随意只挑一个。',
    },
    symbols: [
      { symbol: '\\alpha', meaning: { en: 'share of the L1 part, in [0, 1]', 'zh-cn': 'L1 部分所占比例，取值 [0, 1]' } },
      { symbol: '\\lambda', meaning: { en: 'overall strength', 'zh-cn': '整体强度' } },
    ],
    code: { pytorch: [], tfjs: ['tf.regularizers.l1l2'] },
    related: ['l1-regularization', 'l2-regularization'],
  },
  {
    id: 'regularized-loss',
    title: { en: 'Loss plus a regularisation term', 'zh-cn': '损失加正则项' },
    section: '损失计算',
    formulas: [{ latex: 'L_{\\text{total}} = L + \\lambda \\cdot \\text{Regularization Term}', docLine: 853, origin: 'display' }],
    explanation: {
      en: 'The quantity actually minimised is the data-fit loss plus a penalty on the parameters, weighted by λ. The penalty encodes a preference for simpler models; λ trades that preference against fitting the training data and is tuned on the validation set.',
      'zh-cn': '真正被最小化的是"数据拟合损失 + λ 倍的参数惩罚"。惩罚项表达了对更简单模型的偏好；λ 在这种偏好与贴合训练数据之间取舍，通常借助验证集来调。',
    },
    symbols: [
      { symbol: 'L', meaning: { en: 'data-fit loss (MSE, cross-entropy…)', 'zh-cn': '数据拟合损失（MSE、交叉熵等）' } },
      { symbol: '\\lambda', meaning: { en: 'regularisation strength', 'zh-cn': '正则化强度' } },
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['l1-regularization', 'l2-regularization', 'elastic-net'],
  },
];

// Mistakes in the document's running text that are not inside a formula. Formula errata live
// with their formulas (Formula.corrected / erratum).

import type { ProseErratum } from '../types';

export const PROSE_ERRATA: readonly ProseErratum[] = [
  {
    docLine: 299,
    quote: '$N(x)$ 可以任意接近',
    conceptId: 'universal-approximation',
    note: {
      en: 'The network is called F(x) in the formula just above; N(x) is the same function.',
      'zh-cn': '上面公式中网络记作 F(x)，这里的 N(x) 指的就是它。',
    },
  },
  {
    docLine: 357,
    quote: '$W^k, b$$^k$',
    conceptId: 'composite-network',
    note: {
      en: 'Broken math markup: the stray "$$" splits b^k; it should read W^k, b^k.',
      'zh-cn': '数学标记有误：多出的 "$$" 把 b^k 拆开了，应为 W^k, b^k。',
    },
  },
  {
    docLine: 457,
    quote: '$\\alpha$ 为动量常数',
    conceptId: 'delta-rule',
    note: {
      en: 'The update rule above has no momentum term, so there is no α in it; α belongs to the momentum variant Δw(n) = αΔw(n−1) − ηδy.',
      'zh-cn': '上面的更新式没有动量项，式中并没有 α；α 属于带动量的版本 Δw(n) = αΔw(n−1) − ηδy。',
    },
  },
  {
    docLine: 1174,
    quote: '简单的数字识别卷积神经网络代码',
    conceptId: 'rnn',
    note: {
      en: 'This code is the recurrent network (SimpleRNN), not a convolutional one; the heading was copied from the CNN example.',
      'zh-cn': '这段代码是循环神经网络（SimpleRNN），并非卷积网络；标题沿用了 CNN 示例的写法。',
    },
  },
  {
    docLine: 1741,
    quote: '的均值和方差',
    conceptId: 'layer-norm',
    note: {
      en: 'σ is the standard deviation, not the variance: the formula divides by σ + ε and the code computes x.std(). The learned parameters are α and b (the next line calls them a, b).',
      'zh-cn': 'σ 是标准差而不是方差：公式除以 σ + ε，代码里算的也是 x.std()。可学习参数是 α 与 b（下一行写成了 a、b）。',
    },
  },
];

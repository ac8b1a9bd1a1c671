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
    docLine: 331,
    quote: '权重矩阵W**W**、<br />偏置b**b**',
    conceptId: 'linear-layer',
    note: {
      en: 'Garbled markup: each symbol is written twice, plain and in bold, so the table shows "WW" and "bb", which reads like a product. It means the weight matrix W and the bias b.',
      'zh-cn': '标记错乱：每个符号写了两遍（普通体和粗体各一次），表格里显示成"WW"和"bb"，看起来像乘积。这里指的就是权重矩阵 W 和偏置 b。',
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
    docLine: 764,
    quote: '前 k**k** 个',
    conceptId: 'pca',
    note: {
      en: 'Garbled markup: "k**k**" shows as "kk", which reads like k·k. It means the top k eigenvectors (k columns of W).',
      'zh-cn': '标记错乱："k**k**" 显示成"kk"，容易读成 k·k。意思是取前 k 个特征向量（W 有 k 列）。',
    },
  },
  {
    docLine: 1147,
    quote: '隐藏状态 ht**h**t，它在每个时间步 t**t** 被更新',
    conceptId: 'rnn',
    note: {
      en: 'Garbled markup: "ht**h**t" shows as "htht" and "t**t**" as "tt". It means the hidden state h_t, updated at every time step t.',
      'zh-cn': '标记错乱："ht**h**t" 显示成"htht"，"t**t**" 显示成"tt"。指的是隐藏状态 h_t，它在每个时间步 t 更新。',
    },
  },
  {
    docLine: 1148,
    quote: '隐藏状态 ht**h**t 就像',
    conceptId: 'rnn',
    note: {
      en: 'Garbled markup: "ht**h**t" shows as "htht"; it is the hidden state h_t.',
      'zh-cn': '标记错乱："ht**h**t" 显示成"htht"，指的是隐藏状态 h_t。',
    },
  },
  {
    docLine: 1151,
    quote: 'ht−1**h**t**−**1****',
    conceptId: 'rnn',
    note: {
      en: 'Garbled markup: the subscripts are lost, so "ht−1…" reads like h·t − 1 and "xt**x**t" like x·t. The sentence says: h_t depends on the previous hidden state h_{t−1} and on the current input x_t, as in the formula below.',
      'zh-cn': '标记错乱：下标丢失了，"ht−1…" 读起来像 h·t − 1，"xt**x**t" 像 x·t。这句话的意思是：h_t 取决于上一步的隐藏状态 h_{t−1} 和当前输入 x_t，即下面的公式。',
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
    docLine: 1697,
    quote: '清华的何凯明',
    conceptId: 'residual',
    note: {
      en: 'Kaiming He’s name is written 何恺明 (恺, not 凯), and residual networks (ResNet, 2015) came from Microsoft Research Asia, by He, Xiangyu Zhang, Shaoqing Ren and Jian Sun, not from Tsinghua University.',
      'zh-cn': '人名应为何恺明（"恺"而非"凯"）；残差网络（ResNet，2015 年）出自微软亚洲研究院，作者是何恺明、张祥雨、任少卿和孙剑，而不是清华大学。',
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

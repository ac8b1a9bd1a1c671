// Transformer (document chapter "Transformer"). Explanations are our own words.

import type { Concept } from '../types';

export const TRANSFORMER_CONCEPTS: readonly Concept[] = [
  {
    id: 'self-attention',
    title: { en: 'Scaled dot-product self-attention (Q, K, V)', 'zh-cn': '缩放点积自注意力（Q、K、V）' },
    section: 'Encoder的QKV自注意力机制：',
    formulas: [
      {
        latex: 'Q_X=XW_Q, K_X=XW_K, V_X=XW_K',
        corrected: 'Q_X=XW_Q, K_X=XW_K, V_X=XW_V',
        erratum: {
          en: 'The document multiplies by W_K for the values; the value projection has its own matrix W_V (as its own code does with w_v).',
          'zh-cn': '文中 V 也乘了 W_K；值向量应当使用独立的投影矩阵 W_V（文中代码的 w_v 也是如此）。',
        },
        docLine: 1592,
        origin: 'display',
      },
      { latex: 'X_{\\mathrm{Attention}}=\\mathrm{softmax}(\\frac{Q_XK^T_X}{\\sqrt{d_k}})V_X', docLine: 1596, origin: 'display' },
    ],
    explanation: {
      en: 'Every token is projected three ways: a query (what it looks for), a key (what it offers to be matched on) and a value (what it hands over). Query–key dot products, divided by √d_k to keep them in a range where softmax is not saturated, become weights over all tokens, and each output row is the weighted mix of the value rows.',
      'zh-cn': '每个词向量被投影成三份：查询 Q 表示"我在找什么"，键 K 表示"我能被什么匹配"，值 V 是真正要传递的内容。Q 与 K 的点积除以 √d_k（避免 softmax 过早饱和）后经 softmax 得到对全部位置的权重，输出的每一行就是按这些权重对 V 各行的加权求和。',
    },
    symbols: [
      { symbol: 'X', meaning: { en: 'input token vectors, one row per position', 'zh-cn': '输入词向量矩阵，每行一个位置' } },
      { symbol: 'W_Q, W_K, W_V', meaning: { en: 'learned projection matrices for queries, keys, values', 'zh-cn': '可学习的查询、键、值投影矩阵' } },
      { symbol: 'd_k', meaning: { en: 'dimension of each key/query vector', 'zh-cn': '键/查询向量的维数' } },
    ],
    code: { pytorch: ['F.scaled_dot_product_attention', '.softmax'], tfjs: [] },
    related: ['multi-head-attention', 'causal-mask', 'padding-mask'],
  },
];

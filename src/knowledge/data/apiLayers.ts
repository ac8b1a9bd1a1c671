// Layer APIs the editor recognises. Their formulas come from the framework documentation
// (origin 'reference'), tied to the document's concepts through `related`.

import type { Concept } from '../types';

export const API_LAYER_CONCEPTS: readonly Concept[] = [
  {
    id: 'conv2d-layer',
    kind: 'api',
    title: { en: '2-D convolution layer', 'zh-cn': '二维卷积层' },
    section: '卷积神经网络CNN',
    formulas: [
      {
        latex: 'H_{out} = \\left\\lfloor \\frac{H_{in} + 2\\,p - d\\,(k - 1) - 1}{s} \\right\\rfloor + 1',
        origin: 'reference',
        label: { en: 'output height (width alike)', 'zh-cn': '输出高度（宽度同理）' },
      },
      {
        latex: '\\#\\text{params} = C_{out}\\,\\frac{C_{in}}{g}\\,k_h k_w + C_{out}',
        origin: 'reference',
        label: { en: 'parameters (with bias)', 'zh-cn': '参数量（含偏置）' },
      },
    ],
    explanation: {
      en: 'Slides C_out learned kernels over the input; each kernel spans all input channels and yields one output feature map. Padding, dilation and stride decide how many positions the kernel visits, which is what the output-size formula counts.',
      'zh-cn': '用 C_out 个可学习的卷积核在输入上滑动，每个核覆盖全部输入通道，产生一张输出特征图。填充、膨胀和步长决定了卷积核能停留多少个位置，输出尺寸公式数的正是这个位置数。',
    },
    symbols: [
      { symbol: 'H_{in}', meaning: { en: 'input height', 'zh-cn': '输入高度' } },
      { symbol: 'p', meaning: { en: 'padding on each side', 'zh-cn': '每侧填充' } },
      { symbol: 'd', meaning: { en: 'dilation', 'zh-cn': '膨胀系数' } },
      { symbol: 'k', meaning: { en: 'kernel size', 'zh-cn': '卷积核大小' } },
      { symbol: 's', meaning: { en: 'stride', 'zh-cn': '步长' } },
      { symbol: 'g', meaning: { en: 'groups', 'zh-cn': '分组数' } },
    ],
    code: { pytorch: ['nn.Conv2d', 'F.conv2d'], tfjs: ['tf.layers.conv2d', 'tf.conv2d'] },
    related: ['multi-channel-convolution', 'discrete-convolution'],
  },
];

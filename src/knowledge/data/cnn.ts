// Convolutional networks (section "卷积神经网络CNN"). Our own explanations.

import type { Concept } from '../types';

const S = '卷积神经网络CNN';

export const CNN_CONCEPTS: readonly Concept[] = [
  {
    id: 'continuous-convolution',
    title: { en: 'Convolution of continuous functions', 'zh-cn': '连续函数的卷积' },
    section: S,
    formulas: [{ latex: '(f * g)(t) = \\int_{-\\infty}^{\\infty} f(\\tau)g(t - \\tau)d\\tau', docLine: 950, origin: 'display' }],
    explanation: {
      en: 'For each shift t, flip the kernel g, slide it to t, multiply it with the signal f and integrate the product. The result says how strongly the neighbourhood of t resembles the kernel’s pattern, which is why convolution acts as a filter (smoothing, edge detection…).',
      'zh-cn': '对每个平移量 t，把核 g 翻转后移到 t 处，与信号 f 相乘再积分。结果反映 t 附近与核的模式有多相像，所以卷积可以当作滤波器来用（平滑、边缘检测等）。',
    },
    symbols: [
      { symbol: 'f', meaning: { en: 'input signal', 'zh-cn': '输入信号' } },
      { symbol: 'g', meaning: { en: 'kernel (filter)', 'zh-cn': '卷积核（滤波器）' } },
      { symbol: '\\tau', meaning: { en: 'integration variable', 'zh-cn': '积分变量' } },
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['discrete-convolution'],
  },
  {
    id: 'discrete-convolution',
    title: { en: 'Discrete 2-D convolution in a CNN', 'zh-cn': 'CNN 中的二维离散卷积' },
    section: S,
    formulas: [
      { latex: 'O[i, j] = \\sum_{p=-k}^{k} \\sum_{q=-k}^{k} I[i + p, j + q] \\cdot W[p, q] + b', docLine: 975, origin: 'display' },
      { latex: '(2k + 1) \\times (2k + 1)', docLine: 982, origin: 'inline', label: { en: 'kernel size', 'zh-cn': '卷积核大小' } },
    ],
    explanation: {
      en: 'Each output pixel is a weighted sum of the (2k+1)×(2k+1) input pixels around it, with the same weights reused at every position. Deep-learning libraries skip the kernel flip, so strictly this is cross-correlation, which makes no difference because the weights are learned anyway. Sharing one small kernel across the image needs far fewer parameters than a dense layer and finds a pattern wherever it appears.',
      'zh-cn': '每个输出像素都是其周围 (2k+1)×(2k+1) 个输入像素的加权和，而且每个位置都复用同一组权重。深度学习库不翻转卷积核，严格说这是互相关；由于权重本来就是学出来的，这并无区别。整幅图共用一个小卷积核，参数远少于全连接层，并且无论图案出现在哪里都能被识别。',
    },
    symbols: [
      { symbol: 'I', meaning: { en: 'input image (one channel)', 'zh-cn': '输入图像（单通道）' } },
      { symbol: 'W', meaning: { en: 'kernel weights', 'zh-cn': '卷积核权重' } },
      { symbol: 'O', meaning: { en: 'output feature map', 'zh-cn': '输出特征图' } },
      { symbol: 'k', meaning: { en: 'kernel radius', 'zh-cn': '卷积核半径' } },
    ],
    code: { pytorch: ['nn.Conv2d', 'F.conv2d'], tfjs: ['tf.layers.conv2d', 'tf.conv2d'] },
    related: ['multi-channel-convolution', 'conv2d-layer', 'continuous-convolution'],
  },
  {
    id: 'multi-channel-convolution',
    title: { en: 'Multi-channel convolution', 'zh-cn': '多通道卷积' },
    section: S,
    formulas: [
      {
        latex: 'O_{c}[i, j] = b_{c} + \\sum_{c\'=1}^{C_{in}} \\sum_{p,q} I_{c\'}[i + p, j + q] \\cdot W_{c, c\'}[p, q]',
        origin: 'reference',
        label: { en: 'output channel c', 'zh-cn': '第 c 个输出通道' },
      },
    ],
    explanation: {
      en: 'With several input channels (RGB, or the feature maps of the previous layer) each kernel has one slice per input channel; the per-channel results are added into a single map. A layer with C_out kernels therefore turns C_in channels into C_out channels and holds C_out·C_in·k_h·k_w weights.',
      'zh-cn': '输入有多个通道（RGB，或上一层的多张特征图）时，每个卷积核针对每个输入通道都有一片权重，各通道的结果相加合成一张图。有 C_out 个卷积核的层因此把 C_in 个通道变成 C_out 个通道，权重数为 C_out·C_in·k_h·k_w。',
    },
    symbols: [
      { symbol: 'C_{in}', meaning: { en: 'input channels', 'zh-cn': '输入通道数' } },
      { symbol: 'W_{c,c\'}', meaning: { en: 'slice of kernel c for input channel c′', 'zh-cn': '第 c 个卷积核对应输入通道 c′ 的切片' } },
      { symbol: 'b_c', meaning: { en: 'bias of output channel c', 'zh-cn': '输出通道 c 的偏置' } },
    ],
    code: { pytorch: ['nn.Conv2d', 'nn.Conv1d'], tfjs: ['tf.layers.conv2d', 'tf.layers.conv1d'] },
    related: ['conv2d-layer', 'discrete-convolution'],
  },
  {
    id: 'pooling',
    title: { en: 'Pooling', 'zh-cn': '池化' },
    section: S,
    formulas: [
      { latex: 'O[i, j] = \\max_{0 \\le p, q < k} I[s\\,i + p,\\ s\\,j + q]', origin: 'reference', label: { en: 'max pooling', 'zh-cn': '最大池化' } },
      { latex: 'O[i, j] = \\frac{1}{k^2} \\sum_{0 \\le p, q < k} I[s\\,i + p,\\ s\\,j + q]', origin: 'reference', label: { en: 'average pooling', 'zh-cn': '平均池化' } },
    ],
    explanation: {
      en: 'Summarises each k×k window of a feature map by its maximum or its average, moving the window by the stride s. With k = s = 2 height and width halve, which cuts later computation and makes the features tolerate small shifts. Pooling has no weights and works on every channel separately.',
      'zh-cn': '用最大值或平均值概括特征图中每个 k×k 窗口，窗口每次移动步长 s。k = s = 2 时高和宽减半，后续计算量随之减少，特征也能容忍细微的平移。池化没有权重，对每个通道分别进行。',
    },
    symbols: [
      { symbol: 'k', meaning: { en: 'window size', 'zh-cn': '窗口大小' } },
      { symbol: 's', meaning: { en: 'stride', 'zh-cn': '步长' } },
    ],
    code: {
      pytorch: ['nn.MaxPool2d', 'nn.AvgPool2d', 'F.max_pool2d', 'F.avg_pool2d', 'nn.AdaptiveAvgPool2d', 'nn.MaxPool1d'],
      tfjs: ['tf.layers.maxPooling2d', 'tf.layers.averagePooling2d', 'tf.maxPool', 'tf.avgPool', 'tf.layers.globalAveragePooling2d'],
    },
    related: ['maxpool2d-layer', 'avgpool2d-layer'],
  },
];

// Layer APIs the editor recognises. Their formulas come from the framework documentation
// (origin 'reference'), tied to the document's concepts through `related`.

import type { Concept } from '../types';

const CNN_S = '卷积神经网络CNN';

const POOL_SYMBOLS = [
  { symbol: 'H_{in}', meaning: { en: 'input height (width alike)', 'zh-cn': '输入高度（宽度同理）' } },
  { symbol: 'p', meaning: { en: 'padding on each side', 'zh-cn': '每侧填充' } },
  { symbol: 'k', meaning: { en: 'window size', 'zh-cn': '窗口大小' } },
  { symbol: 's', meaning: { en: 'stride (defaults to the kernel size)', 'zh-cn': '步长（默认等于窗口大小）' } },
];

export const API_LAYER_CONCEPTS: readonly Concept[] = [
  {
    id: 'conv2d-layer',
    kind: 'api',
    title: { en: '2-D convolution layer', 'zh-cn': '二维卷积层' },
    section: CNN_S,
    formulas: [
      {
        latex: 'H_{out} = \\left\\lfloor \\frac{H_{in} + 2\\,p - d\\,(k - 1) - 1}{s} \\right\\rfloor + 1',
        origin: 'reference',
        label: { en: 'output height, PyTorch (width alike)', 'zh-cn': '输出高度，PyTorch（宽度同理）' },
      },
      {
        latex: '\\#\\text{params} = C_{out}\\,\\frac{C_{in}}{g}\\,k_h k_w + C_{out}',
        origin: 'reference',
        label: { en: 'parameters (with bias)', 'zh-cn': '参数量（含偏置）' },
      },
      {
        latex: "H_{out} = \\begin{cases} \\left\\lceil H_{in} / s \\right\\rceil, & \\text{padding='same'} \\\\ \\left\\lfloor \\frac{H_{in} - d\\,(k-1) - 1}{s} \\right\\rfloor + 1, & \\text{padding='valid'} \\end{cases}",
        origin: 'reference',
        label: { en: 'output height, tf.layers.conv2d', 'zh-cn': '输出高度，tf.layers.conv2d' },
      },
    ],
    explanation: {
      en: 'Slides C_out learned kernels over the input; each kernel spans all input channels and yields one output feature map. Padding, dilation and stride decide how many positions the kernel visits, which is what the output-size formula counts. PyTorch expects [N, C, H, W] input, tfjs [N, H, W, C].',
      'zh-cn': '用 C_out 个可学习的卷积核在输入上滑动，每个核覆盖全部输入通道，产生一张输出特征图。填充、膨胀和步长决定了卷积核能停留多少个位置，输出尺寸公式数的正是这个位置数。PyTorch 的输入布局是 [N, C, H, W]，tfjs 是 [N, H, W, C]。',
    },
    symbols: [
      { symbol: 'H_{in}', meaning: { en: 'input height', 'zh-cn': '输入高度' } },
      { symbol: 'p', meaning: { en: 'padding on each side', 'zh-cn': '每侧填充' } },
      { symbol: 'd', meaning: { en: 'dilation', 'zh-cn': '膨胀率（空洞率）' } },
      { symbol: 'k', meaning: { en: 'kernel size', 'zh-cn': '卷积核大小' } },
      { symbol: 's', meaning: { en: 'stride', 'zh-cn': '步长' } },
      { symbol: 'g', meaning: { en: 'groups', 'zh-cn': '分组数' } },
    ],
    code: { pytorch: ['nn.Conv2d', 'F.conv2d', 'nn.LazyConv2d'], tfjs: ['tf.layers.conv2d', 'tf.conv2d'] },
    related: ['multi-channel-convolution', 'discrete-convolution'],
  },
  {
    id: 'conv-transpose-layer',
    kind: 'api',
    title: { en: 'Transposed convolution layer', 'zh-cn': '转置卷积层' },
    section: CNN_S,
    formulas: [
      {
        latex: 'H_{out} = (H_{in} - 1)\\,s - 2\\,p + d\\,(k - 1) + p_{out} + 1',
        origin: 'reference',
        label: { en: 'output height, nn.ConvTranspose2d (width alike)', 'zh-cn': '输出高度，nn.ConvTranspose2d（宽度同理）' },
      },
      {
        latex: '\\#\\text{params} = C_{in}\\,\\frac{C_{out}}{g}\\,k_h k_w + C_{out}',
        origin: 'reference',
        label: { en: 'parameters (with bias; the weight is stored [C_in, C_out/g, k_h, k_w])', 'zh-cn': '参数量（含偏置；权重按 [C_in, C_out/g, k_h, k_w] 存储）' },
      },
      {
        latex: "H_{out} = \\begin{cases} H_{in}\\,s, & \\text{padding='same'} \\\\ H_{in}\\,s + \\max(k - s, 0), & \\text{padding='valid'} \\end{cases}",
        origin: 'reference',
        label: { en: 'output height, tf.layers.conv2dTranspose', 'zh-cn': '输出高度，tf.layers.conv2dTranspose' },
      },
    ],
    explanation: {
      en: 'Each input position stamps a copy of the kernel, weighted by its value, into a larger output grid, and where the copies overlap they add up. With stride s the output is about s times larger, which is why decoders, GAN generators and U-Nets use it to upsample with learned weights. It computes the gradient of an ordinary convolution with the same settings, not its inverse; output_padding picks one of the output sizes that such a convolution would map to the same input size.',
      'zh-cn': '输入的每个位置把卷积核按自身数值加权后"盖"到一张更大的输出网格上，盖印重叠的地方相加。步长为 s 时输出约放大 s 倍，所以解码器、GAN 的生成器和 U-Net 都用它做带可学习权重的上采样。它算的是同样设置下普通卷积的梯度，而不是卷积的逆运算；output_padding 用来在几种会被普通卷积映射回同一输入尺寸的输出尺寸中选定一个。',
    },
    symbols: [
      { symbol: 'H_{in}', meaning: { en: 'input height', 'zh-cn': '输入高度' } },
      { symbol: 's', meaning: { en: 'stride', 'zh-cn': '步长' } },
      { symbol: 'p', meaning: { en: 'padding removed from each side of the output', 'zh-cn': '从输出每侧去掉的填充' } },
      { symbol: 'd', meaning: { en: 'dilation', 'zh-cn': '膨胀率（空洞率）' } },
      { symbol: 'k', meaning: { en: 'kernel size', 'zh-cn': '卷积核大小' } },
      { symbol: 'p_{out}', meaning: { en: 'output_padding, added on one side', 'zh-cn': 'output_padding，只加在一侧' } },
      { symbol: 'g', meaning: { en: 'groups', 'zh-cn': '分组数' } },
    ],
    code: { pytorch: ['nn.ConvTranspose1d', 'nn.ConvTranspose2d', 'nn.ConvTranspose3d', 'F.conv_transpose1d', 'F.conv_transpose2d'], tfjs: ['tf.layers.conv2dTranspose', 'tf.conv2dTranspose'] },
    related: ['conv2d-layer', 'multi-channel-convolution'],
  },
  {
    id: 'maxpool2d-layer',
    kind: 'api',
    title: { en: '2-D max pooling layer', 'zh-cn': '二维最大池化层' },
    section: CNN_S,
    formulas: [
      {
        latex: 'H_{out} = \\left\\lfloor \\frac{H_{in} + 2\\,p - d\\,(k - 1) - 1}{s} \\right\\rfloor + 1',
        origin: 'reference',
        label: { en: 'output height, ceil_mode=False (width alike)', 'zh-cn': '输出高度，ceil_mode=False（宽度同理）' },
      },
      {
        latex: 'H_{out} = \\begin{cases} n - 1, & (n - 1)\\,s \\ge H_{in} + p \\\\ n, & \\text{otherwise} \\end{cases},\\quad n = \\left\\lceil \\frac{H_{in} + 2\\,p - d\\,(k - 1) - 1}{s} \\right\\rceil + 1',
        origin: 'reference',
        label: { en: 'ceil_mode=True: round up, but drop a last window that would start in the right padding', 'zh-cn': 'ceil_mode=True：向上取整，但起点落在右侧填充里的最后一个窗口要去掉' },
      },
    ],
    explanation: {
      en: 'Keeps the largest value of each window, channel by channel; it has no parameters. The stride defaults to the kernel size, so nn.MaxPool2d(2) halves height and width. With ceil_mode=True a last partial window is kept, as long as it starts inside the input or the left padding: nn.MaxPool2d(2, stride=3, padding=1, ceil_mode=True) on 4 gives 2, not ⌈4/3⌉ + 1 = 3.',
      'zh-cn': '逐通道保留每个窗口中的最大值，没有参数。步长默认等于窗口大小，所以 nn.MaxPool2d(2) 会把高和宽减半。ceil_mode=True 时，最后一个不完整的窗口只有在起点位于输入或左侧填充之内时才保留：nn.MaxPool2d(2, stride=3, padding=1, ceil_mode=True) 作用于长度 4 得到 2，而不是 ⌈4/3⌉ + 1 = 3。',
    },
    symbols: [...POOL_SYMBOLS, { symbol: 'd', meaning: { en: 'dilation', 'zh-cn': '膨胀率（空洞率）' } }, { symbol: 'n', meaning: { en: 'the rounded-up window count before the last-window rule', 'zh-cn': '应用最后窗口规则之前、向上取整得到的窗口数' } }],
    code: { pytorch: ['nn.MaxPool2d', 'F.max_pool2d'], tfjs: ['tf.layers.maxPooling2d', 'tf.maxPool'] },
    related: ['pooling', 'avgpool2d-layer'],
  },
  {
    id: 'avgpool2d-layer',
    kind: 'api',
    title: { en: '2-D average pooling layer', 'zh-cn': '二维平均池化层' },
    section: CNN_S,
    formulas: [
      {
        latex: 'H_{out} = \\left\\lfloor \\frac{H_{in} + 2\\,p - k}{s} \\right\\rfloor + 1',
        origin: 'reference',
        label: { en: 'output height, ceil_mode=False (width alike)', 'zh-cn': '输出高度，ceil_mode=False（宽度同理）' },
      },
      {
        latex: 'H_{out} = \\begin{cases} n - 1, & (n - 1)\\,s \\ge H_{in} + p \\\\ n, & \\text{otherwise} \\end{cases},\\quad n = \\left\\lceil \\frac{H_{in} + 2\\,p - k}{s} \\right\\rceil + 1',
        origin: 'reference',
        label: { en: 'ceil_mode=True: round up, but drop a last window that would start in the right padding', 'zh-cn': 'ceil_mode=True：向上取整，但起点落在右侧填充里的最后一个窗口要去掉' },
      },
    ],
    explanation: {
      en: 'Replaces each window by the mean of its values, channel by channel, with no parameters. Compared with max pooling it keeps the overall intensity of a region rather than its strongest response. Adaptive variants pick the window so that the output has a requested size.',
      'zh-cn': '逐通道用窗口内数值的平均值代替整个窗口，没有参数。与最大池化相比，它保留的是区域的整体强度，而不是最强的响应。自适应版本会自动选取窗口，使输出恰好是指定的大小。',
    },
    symbols: [...POOL_SYMBOLS, { symbol: 'n', meaning: { en: 'the rounded-up window count before the last-window rule', 'zh-cn': '应用最后窗口规则之前、向上取整得到的窗口数' } }],
    code: { pytorch: ['nn.AvgPool2d', 'F.avg_pool2d', 'nn.AdaptiveAvgPool2d'], tfjs: ['tf.layers.averagePooling2d', 'tf.avgPool'] },
    related: ['pooling', 'maxpool2d-layer'],
  },
  {
    id: 'flatten',
    kind: 'api',
    title: { en: 'Flatten / reshape', 'zh-cn': '展平 / 变形' },
    section: CNN_S,
    formulas: [
      { latex: '[N, C, H, W] \\;\\to\\; [N,\\ C \\cdot H \\cdot W]', origin: 'reference', label: { en: 'flatten from dim 1', 'zh-cn': '从第 1 维起展平' } },
    ],
    explanation: {
      en: 'Rearranges the same numbers into a different shape without computing anything; the total element count must stay the same. Between the convolutional part and the dense part of a CNN it turns each feature-map stack into one long vector, so the next Linear layer needs in_features = C·H·W. A -1 in view/reshape means "whatever size makes the count match".',
      'zh-cn': '只把同样的数字重新排列成另一种形状，不做任何计算，元素总数必须保持不变。在 CNN 的卷积部分和全连接部分之间，它把每个样本的一叠特征图拉成一条长向量，所以下一个 Linear 层的 in_features 必须等于 C·H·W。view/reshape 中的 -1 表示"让总数对得上的那个大小"。',
    },
    symbols: [{ symbol: 'N, C, H, W', meaning: { en: 'batch, channels, height, width', 'zh-cn': '批量、通道、高、宽' } }],
    code: {
      pytorch: ['nn.Flatten', 'torch.flatten', '.flatten', '.view', '.reshape', 'torch.reshape'],
      tfjs: ['tf.layers.flatten', 'tf.layers.reshape', 'tf.reshape'],
    },
    related: ['linear-layer', 'conv2d-layer'],
  },
  {
    id: 'batch-norm',
    kind: 'api',
    title: { en: 'Batch normalisation', 'zh-cn': '批量归一化（BatchNorm）' },
    section: '标准化与归一化',
    formulas: [
      {
        latex: 'y = \\frac{x - \\mathrm{E}[x]}{\\sqrt{\\mathrm{Var}[x] + \\epsilon}} \\cdot \\gamma + \\beta',
        origin: 'reference',
        label: { en: 'statistics per channel over (N, H, W)', 'zh-cn': '每个通道在 (N, H, W) 上统计' },
      },
      {
        latex: '\\#\\text{params} = 2C',
        origin: 'reference',
        label: {
          en: 'PyTorch parameters (its 2C running statistics are buffers); tfjs’s countParams() also counts its moving mean and variance: 4C',
          'zh-cn': 'PyTorch 的参数量（2C 个滑动统计量是缓冲区，不算参数）；tfjs 的 countParams() 把滑动均值和方差也算进去：4C',
        },
      },
    ],
    explanation: {
      en: 'Standardises each channel using the mean and variance of the current mini-batch, then applies a learned per-channel scale γ and shift β. During training it also keeps running averages of those statistics, and model.eval() switches to them, so outputs differ between the two modes. Shape is unchanged.',
      'zh-cn': '用当前小批量的均值和方差对每个通道做标准化，再乘以每通道可学习的缩放 γ、加上平移 β。训练时它还维护这些统计量的滑动平均，model.eval() 后改用滑动平均，所以两种模式下输出不同。形状保持不变。',
    },
    symbols: [
      { symbol: '\\gamma, \\beta', meaning: { en: 'learned scale and shift per channel', 'zh-cn': '每通道可学习的缩放与平移' } },
      { symbol: '\\epsilon', meaning: { en: 'small constant: 1e-5 in PyTorch (eps), 1e-3 in tfjs (epsilon)', 'zh-cn': '小常数：PyTorch 的 eps 默认 1e-5，tfjs 的 epsilon 默认 1e-3' } },
    ],
    code: { pytorch: ['nn.BatchNorm1d', 'nn.BatchNorm2d', 'F.batch_norm'], tfjs: ['tf.layers.batchNormalization'] },
    related: ['layer-norm', 'standardization'],
  },
  {
    id: 'transformer-layers',
    kind: 'api',
    title: { en: 'PyTorch Transformer layers', 'zh-cn': 'PyTorch 的 Transformer 层' },
    section: 'Transformer整体结构',
    formulas: [
      {
        latex: 'x \\leftarrow \\mathrm{Norm}_1\\big(x + \\mathrm{SelfAttn}(x)\\big),\\quad x \\leftarrow \\mathrm{Norm}_2\\big(x + \\mathrm{FFN}(x)\\big)',
        origin: 'reference',
        label: { en: 'nn.TransformerEncoderLayer, norm_first=False (post-LN)', 'zh-cn': 'nn.TransformerEncoderLayer，norm_first=False（Post-LN）' },
      },
      {
        latex: 'x \\leftarrow x + \\mathrm{SelfAttn}(\\mathrm{Norm}_1(x)),\\quad x \\leftarrow x + \\mathrm{FFN}(\\mathrm{Norm}_2(x))',
        origin: 'reference',
        label: { en: 'norm_first=True (pre-LN, like the document’s code)', 'zh-cn': 'norm_first=True（Pre-LN，与文中代码相同）' },
      },
    ],
    explanation: {
      en: 'nn.TransformerEncoderLayer bundles multi-head self-attention and a feed-forward block, each wrapped in a residual connection with layer normalisation; the decoder layer adds masked self-attention and cross-attention. By default PyTorch normalises after the addition (post-LN); norm_first=True gives the pre-LN arrangement the document’s code uses. Input and output shapes are identical.',
      'zh-cn': 'nn.TransformerEncoderLayer 把多头自注意力和前馈块打包在一起，每个子层都包着残差连接和层归一化；解码器层另有带掩码的自注意力和交叉注意力。PyTorch 默认在相加之后归一化（Post-LN）；norm_first=True 则是文中代码采用的 Pre-LN 结构。输入与输出形状相同。',
    },
    symbols: [{ symbol: '\\mathrm{Norm}', meaning: { en: 'nn.LayerNorm', 'zh-cn': 'nn.LayerNorm' } }],
    code: {
      pytorch: ['nn.TransformerEncoderLayer', 'nn.TransformerDecoderLayer', 'nn.TransformerEncoder', 'nn.TransformerDecoder', 'nn.Transformer'],
      tfjs: [],
    },
    related: ['multi-head-attention', 'residual', 'layer-norm', 'ffn'],
  },
];

export const API_ACTIVATION_AND_OPTIMIZER_CONCEPTS: readonly Concept[] = [
  {
    id: 'leaky-relu',
    kind: 'api',
    title: { en: 'Leaky ReLU', 'zh-cn': 'Leaky ReLU（带泄漏的 ReLU）' },
    section: '初始学习参数',
    formulas: [{ latex: 'f(z) = \\max(0, z) + a\\,\\min(0, z)', origin: 'reference' }],
    explanation: {
      en: 'Like ReLU for positive inputs, but negative inputs keep a small slope a instead of being cut to zero. The default slope depends on the API: 0.01 in PyTorch (nn.LeakyReLU, F.leaky_relu), 0.2 for the tfjs op tf.leakyRelu and 0.3 for the tfjs layer tf.layers.leakyReLU. Because the gradient is never exactly zero, a unit cannot die; the document lists it next to ReLU as a fit for He initialisation.',
      'zh-cn': '正输入时与 ReLU 相同，负输入则保留一个很小的斜率 a，而不是直接截成零。默认斜率因 API 而异：PyTorch（nn.LeakyReLU、F.leaky_relu）为 0.01，tfjs 的运算 tf.leakyRelu 为 0.2，tfjs 的层 tf.layers.leakyReLU 为 0.3。梯度永远不会恰好为零，单元因此不会"死亡"；文中把它与 ReLU 并列为适合 He 初始化的激活函数。',
    },
    symbols: [{ symbol: 'a', meaning: { en: 'negative slope', 'zh-cn': '负半轴斜率' } }],
    code: { pytorch: ['nn.LeakyReLU', 'F.leaky_relu'], tfjs: ['tf.layers.leakyReLU', 'tf.leakyRelu'] },
    related: ['relu', 'he-init'],
  },
  {
    id: 'gelu',
    kind: 'api',
    title: { en: 'GELU', 'zh-cn': 'GELU（高斯误差线性单元）' },
    section: '激活函数',
    formulas: [{ latex: '\\mathrm{GELU}(z) = z\\,\\Phi(z) = \\frac{z}{2}\\left(1 + \\mathrm{erf}\\!\\left(\\frac{z}{\\sqrt{2}}\\right)\\right)', origin: 'reference' }],
    explanation: {
      en: 'Weights each input by the probability that a standard normal variable lies below it, giving a smooth version of ReLU with a small dip below zero. Many Transformers (BERT, GPT) use it in the feed-forward block; nn.TransformerEncoderLayer accepts activation="gelu".',
      'zh-cn': '把每个输入乘以"标准正态变量小于它"的概率，得到 ReLU 的平滑版本，在零点以下略有下凹。许多 Transformer（BERT、GPT）在前馈块里使用它；nn.TransformerEncoderLayer 可通过 activation="gelu" 选用。',
    },
    symbols: [{ symbol: '\\Phi', meaning: { en: 'standard normal cumulative distribution', 'zh-cn': '标准正态分布的累积分布函数' } }],
    code: { pytorch: ['nn.GELU', 'F.gelu'], tfjs: [] },
    related: ['relu', 'ffn'],
  },
  {
    id: 'rmsprop',
    kind: 'api',
    title: { en: 'RMSprop optimizer', 'zh-cn': 'RMSprop 优化器' },
    section: '参数更新',
    formulas: [
      {
        latex: 'v_t = \\alpha\\,v_{t-1} + (1-\\alpha)\\,g_t^2,\\qquad \\theta_t = \\theta_{t-1} - \\eta\\,\\frac{g_t}{\\sqrt{v_t} + \\epsilon}',
        origin: 'reference',
      },
    ],
    explanation: {
      en: 'Divides each parameter’s gradient by a running root-mean-square of its recent gradients, so a gradient of typical size moves its parameter by about η, whether that size is 1000 or 0.001: parameters with tiny gradients still move and ones with huge gradients do not jump. Without Adam’s bias correction the first steps are larger, up to 1/√(1−α) times η while the average warms up. It is Adam without the momentum average and without bias correction, and it works well for recurrent networks.',
      'zh-cn': '用每个参数近期梯度的滑动均方根去除它的梯度，于是大小"典型"的梯度让参数移动约 η，不论这个典型大小是 1000 还是 0.001：梯度很小的参数照样前进，梯度很大的参数也不会猛跳。由于没有 Adam 那样的偏差修正，平均值尚未积累起来的最初几步会更大，最多可达 η 的 1/√(1−α) 倍。它相当于去掉了动量平均和偏差修正的 Adam，对循环网络效果不错。',
    },
    symbols: [
      { symbol: '\\alpha', meaning: { en: 'smoothing constant: alpha, default 0.99, in PyTorch; decay, default 0.9, in tf.train.rmsprop', 'zh-cn': '平滑系数：PyTorch 中是 alpha，默认 0.99；tf.train.rmsprop 中是 decay，默认 0.9' } },
      { symbol: '\\epsilon', meaning: { en: 'small constant: 1e-8 in PyTorch, added after the square root as written; 1e-7 in tfjs (the backend’s default), which adds it inside: g/√(v + ε)', 'zh-cn': '小常数：PyTorch 默认 1e-8，如式中加在开方之后；tfjs 默认 1e-7（取自后端），加在根号里：g/√(v + ε)' } },
      { symbol: 'g_t', meaning: { en: 'gradient at step t', 'zh-cn': '第 t 步的梯度' } },
    ],
    code: { pytorch: ['optim.RMSprop'], tfjs: ['tf.train.rmsprop'] },
    related: ['adam', 'momentum'],
  },
];

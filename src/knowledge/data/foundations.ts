// Chapters 一 and 二 up to training: learning as function fitting, the neuron, the layer,
// the composite network and the universal approximation theorem. Explanations are our own words.

import type { Concept } from '../types';

export const FOUNDATION_CONCEPTS: readonly Concept[] = [
  {
    id: 'model-function',
    title: { en: 'A model is a function Y = f(X)', 'zh-cn': '模型即函数 Y = f(X)' },
    section: '建模及拟合',
    formulas: [
      { latex: '(y_1,y_2,...,y_n)=f(x_1,x_2,...,x_n)', docLine: 70, origin: 'display' },
      { latex: 'Y=f(X)', docLine: 76, origin: 'display' },
    ],
    explanation: {
      en: 'Machine learning treats the thing to be learned as an unknown mapping from input vectors to output vectors. Training searches for a function that reproduces known (X, Y) pairs; inference then evaluates that function on inputs it has never seen.',
      'zh-cn': '机器学习把要学的东西看成一个未知的映射：输入向量进去，输出向量出来。训练就是寻找一个能重现已知 (X, Y) 样本对的函数；推理则是拿这个函数去计算从未见过的新输入。',
    },
    symbols: [
      { symbol: 'X', meaning: { en: 'input vector (x_1 … x_n)', 'zh-cn': '输入向量 (x_1 … x_n)' } },
      { symbol: 'Y', meaning: { en: 'output vector', 'zh-cn': '输出向量' } },
      { symbol: 'f', meaning: { en: 'the mapping the model has to learn', 'zh-cn': '模型需要学到的映射' } },
    ],
    code: { pytorch: ['nn.Module'], tfjs: ['tf.model'] },
    related: ['composite-network'],
  },
  {
    id: 'regression-fitting',
    title: { en: 'Classic fitting functions: linear, polynomial, logistic regression', 'zh-cn': '常规拟合函数：线性、多项式与逻辑回归' },
    section: '常规拟合函数',
    formulas: [
      { latex: 'y=a_0+a_1 x_1+a_2 x_2 + \\cdots + a_n x_n', docLine: 156, origin: 'inline', label: { en: 'linear regression', 'zh-cn': '线性回归' } },
      { latex: 'y=a_0+a_1 x^1+a_2 x^2 + \\cdots + a_n x^n', docLine: 157, origin: 'inline', label: { en: 'polynomial regression', 'zh-cn': '多项式回归' } },
      {
        latex: 'P(y=1)=\\sigma(z) = \\frac{1}{1 + e^{-z}} \\ ,\\ z=a_0+a_1 x^1+a_2 x^2 + \\cdots + a_n x^n',
        docLine: 158,
        origin: 'inline',
        label: { en: 'logistic regression', 'zh-cn': '逻辑回归' },
      },
    ],
    explanation: {
      en: 'Before neural networks, fitting meant choosing a fixed family of curves and tuning its coefficients. A weighted sum gives a straight line or plane, powers of x give a curve, and passing the sum through a sigmoid turns it into the probability of the positive class.',
      'zh-cn': '在神经网络之前，拟合就是先选定一类曲线，再调整它的系数。加权求和得到直线或平面，引入 x 的幂次得到曲线，把求和结果送进 sigmoid 就变成"属于正类"的概率。',
    },
    symbols: [
      { symbol: 'a_0', meaning: { en: 'intercept (bias)', 'zh-cn': '截距（偏置）' } },
      { symbol: 'a_i', meaning: { en: 'coefficient learned from data', 'zh-cn': '从数据中学到的系数' } },
      { symbol: '\\sigma', meaning: { en: 'the sigmoid function', 'zh-cn': 'sigmoid 函数' } },
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['linear-layer', 'sigmoid'],
  },
  {
    id: 'mcp-neuron',
    title: { en: 'MCP neuron and the perceptron', 'zh-cn': 'MCP 神经元与感知机' },
    section: '单层感知机',
    formulas: [
      {
        latex: '\\mathrm{SUM}=\\sum^{n-1}_{i=0}{x_i w_i}+b=\\sum^n_{i=0}{x_i w_i}',
        corrected: '\\mathrm{SUM}=\\sum^{n}_{i=1}{x_i w_i}+b=\\sum^n_{i=0}{x_i w_i}\\quad(x_0=1,\\ w_0=b)',
        erratum: {
          en: 'The inputs are numbered x_1 … x_n, so the first sum runs from 1 to n; the second form only holds if the bias is folded in as w_0 = b with a constant input x_0 = 1.',
          'zh-cn': '输入编号是 x_1 … x_n，第一个求和应从 1 到 n；第二种写法只有把偏置当作 w_0 = b、并令常数输入 x_0 = 1 时才成立。',
        },
        docLine: 195,
        origin: 'inline',
        label: { en: 'weighted sum', 'zh-cn': '加权和' },
      },
      {
        latex: 'y = \\begin{cases} 1, & \\sum_{i=1}^{n} w_i x_i + b > 0 \\\\ -1, & \\sum_{i=1}^{n} w_i x_i + b \\le 0 \\end{cases}',
        origin: 'reference',
        label: { en: 'perceptron output', 'zh-cn': '感知机输出' },
      },
    ],
    explanation: {
      en: 'The McCulloch–Pitts unit multiplies each input by a weight, adds a bias and fires when the total crosses a threshold. Rosenblatt’s perceptron learns those weights and answers +1 or −1, which draws one straight line (a hyperplane) through the input space: enough for AND or OR, never for XOR.',
      'zh-cn': 'McCulloch–Pitts 单元给每个输入乘上权重、加上偏置，总和越过阈值就输出信号。Rosenblatt 的感知机能从数据中学出这些权重，输出 +1 或 −1，相当于在输入空间里画一条直线（超平面）：能实现与、或，却永远分不开异或。',
    },
    symbols: [
      { symbol: 'x_i', meaning: { en: 'i-th input signal', 'zh-cn': '第 i 个输入信号' } },
      { symbol: 'w_i', meaning: { en: 'weight of input i', 'zh-cn': '第 i 个输入的权重' } },
      { symbol: 'b', meaning: { en: 'bias (negative threshold)', 'zh-cn': '偏置（阈值取负）' } },
      { symbol: '\\Phi', meaning: { en: 'the non-linear activation', 'zh-cn': '非线性激活函数' } },
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['linear-layer', 'sigmoid'],
  },
  {
    id: 'linear-layer',
    title: { en: 'Linear (fully connected) layer', 'zh-cn': '线性层（全连接层）' },
    section: '神经网络函数',
    formulas: [
      { latex: 'z=Wx+b', docLine: 258, origin: 'inline' },
      { latex: 'Y=WX', docLine: 633, section: '数据的运算', origin: 'inline', label: { en: 'batch form, bias omitted', 'zh-cn': '批量形式（省略偏置）' } },
      {
        latex: 'y = xA^{T} + b',
        origin: 'reference',
        label: { en: 'as nn.Linear computes it (rows are samples)', 'zh-cn': 'nn.Linear 的计算方式（每行一个样本）' },
      },
      {
        latex: '\\#\\text{params} = \\text{in\\_features}\\cdot\\text{out\\_features} + \\text{out\\_features}',
        origin: 'reference',
        label: { en: 'parameters (with bias)', 'zh-cn': '参数量（含偏置）' },
      },
    ],
    explanation: {
      en: 'Every output unit is a weighted sum of all input features plus its own bias, so the layer is a single matrix multiply. PyTorch stores the weight as [out, in] and applies it to the last dimension of any input; the leading dimensions (batch, sequence…) pass through unchanged.',
      'zh-cn': '每个输出单元都是全部输入特征的加权和再加上自己的偏置，整层就是一次矩阵乘法。PyTorch 把权重存成 [out, in]，作用在输入的最后一维上；前面的维度（批量、序列等）保持不变。',
    },
    symbols: [
      { symbol: 'W, A', meaning: { en: 'weight matrix, shape [out, in]', 'zh-cn': '权重矩阵，形状 [out, in]' } },
      { symbol: 'x', meaning: { en: 'input features', 'zh-cn': '输入特征' } },
      { symbol: 'b', meaning: { en: 'bias vector, one per output', 'zh-cn': '偏置向量，每个输出一个' } },
    ],
    code: { pytorch: ['nn.Linear', 'F.linear', 'nn.LazyLinear'], tfjs: ['tf.layers.dense'] },
    related: ['composite-network', 'mcp-neuron'],
  },
  {
    id: 'composite-network',
    title: { en: 'A deep network is a composite function y⁽ᵏ⁾', 'zh-cn': '深度网络是复合函数 y⁽ᵏ⁾' },
    section: '神经网络函数',
    formulas: [
      { latex: 'y^{(k)}=\\phi^{(k)}(W^{(k)}y^{(k-1)}+b^{(k)})', docLine: 269, origin: 'display', label: { en: 'layer k', 'zh-cn': '第 k 层' } },
      { latex: 'y=f(z)', docLine: 263, origin: 'inline', label: { en: 'activation after the linear map', 'zh-cn': '线性变换之后的激活' } },
      { latex: 'y^{(k)}=\\phi^{(k)}(W^{(k)}y^{(k-1)}+b^{(k)})', docLine: 339, section: '训练模型', origin: 'display', label: { en: 'layer k (restated)', 'zh-cn': '第 k 层（重述）' } },
      {
        latex: 'y^1=W^1 X+b^1',
        corrected: 'y^{(1)}=\\phi^{(1)}(W^{(1)} X+b^{(1)})',
        erratum: {
          en: 'The first layer also applies its activation; without φ⁽¹⁾ this line contradicts both the general layer formula above and the nested formula below (which has φ₁). Equivalently, start the recursion from y⁽⁰⁾ = X.',
          'zh-cn': '第一层同样要经过激活函数；缺了 φ⁽¹⁾，这一行就和上面的通用层公式以及下面带 φ₁ 的嵌套公式矛盾。也可以理解为递推从 y⁽⁰⁾ = X 开始。',
        },
        docLine: 343,
        section: '训练模型',
        origin: 'display',
        label: { en: 'first layer', 'zh-cn': '第一层' },
      },
      { latex: 'Y=y^{L}', docLine: 347, section: '训练模型', origin: 'display', label: { en: 'network output', 'zh-cn': '网络输出' } },
      {
        latex: 'Y = \\phi_L(W_L\\phi_{L-1}(W_{L-1} \\cdots \\phi_1(W_1X + b_1) \\cdots + b_{L-1}) + b_L)',
        docLine: 353,
        section: '训练模型',
        origin: 'display',
        label: { en: 'all layers nested', 'zh-cn': '各层嵌套展开' },
      },
    ],
    explanation: {
      en: 'Stacking layers means feeding each layer’s output into the next: an affine map followed by a non-linearity, repeated L times. Without the non-linearities the whole stack would collapse into one affine map; with them, each layer can bend and fold the space the previous one produced.',
      'zh-cn': '把层堆叠起来，就是让每层的输出成为下一层的输入：仿射变换接一个非线性函数，重复 L 次。如果去掉非线性，整叠层会退化成一次仿射变换；有了非线性，每一层都能把上一层得到的空间再弯折一次。',
    },
    symbols: [
      { symbol: 'y^{(k)}', meaning: { en: 'output of layer k (y⁽⁰⁾ = X)', 'zh-cn': '第 k 层的输出（y⁽⁰⁾ = X）' } },
      { symbol: 'W^{(k)}, b^{(k)}', meaning: { en: 'weights and bias of layer k', 'zh-cn': '第 k 层的权重与偏置' } },
      { symbol: '\\phi^{(k)}', meaning: { en: 'activation of layer k', 'zh-cn': '第 k 层的激活函数' } },
      { symbol: 'L', meaning: { en: 'number of layers', 'zh-cn': '层数' } },
    ],
    code: { pytorch: ['nn.Sequential'], tfjs: ['tf.sequential'] },
    related: ['linear-layer', 'universal-approximation'],
  },
  {
    id: 'universal-approximation',
    title: { en: 'Universal approximation theorem', 'zh-cn': '通用逼近定理' },
    section: '通用逼近定理',
    formulas: [
      { latex: 'F(x) = \\sum_{i=1}^{k} v_i \\cdot \\phi(w_i^T x + b_i)', docLine: 284, origin: 'display' },
      { latex: '\\phi(z) = \\frac{1}{1 + e^{-z}}', docLine: 293, origin: 'inline', label: { en: 'a typical choice of φ', 'zh-cn': 'φ 的常见选择' } },
    ],
    explanation: {
      en: 'A single hidden layer of k units is a sum of k shifted and scaled copies of one activation: with a sigmoid each copy is a smoothed step, with ReLU a ramp. The theorem says that for any continuous target on a compact set (closed and bounded, such as a box [a, b]ⁿ) and any tolerance, some finite k and some weights stay within that tolerance everywhere on the set. It promises existence only: it says nothing about how many units are needed or whether training will find them.',
      'zh-cn': '只有一个隐藏层、k 个单元的网络，本质上是同一个激活函数的 k 个平移、缩放后的副本之和：用 sigmoid 时每个副本是一个平滑的台阶，用 ReLU 时是一段斜坡。定理指出：对紧集（有界闭集，例如方体 [a, b]ⁿ）上的任意连续目标函数和任意误差要求，总存在有限的 k 和一组权重，使网络在整个集合上都不超出该误差。它只保证"存在"，既不说明需要多少单元，也不保证训练一定能找到这组权重。',
    },
    symbols: [
      { symbol: 'k', meaning: { en: 'number of hidden units', 'zh-cn': '隐藏单元个数' } },
      { symbol: 'w_i, b_i', meaning: { en: 'input weights and bias of hidden unit i', 'zh-cn': '第 i 个隐藏单元的输入权重与偏置' } },
      { symbol: 'v_i', meaning: { en: 'output weight of hidden unit i', 'zh-cn': '第 i 个隐藏单元到输出的权重' } },
      { symbol: '\\phi', meaning: { en: 'continuous activation that is not a polynomial (sigmoid, tanh, ReLU…)', 'zh-cn': '非多项式的连续激活函数（sigmoid、tanh、ReLU 等）' } },
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['composite-network', 'sigmoid'],
  },
];

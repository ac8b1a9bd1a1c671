// Training: the objective, its gradient, backpropagation, optimizers and the tricks that keep a
// model general (dropout, early stopping, held-out data). Explanations are our own words.

import type { Concept } from '../types';

export const TRAINING_CONCEPTS: readonly Concept[] = [
  {
    id: 'loss-minimization',
    title: { en: 'Training as loss minimisation; the gradient', 'zh-cn': '训练即最小化损失；梯度' },
    section: '训练模型',
    formulas: [
      { latex: '\\mathrm{arg}\\min_{W} L(F(W,X), Y)', docLine: 380, origin: 'display', label: { en: 'objective', 'zh-cn': '目标' } },
      {
        latex: '\\nabla{L_{W}}=\\frac{\\partial L}{\\partial W}=\\left( \\frac{\\partial L}{\\partial w_1}, \\frac{\\partial L}{\\partial w_2}, \\ldots, \\frac{\\partial L}{\\partial w_n} \\right)',
        docLine: 388,
        origin: 'display',
        label: { en: 'gradient', 'zh-cn': '梯度' },
      },
    ],
    explanation: {
      en: 'With the data fixed, the loss becomes a function of the parameters alone, and training looks for the parameters where it is smallest. The gradient collects one partial derivative per parameter; it points to where the loss rises fastest, so stepping against it lowers the loss.',
      'zh-cn': '数据固定之后，损失就只是参数的函数，训练要找的是让它最小的那组参数。梯度由每个参数的偏导数组成，指向损失上升最快的方向，所以沿它的反方向走一步，损失就会下降。',
    },
    symbols: [
      { symbol: 'W', meaning: { en: 'all learnable parameters (w_1 … w_n)', 'zh-cn': '全部可学习参数 (w_1 … w_n)' } },
      { symbol: 'F(W,X)', meaning: { en: 'the network’s prediction for inputs X', 'zh-cn': '网络对输入 X 的预测' } },
      { symbol: 'L', meaning: { en: 'loss comparing prediction and target Y', 'zh-cn': '比较预测与目标 Y 的损失' } },
    ],
    code: { pytorch: ['torch.autograd.grad'], tfjs: ['tf.grad', 'tf.grads', 'tf.variableGrads', 'tf.valueAndGrads'] },
    related: ['gradient-descent', 'chain-rule'],
  },
  {
    id: 'chain-rule',
    title: { en: 'Backpropagation: the chain rule', 'zh-cn': '反向传播：链式法则' },
    section: '反向传播与链式法则',
    formulas: [
      { latex: 'L=\\phi_2(S_2(\\phi_1(S_1(w_{11}))))', docLine: 419, origin: 'display', label: { en: 'loss as a chain of functions', 'zh-cn': '损失是一串函数的复合' } },
      {
        latex: '\\delta_{S_1}=\\frac {\\partial L}{\\partial S_{1}}=\\frac {\\partial L}{\\partial \\phi_{2}} \\frac {\\partial \\phi_2}{\\partial S_{2}}\\frac {\\partial S_2}{\\partial \\phi_{1}}\\frac {\\partial \\phi_1}{\\partial S_{1}}',
        docLine: 425,
        origin: 'display',
        label: { en: 'local gradient of node S₁', 'zh-cn': '结点 S₁ 的局部梯度' },
      },
      {
        latex: '\\frac {\\partial L}{\\partial w_{11}}=\\frac {\\partial L}{\\partial \\phi_{2}} \\frac {\\partial \\phi_2}{\\partial S_{2}}\\frac {\\partial S_2}{\\partial \\phi_{1}}\\frac {\\partial \\phi_1}{\\partial S_{1}}\\frac {\\partial S_1}{\\partial w_{11}}=\\delta_{S_1}x_1',
        docLine: 431,
        origin: 'display',
        label: { en: 'gradient of one weight', 'zh-cn': '单个权重的梯度' },
      },
      {
        latex: '\\frac{\\partial L}{\\partial \\mathbf{W}^{[l]}} = \\frac{\\partial L}{\\partial \\mathbf{z}^{[l]}} \\cdot \\frac{\\partial \\mathbf{z}^{[l]}}{\\partial \\mathbf{W}^{[l]}} = \\frac{\\partial L}{\\partial \\mathbf{z}^{[l]}} \\cdot \\mathbf{a}^{[l-1]}',
        corrected: '\\frac{\\partial L}{\\partial \\mathbf{W}^{[l]}} = \\frac{\\partial L}{\\partial \\mathbf{z}^{[l]}} \\cdot \\frac{\\partial \\mathbf{z}^{[l]}}{\\partial \\mathbf{W}^{[l]}} = \\frac{\\partial L}{\\partial \\mathbf{z}^{[l]}} \\, \\left(\\mathbf{a}^{[l-1]}\\right)^{T}',
        erratum: {
          en: 'For z = W a + b with column vectors, the weight gradient is an outer product: the error column times the transposed input row. Without the transpose the shapes do not give a matrix the size of W.',
          'zh-cn': '对列向量 z = W a + b，权重梯度是外积：误差列向量乘以输入的转置（行向量）。少了转置，两者相乘得不到与 W 同形状的矩阵。',
        },
        docLine: 862,
        section: '反向传播',
        origin: 'display',
        label: { en: 'layer form (matrix)', 'zh-cn': '按层的矩阵形式' },
      },
    ],
    explanation: {
      en: 'A loss is a chain of simple functions, so its derivative with respect to an early weight is the product of the local derivatives along the path from that weight to the loss. Backpropagation computes these products once, from the output backwards, reusing each layer’s result for the layer before it; autograd (loss.backward()) does exactly this.',
      'zh-cn': '损失是由许多简单函数串起来的，所以它对前面某个权重的导数，等于从该权重到损失这条路径上各个局部导数的乘积。反向传播从输出往回只算一遍，每层的结果都被前一层复用；自动求导（loss.backward()）做的正是这件事。',
    },
    symbols: [
      { symbol: 'S_k', meaning: { en: 'weighted sum (pre-activation) of node k', 'zh-cn': '结点 k 的加权和（激活前）' } },
      { symbol: '\\phi_k', meaning: { en: 'activation output of node k', 'zh-cn': '结点 k 的激活输出' } },
      { symbol: '\\delta', meaning: { en: 'local gradient ∂L/∂S of a node', 'zh-cn': '结点的局部梯度 ∂L/∂S' } },
      { symbol: '\\mathbf{a}^{[l-1]}', meaning: { en: 'input of layer l (output of layer l−1)', 'zh-cn': '第 l 层的输入（第 l−1 层的输出）' } },
    ],
    code: { pytorch: ['.backward', 'torch.autograd.backward'], tfjs: ['tf.grad', 'tf.grads'] },
    related: ['delta-rule', 'loss-minimization'],
  },
  {
    id: 'delta-rule',
    title: { en: 'Local gradients δ and the generalised delta rule', 'zh-cn': '局部梯度 δ 与广义 delta 规则' },
    section: '反向传播与链式法则',
    formulas: [
      {
        latex: '\\delta_{j}^{(l)}(n) = \n\n\\begin{cases}\n\n\\phi_{j}\'(S_{j}^{(L)}(n))\\ e_{j}^{(L)}(n) & \\text{对输出层 } L \\text{ 的神经元 } j \\\\\n\n\\phi_{j}\'(S_{j}^{(l)}(n))\\ \\sum_{k}\\delta_{k}^{(l+1)}(n)w_{kj}^{(l+1)}(n) & \\text{对隐藏层 } l \\text{ 的神经元 } j\n\n\\end{cases}',
        docLine: 437,
        origin: 'display',
        label: { en: 'local gradient', 'zh-cn': '局部梯度' },
      },
      {
        latex: 'w_{ji}^{(l)}(n + 1) = w_{ji}^{(l)}(n) - \\eta\\delta_{j}^{(l)}(n)y_{i}^{(l-1)}(n)',
        docLine: 453,
        origin: 'display',
        label: { en: 'weight update', 'zh-cn': '权重更新' },
      },
      {
        latex: '\\phi(y)=\\frac{1}{1+e^{-ax}}',
        corrected: '\\phi(v)=\\frac{1}{1+e^{-av}}',
        erratum: {
          en: 'The function’s argument is named y but the exponent uses x; one variable is meant (the neuron’s weighted sum v).',
          'zh-cn': '函数自变量写作 y，指数里却用了 x；两处应是同一个变量（神经元的加权和 v）。',
        },
        docLine: 449,
        origin: 'inline',
        label: { en: 'logistic activation', 'zh-cn': 'logistic 激活函数' },
      },
      {
        latex: "\\phi'=ay_i(n)(1-y_j(n))",
        corrected: "\\phi'(v_j(n))=a\\,y_j(n)\\,(1-y_j(n))",
        erratum: {
          en: 'The derivative mixes neuron indices i and j; both factors belong to the same neuron j, whose output is y_j = φ(v_j).',
          'zh-cn': '导数中神经元下标 i、j 混用；两个因子都属于同一个神经元 j，其输出 y_j = φ(v_j)。',
        },
        docLine: 449,
        origin: 'inline',
        label: { en: 'its derivative', 'zh-cn': '它的导数' },
      },
    ],
    explanation: {
      en: 'Each neuron gets a local gradient δ: at the output it is the error scaled by the activation’s slope; in a hidden layer it is the weighted sum of the δ values of the neurons it feeds, scaled the same way. A weight then moves against its gradient, which is its neuron’s δ times the input that flowed through it. Here e stands for ∂L/∂y (prediction minus target for a squared loss), which is why the update subtracts.',
      'zh-cn': '每个神经元都有一个局部梯度 δ：输出层的 δ 是误差乘以激活函数的斜率；隐藏层的 δ 是它所连接的下一层各神经元 δ 的加权和，再乘上同样的斜率。某个权重的梯度等于所属神经元的 δ 乘以流经它的输入，更新时沿梯度反方向移动。这里 e 表示 ∂L/∂y（平方损失下是预测减目标），所以更新式里是减号。',
    },
    symbols: [
      { symbol: '\\delta_j^{(l)}', meaning: { en: 'local gradient of neuron j in layer l', 'zh-cn': '第 l 层神经元 j 的局部梯度' } },
      { symbol: 'e_j^{(L)}', meaning: { en: 'output error ∂L/∂y_j', 'zh-cn': '输出误差 ∂L/∂y_j' } },
      { symbol: '\\eta', meaning: { en: 'learning rate', 'zh-cn': '学习率' } },
      { symbol: 'n', meaning: { en: 'iteration (sample) index', 'zh-cn': '迭代（样本）序号' } },
      { symbol: 'w_{ji}^{(l)}', meaning: { en: 'weight from neuron i of layer l−1 to neuron j of layer l', 'zh-cn': '第 l−1 层神经元 i 到第 l 层神经元 j 的权重' } },
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['chain-rule', 'gradient-descent'],
  },
  {
    id: 'gradient-descent',
    title: { en: 'Gradient descent (SGD)', 'zh-cn': '梯度下降（SGD）' },
    section: '参数更新',
    formulas: [
      { latex: '\\mathbf{W}^{[l]} \\leftarrow \\mathbf{W}^{[l]} - \\eta \\cdot \\frac{\\partial L}{\\partial \\mathbf{W}^{[l]}}', docLine: 871, origin: 'display' },
    ],
    explanation: {
      en: 'Repeatedly nudge every parameter a small step against its gradient; the learning rate sets the step length. Too large a rate overshoots and the loss oscillates or blows up to NaN, too small a rate crawls. "Stochastic" means each step uses the gradient of one mini-batch rather than the whole data set.',
      'zh-cn': '反复把每个参数沿梯度的反方向挪一小步，步子多大由学习率决定。学习率太大会冲过头，损失来回震荡甚至变成 NaN；太小则进展缓慢。"随机"指每一步只用一个小批量数据的梯度，而不是整个数据集。',
    },
    symbols: [
      { symbol: '\\mathbf{W}^{[l]}', meaning: { en: 'parameters of layer l', 'zh-cn': '第 l 层的参数' } },
      { symbol: '\\eta', meaning: { en: 'learning rate (lr)', 'zh-cn': '学习率（lr）' } },
    ],
    code: { pytorch: ['optim.SGD'], tfjs: ['tf.train.sgd'] },
    related: ['momentum', 'adam', 'loss-minimization'],
  },
  {
    id: 'momentum',
    title: { en: 'Momentum', 'zh-cn': '动量法' },
    section: '参数更新',
    formulas: [
      { latex: '\\mathbf{v}_t = \\beta \\cdot \\mathbf{v}_{t-1} + (1 - \\beta) \\cdot \\nabla L', docLine: 879, origin: 'display', label: { en: 'velocity (averaged gradient)', 'zh-cn': '速度（梯度的滑动平均）' } },
      { latex: '\\mathbf{W} \\leftarrow \\mathbf{W} - \\eta \\cdot \\mathbf{v}_t', docLine: 883, origin: 'display', label: { en: 'update', 'zh-cn': '更新' } },
      {
        latex: '\\mathbf{v}_t = \\mu\\,\\mathbf{v}_{t-1} + \\nabla L,\\qquad \\mathbf{W} \\leftarrow \\mathbf{W} - \\eta\\,\\mathbf{v}_t',
        origin: 'reference',
        label: { en: 'as torch.optim.SGD(momentum=μ) implements it (no 1−β factor)', 'zh-cn': 'torch.optim.SGD(momentum=μ) 的实现（没有 1−β 因子）' },
      },
    ],
    explanation: {
      en: 'Instead of following each noisy gradient directly, keep a running average of recent gradients and step along that. Directions that agree from step to step build up speed, directions that flip sign cancel out, so progress along long shallow valleys is faster. PyTorch’s SGD omits the (1−β) factor, which only rescales the effective learning rate.',
      'zh-cn': '不直接跟随每一步带噪声的梯度，而是维护近期梯度的滑动平均，沿这个平均方向前进。前后一致的方向会越走越快，来回翻转的方向相互抵消，因此在狭长平缓的山谷里前进得更快。PyTorch 的 SGD 省略了 (1−β) 因子，差别只相当于换了一个有效学习率。',
    },
    symbols: [
      { symbol: '\\mathbf{v}_t', meaning: { en: 'velocity at step t', 'zh-cn': '第 t 步的速度' } },
      { symbol: '\\beta, \\mu', meaning: { en: 'momentum coefficient, typically 0.9', 'zh-cn': '动量系数，常取 0.9' } },
      { symbol: '\\eta', meaning: { en: 'learning rate', 'zh-cn': '学习率' } },
    ],
    code: { pytorch: ['optim.SGD'], tfjs: ['tf.train.momentum'] },
    related: ['gradient-descent', 'adam'],
  },
  {
    id: 'adam',
    title: { en: 'Adam optimizer', 'zh-cn': 'Adam 优化器' },
    section: '参数更新',
    formulas: [
      {
        latex: 'm_t = \\beta_1 m_{t-1} + (1-\\beta_1)\\,g_t,\\qquad v_t = \\beta_2 v_{t-1} + (1-\\beta_2)\\,g_t^2',
        origin: 'reference',
        label: { en: 'first and second moment', 'zh-cn': '一阶与二阶矩' },
      },
      {
        latex: '\\hat m_t = \\frac{m_t}{1-\\beta_1^t},\\quad \\hat v_t = \\frac{v_t}{1-\\beta_2^t},\\quad \\theta_t = \\theta_{t-1} - \\eta\\,\\frac{\\hat m_t}{\\sqrt{\\hat v_t}+\\epsilon}',
        origin: 'reference',
        label: { en: 'bias correction and update', 'zh-cn': '偏差修正与更新' },
      },
    ],
    explanation: {
      en: 'Adam keeps two running averages per parameter, of the gradient (a momentum term) and of its square (a scale estimate), and moves each parameter by η times their ratio m̂/√v̂. For a gradient that keeps its sign and size the ratio is close to 1, so the step is about η whether the gradient is 1000 or 0.001; when the sign keeps flipping, the first average cancels out and the step shrinks. The step size therefore reflects how consistent a gradient is, not how large it is; the bias correction only matters in the first steps, while both averages still lean towards their zero start.',
      'zh-cn': 'Adam 为每个参数维护两个滑动平均：梯度本身的（相当于动量）和梯度平方的（估计尺度），每一步把参数移动 η 乘以二者之比 m̂/√v̂。如果梯度的符号和大小一直不变，这个比值接近 1，步长就约等于 η，不论梯度是 1000 还是 0.001；如果梯度符号来回翻转，一阶平均相互抵消，步长随之变小。所以步长反映的是梯度方向是否一致，而不是梯度有多大；偏差修正只在最初几步起作用，那时两个平均值还偏向初始的零。',
    },
    symbols: [
      { symbol: 'g_t', meaning: { en: 'gradient at step t', 'zh-cn': '第 t 步的梯度' } },
      { symbol: '\\beta_1, \\beta_2', meaning: { en: 'decay rates, default 0.9 and 0.999', 'zh-cn': '衰减率，默认 0.9 与 0.999' } },
      { symbol: '\\epsilon', meaning: { en: 'small constant against division by zero: 1e-8 in PyTorch (eps), 1e-7 in tfjs (epsilon, the backend’s default)', 'zh-cn': '防止除零的小常数：PyTorch 的 eps 默认 1e-8，tfjs 的 epsilon 默认 1e-7（取自后端）' } },
      { symbol: '\\eta', meaning: { en: 'learning rate (default 1e-3 in both)', 'zh-cn': '学习率（两者默认都是 1e-3）' } },
    ],
    code: { pytorch: ['optim.Adam', 'optim.AdamW'], tfjs: ['tf.train.adam'] },
    related: ['momentum', 'gradient-descent'],
  },
  {
    id: 'dropout',
    title: { en: 'Dropout', 'zh-cn': 'Dropout（随机失活）' },
    section: '过拟合与欠拟合',
    formulas: [
      {
        latex: 'y_i = \\frac{m_i\\,x_i}{1-p},\\qquad m_i \\sim \\mathrm{Bernoulli}(1-p)',
        origin: 'reference',
        label: { en: 'training mode (identity at evaluation)', 'zh-cn': '训练模式（评估时原样输出）' },
      },
    ],
    explanation: {
      en: 'During training each activation is zeroed with probability p and the survivors are scaled by 1/(1−p), so the expected value is unchanged. Because any unit may vanish, the network cannot lean on a few co-adapted units and generalises better. In evaluation mode (model.eval()) the layer passes its input through untouched; shape and parameter count are unaffected.',
      'zh-cn': '训练时每个激活值以概率 p 被置零，保留下来的乘以 1/(1−p)，使期望值保持不变。由于任何单元都可能消失，网络无法依赖少数相互配合的单元，泛化能力因此更好。评估模式（model.eval()）下该层原样输出；它不改变形状，也没有参数。',
    },
    symbols: [
      { symbol: 'p', meaning: { en: 'drop probability (nn.Dropout(p), tf rate)', 'zh-cn': '丢弃概率（nn.Dropout(p)、tf 的 rate）' } },
      { symbol: 'm_i', meaning: { en: 'random keep mask', 'zh-cn': '随机保留掩码' } },
    ],
    code: { pytorch: ['nn.Dropout', 'F.dropout', 'nn.Dropout2d'], tfjs: ['tf.layers.dropout', 'tf.dropout'] },
    related: ['early-stopping', 'l2-regularization'],
  },
  {
    id: 'early-stopping',
    title: { en: 'Early stopping', 'zh-cn': '早停（Early Stopping）' },
    section: '迭代优化',
    formulas: [
      {
        latex: 'w_t = \\begin{cases} 0 \\ \\text{and}\\ b_t = L_{\\text{val}}(t), & L_{\\text{val}}(t) < b_{t-1} - \\Delta \\\\ w_{t-1} + 1 \\ \\text{and}\\ b_t = b_{t-1}, & \\text{otherwise} \\end{cases},\\quad b_0 = +\\infty,\\ w_0 = 0',
        origin: 'reference',
        label: { en: 'reference value b and epochs without improvement w, as tf.callbacks.earlyStopping keeps them', 'zh-cn': '参考值 b 与未改善的 epoch 数 w（tf.callbacks.earlyStopping 的做法）' },
      },
      {
        latex: 't_{\\text{stop}} = \\min\\{\\, t : w_t \\ge \\max(P, 1) \\,\\}',
        origin: 'reference',
        label: { en: 'the epoch training stops after', 'zh-cn': '训练在这一轮结束后停止' },
      },
    ],
    explanation: {
      en: 'Training loss keeps falling long after the model has started memorising; the loss on held-out validation data turns upward at that point. Early stopping watches the validation loss and ends training once P epochs in a row have failed to beat a reference value by more than Δ; the reference moves only on such an improvement, so several small gains never reset the count. The tfjs callback tf.callbacks.earlyStopping only stops (restoreBestWeights is not implemented), so the model keeps the last epoch’s weights: to keep the best ones, save a checkpoint whenever the validation loss improves (PyTorch has no built-in early stopping at all).',
      'zh-cn': '模型开始死记训练样本之后，训练损失仍会继续下降，而留出的验证集损失会转而上升。早停监视验证损失：如果连续 P 个 epoch 都没能比参考值再低出 Δ 以上，就结束训练；参考值只在出现这样的改善时才更新，所以几次微小的下降并不会让计数归零。tf.callbacks.earlyStopping 只负责停止（restoreBestWeights 尚未实现），模型留下的是最后一轮的权重：想保留最好的权重，需要在验证损失每次改善时自己保存检查点（PyTorch 则根本没有内置的早停）。',
    },
    symbols: [
      { symbol: 'L_{\\text{val}}', meaning: { en: 'validation loss', 'zh-cn': '验证集损失' } },
      { symbol: 'P', meaning: { en: 'patience, in epochs', 'zh-cn': '耐心值（epoch 数）' } },
      { symbol: '\\Delta', meaning: { en: 'minimum improvement (tfjs minDelta, default 0)', 'zh-cn': '最小改善量（tfjs 的 minDelta，默认 0）' } },
      { symbol: 'b_t, w_t', meaning: { en: 'reference value and epochs without improvement after epoch t', 'zh-cn': '第 t 轮之后的参考值与未改善的 epoch 数' } },
    ],
    code: { pytorch: [], tfjs: ['tf.callbacks.earlyStopping'] },
    related: ['dataset-split', 'dropout'],
  },
  {
    id: 'dataset-split',
    title: { en: 'Training / validation / test split', 'zh-cn': '训练集、验证集与测试集拆分' },
    section: '数据集拆分',
    formulas: [
      {
        latex: 'D = D_{\\text{train}} \\cup D_{\\text{val}} \\cup D_{\\text{test}},\\quad |D_{\\text{train}}|:|D_{\\text{val}}|:|D_{\\text{test}}| \\approx 70:15:15',
        origin: 'reference',
      },
    ],
    explanation: {
      en: 'The data is cut into disjoint parts with different jobs: the training part sets the weights, the validation part picks hyper-parameters and the stopping point, and the test part is looked at once, at the end, to estimate performance on unseen data. Using test data for any decision makes that estimate optimistic.',
      'zh-cn': '数据被切成互不重叠、各司其职的几份：训练部分用来确定权重，验证部分用来挑选超参数和停止时机，测试部分只在最后看一次，用来估计模型在新数据上的表现。任何决策一旦参考了测试数据，这个估计就会偏乐观。',
    },
    symbols: [{ symbol: 'D', meaning: { en: 'the whole labelled data set', 'zh-cn': '全部带标签的数据' } }],
    code: { pytorch: ['torch.utils.data.random_split'], tfjs: [] },
    related: ['early-stopping'],
  },
];

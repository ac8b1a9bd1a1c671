// Transformer (document chapter "Transformer"). Document formulas with their errata, plus the
// PyTorch forms the editor needs (origin 'reference'). Explanations are our own words.

import type { Concept } from '../types';

const QKV_S = 'Encoder的QKV自注意力机制：';
const MHA_S = 'Encoder/Decoder多头注意力（Multi-Head Attention）';
const RES_S = 'Encoder/Decoder残差网络及归一化';
const MASK_S = 'Decoder掩码注意力';

const DK = { symbol: 'd_k', meaning: { en: 'dimension of each query/key vector', 'zh-cn': '每个查询/键向量的维数' } };

export const TRANSFORMER_CONCEPTS: readonly Concept[] = [
  {
    id: 'embedding',
    title: { en: 'Token embedding (scaled by √d)', 'zh-cn': '词嵌入（乘以 √d）' },
    section: 'Encoder/Decoder词嵌入：',
    formulas: [
      { latex: 'V \\times d', docLine: 1451, origin: 'inline', label: { en: 'embedding matrix size', 'zh-cn': '嵌入矩阵大小' } },
      {
        latex: '\\mathrm{Emb}(x) = E[x]\\cdot\\sqrt{d_{model}},\\qquad E \\in \\mathbb{R}^{V \\times d_{model}}',
        origin: 'reference',
        label: { en: 'lookup and scaling, as the document’s InputEmbeddings does', 'zh-cn': '查表并缩放（与文中 InputEmbeddings 一致）' },
      },
      { latex: '\\#\\text{params} = V \\cdot d', origin: 'reference', label: { en: 'parameters', 'zh-cn': '参数量' } },
    ],
    explanation: {
      en: 'An embedding layer is a trainable table with one d-dimensional row per vocabulary entry; looking up a token id returns its row, so a [batch, seq] tensor of ids becomes [batch, seq, d]. The Transformer then multiplies the rows by √d. The original paper gives no reason; a common reading is that it keeps the embeddings from being drowned by the positional encodings added next, whose entries lie in [−1, 1], but that is an interpretation, not a result.',
      'zh-cn': '嵌入层是一张可训练的表，词表中每个条目对应一行 d 维向量；用词元编号查表即得到那一行，于是形状 [batch, seq] 的编号张量变成 [batch, seq, d]。随后 Transformer 把查到的向量乘以 √d。原论文没有说明原因；常见的解读是避免嵌入被随后相加、取值在 [−1, 1] 之间的位置编码淹没，但这只是一种解读，并非定论。',
    },
    symbols: [
      { symbol: 'V', meaning: { en: 'vocabulary size (num_embeddings)', 'zh-cn': '词表大小（num_embeddings）' } },
      { symbol: 'd, d_{model}', meaning: { en: 'embedding dimension (embedding_dim)', 'zh-cn': '嵌入维数（embedding_dim）' } },
      { symbol: 'E[x]', meaning: { en: 'row x of the table', 'zh-cn': '表中第 x 行' } },
    ],
    code: { pytorch: ['nn.Embedding', 'nn.Embedding.from_pretrained', 'nn.EmbeddingBag', 'nn.EmbeddingBag.from_pretrained', 'F.embedding'], tfjs: ['tf.layers.embedding'] },
    related: ['positional-encoding'],
  },
  {
    id: 'positional-encoding',
    title: { en: 'Sinusoidal positional encoding', 'zh-cn': '正弦位置编码' },
    section: 'Encoder/Decoder位置编码：',
    formulas: [
      { latex: 'PE_{pos,2i}=\\sin(\\frac{pos}{10000^{2i/d}})', docLine: 1526, origin: 'display', label: { en: 'even dimensions', 'zh-cn': '偶数维' } },
      { latex: 'PE_{pos,2i+1}=\\cos(\\frac{pos}{10000^{2i/d}})', docLine: 1530, origin: 'display', label: { en: 'odd dimensions', 'zh-cn': '奇数维' } },
    ],
    explanation: {
      en: 'Attention by itself ignores order, so each position gets a fixed vector added to its embedding. Dimension pairs are a sine and cosine of the position at geometrically spaced frequencies, from one cycle per 2π positions down to one per 10000·2π. Any fixed offset between two positions then acts as a rotation of each pair, which makes relative position easy to read off.',
      'zh-cn': '注意力本身不区分顺序，所以每个位置都在嵌入向量上加一个固定向量。每两个维度是位置的一对正弦和余弦，频率按几何级数从每 2π 个位置一周期降到每 10000·2π 个位置一周期。两个位置之间相差固定距离时，相当于把每对维度旋转一个固定角度，相对位置因此容易被模型识别。',
    },
    symbols: [
      { symbol: 'pos', meaning: { en: 'position in the sequence (0, 1, 2…)', 'zh-cn': '序列中的位置（0, 1, 2…）' } },
      { symbol: 'i', meaning: { en: 'index of the sine/cosine pair', 'zh-cn': '正弦/余弦维度对的序号' } },
      { symbol: 'd', meaning: { en: 'model dimension d_model', 'zh-cn': '模型维数 d_model' } },
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['embedding'],
  },
  {
    id: 'self-attention',
    title: { en: 'Scaled dot-product self-attention (Q, K, V)', 'zh-cn': '缩放点积自注意力（Q、K、V）' },
    section: QKV_S,
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
        label: { en: 'projections', 'zh-cn': '投影' },
      },
      {
        latex: 'X_{\\mathrm{Attention}}=\\mathrm{softmax}(\\frac{Q_XK^T_X}{\\sqrt{d_k}})V_X',
        docLine: 1596,
        origin: 'display',
        label: { en: 'attention', 'zh-cn': '注意力' },
      },
    ],
    explanation: {
      en: 'Every token is projected three ways: a query (what it looks for), a key (what it offers to be matched on) and a value (what it hands over). Query–key dot products, divided by √d_k to keep them in a range where softmax is not saturated, become weights over all tokens, and each output row is the weighted mix of the value rows. The softmax weights are what the attention maps show.',
      'zh-cn': '每个词向量被投影成三份：查询 Q 表示"我在找什么"，键 K 表示"我能被什么匹配"，值 V 是真正要传递的内容。Q 与 K 的点积除以 √d_k（避免 softmax 过早饱和）后经 softmax 得到对全部位置的权重，输出的每一行就是按这些权重对 V 各行的加权求和。注意力热图画的正是这些 softmax 权重。',
    },
    symbols: [
      { symbol: 'X', meaning: { en: 'input token vectors, one row per position', 'zh-cn': '输入词向量矩阵，每行一个位置' } },
      { symbol: 'W_Q, W_K, W_V', meaning: { en: 'learned projection matrices for queries, keys, values', 'zh-cn': '可学习的查询、键、值投影矩阵' } },
      DK,
    ],
    code: { pytorch: ['F.scaled_dot_product_attention'], tfjs: [] },
    related: ['multi-head-attention', 'causal-mask', 'padding-mask', 'dot-product', 'softmax'],
  },
  {
    id: 'multi-head-attention',
    title: { en: 'Multi-head attention', 'zh-cn': '多头注意力' },
    section: MHA_S,
    formulas: [
      {
        latex: 'Q_i=QW_Q,K_i=KW_K,V_i=VW_V',
        corrected: 'Q_i=QW_Q^{(i)},\\ K_i=KW_K^{(i)},\\ V_i=VW_V^{(i)}',
        erratum: {
          en: 'Each head needs its own projection matrices (in code: one slice of w_q, w_k, w_v per head); with a single shared W_Q, W_K, W_V every head would compute the same thing.',
          'zh-cn': '每个头都要有自己的投影矩阵（代码里是 w_q、w_k、w_v 按头切分的一段）；若所有头共用同一个 W_Q、W_K、W_V，各头的计算结果将完全相同。',
        },
        docLine: 1626,
        origin: 'inline',
        label: { en: 'per-head projections', 'zh-cn': '各头的投影' },
      },
      {
        latex: '\\mathrm{Head}_i=\\mathrm{Attention}(Q_i,K_i,V_i)=\\mathrm{Softmax}(\\frac{Q_iK^T}{\\sqrt{d_k}K})V_i',
        corrected: '\\mathrm{Head}_i=\\mathrm{Attention}(Q_i,K_i,V_i)=\\mathrm{softmax}(\\frac{Q_iK_i^T}{\\sqrt{d_k}})V_i,\\quad d_k = d/h',
        erratum: {
          en: 'There is a stray K under the square root, and the key must be the head’s own K_i: scores are Q_i K_iᵀ / √d_k, with d_k = d/h per head.',
          'zh-cn': '根号下多了一个 K，且转置的键应是本头的 K_i：得分为 Q_i K_iᵀ / √d_k，每头的 d_k = d/h。',
        },
        docLine: 1627,
        origin: 'inline',
        label: { en: 'one head', 'zh-cn': '单个头' },
      },
      {
        latex: 'MultiHead(Q,K,V)=Concat(head_1,head_2,...,head_h)W_o',
        docLine: 1628,
        origin: 'inline',
        label: { en: 'concatenate and project', 'zh-cn': '拼接并投影' },
      },
      {
        latex: '\\#\\text{params} = 4E^2 + 4E',
        origin: 'reference',
        label: {
          en: 'parameters of nn.MultiheadAttention with bias=True and kdim = vdim = E (other kdim/vdim: E·(E + kdim + vdim) + E² + 4E; add_bias_kv adds 2E)',
          'zh-cn': 'nn.MultiheadAttention 的参数量，bias=True 且 kdim = vdim = E（kdim/vdim 不同时为 E·(E + kdim + vdim) + E² + 4E；add_bias_kv 再加 2E）',
        },
      },
    ],
    explanation: {
      en: 'The model dimension d is split into h heads of size d/h; each head runs its own scaled dot-product attention on its own projections, so different heads can attend to different relations (neighbouring words, matching brackets, subject–verb…). The head outputs are concatenated back to width d and mixed by W_o. Cost and parameter count equal those of one full-width head.',
      'zh-cn': '把模型维数 d 拆成 h 个头，每头 d/h 维；每个头用自己的投影做一次缩放点积注意力，于是不同的头可以关注不同的关系（相邻词、配对括号、主谓搭配等）。各头输出拼接回 d 维，再由 W_o 混合。总计算量和参数量与一个全宽度的单头相同。',
    },
    symbols: [
      { symbol: 'h', meaning: { en: 'number of heads (num_heads)', 'zh-cn': '头数（num_heads）' } },
      DK,
      { symbol: 'W_o', meaning: { en: 'output projection after concatenation', 'zh-cn': '拼接后的输出投影' } },
      { symbol: 'E', meaning: { en: 'embed_dim of nn.MultiheadAttention', 'zh-cn': 'nn.MultiheadAttention 的 embed_dim' } },
    ],
    code: { pytorch: ['nn.MultiheadAttention', 'F.multi_head_attention_forward'], tfjs: [] },
    related: ['self-attention', 'cross-attention'],
  },
  {
    id: 'residual',
    title: { en: 'Residual connection (Add & Norm)', 'zh-cn': '残差连接（Add & Norm）' },
    section: RES_S,
    formulas: [
      { latex: 'y=F(x)+x', docLine: 1699, origin: 'inline', label: { en: 'residual block', 'zh-cn': '残差块' } },
      {
        latex: '\\mathrm{Output}_\\mathrm{Attention}=\\mathrm{Norm}(\\mathrm{MultiHead}(Q,K,V))+ \\mathrm{Input}',
        corrected: '\\mathrm{Output}_\\mathrm{Attention}=\\mathrm{MultiHead}(\\mathrm{Norm}(\\mathrm{Input}))+ \\mathrm{Input}',
        erratum: {
          en: 'Pre-LN, as the document’s own ResidualConnection code does (x + dropout(sublayer(norm(x)))), normalises the sub-layer’s input, not its output. Normalising after the sum instead, Norm(Input + MultiHead(…)), would be the original post-LN Transformer.',
          'zh-cn': 'Pre-LN（即文中 ResidualConnection 代码 x + dropout(sublayer(norm(x)))）归一化的是子层的输入，而不是子层的输出。若在相加之后再归一化，即 Norm(Input + MultiHead(…))，那是原始论文的 Post-LN 结构。',
        },
        docLine: 1707,
        origin: 'display',
        label: { en: 'attention sub-layer', 'zh-cn': '注意力子层' },
      },
      {
        latex: '\\mathrm{Output}_\\mathrm{FFN}=\\mathrm{FFN}(\\mathrm{Input})+ \\mathrm{Input}',
        corrected: '\\mathrm{Output}_\\mathrm{FFN}=\\mathrm{FFN}(\\mathrm{Norm}(\\mathrm{Input}))+ \\mathrm{Input}',
        erratum: {
          en: 'The same ResidualConnection wraps the feed-forward block, so its input is layer-normalised too; the formula leaves the Norm out.',
          'zh-cn': '前馈块外面套的是同一个 ResidualConnection，它的输入同样先做层归一化；公式里漏掉了 Norm。',
        },
        docLine: 1713,
        origin: 'display',
        label: { en: 'feed-forward sub-layer', 'zh-cn': '前馈子层' },
      },
    ],
    explanation: {
      en: 'A residual block adds its input to its output, so the block only has to learn the change F(x) = y − x, and an unhelpful block can fall back to nearly the identity. The added path also carries gradients straight back to early layers, which is what lets networks of dozens or hundreds of layers train. Input and output must have the same shape for the addition.',
      'zh-cn': '残差块把输入直接加到输出上，块本身只需学习变化量 F(x) = y − x；某个块没有帮助时，它可以退化为接近恒等映射。这条相加的通路也把梯度直接送回前面的层，几十上百层的网络因此才能训练。相加要求输入与输出形状相同。',
    },
    symbols: [
      { symbol: 'F(x)', meaning: { en: 'the sub-layer (attention or FFN)', 'zh-cn': '子层（注意力或前馈网络）' } },
      { symbol: '\\mathrm{Norm}', meaning: { en: 'layer normalisation', 'zh-cn': '层归一化' } },
    ],
    code: { pytorch: [], tfjs: ['tf.layers.add'] },
    related: ['layer-norm', 'ffn'],
  },
  {
    id: 'layer-norm',
    title: { en: 'Layer normalisation', 'zh-cn': '层归一化（LayerNorm）' },
    section: RES_S,
    formulas: [
      { latex: '\\hat{x} = \\alpha\\frac{x - \\mu}{\\sigma+\\epsilon }+b', docLine: 1735, origin: 'display', label: { en: 'as in the document’s code', 'zh-cn': '与文中代码一致' } },
      {
        latex: 'y = \\frac{x - \\mathrm{E}[x]}{\\sqrt{\\mathrm{Var}[x] + \\epsilon}} \\cdot \\gamma + \\beta',
        origin: 'reference',
        label: { en: 'nn.LayerNorm (biased variance, ε inside the root)', 'zh-cn': 'nn.LayerNorm（有偏方差，ε 在根号内）' },
      },
      {
        latex: '\\#\\text{params} = 2 \\cdot \\prod \\text{normalized\\_shape}',
        origin: 'reference',
        label: { en: 'nn.LayerNorm parameters with elementwise_affine=True (none without)', 'zh-cn': 'nn.LayerNorm 参数量，elementwise_affine=True 时（否则为 0）' },
      },
    ],
    explanation: {
      en: 'For each token separately, subtract the mean of its features and divide by their spread, then apply a learned scale and shift per feature. Statistics never mix samples of a batch, so it behaves the same in training and inference and suits variable-length sequences. Here σ is the standard deviation (the document’s text calls it the variance); the document’s code divides by std + ε, while nn.LayerNorm divides by √(var + ε).',
      'zh-cn': '对每个词元单独计算：减去其各特征的均值、除以其分散程度，再对每个特征乘上可学习的缩放并加上平移。统计量从不跨越批量中的样本，所以训练和推理时行为一致，也适合长度不一的序列。式中 σ 是标准差（文中正文称之为方差，有误）；文中代码除以 std + ε，而 nn.LayerNorm 除以 √(var + ε)。',
    },
    symbols: [
      { symbol: '\\mu, \\sigma', meaning: { en: 'mean and standard deviation over the features of one token', 'zh-cn': '单个词元各特征的均值与标准差' } },
      { symbol: '\\alpha, b (\\gamma, \\beta)', meaning: { en: 'learned scale and shift per feature', 'zh-cn': '每个特征可学习的缩放与平移' } },
      { symbol: '\\epsilon', meaning: { en: 'small constant against division by zero', 'zh-cn': '防止除零的小常数' } },
    ],
    code: { pytorch: ['nn.LayerNorm', 'F.layer_norm'], tfjs: ['tf.layers.layerNormalization'] },
    related: ['residual', 'batch-norm', 'standardization'],
  },
  {
    id: 'ffn',
    title: { en: 'Position-wise feed-forward network (FFN)', 'zh-cn': '逐位置前馈网络（FFN）' },
    section: 'Encoder前馈神经网络FFN',
    formulas: [
      {
        latex: 'X_\\mathrm{output}=\\mathrm{FFN}(X_\\mathrm{Attention})=\\mathrm{ReLU}(X_\\mathrm{Attention}W_1+b_1)W_2+b_2',
        docLine: 1773,
        origin: 'display',
        label: { en: 'encoder', 'zh-cn': '编码器' },
      },
      {
        latex: 'X_\\mathrm{output}=\\mathrm{FFN}(X_\\mathrm{Attention})=\\mathrm{ReLU}(X_\\mathrm{Attention}W_1+b_1)W_2+b_2',
        docLine: 1925,
        section: 'Decoder前馈神经网络FFN',
        origin: 'display',
        label: { en: 'decoder (identical)', 'zh-cn': '解码器（相同）' },
      },
      { latex: '\\#\\text{params} = 2\\,d_{model}\\,d_{ff} + d_{ff} + d_{model}', origin: 'reference', label: { en: 'parameters', 'zh-cn': '参数量' } },
    ],
    explanation: {
      en: 'Two linear layers with a ReLU between them, applied to every position independently with the same weights: widen from d_model to d_ff (typically 4×), then project back. Attention moves information between positions; the FFN then transforms each position’s vector on its own, and holds most of a Transformer’s parameters.',
      'zh-cn': '两个线性层中间夹一个 ReLU，用同一组权重分别作用于每个位置：先从 d_model 扩展到 d_ff（通常 4 倍），再投影回来。注意力负责在位置之间传递信息；FFN 随后独立地变换每个位置的向量，Transformer 的大部分参数都在这里。',
    },
    symbols: [
      { symbol: 'W_1, b_1', meaning: { en: 'expansion layer d_model → d_ff', 'zh-cn': '扩展层 d_model → d_ff' } },
      { symbol: 'W_2, b_2', meaning: { en: 'projection back d_ff → d_model', 'zh-cn': '投影回 d_ff → d_model' } },
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['linear-layer', 'relu', 'residual'],
  },
  {
    id: 'padding-mask',
    title: { en: 'Padding mask', 'zh-cn': '填充掩码（Padding mask）' },
    section: MASK_S,
    formulas: [
      {
        latex: 'M_{ij} = \\begin{cases} 0, & j \\notin \\mathcal{P} \\\\ -\\infty, & j \\in \\mathcal{P} \\end{cases}',
        origin: 'reference',
      },
    ],
    explanation: {
      en: 'Sequences in a batch are padded to a common length; the padding positions must not receive attention. Their scores are replaced by −∞ (in practice a large negative number such as −1e9) before the softmax, so their weights become zero. In the document’s code this is masked_fill(mask == 0, -1e9) with src_mask.',
      'zh-cn': '一个批量里的序列被补齐到相同长度，补出来的位置不应得到注意力。在 softmax 之前把这些位置的得分换成 −∞（实际用 −1e9 这样很大的负数），它们的权重就变成零。文中代码用 src_mask 配合 masked_fill(mask == 0, -1e9) 实现。',
    },
    symbols: [
      { symbol: 'M_{ij}', meaning: { en: 'added to the score of query i on key j', 'zh-cn': '加在查询 i 对键 j 的得分上' } },
      { symbol: '\\mathcal{P}', meaning: { en: 'positions holding padding tokens', 'zh-cn': '填充符所在的位置集合' } },
    ],
    code: { pytorch: ['.masked_fill', '.masked_fill_'], tfjs: [] },
    related: ['causal-mask', 'self-attention'],
  },
  {
    id: 'causal-mask',
    title: { en: 'Causal (sequence) mask', 'zh-cn': '因果掩码（序列掩码）' },
    section: MASK_S,
    formulas: [
      {
        latex: '\\textbf{M}_{ij} =\n\\begin{cases}\n0, & \\text{if } j \\leq i \\\\\n-\\infty, & \\text{otherwise}\n\\end{cases}',
        docLine: 1811,
        origin: 'display',
        label: { en: 'mask', 'zh-cn': '掩码' },
      },
      {
        latex: 'X_{\\mathrm{Attention}}=\\mathrm{softmax}(\\frac{QK^T}{\\sqrt{d_k}}+M)V',
        docLine: 1819,
        origin: 'display',
        label: { en: 'masked attention', 'zh-cn': '带掩码的注意力' },
      },
    ],
    explanation: {
      en: 'When a decoder is trained on whole target sequences at once, position i must not peek at later positions. Adding −∞ above the diagonal of the score matrix zeroes those weights after the softmax, so row i mixes only positions 0…i. The attention map therefore shows an empty upper triangle.',
      'zh-cn': '解码器一次性对整段目标序列训练时，第 i 个位置不能偷看后面的位置。在得分矩阵对角线以上加 −∞，softmax 之后这些权重就为零，第 i 行只混合 0…i 位置的信息。所以注意力热图的右上三角是空的。',
    },
    symbols: [
      { symbol: 'M', meaning: { en: 'n×n mask added to the scores', 'zh-cn': '加到得分上的 n×n 掩码' } },
      { symbol: 'i, j', meaning: { en: 'query position, key position', 'zh-cn': '查询位置、键位置' } },
      DK,
    ],
    code: { pytorch: ['torch.triu', 'torch.tril', 'nn.Transformer.generate_square_subsequent_mask', '.masked_fill', '.masked_fill_'], tfjs: ['tf.linalg.bandPart'] },
    related: ['padding-mask', 'self-attention'],
  },
  {
    id: 'cross-attention',
    title: { en: 'Cross-attention (decoder → encoder)', 'zh-cn': '交叉注意力（解码器查询编码器）' },
    section: 'Decoder的交叉注意力',
    formulas: [
      {
        latex: 'X_{\\mathrm{CrossAttention}}=\\mathrm{softmax}(\\frac{Q_DK_E^T}{\\sqrt{d_k}})V_E',
        docLine: 1894,
        origin: 'display',
      },
    ],
    explanation: {
      en: 'The same attention computation, but the queries come from the decoder while keys and values come from the encoder’s output. Each target position thereby pulls in the source positions most relevant to it; in translation the weights trace an alignment between the two sentences, and for a reversal task they form an anti-diagonal.',
      'zh-cn': '计算方式与自注意力相同，只是查询来自解码器，键和值来自编码器的输出。于是每个目标位置都能取回与它最相关的源位置信息；在翻译中这些权重描绘出两句之间的对齐关系，在序列反转任务中则形成一条反对角线。',
    },
    symbols: [
      { symbol: 'Q_D', meaning: { en: 'queries from the decoder', 'zh-cn': '来自解码器的查询' } },
      { symbol: 'K_E, V_E', meaning: { en: 'keys and values from the encoder output', 'zh-cn': '来自编码器输出的键与值' } },
      DK,
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['self-attention', 'multi-head-attention'],
  },
  {
    id: 'output-projection',
    title: { en: 'Final linear projection and softmax', 'zh-cn': '最后的线性映射与 Softmax' },
    section: 'Decoder最后的线性映射与Softmax',
    formulas: [
      {
        latex: 'P(y_t = w \\mid y_{<t}, x) = \\mathrm{softmax}(h_t W_p + b_p)_w,\\qquad W_p \\in \\mathbb{R}^{d_{model} \\times |V|}',
        origin: 'reference',
      },
    ],
    explanation: {
      en: 'The decoder’s last hidden vector at each position is mapped by one linear layer to a score per vocabulary entry, and softmax turns the scores into a distribution over the next token. Training compares that distribution with the true next token by cross-entropy; generation picks (or samples) a token from it.',
      'zh-cn': '解码器在每个位置的最后隐藏向量，经一个线性层映射成词表中每个词的得分，再由 softmax 变成"下一个词"的概率分布。训练时用交叉熵把它与真实的下一个词比较；生成时从中选取（或采样）一个词。',
    },
    symbols: [
      { symbol: 'h_t', meaning: { en: 'decoder output at position t', 'zh-cn': '位置 t 的解码器输出' } },
      { symbol: 'W_p, b_p', meaning: { en: 'projection to vocabulary size |V|', 'zh-cn': '映射到词表大小 |V| 的投影' } },
    ],
    code: { pytorch: [], tfjs: [] },
    related: ['softmax', 'cross-entropy', 'linear-layer'],
  },
];

// Data representation and statistics (section "数据处理"). Our own explanations.

import type { Concept } from '../types';

const X = { symbol: 'x_i', meaning: { en: 'i-th data value', 'zh-cn': '第 i 个数据值' } };
const N = { symbol: 'n', meaning: { en: 'number of values', 'zh-cn': '数据个数' } };
const MU = { symbol: '\\mu', meaning: { en: 'mean', 'zh-cn': '均值' } };

export const STATISTICS_CONCEPTS: readonly Concept[] = [
  {
    id: 'dot-product',
    title: { en: 'Dot product', 'zh-cn': '点积' },
    section: '向量关系属性',
    formulas: [
      {
        latex: '\\mathbf{a} \\cdot \\mathbf{b} = \\sum_{i=1}^{n} a_i b_i = a_1 b_1 + a_2 b_2 + \\dots + a_n b_n=\\mathbf{a}^T  \\mathbf{b}=\\|\\mathbf{a}\\| \\cdot \\|\\mathbf{b}\\| \\cdot \\cos(\\theta)',
        docLine: 648,
        origin: 'display',
      },
    ],
    explanation: {
      en: 'Multiply matching components and add them up. Geometrically it is the product of the two lengths and the cosine of the angle between the vectors: positive when they point the same way, zero when perpendicular, negative when opposed. Attention scores are dot products between queries and keys.',
      'zh-cn': '对应分量相乘再求和。几何上它等于两个向量长度之积乘以夹角余弦：方向相近为正，相互垂直为零，方向相反为负。注意力机制里的打分就是查询与键的点积。',
    },
    symbols: [
      { symbol: '\\mathbf{a}, \\mathbf{b}', meaning: { en: 'vectors of equal length n', 'zh-cn': '长度同为 n 的向量' } },
      { symbol: '\\theta', meaning: { en: 'angle between them', 'zh-cn': '两者夹角' } },
    ],
    code: { pytorch: ['torch.dot', 'torch.matmul', 'torch.bmm', 'torch.mm', '.matmul'], tfjs: ['tf.dot', 'tf.matMul'] },
    related: ['vector-norm', 'self-attention'],
  },
  {
    id: 'vector-norm',
    title: { en: 'Euclidean norm', 'zh-cn': '欧几里得范数' },
    section: '向量关系属性',
    formulas: [{ latex: '\\|\\mathbf{x}\\| = \\sqrt{\\sum_{i=1}^{n} x_i^2}=\\sqrt{x \\cdot x}=\\sqrt{x^Tx}', docLine: 656, origin: 'display' }],
    explanation: {
      en: 'The length of a vector: the square root of the sum of its squared components, i.e. of its dot product with itself. Distances between embeddings and the gradient magnitudes ‖∇W‖ shown in the training panel are measured with it.',
      'zh-cn': '向量的长度：各分量平方和的平方根，也就是它与自身点积的平方根。词向量之间的距离、训练面板里显示的梯度大小 ‖∇W‖，用的都是这种范数。',
    },
    symbols: [{ symbol: '\\mathbf{x}', meaning: { en: 'vector with components x_1 … x_n', 'zh-cn': '分量为 x_1 … x_n 的向量' } }],
    code: { pytorch: ['torch.norm', 'torch.linalg.norm', '.norm'], tfjs: ['tf.norm'] },
    related: ['dot-product'],
  },
  {
    id: 'mean',
    title: { en: 'Mean', 'zh-cn': '均值' },
    section: '中心位置测量',
    formulas: [{ latex: '\\mu = \\frac{1}{n} \\sum_{i=1}^{n} x_i', docLine: 666, origin: 'display' }],
    explanation: {
      en: 'The sum of all values divided by how many there are: the balance point of the data. A single extreme value moves it noticeably, so for skewed data the median is often the better "typical value".',
      'zh-cn': '所有数值之和除以个数，是数据的"平衡点"。一个极端值就能明显拉动它，所以对偏斜的数据，中位数往往更能代表"典型值"。',
    },
    symbols: [X, N],
    code: { pytorch: ['torch.mean', '.mean'], tfjs: ['tf.mean'] },
    related: ['median', 'variance'],
  },
  {
    id: 'median',
    title: { en: 'Median', 'zh-cn': '中位数' },
    section: '中心位置测量',
    formulas: [
      {
        latex: '\\operatorname{median} = \\begin{cases} x_{(m+1)}, & n = 2m+1 \\\\ \\tfrac{1}{2}\\left(x_{(m)} + x_{(m+1)}\\right), & n = 2m \\end{cases}',
        origin: 'reference',
      },
    ],
    explanation: {
      en: 'Sort the values and take the one in the middle, or the average of the two middle ones when the count is even. Half the data lies on each side, and moving an extreme value further out does not change it.',
      'zh-cn': '把数据排序后取正中间的那个；个数为偶数时取中间两个的平均。两侧各有一半数据，极端值再怎么远离，它也不变。',
    },
    symbols: [{ symbol: 'x_{(k)}', meaning: { en: 'k-th smallest value', 'zh-cn': '第 k 小的值' } }, N],
    code: { pytorch: ['torch.median', '.median'], tfjs: [] },
    related: ['mean', 'iqr'],
  },
  {
    id: 'variance',
    title: { en: 'Variance', 'zh-cn': '方差' },
    section: '离散程度测量',
    formulas: [{ latex: '\\sigma^2 = \\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\mu)^2', docLine: 679, origin: 'display' }],
    explanation: {
      en: 'The average squared distance from the mean, a measure of spread in squared units. Dividing by n gives the population form used here; estimating from a sample usually divides by n − 1. Note that torch.var defaults to n − 1, while normalisation layers use n.',
      'zh-cn': '各数值到均值距离平方的平均，用平方单位衡量分散程度。这里除以 n，是总体方差；用样本估计时通常除以 n − 1。注意 torch.var 默认除以 n − 1，而归一化层用的是 n。',
    },
    symbols: [X, MU, N],
    code: { pytorch: ['torch.var', '.var'], tfjs: ['tf.moments'] },
    related: ['std-dev', 'mean'],
  },
  {
    id: 'std-dev',
    title: { en: 'Standard deviation', 'zh-cn': '标准差' },
    section: '离散程度测量',
    formulas: [
      { latex: '\\sigma = \\sqrt{\\sigma^2} = \\sqrt{\\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\mu)^2}', docLine: 686, origin: 'display' },
    ],
    explanation: {
      en: 'The square root of the variance, which brings the spread back to the data’s own units. For roughly bell-shaped data about two thirds of the values lie within one σ of the mean. Standardisation and normalisation layers divide by it.',
      'zh-cn': '方差的平方根，把分散程度换回与数据相同的单位。对大致呈钟形的数据，约三分之二的数值落在均值上下一个 σ 之内。标准化和各种归一化层都要除以它。',
    },
    symbols: [X, MU, N],
    code: { pytorch: ['torch.std', '.std'], tfjs: [] },
    related: ['variance', 'standardization'],
  },
  {
    id: 'iqr',
    title: { en: 'Interquartile range (IQR)', 'zh-cn': '四分位距（IQR）' },
    section: '离散程度测量',
    formulas: [{ latex: '\\text{IQR} = Q3 - Q1', docLine: 691, origin: 'display' }],
    explanation: {
      en: 'The width of the band holding the middle half of the data, from the 25th to the 75th percentile. Because the extreme quarters are ignored it is robust to outliers; a common rule flags values more than 1.5 × IQR outside the band.',
      'zh-cn': '中间一半数据所占的区间宽度，从第 25 百分位到第 75 百分位。两端各四分之一被忽略，所以不受离群点影响；常见做法是把超出该区间 1.5 倍 IQR 的值视为离群点。',
    },
    symbols: [
      { symbol: 'Q1', meaning: { en: 'first quartile (25th percentile)', 'zh-cn': '第一四分位数（第 25 百分位）' } },
      { symbol: 'Q3', meaning: { en: 'third quartile (75th percentile)', 'zh-cn': '第三四分位数（第 75 百分位）' } },
    ],
    code: { pytorch: ['torch.quantile'], tfjs: [] },
    related: ['median'],
  },
  {
    id: 'skewness',
    title: { en: 'Skewness', 'zh-cn': '偏度' },
    section: '分布形状测量',
    formulas: [
      {
        latex: '\\text{Skewness} = \\frac{\\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\mu)^3}{\\left( \\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\mu)^2 \\right)^{3/2}}',
        docLine: 703,
        origin: 'display',
      },
    ],
    explanation: {
      en: 'The third central moment divided by σ³. Cubing keeps the sign of each deviation, so a long tail to the right gives a positive value and a long tail to the left a negative one; a symmetric distribution gives zero.',
      'zh-cn': '三阶中心矩除以 σ³。立方保留了每个偏差的正负号，所以右侧拖着长尾时结果为正，左侧长尾时为负，对称分布则为零。',
    },
    symbols: [X, MU, N],
    code: { pytorch: [], tfjs: [] },
    related: ['kurtosis', 'variance'],
  },
  {
    id: 'kurtosis',
    title: { en: 'Kurtosis (excess)', 'zh-cn': '峰度（超额峰度）' },
    section: '分布形状测量',
    formulas: [
      {
        latex: '\\text{Kurtosis} = \\frac{\\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\mu)^4}{\\left( \\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\mu)^2 \\right)^2} - 3',
        docLine: 708,
        origin: 'display',
      },
    ],
    explanation: {
      en: 'The fourth central moment divided by σ⁴, minus 3 so that a normal distribution scores zero (this is "excess" kurtosis). Positive values mean heavier tails, so more extreme values than a normal distribution would produce; negative values mean lighter tails.',
      'zh-cn': '四阶中心矩除以 σ⁴，再减去 3，使正态分布的结果为零（即"超额"峰度）。正值表示尾部更厚，极端值比正态分布更多；负值表示尾部更薄。',
    },
    symbols: [X, MU, N],
    code: { pytorch: [], tfjs: [] },
    related: ['skewness'],
  },
  {
    id: 'covariance',
    title: { en: 'Covariance', 'zh-cn': '协方差' },
    section: '其他统计属性',
    formulas: [{ latex: '\\text{Cov}(X, Y) = \\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\mu_x)(y_i - \\mu_y)', docLine: 720, origin: 'display' }],
    explanation: {
      en: 'Averages the product of the two variables’ deviations from their means. When both tend to be above or below their means together the products are mostly positive; when one rises as the other falls they are mostly negative. Its size depends on the units, which is why correlation normalises it.',
      'zh-cn': '对两个变量各自偏离均值的乘积取平均。两者常常同时高于或同时低于均值时，乘积多为正；一个升另一个降时，乘积多为负。它的大小受单位影响，所以相关系数要对它做归一化。',
    },
    symbols: [
      { symbol: 'x_i, y_i', meaning: { en: 'paired observations', 'zh-cn': '成对的观测值' } },
      { symbol: '\\mu_x, \\mu_y', meaning: { en: 'their means', 'zh-cn': '各自的均值' } },
    ],
    code: { pytorch: ['torch.cov'], tfjs: [] },
    related: ['correlation', 'pca'],
  },
  {
    id: 'correlation',
    title: { en: 'Pearson correlation', 'zh-cn': '皮尔逊相关系数' },
    section: '其他统计属性',
    formulas: [{ latex: 'r = \\frac{\\text{Cov}(X, Y)}{\\sigma_x \\sigma_y}', docLine: 725, origin: 'display' }],
    explanation: {
      en: 'Covariance divided by both standard deviations, which removes the units and confines the result to [−1, 1]. ±1 means the points lie exactly on a rising or falling line; 0 means no linear relation, though a non-linear one may still exist.',
      'zh-cn': '协方差除以两个标准差，消除了单位，使结果落在 [−1, 1] 之内。±1 表示数据点恰好落在一条上升或下降的直线上；0 表示没有线性关系，但仍可能存在非线性关系。',
    },
    symbols: [
      { symbol: '\\sigma_x, \\sigma_y', meaning: { en: 'standard deviations of X and Y', 'zh-cn': 'X 与 Y 的标准差' } },
    ],
    code: { pytorch: ['torch.corrcoef'], tfjs: [] },
    related: ['covariance'],
  },
  {
    id: 'standardization',
    title: { en: 'Standardisation (z-score)', 'zh-cn': '标准化（z 分数）' },
    section: '标准化与归一化',
    formulas: [{ latex: "x'=\\frac{x-\\mu}{\\sigma}", docLine: 744, origin: 'inline' }],
    explanation: {
      en: 'Subtract the mean and divide by the standard deviation, so every feature ends up centred at 0 with spread 1 whatever its original units. Features on comparable scales make gradient descent better conditioned. The document’s Normalize((0.5,), (0.5,)) plugs in 0.5 for both, which maps pixels from [0, 1] to [−1, 1]; MNIST’s measured values would be 0.1307 and 0.3081.',
      'zh-cn': '减去均值、再除以标准差，不论原来的单位是什么，每个特征都变成以 0 为中心、分散程度为 1。各特征尺度相当，梯度下降的条件更好。文中代码的 Normalize((0.5,), (0.5,)) 把两者都取 0.5，效果是把像素从 [0, 1] 映射到 [−1, 1]；MNIST 实测的均值和标准差约为 0.1307 与 0.3081。',
    },
    symbols: [MU, { symbol: '\\sigma', meaning: { en: 'standard deviation of the feature', 'zh-cn': '该特征的标准差' } }],
    code: { pytorch: ['transforms.Normalize'], tfjs: [] },
    related: ['min-max-normalization', 'layer-norm', 'batch-norm'],
  },
  {
    id: 'min-max-normalization',
    title: { en: 'Min–max normalisation', 'zh-cn': '最小-最大归一化' },
    section: '标准化与归一化',
    formulas: [{ latex: "x'=\\frac{x-x_{min}}{x_{max}-x_{min}}", docLine: 744, origin: 'inline' }],
    explanation: {
      en: 'Shift and rescale so the smallest value becomes 0 and the largest 1. It guarantees a fixed range, which suits pixel intensities (ToTensor divides by 255), but one extreme value squeezes all the others into a narrow band.',
      'zh-cn': '平移并缩放，使最小值变为 0、最大值变为 1。它保证结果落在固定区间内，适合像素亮度（ToTensor 就是除以 255）；但只要有一个极端值，其余数据就会被挤进很窄的范围。',
    },
    symbols: [
      { symbol: 'x_{min}, x_{max}', meaning: { en: 'smallest and largest value of the feature', 'zh-cn': '该特征的最小值与最大值' } },
    ],
    code: { pytorch: ['transforms.ToTensor'], tfjs: [] },
    related: ['standardization'],
  },
  {
    id: 'pca',
    title: { en: 'Principal component analysis (PCA)', 'zh-cn': '主成分分析（PCA）' },
    section: '降维',
    formulas: [
      {
        latex: '\\sum=\\frac{1}{n}X^TX',
        corrected: '\\Sigma=\\frac{1}{n}\\tilde{X}^T\\tilde{X},\\quad \\tilde{X}=X-\\bar{X}',
        erratum: {
          en: 'The covariance matrix is written with the summation sign ∑ instead of the letter Σ, and the formula is only the covariance once every column of X has had its mean subtracted (X̃ = X − X̄).',
          'zh-cn': '协方差矩阵误用了求和号 ∑（应为字母 Σ）；而且只有先把 X 的每一列减去其均值（X̃ = X − X̄），这个式子才是协方差矩阵。',
        },
        docLine: 762,
        origin: 'inline',
        label: { en: 'covariance matrix', 'zh-cn': '协方差矩阵' },
      },
      { latex: 'Y=XW', docLine: 765, origin: 'inline', label: { en: 'projection onto the top-k components', 'zh-cn': '投影到前 k 个主成分' } },
    ],
    explanation: {
      en: 'Finds the directions along which centred data varies most: the eigenvectors of its covariance matrix, ranked by eigenvalue. Keeping the top k of them as the columns of W and projecting gives the k-dimensional view that loses the least variance.',
      'zh-cn': '寻找中心化数据变化最大的方向，也就是协方差矩阵的特征向量，按特征值从大到小排列。取前 k 个作为 W 的列并做投影，就得到损失方差最少的 k 维表示。',
    },
    symbols: [
      { symbol: 'X', meaning: { en: 'data matrix, one row per sample', 'zh-cn': '数据矩阵，每行一个样本' } },
      { symbol: 'W', meaning: { en: 'top-k eigenvectors as columns', 'zh-cn': '以前 k 个特征向量为列的矩阵' } },
    ],
    code: { pytorch: ['torch.pca_lowrank', 'torch.linalg.svd', 'torch.linalg.eigh'], tfjs: [] },
    related: ['covariance'],
  },
];

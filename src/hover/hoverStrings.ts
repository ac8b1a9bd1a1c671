// UI strings of what a hover says, in both languages: shared by the VS Code hover, the inlay
// hints and `model-lens explain` (no VS Code API).
import type { Lang } from '../knowledge/types';

const STRINGS = {
  params: { en: 'params', 'zh-cn': '参数' },
  output: { en: 'Output', 'zh-cn': '输出' },
  input: { en: 'Input', 'zh-cn': '输入' },
  parameters: { en: 'Parameters', 'zh-cn': '参数量' },
  unknown: { en: 'unknown', 'zh-cn': '未知' },
  withYourNumbers: { en: 'With your numbers', 'zh-cn': '代入你的数值' },
  openInPanel: { en: 'Open in the Model Lens side panel', 'zh-cn': '在 Model Lens 侧边栏中打开' },
  model: { en: 'Model', 'zh-cn': '模型' },
  inputFrom: { en: 'input from', 'zh-cn': '输入来自' },
  erratum: { en: 'Erratum', 'zh-cn': '勘误' },
  formula: { en: 'Formula', 'zh-cn': '公式' },
  documentWrites: { en: 'the document writes', 'zh-cn': '文中写作' },
  documentLine: { en: 'document line', 'zh-cn': '文档行' },
  inSymbols: { en: 'in symbols', 'zh-cn': '符号形式' },
  explanation: { en: 'Explanation', 'zh-cn': '解释' },
  fromPytorch: { en: 'from PyTorch', 'zh-cn': '来自 PyTorch' },
  inferred: { en: 'inferred', 'zh-cn': '推断' },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, lang: Lang): string {
  return STRINGS[key][lang];
}

/** "from PyTorch; inferred [64, 100]" / "推断": where a number came from, the overruled value beside it. */
export function sourceNote(source: 'pytorch' | 'inferred', inferred: string | undefined, lang: Lang): string {
  if (source === 'inferred') return t('inferred', lang);
  return inferred !== undefined ? `${t('fromPytorch', lang)}; ${t('inferred', lang)} ${inferred}` : t('fromPytorch', lang);
}

export const INPUT_SOURCE: Record<string, Record<Lang, string>> = {
  annotation: { en: '# input: comment', 'zh-cn': '# input: 注释' },
  setting: { en: 'modelLens.defaultInputShape', 'zh-cn': 'modelLens.defaultInputShape 设置' },
  inputShape: { en: 'inputShape', 'zh-cn': 'inputShape' },
  caller: { en: 'the model that uses it', 'zh-cn': '使用它的模型' },
  cli: { en: '--input', 'zh-cn': '--input' },
  call: { en: 'a call in the code', 'zh-cn': '代码中的调用' },
  dataset: { en: 'the data the script loads', 'zh-cn': '脚本加载的数据' },
  example: { en: 'example_input_array (Lightning)', 'zh-cn': 'example_input_array（Lightning）' },
  none: { en: 'nowhere (Set input shape… above the model)', 'zh-cn': '无（点击模型上方的“设置输入形状…”）' },
};

// What an incomplete analysis says to the person reading it, in both languages: one sentence per
// reason, shared by the hover, the side panel, the Problems view and the CLI.
import type { Incomplete, Msg, SourceLanguage } from './types';

const n = (x: number): string => x.toLocaleString('en-US');

/** The reason given to shapes and totals that the stop left unknown. */
export function stoppedReason(): Msg {
  return { en: 'analysis stopped: file too complex', 'zh-cn': '分析已停止：文件过于复杂' };
}

export function describeIncomplete(i: Incomplete): Msg {
  switch (i.kind) {
    case 'timeBudget': {
      const s = i.budgetMs < 1000 ? `${i.budgetMs} ms` : `${(i.budgetMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
      return {
        en: `Analysis stopped: file too complex (over its ${s} budget). This is a partial result: models the analysis did not reach are not shown, and totals it could not finish are unknown.`,
        'zh-cn': `分析已停止：文件过于复杂（超过 ${s} 的时间预算）。这是部分结果：未分析到的模型不显示，未能完成的总数为未知。`,
      };
    }
    case 'modelCap':
      return {
        en: `Only the first ${n(i.analysed)} of the ${n(i.found)} models in this file were analysed (at most ${n(i.analysed)} a file); models after line ${n(i.lastLine + 1)} are not shown.`,
        'zh-cn': `此文件共有 ${n(i.found)} 个模型，只分析了前 ${n(i.analysed)} 个（每个文件最多 ${n(i.analysed)} 个）；第 ${n(i.lastLine + 1)} 行之后的模型不显示。`,
      };
    case 'tooLarge': {
      const m = (i.limitChars / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 });
      return {
        en: `Not analysed: the file has more than ${m} million characters, more than is analysed while editing. The command line can: model-lens shapes FILE.`,
        'zh-cn': `未分析：文件超过 ${m} 百万字符，超出编辑时分析的上限。可以用命令行分析：model-lens shapes FILE。`,
      };
    }
    case 'nulBytes':
      return {
        en: `Not analysed: line ${n(i.line + 1)} holds a NUL byte, and Python refuses to run such a file (SyntaxError: source code cannot contain null bytes).`,
        'zh-cn': `未分析：第 ${n(i.line + 1)} 行含有 NUL 字节，Python 拒绝运行这样的文件（SyntaxError: source code cannot contain null bytes）。`,
      };
    case 'cancelled':
      return { en: 'Analysis cancelled before it finished.', 'zh-cn': '分析在完成前被取消。' };
  }
}

/** The notices worth showing with a result (a cancelled result is never shown). */
export function incompleteNotices(incomplete: readonly Incomplete[]): Msg[] {
  return incomplete.filter((i) => i.kind !== 'cancelled').map(describeIncomplete);
}

/** A file the parser had to repair: the numbers are for the code as repaired, which its interpreter would refuse to run as it is. */
export function syntaxErrorNotice(count: number, language: SourceLanguage): Msg {
  const runner = language === 'python' ? 'Python' : 'JavaScript';
  return {
    en: `The file has ${n(count)} syntax error${count === 1 ? '' : 's'}: the results are for the code as the analysis repaired it; ${runner} would refuse to run the file as it is.`,
    'zh-cn': `文件有 ${n(count)} 处语法错误：结果针对分析修复后的代码；${runner} 不会按原样运行此文件。`,
  };
}

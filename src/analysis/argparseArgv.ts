// A script's command-line arguments read the way Python's argparse reads them, for the common
// forms: `--name value`, `--name=value`, a unique abbreviation `--lr`, short options `-b 64` and
// `-b64`, store_true/store_false/store_const/count/append, `type=int/float/str/bool`, `choices`,
// `nargs` (`?`, `*`, `+`, N) and positional arguments. What it cannot read faithfully is unknown
// with the reason: one attribute when only its value is in doubt (`type=str2bool`), the whole
// namespace when the pairing of words and options is (an unrecognised flag, combined short flags)
// or when argparse itself would stop the script (a missing required argument, a bad choice).
import type { Msg } from './types';
import { num, unknown, type Value } from './values';

/** How an option's words become its value; `unknown`: an action the analysis does not follow. */
export type ArgAction = 'store' | 'store_true' | 'store_false' | 'store_const' | 'count' | 'append' | { unknown: string };
export type ArgNargs = undefined | '?' | '*' | '+' | number | { unknown: string };
/** The conversion of each word; `unknown`: a function the analysis cannot run (`type=str2bool`). */
export type ArgType = 'str' | 'int' | 'float' | 'bool' | { unknown: string };

export interface ArgSpec {
  dest: string;
  /** Option strings (`--batch-size`, `-b`); empty for a positional argument. */
  flags: string[];
  action: ArgAction;
  nargs: ArgNargs;
  type: ArgType;
  /** Allowed values when the code lists them; `unknown` when it lists them in a way the analysis cannot read. */
  choices?: Value[] | 'unknown';
  const: Value;
  required: boolean;
}

export interface ArgParserInfo {
  specs: ArgSpec[];
  /** `allow_abbrev` as the code set it (true by default); undefined when it is not known. */
  allowAbbrev: boolean | undefined;
  /** Something about the parser the analysis does not follow (parents, subcommands, options it could not read). */
  unfollowed?: Msg;
  /** `add_help=False` given: the parser has no -h of its own (so it may be another's parent). */
  noHelp?: true;
}

/** The command line `parse_args()` reads: its words, or why they are not known. */
export type ScriptArgs = readonly string[] | { unreadable: Msg };

export type ArgvResult = { ok: true; values: Map<string, Value> } | { ok: false; reason: Msg };

const msg = (en: string, zh: string): Msg => ({ en, 'zh-cn': zh });
const fail = (en: string, zh: string): ArgvResult => ({ ok: false, reason: msg(en, zh) });
const stops = (what: string, zh: string): ArgvResult => fail(`argparse would stop the script: ${what}`, `argparse 会终止脚本：${zh}`);

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

/** How many words an option or positional takes: [min, max]; undefined when not known. */
function arity(s: ArgSpec): [number, number] | undefined {
  const a = s.action;
  if (typeof a === 'object') return undefined;
  if (a === 'store_true' || a === 'store_false' || a === 'store_const' || a === 'count') return [0, 0];
  const n = s.nargs;
  if (n === undefined) return [1, 1];
  if (typeof n === 'number') return [n, n];
  if (n === '?') return [0, 1];
  if (n === '*') return [0, Infinity];
  if (n === '+') return [1, Infinity];
  return undefined;
}

/** One word converted by `type`, as Python would; unknown when the analysis cannot tell. */
function convert(s: ArgSpec, word: string): Value {
  const t = s.type;
  if (typeof t === 'object') return unknown(`'${s.dest}' is converted by ${t.unknown}, which the analysis does not run`, `'${s.dest}' 由 ${t.unknown} 转换，分析不运行它`, false);
  if (t === 'str') return { t: 'str', v: word };
  if (t === 'bool') return { t: 'bool', v: word !== '' };
  if (t === 'int') {
    // int() also takes `1_000` and other spellings; only the plain one is read here.
    if (/^\s*[+-]?\d+\s*$/.test(word)) return num(parseInt(word, 10), true);
    return unknown(`'${s.dest}' gets '${word}', which the analysis does not convert with int()`, `'${s.dest}' 得到 '${word}'，分析不对其做 int() 转换`, false);
  }
  if (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(word)) return num(Number(word), false);
  return unknown(`'${s.dest}' gets '${word}', which the analysis does not convert with float()`, `'${s.dest}' 得到 '${word}'，分析不对其做 float() 转换`, false);
}

function inChoices(s: ArgSpec, v: Value): boolean | undefined {
  if (s.choices === undefined) return true;
  if (s.choices === 'unknown' || v.t === 'unknown') return undefined;
  return s.choices.some((c) => (c.t === 'str' && v.t === 'str' && c.v === v.v) || (c.t === 'num' && v.t === 'num' && c.v === v.v) || (c.t === 'bool' && v.t === 'bool' && c.v === v.v));
}

/** The value of a positional or option from its words, or why argparse would stop. */
function valueOf(s: ArgSpec, words: string[]): Value | { error: Msg } {
  const conv: Value[] = [];
  for (const w of words) {
    const v = convert(s, w);
    const ok = inChoices(s, v);
    if (ok === false) return { error: msg(`'${w}' is not one of the choices of '${s.dest}'`, `'${w}' 不是 '${s.dest}' 的可选值`) };
    if (ok === undefined && v.t !== 'unknown') return unknown(`the choices of '${s.dest}' are not known`, `'${s.dest}' 的可选值未知`, false);
    conv.push(v);
  }
  // A single value for nargs None and '?' (an option's '?' with no word: its const); a list otherwise.
  if (s.nargs === undefined || s.nargs === '?') return conv[0] ?? s.const;
  return { t: 'seq', items: conv, tuple: false };
}

interface Word {
  text: string;
  /** An option (`O` in argparse's pattern) or an argument (`A`). */
  option?: { spec: ArgSpec; explicit?: string };
}

/**
 * Reads `argv` against the parser's arguments: each argument's value (given, or its default from
 * `defaults`), or why the analysis cannot read them.
 */
export function parseArgv(info: ArgParserInfo, defaults: ReadonlyMap<string, Value>, argv: readonly string[]): ArgvResult {
  if (argv.length === 0) return { ok: true, values: new Map(defaults) };
  if (info.unfollowed) return { ok: false, reason: info.unfollowed };
  const byFlag = new Map<string, ArgSpec>();
  for (const s of info.specs) for (const f of s.flags) byFlag.set(f, s);
  const negativeLikeOptions = [...byFlag.keys()].some((f) => NEGATIVE_NUMBER.test(f));
  // Classify every word first, as argparse does.
  const words: Word[] = [];
  for (const text of argv) {
    if (text === '--') return fail("'--' in the arguments is not followed", '不分析参数中的 --');
    if (text === '-h' || text === '--help') return stops('it prints the help and exits', '打印帮助后退出');
    if (!text.startsWith('-') || text === '-') {
      words.push({ text });
      continue;
    }
    const exact = byFlag.get(text);
    if (exact) {
      words.push({ text, option: { spec: exact } });
      continue;
    }
    const eq = text.indexOf('=');
    if (eq > 0 && byFlag.has(text.slice(0, eq))) {
      words.push({ text, option: { spec: byFlag.get(text.slice(0, eq))!, explicit: text.slice(eq + 1) } });
      continue;
    }
    if (NEGATIVE_NUMBER.test(text) && !negativeLikeOptions) {
      words.push({ text });
      continue;
    }
    if (text.includes(' ')) {
      words.push({ text });
      continue;
    }
    if (text.startsWith('--')) {
      // A unique prefix of a long option (`--lr` for `--lr-decay`), unless allow_abbrev=False.
      const name = eq > 0 ? text.slice(0, eq) : text;
      const matches = [...byFlag.keys()].filter((f) => f.startsWith(name));
      if (matches.length === 0) return stops(`unrecognized argument ${name}`, `无法识别的参数 ${name}`);
      if (info.allowAbbrev === undefined) return fail(`whether the parser takes the abbreviation ${name} is not known`, `不知道解析器是否接受缩写 ${name}`);
      if (!info.allowAbbrev) return stops(`unrecognized argument ${name}`, `无法识别的参数 ${name}`);
      if (matches.length > 1) return stops(`ambiguous option ${name} (${matches.join(', ')})`, `有歧义的选项 ${name}（${matches.join('、')}）`);
      words.push({ text, option: { spec: byFlag.get(matches[0]!)!, ...(eq > 0 ? { explicit: text.slice(eq + 1) } : {}) } });
      continue;
    }
    // `-b64`: the short option `-b` with its value joined.
    const short = byFlag.get(text.slice(0, 2));
    const longer = [...byFlag.keys()].filter((f) => f.startsWith(text));
    if (short && longer.length === 0) {
      const a = arity(short);
      if (!a || a[1] === 0) return fail(`combined short options ${text} are not followed`, `不分析合并的短选项 ${text}`);
      words.push({ text, option: { spec: short, explicit: text.slice(2) } });
      continue;
    }
    // `-lr` for a single-dash `-lrate`: an abbreviation too; with `-l` also there, argparse finds it ambiguous.
    if (!short && longer.length === 1 && info.allowAbbrev === true) {
      words.push({ text, option: { spec: byFlag.get(longer[0]!)! } });
      continue;
    }
    if (longer.length > 0 && info.allowAbbrev !== false) return fail(`the option ${text} may abbreviate ${[short ? text.slice(0, 2) : '', ...longer].filter((f) => f !== '').join(', ')}: not followed`, `选项 ${text} 可能是缩写：不分析`);
    return stops(`unrecognized argument ${text}`, `无法识别的参数 ${text}`);
  }

  const values = new Map<string, Value>(defaults);
  const seen = new Set<ArgSpec>();
  const runs: string[][] = [];
  let run: string[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.option) {
      if (!run) runs.push((run = []));
      run.push(w.text);
      continue;
    }
    run = undefined;
    const s = w.option.spec;
    const a = arity(s);
    if (!a) return fail(`the option ${w.text} (${typeof s.action === 'object' ? s.action.unknown : `nargs ${JSON.stringify(s.nargs)}`}) is not followed`, `不分析选项 ${w.text}`);
    let taken: string[];
    if (w.option.explicit !== undefined) {
      if (a[1] === 0) return stops(`${w.text}: ignored explicit argument`, `${w.text}：忽略显式参数`);
      if (a[0] > 1) return stops(`${w.text}: expected ${a[0]} arguments`, `${w.text}：需要 ${a[0]} 个参数`);
      taken = [w.option.explicit];
    } else {
      let n = 0;
      while (n < a[1] && i + 1 + n < words.length && !words[i + 1 + n]!.option) n++;
      if (n < a[0]) return stops(`${w.text} expects ${a[0] === 1 ? 'an argument' : `${a[0]} arguments`}`, `${w.text} 需要参数`);
      taken = words.slice(i + 1, i + 1 + n).map((x) => x.text);
      i += n;
    }
    seen.add(s);
    const act = s.action;
    if (act === 'store_true') values.set(s.dest, { t: 'bool', v: true });
    else if (act === 'store_false') values.set(s.dest, { t: 'bool', v: false });
    else if (act === 'store_const') values.set(s.dest, s.const);
    else if (act === 'count') {
      const before = values.get(s.dest);
      values.set(s.dest, before?.t === 'num' ? num(before.v + 1, true) : before?.t === 'none' ? num(1, true) : unknown(`'${s.dest}' counts from a default the analysis does not know`, `'${s.dest}' 的计数起点未知`, false));
    } else {
      const v = valueOf(s, taken);
      if ('error' in v) return stops(v.error.en, v.error['zh-cn']);
      if (act === 'append') {
        const before = values.get(s.dest);
        const list = before?.t === 'seq' ? before.items : before?.t === 'none' ? [] : undefined;
        values.set(s.dest, list ? { t: 'seq', items: [...list, v], tuple: false } : unknown(`'${s.dest}' appends to a default the analysis does not know`, `'${s.dest}' 追加到未知的默认值`, false));
      } else values.set(s.dest, v);
    }
  }

  const positionals = info.specs.filter((s) => s.flags.length === 0);
  if (runs.length > 1 && !positionals.every((s) => s.nargs === undefined && typeof s.action !== 'object')) {
    return fail('positional arguments split by options, with nargs, are not followed', '不分析被选项分隔且带 nargs 的位置参数');
  }
  const tokens = runs.flat();
  const counts = assignPositionals(positionals, tokens.length);
  if (counts === 'unknown') return fail('a positional argument the analysis does not follow', '分析不支持的位置参数');
  if (!Array.isArray(counts)) return stops(counts.en, counts['zh-cn']);
  let at = 0;
  for (let k = 0; k < positionals.length; k++) {
    const s = positionals[k]!;
    const n = counts[k]!;
    const taken = tokens.slice(at, at + n);
    at += n;
    seen.add(s);
    if (n === 0 && s.nargs === '?') continue; // its default
    if (n === 0 && s.nargs === '*') {
      const d = defaults.get(s.dest);
      values.set(s.dest, d === undefined || d.t === 'none' ? { t: 'seq', items: [], tuple: false } : d);
      continue;
    }
    const v = valueOf(s, taken);
    if ('error' in v) return stops(v.error.en, v.error['zh-cn']);
    values.set(s.dest, v);
  }
  const missing = info.specs.filter((s) => s.required && s.flags.length > 0 && !seen.has(s));
  if (missing.length > 0) return stops(`the required argument ${missing[0]!.flags.join('/')} is not given`, `未给出必需参数 ${missing[0]!.flags.join('/')}`);
  return { ok: true, values };
}

/** How many words each positional takes (argparse's greedy pattern match), or why not. */
function assignPositionals(specs: ArgSpec[], words: number): number[] | Msg | 'unknown' {
  const ranges = specs.map(arity);
  if (ranges.some((r) => r === undefined)) return 'unknown';
  const rs = ranges as [number, number][];
  const out: number[] = [];
  let left = words;
  for (let k = 0; k < rs.length; k++) {
    const minRest = rs.slice(k + 1).reduce((t, r) => t + r[0], 0);
    const n = Math.min(rs[k]![1], left - minRest);
    if (n < rs[k]![0]) return msg(`the positional argument '${specs[k]!.dest}' is not given`, `未给出位置参数 '${specs[k]!.dest}'`);
    out.push(n);
    left -= n;
  }
  if (left > 0) return msg(`unrecognized arguments (${left} more words than the positional arguments take)`, `无法识别的参数（比位置参数多 ${left} 个）`);
  return out;
}

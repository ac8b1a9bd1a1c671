// Python's string formatting of known values — `str(x)`, `format(x, spec)`, `'{}_{}'.format(…)`,
// f-strings with a format spec — for the names code gives modules (`'denselayer{}'.format(i + 1)`,
// `f'block{i:02d}'`). Anything whose text this does not reproduce exactly (exponent floats, `g`
// formats, a tie in rounding, `#` forms) is undefined: the caller makes it unknown.
import { pathText } from './pyPath';
import type { Value } from './values';

/** `str(v)` of a number, string or bool, or undefined when the text is not certain. */
export function pyStr(v: Value): string | undefined {
  switch (v.t) {
    case 'str': return v.v;
    case 'bool': return v.v ? 'True' : 'False';
    case 'none': return 'None';
    case 'num': return v.int ? intText(v.v) : floatText(v.v);
    case 'obj': return pathText(v);
    default: return undefined;
  }
}

/** `repr(v)`: a string quoted as Python does for printable ASCII; numbers as str(). */
export function pyRepr(v: Value): string | undefined {
  if (v.t !== 'str') return pyStr(v);
  if (!/^[\x20-\x7e]*$/.test(v.v) || v.v.includes('\\')) return undefined;
  if (!v.v.includes("'")) return `'${v.v}'`;
  return v.v.includes('"') ? undefined : `"${v.v}"`;
}

function intText(n: number): string | undefined {
  return Number.isSafeInteger(n) ? String(n) : undefined;
}

/** Python's float repr: shortest round-trip digits, like JS, where both use positional notation. */
function floatText(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) return undefined;
  if (Number.isInteger(x)) return Object.is(x, -0) ? '-0.0' : `${x}.0`;
  return String(x);
}

const SPEC = /^(?:([\s\S])?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** `format(v, spec)`, or undefined when the text is not certain. */
export function formatValue(v: Value, spec: string): string | undefined {
  if (spec === '') return pyStr(v);
  const m = SPEC.exec(spec);
  if (!m) return undefined;
  const [, fillIn, alignIn, sign, alt, zero, widthText, group, precText, type] = m;
  if (alt) return undefined;
  const width = widthText ? Number(widthText) : 0;
  const prec = precText === undefined ? undefined : Number(precText);
  let body: string | undefined;
  let negative = false;
  let numeric = true;
  if (v.t === 'str') {
    if ((type && type !== 's') || sign || group || zero) return undefined;
    body = prec === undefined ? v.v : [...v.v].slice(0, prec).join('');
    numeric = false;
  } else if (v.t === 'num') {
    const x = v.v;
    negative = x < 0 || Object.is(x, -0);
    const a = Math.abs(x);
    if (v.int && (!type || type === 'd' || type === 'n')) {
      if (prec !== undefined || type === 'n') return undefined;
      body = intText(a);
      if (body && group) body = grouped(body, group);
    } else if (v.int && (type === 'x' || type === 'X' || type === 'o' || type === 'b')) {
      if (prec !== undefined || group || !Number.isSafeInteger(a)) return undefined;
      body = a.toString(type === 'o' ? 8 : type === 'b' ? 2 : 16);
      if (type === 'X') body = body.toUpperCase();
    } else if (type === 'f' || type === 'F') {
      body = fixed(a, prec ?? 6);
      if (body && group) {
        const [i, f] = body.split('.');
        body = grouped(i!, group) + (f === undefined ? '' : `.${f}`);
      }
    } else if (!type && !v.int && prec === undefined && !group) {
      const t = floatText(a);
      body = t;
    } else return undefined;
  } else return undefined;
  if (body === undefined) return undefined;
  const signText = numeric ? (negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '') : '';
  // A `0` before the width pads with zeros after the sign, unless an alignment says otherwise.
  const fill = fillIn ?? (zero ? '0' : ' ');
  const align = alignIn ?? (zero ? '=' : numeric ? '>' : '<');
  if (align === '=' && !numeric) return undefined;
  const len = [...signText].length + [...body].length;
  const pad = Math.max(0, width - len);
  if (align === '=') return signText + fill.repeat(pad) + body;
  const text = signText + body;
  if (align === '<') return text + fill.repeat(pad);
  if (align === '>') return fill.repeat(pad) + text;
  const left = Math.floor(pad / 2);
  return fill.repeat(left) + text + fill.repeat(pad - left);
}

function grouped(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** `x.toFixed(p)` — JS rounds an exact tie up, Python to even: a tie is not certain. */
function fixed(a: number, p: number): string | undefined {
  if (!Number.isFinite(a) || p > 50 || a >= 1e21) return undefined;
  const exact = a.toFixed(Math.min(100, p + 60));
  const digits = exact.slice(exact.indexOf('.') + 1);
  if (digits[p] === '5' && /^0*$/.test(digits.slice(p + 1))) return undefined;
  return a.toFixed(p);
}

export type FormatArgs = { positional: Value[]; keyword: Map<string, Value>; unknownRest: boolean };

/** `fmt.format(*positional, **keyword)`, or undefined when any field's text is not certain. */
export function strFormat(fmt: string, args: FormatArgs): string | undefined {
  const state = { auto: 0, manual: false, automatic: false };
  return formatFields(fmt, args, state, 0);
}

function formatFields(fmt: string, args: FormatArgs, state: { auto: number; manual: boolean; automatic: boolean }, depth: number): string | undefined {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '}') {
      if (fmt[i + 1] !== '}') return undefined;
      out += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    // The field runs to its matching brace (a spec may hold one level of nested fields).
    let level = 1;
    let j = i + 1;
    while (j < fmt.length && level > 0) {
      if (fmt[j] === '{') level++;
      else if (fmt[j] === '}') level--;
      if (level > 0) j++;
    }
    if (level !== 0) return undefined;
    const field = fmt.slice(i + 1, j);
    i = j + 1;
    const fm = /^([^!:]*)(?:!([rsa]))?(?::([\s\S]*))?$/.exec(field);
    if (!fm) return undefined;
    const [, name, conv, specIn] = fm;
    // Python numbers the field before the fields nested in its spec.
    const v = fieldValue(name!, args, state);
    if (!v) return undefined;
    let spec = specIn ?? '';
    if (spec.includes('{')) {
      if (depth > 0) return undefined;
      const s = formatFields(spec, args, state, depth + 1);
      if (s === undefined) return undefined;
      spec = s;
    }
    let text: string | undefined;
    if (conv === 'r' || conv === 'a') {
      const r = pyRepr(v);
      text = r === undefined ? undefined : formatValue({ t: 'str', v: r }, spec);
    } else if (conv === 's') {
      const s = pyStr(v);
      text = s === undefined ? undefined : formatValue({ t: 'str', v: s }, spec);
    } else text = formatValue(v, spec);
    if (text === undefined) return undefined;
    out += text;
  }
  return out;
}

/** The value a field names: `{}`, `{0}`, `{name}`, then `[index]` / `[key]` parts. */
function fieldValue(name: string, args: FormatArgs, state: { auto: number; manual: boolean; automatic: boolean }): Value | undefined {
  const m = /^([^.[]*)((?:\[[^\]]*\])*)$/.exec(name);
  if (!m) return undefined;
  const [, head, rest] = m;
  let v: Value | undefined;
  if (head === '') {
    if (state.manual) return undefined;
    state.automatic = true;
    v = args.positional[state.auto++];
    if (!v && args.unknownRest) return undefined;
  } else if (/^\d+$/.test(head!)) {
    if (state.automatic) return undefined;
    state.manual = true;
    v = args.positional[Number(head)];
  } else if (/^[A-Za-z_]\w*$/.test(head!)) v = args.keyword.get(head!);
  else return undefined;
  if (!v) return undefined;
  for (const part of rest!.matchAll(/\[([^\]]*)\]/g)) {
    const key = part[1]!;
    // The analysis keeps dict keys as text (1 and '1' alike): only word keys are certain.
    if (/^\d+$/.test(key) && v.t === 'seq') v = v.items[Number(key)];
    else if (/^[A-Za-z_]\w*$/.test(key) && v.t === 'dict') v = v.entries.find(([k]) => k === key)?.[1];
    else return undefined;
    if (!v) return undefined;
  }
  return v;
}

/**
 * Python 3.10+'s "Did you mean" for a missing attribute: the nearest of the names at edit distance
 * at most 2 (a typo like `covn1` for `conv1`), or undefined when none is that near or two tie.
 */
export function nearestName(name: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  let tie = false;
  for (const n of names) {
    if (n === name) continue;
    const d = editDistance(name, n);
    if (d < bestD) [best, bestD, tie] = [n, d, false];
    else if (d === bestD && n !== best) tie = true;
  }
  return tie ? undefined : best;
}

/** Damerau–Levenshtein distance (a swap of two neighbours counts 1). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

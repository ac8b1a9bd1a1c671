// `re.split(pattern, string)` for the patterns whose meaning is the same in Python and JavaScript:
// character classes, groups, quantifiers and the escapes \d \w \s (on ASCII text, where Python's
// Unicode classes and JavaScript's agree). Anything else — lookarounds, named groups, inline flags,
// a pattern that matches the empty string, maxsplit or flags — is not read (undefined).
import type { ArgList } from './torchLayers';
import type { Value } from './values';

const SAFE_ESCAPE = /^\\[dwsDWS.\\\-_*+?()[\]{}|^$/]/;

function jsPattern(p: string): RegExp | undefined {
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '\\') {
      if (!SAFE_ESCAPE.test(p.slice(i, i + 2))) return undefined;
      i++;
    } else if (ch === '(' && p[i + 1] === '?') return undefined;
    else if (ch.charCodeAt(0) > 127) return undefined;
  }
  try {
    const re = new RegExp(p);
    return re.test('') ? undefined : re;
  } catch {
    return undefined;
  }
}

export function reSplit(args: ArgList): Value | undefined {
  const pattern = args.positional[0]?.value ?? args.keyword.get('pattern')?.value;
  const text = args.positional[1]?.value ?? args.keyword.get('string')?.value;
  if (args.unknownRest || args.positional.length > 2 || [...args.keyword.keys()].some((k) => k !== 'pattern' && k !== 'string')) return undefined;
  if (pattern?.t !== 'str' || text?.t !== 'str' || /[^\p{ASCII}]/u.test(text.v)) return undefined;
  const re = jsPattern(pattern.v);
  if (!re) return undefined;
  const parts = text.v.split(re);
  return { t: 'seq', items: parts.map((s): Value => (s === undefined ? { t: 'none' } : { t: 'str', v: s })), tuple: false };
}

/** The class name of the match objects `re.search` / `re.match` / `re.fullmatch` give. */
export const RE_MATCH = 're.Match';
/** Where a match object keeps its groups (0: the whole match), as strings or None. */
const GROUPS = '<groups>';

/**
 * `re.search` / `re.match` / `re.fullmatch(pattern, string)`: None without a match, else a match
 * object whose groups `.group(…)` / `.groups()` read. Undefined where the pattern or arguments are
 * not read (see jsPattern).
 */
export function reMatch(kind: 'search' | 'match' | 'fullmatch', args: ArgList): Value | undefined {
  const pattern = args.positional[0]?.value ?? args.keyword.get('pattern')?.value;
  const text = args.positional[1]?.value ?? args.keyword.get('string')?.value;
  if (args.unknownRest || args.positional.length > 2 || [...args.keyword.keys()].some((k) => k !== 'pattern' && k !== 'string')) return undefined;
  if (pattern?.t !== 'str' || text?.t !== 'str' || /[^\p{ASCII}]/u.test(text.v)) return undefined;
  const checked = jsPattern(pattern.v);
  // Python's `$` also matches before a last newline and its `.` matches '\r'; `{,n}` is a quantifier to it only.
  if (!checked || /[\r\n]/.test(text.v) || pattern.v.includes('{,')) return undefined;
  const source = kind === 'fullmatch' ? `^(?:${checked.source})$` : kind === 'match' ? `^(?:${checked.source})` : checked.source;
  const m = new RegExp(source).exec(text.v);
  if (!m) return { t: 'none' };
  const groups: Value = { t: 'seq', tuple: true, items: [...m].map((s): Value => (s === undefined ? { t: 'none' } : { t: 'str', v: s })) };
  return { t: 'obj', cls: RE_MATCH, attrs: new Map([[GROUPS, groups]]) };
}

/** `m.group()`, `m.group(1)`, `m.group(1, 2)`, `m.groups()` on a match object; undefined otherwise. */
export function matchMethod(m: Value & { t: 'obj' }, name: string, args: ArgList): Value | undefined {
  const groups = m.attrs.get(GROUPS);
  if (groups?.t !== 'seq' || args.unknownRest || args.keyword.size > 0) return undefined;
  if (name === 'groups') {
    const dflt = args.positional[0]?.value ?? { t: 'none' };
    if (args.positional.length > 1) return undefined;
    return { t: 'seq', tuple: true, items: groups.items.slice(1).map((g) => (g.t === 'none' ? dflt : g)) };
  }
  if (name !== 'group') return undefined;
  const pick = (v: Value): Value | undefined => (v.t === 'num' && v.int && v.v >= 0 && v.v < groups.items.length ? groups.items[v.v] : undefined);
  if (args.positional.length === 0) return groups.items[0];
  const picked = args.positional.map((a) => pick(a.value));
  if (picked.some((p) => p === undefined)) return undefined;
  return picked.length === 1 ? picked[0] : { t: 'seq', tuple: true, items: picked as Value[] };
}

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

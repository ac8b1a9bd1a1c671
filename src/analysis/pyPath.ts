// pathlib.Path over known strings, by PurePosixPath's rules (the analysis follows a POSIX run):
// what model code reads from a path it was given — `Path(cfg).name`, `.stem`, `.suffix`,
// `.parent`, `p / 'x'`, `str(p)`, `open(p)`. A path is an `obj` value whose attributes are those
// parts; its text is kept beside it, keyed by that attribute map (copies of the value share it).
import type { ArgList } from './torchLayers';
import type { Value } from './values';

const texts = new WeakMap<Map<string, Value>, string>();

/** The text of a path value (`str(p)`), or undefined when v is not one. */
export function pathText(v: Value): string | undefined {
  return v.t === 'obj' ? texts.get(v.attrs) : undefined;
}

/** `Path(*parts)` of strings and paths: joined, a later absolute part starting over; undefined when a part is not known. */
export function pathCall(parts: Value[]): Value | undefined {
  let joined = '';
  for (const p of parts) {
    const s = p.t === 'str' ? p.v : pathText(p);
    if (s === undefined) return undefined;
    joined = s.startsWith('/') || joined === '' ? s : s === '' ? joined : `${joined}/${s}`;
  }
  return pathValue(joined);
}

/** `a / b` where either side is a path (and the other a string or path). */
export function pathJoin(a: Value, b: Value): Value | undefined {
  if (pathText(a) === undefined && pathText(b) === undefined) return undefined;
  return pathCall([a, b]);
}

function pathValue(text: string): Value {
  // splitroot: exactly two leading slashes are kept (POSIX leaves them to the implementation), more are one.
  const root = text.startsWith('//') && !text.startsWith('///') ? '//' : text.startsWith('/') ? '/' : '';
  const parts = text.split('/').filter((s) => s !== '' && s !== '.');
  return make(root, parts);
}

function make(root: string, parts: string[]): Value {
  const name = parts[parts.length - 1] ?? '';
  const dot = name.lastIndexOf('.');
  const hasSuffix = dot > 0 && dot < name.length - 1;
  const attrs = new Map<string, Value>([
    ['name', { t: 'str', v: name }],
    ['stem', { t: 'str', v: hasSuffix ? name.slice(0, dot) : name }],
    ['suffix', { t: 'str', v: hasSuffix ? name.slice(dot) : '' }],
  ]);
  // The parent of '.' or '/' is itself: left out rather than made a cycle (it reads as unknown).
  if (parts.length > 0) attrs.set('parent', make(root, parts.slice(0, -1)));
  texts.set(attrs, root + parts.join('/') || '.');
  return { t: 'obj', cls: 'PosixPath', attrs };
}

/** posixpath.normpath. */
function normpath(p: string): string {
  if (p === '') return '.';
  const initial = p.startsWith('/') ? (p.startsWith('//') && !p.startsWith('///') ? 2 : 1) : 0;
  const out: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c !== '..' || (initial === 0 && out.length === 0) || (out.length > 0 && out[out.length - 1] === '..')) out.push(c);
    else if (out.length > 0) out.pop();
  }
  const joined = '/'.repeat(initial) + out.join('/');
  return joined || '.';
}

/**
 * `os.path.join / dirname / basename / normpath / abspath / splitext` over known strings, by
 * posixpath's rules (the analysis follows a POSIX run); `abspath` of a relative path depends on
 * the directory the script runs in: unknown. Undefined for other functions or unknown arguments.
 */
export function osPathCall(fn: string, args: ArgList): Value | undefined {
  const strs = args.positional.map((a) => (a.value.t === 'str' ? a.value.v : pathText(a.value)));
  if (args.keyword.size > 0 || args.unknownRest || strs.some((s) => s === undefined) || strs.length === 0) return undefined;
  const s = strs as string[];
  const str = (v: string): Value => ({ t: 'str', v });
  switch (fn) {
    case 'join': {
      let path = s[0]!;
      for (const b of s.slice(1)) path = b.startsWith('/') ? b : path === '' || path.endsWith('/') ? path + b : `${path}/${b}`;
      return str(path);
    }
    case 'dirname': {
      if (s.length !== 1) return undefined;
      const p = s[0]!;
      let head = p.slice(0, p.lastIndexOf('/') + 1);
      if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
      return str(head);
    }
    case 'basename':
      return s.length === 1 ? str(s[0]!.slice(s[0]!.lastIndexOf('/') + 1)) : undefined;
    case 'normpath':
      return s.length === 1 ? str(normpath(s[0]!)) : undefined;
    case 'abspath': case 'realpath':
      return s.length === 1 && s[0]!.startsWith('/') ? str(normpath(s[0]!)) : undefined;
    case 'splitext': {
      // posixpath.splitext: the last dot after the last slash, unless the name is only dots before it.
      if (s.length !== 1) return undefined;
      const p = s[0]!;
      const sep = p.lastIndexOf('/');
      const dot = p.lastIndexOf('.');
      const named = dot > sep && [...p.slice(sep + 1, dot)].some((ch) => ch !== '.');
      return { t: 'seq', items: named ? [str(p.slice(0, dot)), str(p.slice(dot))] : [str(p), str('')], tuple: true };
    }
    default:
      return undefined;
  }
}

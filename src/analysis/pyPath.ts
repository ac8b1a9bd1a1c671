// pathlib.Path over known strings, by PurePosixPath's rules (the analysis follows a POSIX run):
// what model code reads from a path it was given — `Path(cfg).name`, `.stem`, `.suffix`,
// `.parent`, `p / 'x'`, `str(p)`, `open(p)`. A path is an `obj` value whose attributes are those
// parts; its text is kept beside it, keyed by that attribute map (copies of the value share it).
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

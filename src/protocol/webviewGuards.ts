// Small, dependency-free checks shared by the host↔webview protocol modules. Both sides run them
// on receipt: a webview's messages are untrusted input (a compromised page can post anything), and
// the webview drops anything the host did not mean to send rather than half-rendering it.

export type Guard<T> = (v: unknown) => v is T;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

export const isStr = (max: number) => (v: unknown): v is string => typeof v === 'string' && v.length <= max;

export const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const isInt = (min: number, max: number) => (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export const isNum = (min: number, max: number) => (v: unknown): v is number =>
  isFiniteNum(v) && v >= min && v <= max;

export const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

export const oneOf = <T extends string>(values: readonly T[]) => (v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

export const optional = <T>(g: Guard<T>) => (v: unknown): v is T | undefined => v === undefined || g(v);

export const nullable = <T>(g: Guard<T>) => (v: unknown): v is T | null => v === null || g(v);

export const arrayOf = <T>(g: Guard<T>, maxLen: number) => (v: unknown): v is T[] =>
  Array.isArray(v) && v.length <= maxLen && v.every((x) => g(x));

export const isFloat32 = (maxLen: number) => (v: unknown): v is Float32Array => v instanceof Float32Array && v.length <= maxLen;
export const isFloat64 = (maxLen: number) => (v: unknown): v is Float64Array => v instanceof Float64Array && v.length <= maxLen;

/**
 * An exact-keys object check: every listed key must pass its guard and no other key may be
 * present, so a forged message cannot smuggle extra fields to code that spreads it.
 */
export function shape<T>(fields: { [K in keyof T]-?: (v: unknown) => boolean }): Guard<T> {
  const keys = Object.keys(fields) as (keyof T & string)[];
  return (v: unknown): v is T => {
    if (!isObject(v)) return false;
    // hasOwnProperty, not `in`: '__proto__' or 'constructor' as an own key must not pass as known.
    for (const k of Object.keys(v)) if (!Object.prototype.hasOwnProperty.call(fields, k)) return false;
    for (const k of keys) if (!(fields[k] as (x: unknown) => boolean)(v[k])) return false;
    return true;
  };
}

/** Rough serialized size, bounded: stops counting once over `limit` so a huge payload costs little. */
export function approxSize(v: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [v];
  let visited = 0;
  while (stack.length > 0 && total <= limit) {
    const x = stack.pop();
    if (++visited > 200_000) return limit + 1;
    if (typeof x === 'string') total += x.length + 2;
    else if (typeof x === 'number' || typeof x === 'boolean' || x === null || x === undefined) total += 8;
    else if (ArrayBuffer.isView(x)) total += x.byteLength;
    else if (x instanceof ArrayBuffer) total += x.byteLength;
    else if (Array.isArray(x)) { total += 2; for (const e of x) stack.push(e); }
    else if (typeof x === 'object') {
      for (const [k, e] of Object.entries(x as Record<string, unknown>)) { total += k.length + 3; stack.push(e); }
    } else return limit + 1; // functions, symbols, bigints: never legitimate in a message
  }
  return total;
}

// Number and shape formatting shared by both webviews (UI.md: 3 significant digits, scientific
// notation below 1e-3, shapes as [64, 16, 28, 28]).

const DASH = '—';

/** 3 significant digits; scientific below 1e-3 (and above 1e6, where digits stop helping). */
export function fmtNum(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) {
    const [m = '0', e = '0'] = x.toExponential(2).split('e');
    return `${trimZeros(m)}e${Number(e)}`;
  }
  const p = Number(x.toPrecision(3));
  return a >= 1000 ? p.toLocaleString('en-US') : trimZeros(p.toPrecision(3));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Integers (parameter counts) with thousands separators. */
export function fmtInt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return Math.round(x).toLocaleString('en-US');
}

export function fmtPercent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${fmtNum(x * 100)} %`;
}

export function fmtShape(shape: readonly (number | null)[] | null | undefined): string {
  if (!shape) return DASH;
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

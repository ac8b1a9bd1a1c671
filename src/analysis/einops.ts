// einops's pattern language as a shape rule: `rearrange(x, 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)',
// p1=16, p2=16)`, `repeat(cls, '1 1 d -> b 1 d', b=n)`, `reduce(x, 'b n d -> b d', 'mean')`.
// Names, parenthesised groups, `1`, `...` and (in repeat) numbers, as einops defines them.
import type { Msg } from './types';

export type EinopsMode = 'rearrange' | 'repeat' | 'reduce';

type Group = string[];

const ELLIPSIS = '…';

function parseSide(side: string): Group[] | undefined {
  const groups: Group[] = [];
  let current: Group | undefined;
  for (const tok of side.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').split(/\s+/).filter((t) => t !== '')) {
    if (tok === '(') {
      if (current) return undefined;
      current = [];
    } else if (tok === ')') {
      if (!current) return undefined;
      groups.push(current);
      current = undefined;
    } else if (current) current.push(tok);
    else groups.push(tok === '...' ? [ELLIPSIS] : tok === '1' ? [] : [tok]);
  }
  return current ? undefined : groups;
}

function fail(en: string, zh: string): { error: Msg } {
  return { error: { en: `einops: ${en}`, 'zh-cn': `einops：${zh}` } };
}

/** The output shape, or an error a real einops would raise too. */
export function einopsShape(shape: readonly number[], pattern: string, sizes: ReadonlyMap<string, number>, mode: EinopsMode): { shape: number[] } | { error: Msg } {
  const arrow = pattern.split('->');
  if (arrow.length !== 2) return fail(`pattern '${pattern}' needs exactly one '->'`, `模式 '${pattern}' 必须有且只有一个 '->'`);
  const left = parseSide(arrow[0]!);
  const right = parseSide(arrow[1]!);
  if (!left || !right) return fail(`cannot read the pattern '${pattern}'`, `无法解析模式 '${pattern}'`);
  const ellipses = left.filter((g) => g.length === 1 && g[0] === ELLIPSIS).length;
  if (ellipses > 1) return fail('more than one ... on the left', '左侧有多个 ...');
  const ellLen = shape.length - (left.length - ellipses);
  if (ellLen < 0 || (ellipses === 0 && ellLen !== 0)) return fail(`the left side has ${left.length} axes, the tensor [${shape.join(', ')}] has ${shape.length}`, `左侧有 ${left.length} 个轴，张量 [${shape.join(', ')}] 有 ${shape.length} 个`);
  const known = new Map(sizes);
  const ell: string[] = [];
  let dim = 0;
  const leftAxes: string[] = [];
  for (const g of left) {
    if (g.length === 1 && g[0] === ELLIPSIS) {
      for (let k = 0; k < ellLen; k++) {
        const name = `...${k}`;
        known.set(name, shape[dim++]!);
        ell.push(name);
        leftAxes.push(name);
      }
      continue;
    }
    const size = shape[dim++]!;
    let prod = 1;
    const unknownAxes: string[] = [];
    for (const a of g) {
      if (/^\d+$/.test(a)) prod *= Number(a);
      else if (known.has(a)) prod *= known.get(a)!;
      else unknownAxes.push(a);
    }
    if (unknownAxes.length > 1) return fail(`cannot infer the sizes of ${unknownAxes.join(', ')}`, `无法推断 ${unknownAxes.join('、')} 的大小`);
    if (unknownAxes.length === 1) {
      if (size % prod !== 0) return fail(`${size} is not divisible by ${prod}`, `${size} 不能被 ${prod} 整除`);
      known.set(unknownAxes[0]!, size / prod);
    } else if (prod !== size) return fail(`the axis of size ${size} does not split into ${g.join(' ')} = ${prod}`, `大小为 ${size} 的轴不能拆成 ${g.join(' ')} = ${prod}`);
    leftAxes.push(...g.filter((a) => !/^\d+$/.test(a)));
  }
  const out: number[] = [];
  const rightAxes = new Set<string>();
  for (const g of right) {
    let prod = 1;
    const axes = g.flatMap((a) => (a === ELLIPSIS || a === '...' ? ell : [a]));
    if (g.length === 1 && g[0] === ELLIPSIS) {
      for (const a of ell) {
        out.push(known.get(a)!);
        rightAxes.add(a);
      }
      continue;
    }
    for (const a of axes) {
      rightAxes.add(a);
      if (/^\d+$/.test(a)) {
        if (mode !== 'repeat') return fail(`numbers on the right are only allowed in repeat`, '只有 repeat 的右侧允许数字');
        prod *= Number(a);
      } else if (known.has(a) && (leftAxes.includes(a) || mode === 'repeat')) prod *= known.get(a)!;
      else return fail(`the size of '${a}' is not known`, `'${a}' 的大小未知`);
    }
    out.push(prod);
  }
  if (mode === 'rearrange') {
    for (const a of leftAxes) if (!rightAxes.has(a)) return fail(`'${a}' is on the left but not on the right`, `'${a}' 出现在左侧但不在右侧`);
  }
  return { shape: out };
}

/**
 * `einops.unpack(x, packed_shapes, 'b * d')`: the `*` axis of x split back into one part per packed
 * shape (each `[...before, *shape, ...after]`); the parts must fill it exactly, as einops checks.
 * A packed shape with -1 (einops infers it) is not followed.
 */
export function einopsUnpackShapes(shape: readonly number[], packed: readonly (readonly number[])[], pattern: string): { shapes: number[][] } | { error: Msg } {
  const names = pattern.trim().split(/\s+/);
  const star = names.indexOf('*');
  if (star < 0 || names.indexOf('*', star + 1) >= 0) return fail('unpack needs one *', 'unpack 需要一个 *');
  if (names.length !== shape.length) return fail(`unpack pattern '${pattern}' does not fit shape [${shape.join(', ')}]`, `unpack 模式 '${pattern}' 与形状 [${shape.join(', ')}] 不符`);
  if (packed.some((p) => p.some((d) => d < 0))) return fail('unpack with a size it infers (-1)', 'unpack 含待推断的大小（-1）');
  const total = packed.reduce((acc, p) => acc + p.reduce((q, d) => q * d, 1), 0);
  if (total !== shape[star]) return fail(`unpack: the packed shapes hold ${total}, the axis has ${shape[star]}`, `unpack：打包形状共 ${total}，该轴为 ${shape[star]}`);
  return { shapes: packed.map((p) => [...shape.slice(0, star), ...p, ...shape.slice(star + 1)]) };
}

/**
 * `einops.einsum(a, b, "batch len d, d n -> batch len n")`: the same contraction as torch.einsum,
 * axis names being words (a letter each here) and `...` the unnamed dims. The output side is
 * required, and every name on it must be an input's. Undefined when the pattern is not that.
 */
export function einopsEinsumEquation(pattern: string): string | undefined {
  const sides = pattern.split('->');
  if (sides.length !== 2) return undefined;
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const named = new Map<string, string>();
  const term = (t: string, input: boolean): string | undefined => {
    let out = '';
    for (const tok of t.trim().split(/\s+/).filter((x) => x !== '')) {
      if (tok === '...') {
        out += '...';
        continue;
      }
      if (!/^[A-Za-z_]\w*$/.test(tok)) return undefined;
      if (!named.has(tok)) {
        if (!input || named.size >= letters.length) return undefined;
        named.set(tok, letters[named.size]!);
      }
      out += named.get(tok)!;
    }
    return out;
  };
  const inputs = sides[0]!.split(',').map((t) => term(t, true));
  const output = term(sides[1]!, false);
  if (output === undefined || inputs.some((t) => t === undefined)) return undefined;
  return `${inputs.join(',')}->${output}`;
}

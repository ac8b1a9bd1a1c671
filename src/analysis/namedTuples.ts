// `collections.namedtuple`: the type (its fields and defaults) and its instances, as far as model
// code reads them — fields by name, `_replace`, `_asdict`, `_fields`, iteration. A type or call the
// analysis cannot read exactly is unknown (Python would raise, or the fields are not known).
import type { ArgList } from './torchLayers';
import { asInt, unknown, type Value } from './values';

/** The `cls` of a namedtuple type value; its attrs hold `__name__`, `_fields` and `_field_defaults`. */
export const TUPLE_TYPE = 'collections.namedtuple';

type Obj = Value & { t: 'obj' };

/** Instances (by their attribute map, which copies of the value share) → their type. */
const instances = new WeakMap<Map<string, Value>, Obj>();

const bad = (en: string, zh: string): Value => unknown(en, zh, false);
const IDENT = /^[A-Za-z_]\w*$/;

/** `collections.namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`. */
export function namedTupleType(args: ArgList): Value {
  const at = (i: number, name: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(name)?.value;
  const name = at(0, 'typename');
  const fields = at(1, 'field_names');
  const rename = args.keyword.get('rename')?.value;
  if (args.unknownRest || args.positional.length > 2 || [...args.keyword.keys()].some((k) => !['typename', 'field_names', 'rename', 'defaults', 'module'].includes(k))) return bad('namedtuple() with arguments the analysis cannot read', '参数无法分析的 namedtuple()');
  if (name?.t !== 'str' || (rename !== undefined && !(rename.t === 'bool' && !rename.v))) return bad('namedtuple() with a name or rename the analysis cannot read', '名称或 rename 无法分析的 namedtuple()');
  let names: string[] | undefined;
  if (fields?.t === 'str') names = fields.v.replace(/,/g, ' ').split(/\s+/).filter((s) => s !== '');
  else if (fields?.t === 'seq' && fields.items.every((f) => f.t === 'str')) names = fields.items.map((f) => (f as { v: string }).v);
  // Python refuses bad, duplicate and underscore names (without rename).
  if (!names || names.some((n) => !IDENT.test(n) || n.startsWith('_')) || new Set(names).size !== names.length) return bad('namedtuple() with field names the analysis cannot read', '字段名无法分析的 namedtuple()');
  const t: Obj = { t: 'obj', cls: TUPLE_TYPE, attrs: new Map<string, Value>([['__name__', name], ['_fields', { t: 'seq', items: names.map((v): Value => ({ t: 'str', v })), tuple: true }]]) };
  const defaults = args.keyword.get('defaults')?.value;
  return defaults === undefined || defaults.t === 'none' ? withDefaults(t, { t: 'seq', items: [], tuple: true }) : withDefaults(t, defaults);
}

/** The type with these defaults (Python applies them to the last fields); unknown when it would not. */
export function withDefaults(t: Obj, defaults: Value): Value {
  const names = fieldNames(t);
  if (defaults.t === 'none') defaults = { t: 'seq', items: [], tuple: true };
  if (defaults.t !== 'seq' || defaults.items.length > names.length) return bad('namedtuple defaults the analysis cannot read', '无法分析的 namedtuple 默认值');
  const given = names.slice(names.length - defaults.items.length);
  return { ...t, attrs: new Map([...t.attrs, ['_field_defaults', { t: 'dict', entries: given.map((n, i): [string, Value] => [n, defaults.items[i]!]) }]]) };
}

export function isTupleType(v: Value): v is Obj {
  return v.t === 'obj' && v.cls === TUPLE_TYPE;
}

/** The namedtuple type of an instance, or undefined. */
export function tupleTypeOf(v: Value): Obj | undefined {
  return v.t === 'obj' ? instances.get(v.attrs) : undefined;
}

function fieldNames(t: Obj): string[] {
  const f = t.attrs.get('_fields');
  return f?.t === 'seq' ? f.items.map((x) => (x.t === 'str' ? x.v : '')) : [];
}

function make(t: Obj, values: Map<string, Value>): Obj {
  const name = t.attrs.get('__name__');
  const o: Obj = { t: 'obj', cls: name?.t === 'str' ? name.v : 'namedtuple', attrs: values };
  instances.set(values, t);
  return o;
}

/** `Point(1, y=2)`: positional, then keywords, then the defaults; anything else raises TypeError. */
export function newTuple(t: Obj, args: ArgList): Value {
  const names = fieldNames(t);
  if (args.unknownRest) return bad(`${t.cls}() with arguments the analysis cannot list`, `参数无法列出的 ${t.cls}()`);
  if (args.positional.length > names.length) return bad('a namedtuple given too many arguments', 'namedtuple 参数过多');
  const values = new Map<string, Value>();
  args.positional.forEach((a, i) => values.set(names[i]!, a.value));
  for (const [k, a] of args.keyword) {
    if (!names.includes(k) || values.has(k)) return bad(`a namedtuple given the argument '${k}' it does not take`, `namedtuple 不接受参数 '${k}'`);
    values.set(k, a.value);
  }
  const defaults = t.attrs.get('_field_defaults');
  const ordered = new Map<string, Value>();
  for (const n of names) {
    const v = values.get(n) ?? (defaults?.t === 'dict' ? defaults.entries.find(([k]) => k === n)?.[1] : undefined);
    if (v === undefined) return bad(`a namedtuple missing its field '${n}'`, `namedtuple 缺少字段 '${n}'`);
    ordered.set(n, v);
  }
  return make(t, ordered);
}

/** `p._replace(**kw)`, `p._asdict()`; undefined for any other method. */
export function tupleMethod(o: Obj, t: Obj, name: string, args: ArgList): Value | undefined {
  if (name === '_replace') {
    if (args.unknownRest || args.positional.length > 0) return bad('_replace() with arguments the analysis cannot list', '参数无法列出的 _replace()');
    const values = new Map(o.attrs);
    for (const [k, a] of args.keyword) {
      if (!values.has(k)) return bad(`_replace() of a field '${k}' the namedtuple does not have`, `_replace() 的字段 '${k}' 不存在`);
      values.set(k, a.value);
    }
    return make(t, values);
  }
  if (name === '_asdict' && args.positional.length === 0 && args.keyword.size === 0) return { t: 'dict', entries: [...o.attrs] };
  return undefined;
}

/** A field by position (`p[0]`, `p[-1]`). */
export function tupleItem(o: Obj, index: Value): Value | undefined {
  const i = asInt(index);
  const items = [...o.attrs.values()];
  if (i === undefined || i >= items.length || i < -items.length) return undefined;
  return items[i < 0 ? items.length + i : i];
}

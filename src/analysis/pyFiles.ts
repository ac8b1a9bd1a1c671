// Text files a script reads while it builds its model: a Darknet `.cfg` listing the layers, a
// YAML or JSON config whose numbers size them (`yaml.safe_load(open(args.config))`). The file is
// read from the workspace, as `open()` would read it in text mode, and parsed as Python's `json`
// and PyYAML parse it. Only plain data comes out; anything these parsers would read differently
// from the rules written here (YAML 1.1 octal and sexagesimal numbers, dates, custom tags) is
// unknown, never a guessed value.
import { FAILSAFE_SCHEMA, Type, load as yamlLoad } from 'js-yaml';
import type { ArgList } from './torchLayers';
import type { DataValue, Value } from './values';
import { NONE, num, unknown } from './values';
import { pathText } from './pyPath';

export type FileData = Extract<DataValue, { kind: 'file' }>;

/** Where `open(path)` finds its text: the text, or why it cannot be read. */
export type OpenedText = { path: string; text: string } | { why: { en: string; zh: string } };

/** Most values one parsed file gives (a YAML alias repeated many times is expanded by the conversion). */
const MAX_VALUES = 200_000;

const notKnown = (en: string, zh: string): Value => unknown(en, zh, false);

/** `open(path[, mode])`: a text-mode read of a workspace file, as a file value; any other mode is not followed. */
export function openFile(args: ArgList, read: (path: string) => OpenedText): Value {
  const given = args.positional[0]?.value ?? args.keyword.get('file')?.value;
  const asPath = given ? pathText(given) : undefined;
  const path: Value | undefined = asPath !== undefined ? { t: 'str', v: asPath } : given;
  const mode = args.positional[1]?.value ?? args.keyword.get('mode')?.value ?? { t: 'str', v: 'r' };
  if (path?.t !== 'str' || args.unknownRest) return notKnown('open() of a path the analysis cannot read', 'open() 的路径无法分析');
  if (mode.t !== 'str' || !/^r?t?$|^tr$/.test(mode.v) || mode.v === '') return notKnown(`open(…, ${mode.t === 'str' ? `'${mode.v}'` : '…'}) is not followed (only reading text is)`, 'open() 只分析文本读取');
  const r = read(path.v);
  if ('why' in r) return notKnown(r.why.en, r.why.zh);
  // Text mode reads every line ending as '\n'.
  return { t: 'data', d: { kind: 'file', path: r.path, text: r.text.replace(/\r\n?/g, '\n'), consumed: false } };
}

/** The lines a file yields, each with its '\n' (the last one may have none). */
function lines(text: string): string[] {
  const out = text.split(/(?<=\n)/);
  return out.length === 1 && out[0] === '' ? [] : out;
}

/** What is left to read: all of it the first time, nothing once read (the analysis does not follow seek()). */
function take(f: FileData): string {
  const t = f.consumed ? '' : f.text;
  f.consumed = true;
  return t;
}

/** Methods of a file value. */
export function fileMethod(f: FileData, name: string, args: ArgList): Value | undefined {
  switch (name) {
    case 'read':
      return args.positional.length === 0 && args.keyword.size === 0 ? { t: 'str', v: take(f) } : notKnown('read(size) is not followed', '不分析 read(size)');
    case 'readlines':
      return args.positional.length === 0 && args.keyword.size === 0 ? { t: 'seq', items: lines(take(f)).map((v) => ({ t: 'str', v })), tuple: false } : notKnown('readlines(hint) is not followed', '不分析 readlines(hint)');
    case 'close':
    case '__exit__':
      return NONE;
    case '__enter__':
      return { t: 'data', d: f };
    default:
      return undefined;
  }
}

/** Iterating a file: its lines, once. */
export function fileLines(f: FileData): Value[] {
  return lines(take(f)).map((v) => ({ t: 'str', v }));
}

/** `json.load(f)`, `json.loads(s)`, `yaml.safe_load(…)`, `yaml.load(…, Loader=…)`, `yaml.full_load(…)`; undefined for other names. */
export function parseCall(name: string, args: ArgList): Value | undefined {
  const json = name === 'json.load' || name === 'json.loads';
  const yaml = name === 'yaml.safe_load' || name === 'yaml.load' || name === 'yaml.full_load' || name === 'yaml.unsafe_load';
  if (!json && !yaml) return undefined;
  const src = args.positional[0]?.value ?? args.keyword.get(json ? (name === 'json.load' ? 'fp' : 's') : 'stream')?.value;
  const extra = [...args.keyword.keys()].filter((k) => k !== 'fp' && k !== 's' && k !== 'stream' && !(yaml && k === 'Loader'));
  if (args.unknownRest || extra.length > 0 || args.positional.length > (name === 'yaml.load' ? 2 : 1)) return notKnown(`${name}() with arguments the analysis does not follow`, `不分析带这些参数的 ${name}()`);
  let text: string | undefined;
  if (src?.t === 'data' && src.d.kind === 'file' && name !== 'json.loads') text = take(src.d);
  else if (src?.t === 'str' && name !== 'json.load') text = src.v;
  if (text === undefined) return src?.t === 'unknown' ? { ...src, tensorLike: false } : notKnown(`${name}() of something the analysis cannot read`, `${name}() 的输入无法分析`);
  // (`!!python/tuple` is read by full_load and the unsafe loaders; safe_load refuses it.)
  const loader = args.keyword.get('Loader')?.value ?? (name === 'yaml.load' ? args.positional[1]?.value : undefined);
  const tuples = name === 'yaml.full_load' || name === 'yaml.unsafe_load' || (loader?.t === 'ref' && /^yaml\.(?:(?:C?Full|C?Unsafe)Loader|C?Loader)$/.test(loader.name));
  const r = json ? parseJson(text) : parseYaml(text, tuples);
  return r ?? notKnown(`${name}(): the text is not data the analysis reads exactly`, `${name}()：内容无法精确分析`);
}

// ---------------------------------------------------------------- JSON

/** Python's json: objects keep their order (a repeated key keeps its first place, last value), 1 is an int, 1.0 a float. */
export function parseJson(text: string): Value | undefined {
  let i = 0;
  let count = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const value = (depth: number): Value | undefined => {
    if (++count > MAX_VALUES || depth > 200) return undefined;
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, Value][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'dict', entries };
      }
      for (;;) {
        ws();
        const k = str();
        if (k === undefined) return undefined;
        ws();
        if (text[i++] !== ':') return undefined;
        const v = value(depth + 1);
        if (!v) return undefined;
        const at = entries.findIndex(([x]) => x === k);
        if (at >= 0) entries[at] = [k, v];
        else entries.push([k, v]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i++] === '}') return { t: 'dict', entries };
        else return undefined;
      }
    }
    if (c === '[') {
      i++;
      const items: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { t: 'seq', items, tuple: false };
      }
      for (;;) {
        const v = value(depth + 1);
        if (!v) return undefined;
        items.push(v);
        ws();
        if (text[i] === ',') i++;
        else if (text[i++] === ']') return { t: 'seq', items, tuple: false };
        else return undefined;
      }
    }
    if (c === '"') {
      const s = str();
      return s === undefined ? undefined : { t: 'str', v: s };
    }
    for (const [word, v] of [['true', { t: 'bool', v: true }], ['false', { t: 'bool', v: false }], ['null', NONE]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    // NaN / Infinity, which Python's json accepts, are numbers the analysis has no use for.
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return undefined;
    i += m[0].length;
    const isInt = m[1] === undefined && m[2] === undefined;
    const v = Number(m[0]);
    if (!Number.isFinite(v) || (isInt && !Number.isSafeInteger(v))) return undefined;
    return num(v, isInt);
  };
  const str = (): string | undefined => {
    if (text[i] !== '"') return undefined;
    // The string up to its closing quote; JSON.parse checks the escapes and refuses control characters, as Python's json does.
    const quoted = /"(?:[^"\\]|\\.)*"/sy;
    quoted.lastIndex = i;
    const m = quoted.exec(text);
    if (!m) return undefined;
    i += m[0].length;
    try {
      return JSON.parse(m[0]) as string;
    } catch {
      return undefined;
    }
  };
  const v = value(0);
  ws();
  return v && i === text.length ? v : undefined;
}

// ---------------------------------------------------------------- YAML

/** A scalar PyYAML would resolve to something the analysis does not model (an octal or sexagesimal number, a date). */
class Unmodelled {
  constructor(readonly text: string) {}
}
class PyInt {
  constructor(readonly v: number) {}
  /** As a mapping key: the analysis's dicts key numbers by their text. */
  toString(): string {
    return String(this.v);
  }
}
class PyFloat {
  constructor(readonly v: number) {}
  toString(): string {
    return String(this.v);
  }
}

// PyYAML's YAML 1.1 resolvers for plain scalars (yaml/resolver.py's patterns, restated).
const BOOL_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

const scalar = (tag: string, test: (s: string) => boolean, make: (s: string) => unknown): Type =>
  new Type(tag, { kind: 'scalar', resolve: (s: string | null) => s !== null && test(s), construct: (s: string | null) => make(s ?? '') });

const PYYAML_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('tag:yaml.org,2002:null', (s) => NULL.test(s), () => null),
    scalar('tag:yaml.org,2002:bool', (s) => BOOL_TRUE.test(s) || BOOL_FALSE.test(s), (s) => BOOL_TRUE.test(s)),
    scalar('tag:yaml.org,2002:int', (s) => INT.test(s), (s) => (/^[-+]?(?:0|[1-9][0-9]*)$/.test(s) ? new PyInt(Number(s)) : new Unmodelled(s))),
    scalar('tag:yaml.org,2002:float', (s) => FLOAT.test(s), (s) => (/^[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?|\.[0-9]+(?:[eE][-+][0-9]+)?)$/.test(s) ? new PyFloat(Number(s)) : new Unmodelled(s))),
    scalar('tag:yaml.org,2002:timestamp', (s) => TIMESTAMP.test(s), (s) => new Unmodelled(s)),
    // `<<: *defaults` merges a mapping in (js-yaml's loader acts on this tag).
    new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (s: string | null) => s === '<<' }),
  ],
});

/** `!!python/tuple [1, 2, 4]`: a tuple (PyYAML's FullLoader and the unsafe loaders). */
class PyTuple {
  constructor(readonly items: unknown[]) {}
}

const FULL_LOADER_SCHEMA = PYYAML_SCHEMA.extend([new Type('tag:yaml.org,2002:python/tuple', { kind: 'sequence', construct: (xs: unknown[] | null) => new PyTuple(xs ?? []) })]);

/**
 * PyYAML's safe_load of one document (with `tuples`, full_load's: `!!python/tuple` too), as values;
 * undefined for what it cannot read exactly.
 */
export function parseYaml(text: string, tuples = false): Value | undefined {
  let doc: unknown;
  try {
    // `json: true`: a repeated key takes the last value, as PyYAML does.
    doc = yamlLoad(text, { schema: tuples ? FULL_LOADER_SCHEMA : PYYAML_SCHEMA, json: true });
  } catch {
    return undefined;
  }
  let count = 0;
  const convert = (x: unknown, depth: number): Value | undefined => {
    if (++count > MAX_VALUES || depth > 200) return undefined;
    if (x === null || x === undefined) return NONE;
    if (typeof x === 'boolean') return { t: 'bool', v: x };
    if (typeof x === 'string') return { t: 'str', v: x };
    if (x instanceof PyInt) return Number.isSafeInteger(x.v) ? num(x.v, true) : undefined;
    if (x instanceof PyFloat) return Number.isFinite(x.v) ? num(x.v, false) : undefined;
    if (x instanceof Unmodelled) {
      return notKnown(`'${x.text}' in a YAML file: a value the analysis does not read`, `YAML 文件中的 '${x.text}'：分析不读取此值`);
    }
    if (Array.isArray(x) || x instanceof PyTuple) {
      const items: Value[] = [];
      for (const it of x instanceof PyTuple ? x.items : x) {
        const v = convert(it, depth + 1);
        if (!v) return undefined;
        items.push(v);
      }
      return { t: 'seq', items, tuple: x instanceof PyTuple };
    }
    if (typeof x === 'object') {
      const entries: [string, Value][] = [];
      for (const [k, it] of Object.entries(x as Record<string, unknown>)) {
        // A key that was a mapping or a number object: js-yaml made it a string PyYAML would not.
        if (k.startsWith('[object')) return undefined;
        const v = convert(it, depth + 1);
        if (!v) return undefined;
        entries.push([k, v]);
      }
      return { t: 'dict', entries };
    }
    return undefined;
  };
  return convert(doc, 0);
}

// ---------------------------------------------------------------- configparser

export type IniData = Extract<DataValue, { kind: 'ini' }>;

/** `configparser.ConfigParser()` / `RawConfigParser()`: an empty parser; `interpolation=None` or Raw turns `%(x)s` off. */
export function newIni(name: string, args: ArgList): Value | undefined {
  const m = /^configparser\.(ConfigParser|RawConfigParser|SafeConfigParser)$/.exec(name);
  if (!m) return undefined;
  const interp = args.keyword.get('interpolation')?.value;
  const known = new Set(['interpolation', 'allow_no_value', 'strict']);
  const allowNoValue = args.keyword.get('allow_no_value')?.value;
  if (args.positional.length > 0 || args.unknownRest || [...args.keyword.keys()].some((k) => !known.has(k)) || (allowNoValue && !(allowNoValue.t === 'bool' && !allowNoValue.v))) {
    return notKnown(`${m[1]}() with settings the analysis does not follow`, `不分析带这些设置的 ${m[1]}()`);
  }
  const raw = m[1] === 'RawConfigParser' || interp?.t === 'none';
  if (interp && interp.t !== 'none' && !raw) return notKnown(`${m[1]}(interpolation=…) is not followed`, `不分析 ${m[1]}(interpolation=…)`);
  return { t: 'data', d: { kind: 'ini', sections: new Map(), defaults: new Map(), raw } };
}

/**
 * Reads INI text as configparser does by default: `[section]` headers, `key = value` or `key: value`
 * (keys lower-cased, values stripped), whole-line `#` / `;` comments, indented continuation lines
 * joined with '\n', `[DEFAULT]` seen by every section. False where configparser would raise (a key
 * before any section, a duplicate, a line it cannot read).
 */
function readIni(ini: IniData, text: string): boolean {
  let section: Map<string, string> | undefined;
  let lastKey: string | undefined;
  const seen = new Set<string>();
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*[#;]/.test(raw)) continue;
    if (raw.trim() === '') {
      lastKey = undefined;
      continue;
    }
    if (/^\s/.test(raw) && lastKey !== undefined && section) {
      section.set(lastKey, `${section.get(lastKey) ?? ''}\n${raw.trim()}`);
      continue;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      const name = header[1]!;
      if (seen.has(name)) return false;
      seen.add(name);
      section = name === 'DEFAULT' ? ini.defaults : (ini.sections.get(name) ?? new Map());
      if (name !== 'DEFAULT') ini.sections.set(name, section);
      lastKey = undefined;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv || !section || /^\s/.test(raw)) return false;
    const key = kv[1]!.trim().toLowerCase();
    section.set(key, kv[2]!.trim());
    lastKey = key;
  }
  return true;
}

function iniValue(ini: IniData, section: string, key: string): Value {
  const sec = section === 'DEFAULT' ? ini.defaults : ini.sections.get(section);
  if (!sec) return notKnown(`configparser: no section '${section}' (NoSectionError)`, `configparser：没有节 '${section}'（NoSectionError）`);
  const v = sec.get(key.toLowerCase()) ?? ini.defaults.get(key.toLowerCase());
  if (v === undefined) return notKnown(`configparser: no option '${key}' in '${section}' (NoOptionError)`, `configparser：'${section}' 中没有选项 '${key}'（NoOptionError）`);
  // `%(name)s` interpolation is not followed; `%%` is a literal %.
  if (!ini.raw && v.includes('%')) return /%(?!%)/.test(v.replace(/%%/g, '')) ? notKnown(`configparser: '${key}' uses %-interpolation, which the analysis does not follow`, `configparser：'${key}' 使用 % 插值，分析不支持`) : { t: 'str', v: v.replace(/%%/g, '%') };
  return { t: 'str', v };
}

/** configparser's getint / getfloat / getboolean of a value's text. */
function converted(v: Value, how: string): Value {
  if (v.t !== 'str') return v;
  const s = v.v.trim();
  if (how === 'getint') return /^[+-]?\d+(?:_\d+)*$/.test(s) && Number.isSafeInteger(Number(s.replace(/_/g, ''))) ? num(Number(s.replace(/_/g, '')), true) : notKnown(`getint of '${v.v}'`, `'${v.v}' 的 getint`);
  if (how === 'getfloat') return /^[+-]?(?:\d+(?:_\d+)*)?(?:\.\d*)?(?:[eE][+-]?\d+)?$/.test(s) && /\d/.test(s) ? num(Number(s.replace(/_/g, '')), false) : notKnown(`getfloat of '${v.v}'`, `'${v.v}' 的 getfloat`);
  const b = s.toLowerCase();
  if (['1', 'yes', 'true', 'on'].includes(b)) return { t: 'bool', v: true };
  if (['0', 'no', 'false', 'off'].includes(b)) return { t: 'bool', v: false };
  return notKnown(`getboolean of '${v.v}'`, `'${v.v}' 的 getboolean`);
}

/** What a section (`cfg['model']`) gives: its value for a key, or a getter's conversion. */
export function iniSectionItem(ini: IniData, section: string, key: Value): Value {
  return key.t === 'str' ? iniValue(ini, section, key.v) : notKnown('a configparser option the analysis cannot read', '分析无法读取的 configparser 选项');
}

/**
 * Methods of a parser (`read`, `read_string`, `read_file`, `get*`, `sections`, `has_*`) and of a
 * section (`cfg['model'].getint('emb')`); `read` reads workspace files as open() does. undefined for
 * a method that is not followed.
 */
export function iniMethod(ini: IniData, section: string | undefined, name: string, args: ArgList, read: (path: string) => OpenedText): Value | undefined {
  const a = (i: number, kw: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(kw)?.value;
  const fallback = args.keyword.get('fallback')?.value;
  if (section !== undefined) {
    if (['get', 'getint', 'getfloat', 'getboolean'].includes(name)) {
      const key = a(0, 'option');
      const v = key?.t === 'str' ? iniValue(ini, section, key.v) : notKnown('a configparser option the analysis cannot read', '分析无法读取的 configparser 选项');
      const missing = v.t === 'unknown' && /NoOptionError|NoSectionError/.test(v.reason.en);
      const dflt = a(1, 'fallback');
      if (missing && dflt) return dflt;
      if (missing && name === 'get') return { t: 'none' };
      return name === 'get' ? v : converted(v, name);
    }
    if (name === 'keys') return { t: 'seq', items: [...new Set([...(ini.sections.get(section) ?? new Map()).keys(), ...ini.defaults.keys()])].map((k) => ({ t: 'str', v: k })), tuple: false };
    return undefined;
  }
  switch (name) {
    case 'read': {
      const p = a(0, 'filenames');
      const paths = p?.t === 'seq' ? p.items : p ? [p] : [];
      const done: Value[] = [];
      for (const x of paths) {
        if (x.t !== 'str') return opaque(ini, 'read() of a path the analysis cannot read');
        const r = read(x.v);
        // (A file that does not exist is skipped by configparser; one outside what the analysis reads is not known.)
        if ('why' in r) {
          if (/not found|does not exist|no such/i.test(r.why.en)) continue;
          return opaque(ini, r.why.en);
        }
        if (!readIni(ini, r.text)) return opaque(ini, `${x.v} is not INI text configparser reads`);
        done.push(x);
      }
      return { t: 'seq', items: done, tuple: false };
    }
    case 'read_string':
    case 'read_file': {
      const src = a(0, name === 'read_string' ? 'string' : 'f');
      const text = src?.t === 'str' && name === 'read_string' ? src.v : src?.t === 'data' && src.d.kind === 'file' && name === 'read_file' ? take(src.d) : undefined;
      if (text === undefined) return opaque(ini, `${name}() of something the analysis cannot read`);
      return readIni(ini, text) ? NONE : opaque(ini, 'text configparser would not read');
    }
    case 'get': case 'getint': case 'getfloat': case 'getboolean': {
      const sec = a(0, 'section');
      const key = a(1, 'option');
      if (sec?.t !== 'str' || key?.t !== 'str') return notKnown(`${name}() of a section or option the analysis cannot read`, `节或选项无法分析的 ${name}()`);
      const v = iniValue(ini, sec.v, key.v);
      const missing = v.t === 'unknown' && /NoOptionError|NoSectionError/.test(v.reason.en);
      if (missing && fallback) return fallback;
      return name === 'get' ? v : converted(v, name);
    }
    case 'sections':
      return { t: 'seq', items: [...ini.sections.keys()].map((k) => ({ t: 'str', v: k })), tuple: false };
    case 'has_section': {
      const sec = a(0, 'section');
      return sec?.t === 'str' ? { t: 'bool', v: ini.sections.has(sec.v) } : undefined;
    }
    case 'has_option': {
      const sec = a(0, 'section');
      const key = a(1, 'option');
      if (sec?.t !== 'str' || key?.t !== 'str') return undefined;
      const s = ini.sections.get(sec.v);
      return { t: 'bool', v: s !== undefined && (s.has(key.v.toLowerCase()) || ini.defaults.has(key.v.toLowerCase())) };
    }
    default:
      return undefined;
  }
}

/** After a read the analysis cannot follow, nothing the parser holds is known. */
function opaque(ini: IniData, why: string): Value {
  ini.opaque = why;
  return notKnown(why, why);
}

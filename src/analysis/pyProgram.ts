// What a Python file declares at its top level: classes (methods, bases, class attributes,
// dataclass fields), functions, imports (`nn` → `torch.nn`; `from .parts import *` → another
// workspace file) and module-level assignments, which are kept as syntax and evaluated only when
// something reads the name. One PyProgram per file; the analysed file and the workspace files it
// imports each get one.
import type { Node } from './parser';
import type { NodeCache } from './parser';
import type { ClassHandle, ProgramHandle, Value } from './values';
import type { Msg } from './types';

export interface ClassDef extends ClassHandle {
  name: string;
  node: Node;
  nameNode: Node;
  bases: string[];
  methods: Map<string, MethodDef>;
  /** `@name.setter` methods: an assignment to the property runs them. */
  setters: Map<string, MethodDef>;
  /** Classes defined in the class body (`class Up: class Inner(nn.Module): …`, used as `self.Inner(…)`). */
  nested: Map<string, Node>;
  /** Class-level `name = expr` (and annotated `name: T = expr`), evaluated on first use. */
  attrs: Map<string, Node>;
  /**
   * Names the class body changes other than by `name = expr` (under an `if`, in a loop or a `try`,
   * `W *= 2`, `DIMS.append(7)`): their class-level values are not one expression's, so not known.
   */
  rewritten: Set<string>;
  /** Annotated fields in order, for @dataclass / NamedTuple constructors. */
  fields: { name: string; default?: Node; /** Keyword-only (`field(kw_only=True)`, after `_: KW_ONLY`, `@dataclass(kw_only=True)`): after the others in __init__. */ kwOnly?: true }[];
  isDataclass: boolean;
  program: PyProgram;
}

/**
 * The names a statement may change, outside the functions, lambdas and classes it defines: targets of
 * assignments (`W = …`, `W *= 2`, `CFG['w'] = …`, `for W in …`, `with … as W`, `W := …`, `del W`) and
 * receivers of method calls (`DIMS.append(7)`), which may change them in place.
 */
function namesChangedBy(stmt: Node): string[] {
  const out: string[] = [];
  const root = (n: Node | null): void => {
    // The name a target starts from (`CFG['w']`, `Opt.w`: CFG, Opt); a tuple's names each.
    while (n && (n.type === 'subscript' || n.type === 'attribute')) n = n.childForFieldName(n.type === 'subscript' ? 'value' : 'object');
    if (!n) return;
    if (n.type === 'identifier') out.push(n.text);
    else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'list_splat_pattern', 'parenthesized_expression'].includes(n.type)) for (const c of n.namedChildren) root(c);
  };
  const walk = (n: Node, depth: number): void => {
    if (depth > 60 || out.length > 200) return;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') {
      if (n.type !== 'lambda') root(n.childForFieldName('name'));
      return;
    }
    if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement' || n.type === 'for_in_clause') root(n.childForFieldName('left'));
    else if (n.type === 'named_expression') root(n.childForFieldName('name'));
    else if (n.type === 'as_pattern_target' || n.type === 'delete_statement') for (const c of n.namedChildren) root(c);
    else if (n.type === 'call') {
      const f = n.childForFieldName('function');
      if (f?.type === 'attribute') root(f.childForFieldName('object'));
    } else if (n.type === 'import_statement' || n.type === 'import_from_statement') {
      for (const c of n.namedChildren) if (c?.type === 'aliased_import') root(c.childForFieldName('alias'));
      else if (c?.type === 'dotted_name' && c.id !== n.childForFieldName('module_name')?.id) root(c.namedChildren[0] ?? null);
    }
    for (const c of n.namedChildren) if (c) walk(c, depth + 1);
  };
  walk(stmt, 0);
  return out;
}

/** nn.Module or a torch.nn class (whose __init__ / forward a super() call reaches). */
export function isTorchBase(resolved: string): boolean {
  return resolved.startsWith('torch.nn.') || resolved === 'Module' || resolved === 'torch.jit.ScriptModule' || resolved === 'torch.jit._script.ScriptModule' || LIGHTNING_MODULE.test(resolved);
}

/**
 * PyTorch Lightning's LightningModule, under the names it is imported by (`pytorch_lightning`,
 * `lightning.pytorch`, `lightning`): an nn.Module with training hooks, `save_hyperparameters` and
 * `example_input_array` added.
 */
const LIGHTNING_MODULE = /^(?:pytorch_lightning|lightning\.pytorch|lightning)(?:\.core(?:\.module|\.lightning)?)?\.LightningModule$/;

/** A class along a method resolution order: a workspace class, or a library base by its dotted name. */
export type MroEntry = ClassDef | string;

export interface MethodDef {
  node: Node;
  isStatic: boolean;
  isClassMethod: boolean;
  /** `@property`: reading the attribute runs the method. */
  isProperty: boolean;
  /** `@cached_property`: the first read's value is kept in the instance (read again, not recomputed). */
  cached?: true;
}

/** `from <level dots><module> import <name>`; name undefined: the module itself (`import x as y`). */
export interface ImportSpec {
  level: number;
  module: string;
  name?: string;
}

const TORCH_ALIASES: [string, string][] = [
  ['nn', 'torch.nn'],
  ['F', 'torch.nn.functional'],
  ['torch', 'torch'],
  ['math', 'math'],
  ['np', 'numpy'],
];

/** Top-level statements whose bodies may change module-level names. */
const COMPOUND = new Set(['for_statement', 'while_statement', 'if_statement', 'with_statement', 'try_statement', 'match_statement']);
/** Methods that change a list, dict or set in place. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'clear', 'update', 'setdefault', 'add', 'discard', 'sort', 'reverse', 'popitem', '__setitem__']);
/** Nodes looked at per file to learn which names top-level code changes. */
const MAX_SCANNED_NODES = 400_000;

/** The names an import statement binds: `import a.b` → a, `import a.b as c` → c, `from m import x, y as z` → x, z (not `*`). */
export function importBinds(text: string): string[] {
  const code = text.replace(/#.*$/gm, '').replace(/[()\\]/g, ' ');
  const from = /^\s*from\s+\S+\s+import\s+([\s\S]+)$/.exec(code);
  const parts = from ? from[1]!.split(',') : code.replace(/^\s*import\s+/, '').split(',');
  return parts.map((part) => {
    const [name, alias] = part.trim().split(/\s+as\s+/);
    return (alias ?? (from ? name : name?.split('.')[0]) ?? '').trim();
  }).filter((n) => /^\w+$/.test(n));
}

export class PyProgram implements ProgramHandle {
  readonly classes = new Map<string, ClassDef>();
  /**
   * Every top-level class definition in order, one defined again under its name included (a
   * notebook's later cell redefining `Classifier`): `classes` holds the last of each name, as an
   * importer sees it; the code above a redefinition builds the earlier one.
   */
  readonly classDefs: ClassDef[] = [];
  /** Names with a value: functions, classes, module-level values once evaluated. */
  readonly globals = new Map<string, Value>();
  /** Module-level `name = expr` not evaluated yet (the last assignment of each name). */
  readonly globalNodes = new Map<string, Node>();
  /** Functions and module-level values evaluated on first use (kept apart from what the code assigns). */
  readonly lazyValues = new Map<string, Value>();
  readonly aliases = new Map<string, string>(TORCH_ALIASES);
  /** Top-level function definitions, by name. */
  readonly functions = new Map<string, Node>();
  /** Names imported from other files (`from .parts import Down`), resolved on use. */
  readonly imports = new Map<string, ImportSpec>();
  /** `from .parts import *`: every name of those files is visible here; `index`: the statement's place in `statements`. */
  readonly starImports: (ImportSpec & { index: number })[] = [];
  /**
   * The place in `statements` of the last top-level statement binding each name directly (a class,
   * a def, an import, an assignment): a star import after it replaces the name if its module exports one.
   */
  readonly lastBinding = new Map<string, number>();
  /** Every `from m import name` at the top level, in order, with its statement's place: a name imported again later (`from b import A`) held the earlier one above it. */
  readonly importHistory: { alias: string; spec: ImportSpec; index: number }[] = [];
  /** `from m import *` inside a module-level `if` / `try` / `for` / `with`: `index` is that statement's place. Whether it ran is not known. */
  readonly blockStarImports: (ImportSpec & { index: number })[] = [];
  /** Top-level statements in order (the "program" the entry run executes). */
  readonly statements: Node[] = [];
  /**
   * Module-level names that top-level code changes after (or besides) one plain assignment:
   * assigned twice, assigned inside a loop or condition, or changed in place (`d[k] = v`,
   * `xs.append(x)`, `n += 1`). Their value is the one the statements leave when they run in
   * order; the last assignment's expression alone would be wrong (`vocab = {}` filled by a loop).
   */
  readonly mutated = new Set<string>();
  /** Functions defined more than once at the top level (a notebook cell redefining `train`): each call sees the definition in force then. */
  readonly redefinedFunctions = new Set<string>();
  /** For each top-level statement that writes a module-level name: the names it writes. */
  readonly writes = new Map<Node, Set<string>>();
  /**
   * `Point.__new__.__defaults__ = (…)` at the top level: the pre-3.7 idiom giving a namedtuple's
   * fields defaults. Part of the type's definition (applied when the name is first evaluated), not a change of it.
   */
  readonly tupleDefaults = new Map<string, Node>();
  private readonly assignedOnce = new Set<string>();

  constructor(
    private readonly nc: NodeCache,
    readonly root: Node,
    readonly file: string,
  ) {
    for (const stmt of this.nc.kids(root)) {
      if (!stmt) continue;
      this.statements.push(stmt);
      const index = this.statements.length - 1;
      const type = this.nc.type(stmt);
      const def = type === 'decorated_definition' ? this.nc.field(stmt, 'definition') : stmt;
      if (def?.type === 'class_definition') {
        // A class defined again under its name: code between the two (a default `block=Block`) holds the first.
        const name = this.nc.field(def, 'name')?.text;
        if (name && this.classes.has(name)) this.mutated.add(name);
        if (name) this.lastBinding.set(name, index);
        this.addClass(def, type === 'decorated_definition' ? stmt : undefined);
      }
      else if (def?.type === 'function_definition') {
        const name = this.nc.field(def, 'name')?.text;
        if (name && this.functions.has(name)) this.redefinedFunctions.add(name);
        if (name) this.functions.set(name, def);
        if (name) this.lastBinding.set(name, index);
      } else if (type === 'import_statement' || type === 'import_from_statement') this.addImport(stmt, index);
      else {
        if (type === 'expression_statement') this.topLevelStatement(stmt);
        this.noteWrites(stmt, type);
        for (const name of this.writes.get(stmt) ?? []) this.lastBinding.set(name, index);
        if (type === 'if_statement' || type === 'try_statement' || type === 'with_statement') this.addGuardedClasses(stmt);
        if (COMPOUND.has(type)) this.addBlockStarImports(stmt, index);
        if (type === 'try_statement') this.addTriedImports(stmt);
      }
    }
    // `def setup(): global A; A = 6`: a function may set the module's names (when it runs is not
    // followed by a lazy read); `globals()["A"] = 5` / `globals().update(…)` may set any of them.
    const text = this.nc.text(root);
    for (const m of text.matchAll(/^[ \t]*global[ \t]+([\w \t,]+)$/gm)) for (const n of m[1]!.split(',')) if (n.trim()) this.mutated.add(n.trim());
    this.globalsWritten = /\b(?:globals|vars)\s*\(\s*\)\s*(?:\[[^\]\n]*\]\s*=(?!=)|\.\s*(?:update|setdefault|__setitem__|pop)\s*\()|^[ \t]*exec\s*\(/m.test(text);
    // A name both assigned and imported at the top level (`A, B = 8, 16` then `from other import A`):
    // which binding is last is the entry run's to follow, not a lazy read's.
    for (const alias of this.imports.keys()) if (this.globalNodes.has(alias)) this.mutated.add(alias);
  }

  /** The file writes its module namespace through `globals()` / `vars()` / a top-level `exec(…)`: any name may be changed. */
  readonly globalsWritten: boolean = false;

  /**
   * `try: from einops import rearrange` / `except ImportError: …` at module level: the names the
   * body imports, as the file uses them where the import works (a handler that gives another
   * definition makes the name undecided when the entry run executes the statement).
   */
  private addTriedImports(stmt: Node): void {
    const body = this.nc.field(stmt, 'body');
    for (const st of body ? this.nc.kids(body) : []) {
      if (st?.type === 'import_statement' || st?.type === 'import_from_statement') this.addImport(st);
    }
  }

  private addBlockStarImports(stmt: Node, index: number): void {
    const stack: Node[] = [stmt];
    let seen = 0;
    while (stack.length > 0 && seen++ < 5000) {
      const n = stack.pop()!;
      for (const c of this.nc.kids(n)) {
        if (!c || c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'decorated_definition') continue;
        if (c.type === 'import_from_statement' && this.nc.kids(c).some((k) => k?.type === 'wildcard_import')) {
          const modText = this.nc.text(this.nc.field(c, 'module_name') ?? c);
          const level = /^\.*/.exec(modText)?.[0].length ?? 0;
          this.blockStarImports.push({ level, module: modText.slice(level), index });
        } else if (c.type === 'block' || c.type.endsWith('_clause') || COMPOUND.has(c.type)) stack.push(c);
      }
    }
  }

  /**
   * Classes a module-level `if` / `try` / `with` defines (`try: from apex import FusedLayerNorm
   * except ImportError: class FusedLayerNorm(nn.Module): …`): models of the file, listed in order.
   * Not indexed by name: which definition the name holds is known only once the statement has run.
   */
  private addGuardedClasses(stmt: Node): void {
    const stack: Node[] = [stmt];
    while (stack.length > 0) {
      const n = stack.pop()!;
      for (const c of [...this.nc.kids(n)].reverse()) {
        if (!c) continue;
        const def = c.type === 'decorated_definition' ? this.nc.field(c, 'definition') : c;
        if (def?.type === 'class_definition') {
          const cls = this.classAt(def);
          if (cls && !this.classDefs.includes(cls)) this.classDefs.push(cls);
        } else if (c.type === 'block' || c.type.endsWith('_clause') || COMPOUND.has(c.type)) stack.push(c);
      }
    }
  }

  /** `exec("SIZE = 7")`, `globals()["SIZE"] = 7` at module level: the names they bind, written as any assignment is. */
  private writtenDynamically(stmt: Node): string[] {
    const e = stmt.namedChild(0);
    if (!e) return [];
    const key = /^globals\s*\(\s*\)\s*\[\s*(['"])([A-Za-z_]\w*)\1\s*\]\s*=[^=]/.exec(this.nc.text(e));
    if (key) return [key[2]!];
    if (e.type !== 'call' || this.nc.text(this.nc.field(e, 'function')) !== 'exec') return [];
    const code = this.nc.field(e, 'arguments')?.namedChildren.find((c) => c?.type === 'string');
    return code ? namesBoundBy(stringText(this.nc.text(code))) : [];
  }

  private noteWrites(stmt: Node, type: string): void {
    const defaults = type === 'expression_statement' ? /^([A-Za-z_]\w*)\.__new__\.__defaults__$/.exec(this.nc.text(this.nc.field(stmt.namedChild(0)!, 'left') ?? stmt)) : null;
    const right = defaults && stmt.namedChild(0)?.type === 'assignment' ? this.nc.field(stmt.namedChild(0)!, 'right') : null;
    if (defaults?.[1] && right && !this.tupleDefaults.has(defaults[1])) {
      this.tupleDefaults.set(defaults[1], right);
      return;
    }
    const names = new Set<string>();
    const plain = type === 'expression_statement' ? this.plainAssignment(stmt) : undefined;
    if (plain !== undefined) {
      for (const name of plain) {
        if (this.assignedOnce.has(name)) this.mutated.add(name);
        this.assignedOnce.add(name);
        names.add(name);
      }
    } else if (type === 'delete_statement') {
      // `del data[0]`: the list changes in place.
      this.writtenBy(stmt, names, 0);
      for (const n of names) this.mutated.add(n);
    } else if (type === 'expression_statement') {
      // Only the statement's own expression: a generated file may hold very many of them.
      const e = stmt.namedChild(0);
      if (e) this.writtenBy(e, names, 0);
      for (const n of names) this.mutated.add(n);
    } else if (COMPOUND.has(type)) {
      this.writtenBy(stmt, names, 0);
      for (const n of names) this.mutated.add(n);
    }
    if (type === 'expression_statement') {
      for (const n of this.writtenDynamically(stmt)) {
        names.add(n);
        this.mutated.add(n);
      }
    }
    if (names.size > 0) this.writes.set(stmt, names);
  }

  /** `name = expr` (one identifier target), or `a, b = x, y` (as many names as items): the names; else undefined. */
  private plainAssignment(stmt: Node): string[] | undefined {
    const a = stmt.namedChild(0);
    if (a?.type !== 'assignment') return undefined;
    const left = this.nc.field(a, 'left');
    const right = this.nc.field(a, 'right');
    if (left?.type === 'identifier' && right?.type !== 'assignment') return [this.nc.text(left)];
    const pairs = left && right ? this.unpackedPairs(left, right) : undefined;
    return pairs?.map(([name]) => this.nc.text(name));
  }

  /** `PAD, BOS, EOS = 0, 1, 2`: each plain name with its own item, when the counts match and nothing is starred. */
  private unpackedPairs(left: Node, right: Node): [Node, Node][] | undefined {
    if ((left.type !== 'pattern_list' && left.type !== 'tuple_pattern') || (right.type !== 'expression_list' && right.type !== 'tuple')) return undefined;
    const names = this.nc.kids(left).filter((n) => n.type !== 'comment');
    const items = this.nc.kids(right).filter((n) => n.type !== 'comment');
    if (names.length !== items.length || !names.every((n) => n.type === 'identifier') || items.some((n) => n.type === 'list_splat' || n.type === 'parenthesized_list_splat')) return undefined;
    // (`a, b = b, a`: the items read the names' old values, not each other's new ones.)
    const own = new RegExp(`\\b(?:${names.map((n) => this.nc.text(n)).join('|')})\\b`);
    if (items.some((n) => own.test(this.nc.text(n)))) return undefined;
    return names.map((n, i) => [n, items[i]!]);
  }

  /** The module-level names a statement or expression may change (nested scopes left out). */
  private writtenBy(n: Node, out: Set<string>, depth: number): void {
    if (depth > 200 || this.scanned++ > MAX_SCANNED_NODES) return;
    const type = this.nc.type(n);
    if (type === 'function_definition' || type === 'class_definition' || type === 'lambda') return;
    if (type === 'assignment' || type === 'augmented_assignment' || type === 'for_statement' || type === 'for_in_clause' || type === 'named_expression') {
      const target = this.nc.field(n, type === 'named_expression' ? 'name' : 'left');
      if (target) this.targetNames(target, out);
      // A chained `a = b = expr` nests its assignments on the right.
    } else if (type === 'delete_statement' || type === 'as_pattern_target') {
      for (const k of this.nc.kids(n)) if (k) this.targetNames(k, out);
    } else if ((type === 'import_statement' || type === 'import_from_statement') && depth > 0) {
      // An import inside an if / with / loop rebinds its names (`else: from string import digits as text`).
      for (const name of importBinds(this.nc.text(n))) out.add(name);
      return;
    } else if (type === 'call') {
      const fn = this.nc.field(n, 'function');
      if (fn?.type === 'attribute') {
        const attr = this.nc.field(fn, 'attribute');
        const obj = this.nc.field(fn, 'object');
        if (attr && obj && MUTATORS.has(this.nc.text(attr))) this.targetNames(obj, out);
      }
      // `random.shuffle(data)`, `np.random.shuffle(xs)`, `shuffle(xs)`: the argument is shuffled in place.
      const first = this.nc.field(n, 'arguments')?.namedChild(0);
      if (fn && first && /(?:^|\.)shuffle$/.test(this.nc.text(fn))) this.targetNames(first, out);
    }
    for (const k of this.nc.kids(n)) if (k) this.writtenBy(k, out, depth + 1);
  }

  /** The base name of an assignment target: `x`, `x[k]`, `x.a`, `(x, y)`. */
  private targetNames(t: Node, out: Set<string>): void {
    const type = this.nc.type(t);
    if (type === 'identifier') out.add(this.nc.text(t));
    else if (type === 'subscript' || type === 'attribute') {
      const base = this.nc.field(t, type === 'subscript' ? 'value' : 'object');
      if (base) this.targetNames(base, out);
    } else if (type === 'pattern_list' || type === 'tuple_pattern' || type === 'list_pattern' || type === 'tuple' || type === 'list' || type === 'expression_list' || type === 'parenthesized_expression' || type === 'list_splat_pattern')
      for (const k of this.nc.kids(t)) if (k) this.targetNames(k, out);
  }

  private scanned = 0;

  /** Is this node part of this file (not of an imported one)? */
  owns(n: Node): boolean {
    return n.tree === this.root.tree;
  }

  private addClass(def: Node, decorated: Node | undefined): void {
    const cls = this.makeClass(def, decorated);
    if (!cls) return;
    this.classes.set(cls.name, cls);
    this.classDefs.push(cls);
    this.classesAt.set(def.startIndex, cls);
    this.globals.set(cls.name, { t: 'class', c: cls });
  }

  private readonly classesAt = new Map<number, ClassDef>();

  /**
   * The class a module-level class statement defines, also one under an `if` / `try` / `with`
   * (`if __name__ == '__main__': class Configs: …`), which is not indexed by name: it is the
   * name's value only once its statement has run.
   */
  classAt(def: Node): ClassDef | undefined {
    let cls = this.classesAt.get(def.startIndex);
    if (cls || def.type !== 'class_definition') return cls;
    const decorated = def.parent?.type === 'decorated_definition' ? def.parent : undefined;
    cls = this.makeClass(def, decorated);
    if (cls) this.classesAt.set(def.startIndex, cls);
    return cls;
  }

  private makeClass(def: Node, decorated: Node | undefined): ClassDef | undefined {
    const nameNode = this.nc.field(def, 'name');
    const body = this.nc.field(def, 'body');
    if (!nameNode || !body) return undefined;
    const bases = (this.nc.field(def, 'superclasses') ? this.nc.kids(this.nc.field(def, 'superclasses')!) : []).filter((n): n is Node => n !== null && this.nc.type(n) !== 'keyword_argument').map((n) => this.nc.text(n));
    const methods: ClassDef['methods'] = new Map();
    const setters: ClassDef['setters'] = new Map();
    const nested: ClassDef['nested'] = new Map();
    const attrs = new Map<string, Node>();
    const rewritten = new Set<string>();
    const fields: ClassDef['fields'] = [];
    let kwOnlyFromHere = false;
    // A private name the body defines (`def __init_conv`) is stored as `_Glow__init_conv`, as
    // `self.__init_conv()` in the class reads it (Python's name mangling; see the interpreter's attrName).
    const owner = this.nc.text(nameNode).replace(/^_+/, '');
    const stored = (n: string): string => (owner && n.startsWith('__') && !n.endsWith('__') ? `_${owner}${n}` : n);
    for (const m of this.nc.kids(body)) {
      if (!m) continue;
      const isDecorated = this.nc.type(m) === 'decorated_definition';
      const fn = isDecorated ? this.nc.field(m, 'definition') : m;
      if (fn?.type === 'function_definition') {
        const written = this.nc.field(fn, 'name')?.text;
        const name = written === undefined ? undefined : stored(written);
        const decorators = isDecorated ? this.nc.kids(m).filter((d) => d?.type === 'decorator').map((d) => this.nc.text(d)) : [];
        const isStatic = decorators.some((d) => /staticmethod/.test(d));
        const isClassMethod = decorators.some((d) => /classmethod/.test(d));
        const cached = decorators.some((d) => /^@(?:functools\.)?cached_property\b/.test(d));
        const isProperty = cached || decorators.some((d) => /^@property\b/.test(d));
        // `@width.setter` / `.deleter`: the same name, not a new method hiding the getter.
        const accessor = decorators.map((d) => /^@(\w+)\.(setter|deleter)\b/.exec(d)).find((x) => x);
        if (name && accessor?.[2] === 'setter') setters.set(stored(accessor[1]!), { node: fn, isStatic: false, isClassMethod: false, isProperty: false });
        else if (name && !accessor) methods.set(name, { node: fn, isStatic, isClassMethod, isProperty, ...(cached ? { cached: true as const } : {}) });
        continue;
      }
      if (fn?.type === 'class_definition') {
        const name = this.nc.field(fn, 'name')?.text;
        if (name) nested.set(name, fn);
        continue;
      }
      const a = this.nc.type(m) === 'expression_statement' ? m.namedChild(0) : null;
      const left = a?.type === 'assignment' ? this.nc.field(a, 'left') : null;
      if (!a || left?.type !== 'identifier') {
        // Any other statement may change names (see namesChangedBy): those are not known from their assignment.
        if (a?.type !== 'string') for (const n of namesChangedBy(m)) rewritten.add(stored(n));
        continue;
      }
      const right = this.nc.field(a, 'right');
      const name = stored(this.nc.text(left));
      if (right) attrs.set(name, right);
      const type = this.nc.field(a, 'type');
      if (type && /^(?:dataclasses\.)?KW_ONLY$/.test(this.nc.text(type))) kwOnlyFromHere = true;
      else if (type) fields.push({ name, ...(right ? { default: right } : {}), ...(kwOnlyFromHere || (right && /\bkw_only\s*=\s*True\b/.test(this.nc.text(right))) ? { kwOnly: true as const } : {}) });
    }
    const decoratorText = decorated ? this.nc.kids(decorated).filter((d) => d?.type === 'decorator').map((d) => this.nc.text(d)).join(' ') : '';
    if (/\bkw_only\s*=\s*True\b/.test(decoratorText)) for (const f of fields) f.kwOnly = true;
    const isDataclass = /\bdataclass\b/.test(decoratorText) || bases.some((b) => /NamedTuple$/.test(b));
    const name = this.nc.text(nameNode);
    return { name, node: def, nameNode, bases, methods, setters, nested, attrs, rewritten, fields, isDataclass, program: this };
  }

  private addImport(stmt: Node, index?: number): void {
    if (this.nc.type(stmt) === 'import_statement') {
      for (const n of this.nc.kids(stmt)) {
        if (n?.type === 'aliased_import') {
          const name = this.nc.field(n, 'name')?.text;
          const alias = this.nc.field(n, 'alias')?.text;
          if (name && alias) {
            this.aliases.set(alias, name);
            this.imports.set(alias, { level: 0, module: name });
            if (index !== undefined) this.lastBinding.set(alias, index);
          }
        } else if (n?.type === 'dotted_name') {
          const head = this.nc.text(n).split('.')[0] ?? this.nc.text(n);
          this.aliases.set(head, head);
          this.imports.set(head, { level: 0, module: head });
          if (index !== undefined) this.lastBinding.set(head, index);
        }
      }
      return;
    }
    const modNode = this.nc.field(stmt, 'module_name');
    if (!modNode) return;
    // `from . import x` / `from ..pkg import y`: the leading dots are the level.
    const modText = this.nc.text(modNode);
    const level = /^\.*/.exec(modText)?.[0].length ?? 0;
    const mod = modText.slice(level);
    const star = this.nc.kids(stmt).some((c) => c?.type === 'wildcard_import');
    if (star) {
      // A star import inside a try body (addTriedImports) has no place of its own: it replaces nothing bound before.
      this.starImports.push({ level, module: mod, index: index ?? -1 });
      return;
    }
    for (const n of this.nc.fields(stmt, 'name')) {
      if (!n) continue;
      const aliased = this.nc.type(n) === 'aliased_import';
      const name = aliased ? this.nc.field(n, 'name')?.text : this.nc.text(n);
      const alias = aliased ? this.nc.field(n, 'alias')?.text : name;
      if (!name || !alias) continue;
      if (level === 0) this.aliases.set(alias, mod === '' ? name : `${mod}.${name}`);
      this.imports.set(alias, { level, module: mod, name });
      if (index !== undefined) {
        this.lastBinding.set(alias, index);
        this.importHistory.push({ alias, spec: { level, module: mod, name }, index });
      }
    }
  }

  private topLevelStatement(stmt: Node): void {
    const a = stmt.namedChild(0);
    if (a?.type !== 'assignment') return;
    const left = this.nc.field(a, 'left');
    const right = this.nc.field(a, 'right');
    if (!left || !right) return;
    // `PAD, BOS, EOS = 0, 1, 2`: each name its own item.
    const pairs = this.unpackedPairs(left, right);
    if (pairs) {
      for (const [name, item] of pairs) this.globalNodes.set(this.nc.text(name), item);
      return;
    }
    if (left.type !== 'identifier') return;
    // Evaluated only when something reads the name (PyInterpreter.lookup): a generated file may
    // hold hundreds of thousands of module-level assignments that no model uses.
    this.globalNodes.set(this.nc.text(left), right);
  }

  resolveDotted(text: string): string {
    const clean = text.replace(/\s+/g, '');
    const dot = clean.indexOf('.');
    const head = dot < 0 ? clean : clean.slice(0, dot);
    const alias = this.aliases.get(head);
    return alias === undefined ? clean : alias + (dot < 0 ? '' : clean.slice(dot));
  }
}

/** Bases from Python itself: they add no module and no attribute the analysis needs. */
const PLAIN_BASE = /^(?:(?:builtins\.)?(?:object|dict|list|tuple|set|str|int|float|bool|bytes|Exception|BaseException|ValueError|RuntimeError|TypeError|KeyError)|(?:abc|typing|typing_extensions|enum|collections|collections\.abc|dataclasses|numbers|types)\.\w+(?:\[.*\])?|torch\.utils\.data(?:\.\w+)*\.\w+|torch\.autograd\.Function|ABC|Enum|IntEnum|NamedTuple|Protocol|Generic(?:\[.*\])?)$/;

/** A base written in a class header, resolved to a class of the workspace if it is one. */
export type BaseResolver = (program: PyProgram, baseText: string, cls: ClassDef) => ClassDef | undefined;

/** Classes and their bases across the workspace files the analysis has loaded. */
export class ClassIndex {
  constructor(private readonly resolveBase: BaseResolver) {}

  /** Why a base written by a name the workspace binds to no one class (`class A` under an undecided `if`) is not known; undefined when it is known or not the workspace's. */
  undecided?: (program: PyProgram, baseText: string) => Msg | undefined;

  /** The first base, up the class's ancestry, that names no one class (see `undecided`): its layers and methods are not known. */
  undecidedBase(c: ClassDef, depth = 0): Msg | undefined {
    if (depth > 20 || !this.undecided) return undefined;
    for (const b of c.bases) {
      const base = this.resolveBase(c.program, b, c);
      const why = base && base !== c ? this.undecidedBase(base, depth + 1) : base ? undefined : this.undecided(c.program, b);
      if (why) return why;
    }
    return undefined;
  }

  bases(c: ClassDef): ClassDef[] {
    const out: ClassDef[] = [];
    for (const b of c.bases) {
      const base = this.resolveBase(c.program, b, c);
      if (base && base !== c) out.push(base);
    }
    return out;
  }

  /** Derives from the builtin `dict` (AttrDict, EasyDict): its instances hold entries. */
  isDictClass(c: ClassDef, depth = 0): boolean {
    if (depth > 20) return false;
    return c.bases.some((b) => {
      const base = this.resolveBase(c.program, b, c);
      if (base && base !== c) return this.isDictClass(base, depth + 1);
      const name = c.program.resolveDotted(b);
      return name === 'dict' || name === 'builtins.dict';
    });
  }

  /** The torch.nn class an nn.Module subclass derives from (`Module`, `Sequential`, `Transformer`…). */
  torchBase(c: ClassDef, depth = 0): string | undefined {
    if (depth > 20) return undefined;
    for (const b of c.bases) {
      const resolved = c.program.resolveDotted(b);
      // torch.jit.ScriptModule is an nn.Module whose `@script_method`s TorchScript compiles: the same Python semantics.
      if (resolved === 'torch.nn.modules.module.Module' || b === 'Module' || resolved === 'torch.jit.ScriptModule' || resolved === 'torch.jit._script.ScriptModule' || LIGHTNING_MODULE.test(resolved)) return 'Module';
      if (resolved.startsWith('torch.nn.')) return resolved.slice('torch.nn.'.length).replace(/^modules\.\w+\./, '');
      const base = this.resolveBase(c.program, b, c);
      if (base && base !== c) {
        const t = this.torchBase(base, depth + 1);
        if (t) return t;
      }
    }
    return undefined;
  }

  isModuleClass(c: ClassDef): boolean {
    return this.torchBase(c) !== undefined;
  }

  /** A LightningModule subclass (directly or through workspace bases). */
  isLightningModule(c: ClassDef, depth = 0): boolean {
    if (depth > 20) return false;
    return c.bases.some((b) => {
      if (LIGHTNING_MODULE.test(c.program.resolveDotted(b))) return true;
      const base = this.resolveBase(c.program, b, c);
      return base !== undefined && base !== c && this.isLightningModule(base, depth + 1);
    });
  }

  /** A custom autograd function: `class F(torch.autograd.Function)`, used as `F.apply(...)`. */
  isAutogradFunction(c: ClassDef, depth = 0): boolean {
    if (depth > 20) return false;
    return c.bases.some((b) => {
      const resolved = c.program.resolveDotted(b);
      if (resolved === 'torch.autograd.Function' || resolved === 'torch.autograd.function.Function') return true;
      const base = this.resolveBase(c.program, b, c);
      return base !== undefined && base !== c && this.isAutogradFunction(base, depth + 1);
    });
  }

  /**
   * A base class (of the class or of its workspace bases) the analysis cannot see: a library
   * class that may make the instance a module, or give it attributes, that the analysis would
   * miss. Plain Python bases (object, ABC, Enum, NamedTuple, typing's generics…) are seen.
   */
  unseenBase(c: ClassDef, depth = 0): string | undefined {
    if (depth > 20) return undefined;
    for (const b of c.bases) {
      const base = this.resolveBase(c.program, b, c);
      if (base && base !== c) {
        const deeper = this.unseenBase(base, depth + 1);
        if (deeper) return deeper;
        continue;
      }
      if (!PLAIN_BASE.test(c.program.resolveDotted(b))) return b;
    }
    return undefined;
  }

  private readonly mros = new WeakMap<ClassDef, MroEntry[]>();

  /**
   * The class's method resolution order, as Python's C3 linearization makes it (`class D(B, C)`
   * with B and C both deriving from A: D, B, C, A — not depth-first D, B, A, C). A base outside
   * the workspace is its dotted name (its own bases unseen). An order C3 refuses (Python raises
   * TypeError) falls back to depth-first.
   */
  mro(c: ClassDef, seen: ReadonlySet<ClassDef> = new Set()): MroEntry[] {
    const known = this.mros.get(c);
    if (known) return known;
    if (seen.has(c) || seen.size > 30) return [c];
    const inner = new Set(seen).add(c);
    const direct: MroEntry[] = c.bases.map((b) => {
      const base = this.resolveBase(c.program, b, c);
      return base && base !== c ? base : c.program.resolveDotted(b);
    });
    const lists = [...direct.map((b) => (typeof b === 'string' ? [b] : this.mro(b, inner))), direct].map((l) => [...l]);
    const out: MroEntry[] = [c];
    for (;;) {
      const rest = lists.filter((l) => l.length > 0);
      if (rest.length === 0) break;
      const head = rest.map((l) => l[0]!).find((h) => !rest.some((l) => l.indexOf(h) > 0));
      if (head === undefined) {
        // Inconsistent: depth-first, each class once.
        for (const l of rest) for (const e of l) if (!out.includes(e)) out.push(e);
        break;
      }
      out.push(head);
      for (const l of rest) if (l[0] === head) l.shift();
    }
    if (seen.size === 0) this.mros.set(c, out);
    return out;
  }

  /** A method of the class or of a base class in the workspace, the first along the MRO. */
  findMethod(c: ClassDef, name: string): (MethodDef & { owner: ClassDef }) | undefined {
    for (const k of this.mro(c)) {
      const m = typeof k === 'string' ? undefined : k.methods.get(name);
      if (m && typeof k !== 'string') return { ...m, owner: k };
      // A class attribute of that name nearer along the MRO hides a base's method or property (`out_dim = 7` over `@property out_dim`).
      if (typeof k !== 'string' && k.attrs.has(name)) return undefined;
    }
    return undefined;
  }

  /** A method found after `after` along the MRO of `c` (what `super()` in `after` finds); a library class on the way: `{ library }`. */
  findMethodAfter(c: ClassDef, after: ClassDef, name: string): (MethodDef & { owner: ClassDef }) | { library: string } | undefined {
    const order = this.mro(c);
    const at = order.indexOf(after);
    if (at < 0) return undefined;
    for (const k of order.slice(at + 1)) {
      // object, ABC, typing's generics: nothing of a module's there.
      if (typeof k === 'string' && PLAIN_BASE.test(k)) continue;
      if (typeof k === 'string') return { library: k };
      const m = k.methods.get(name);
      if (m) return { ...m, owner: k };
    }
    return undefined;
  }

  /** The setter of a property along the MRO (the first class defining the name decides). */
  findSetter(c: ClassDef, name: string): (MethodDef & { owner: ClassDef }) | undefined {
    for (const k of this.mro(c)) {
      if (typeof k === 'string') continue;
      const set = k.setters.get(name);
      if (set) return { ...set, owner: k };
      if (k.methods.has(name) || k.attrs.has(name)) return undefined;
    }
    return undefined;
  }

  /** A class defined in the body of the class or of a base class, the first along the MRO. */
  findNested(c: ClassDef, name: string): ClassDef | undefined {
    for (const k of this.mro(c)) {
      if (typeof k === 'string') continue;
      if (k.methods.has(name) || k.attrs.has(name)) return undefined;
      const node = k.nested.get(name);
      if (node) return k.program.classAt(node);
    }
    return undefined;
  }

  /** A class attribute of the class or a base class, the first along the MRO. */
  findAttr(c: ClassDef, name: string): { node: Node; owner: ClassDef } | undefined {
    for (const k of this.mro(c)) {
      const a = typeof k === 'string' ? undefined : k.attrs.get(name);
      if (a && typeof k !== 'string') return { node: a, owner: k };
      // (And a method nearer along the MRO hides a base's class attribute.)
      if (typeof k !== 'string' && k.methods.has(name)) return undefined;
    }
    return undefined;
  }

  /**
   * Dataclass fields of the class and its bases in __init__'s order: base fields first, a field the
   * class declares again keeping the base's place (with the class's default), keyword-only ones last.
   */
  fields(c: ClassDef, depth = 0): ClassDef['fields'] {
    const all = this.allFields(c, depth);
    return [...all.filter((f) => !f.kwOnly), ...all.filter((f) => f.kwOnly)];
  }

  private allFields(c: ClassDef, depth: number): ClassDef['fields'] {
    if (depth > 10) return c.fields;
    const inherited = this.bases(c).flatMap((b) => this.allFields(b, depth + 1));
    const placed = inherited.map((f) => c.fields.find((o) => o.name === f.name) ?? f);
    return [...placed, ...c.fields.filter((o) => !inherited.some((f) => f.name === o.name))];
  }
}

/** The names a piece of Python source binds at its top level (assignments, def, class, import): what `exec` of it may change. */
export function namesBoundBy(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/^[ \t]*(?:(?:def|class)[ \t]+([A-Za-z_]\w*)|([A-Za-z_]\w*)[ \t]*(?:\*\*|\/\/|<<|>>|[-+*/%&|^@])?=(?!=)|(?:from[ \t]+\S+[ \t]+)?import[ \t]+(.+))/gm)) {
    if (m[1] ?? m[2]) names.add((m[1] ?? m[2])!);
    for (const part of (m[3] ?? '').split(',')) {
      const alias = /(?:\bas[ \t]+)?([A-Za-z_]\w*)[ \t()]*$/.exec(part.trim());
      if (alias) names.add(alias[1]!);
    }
  }
  return [...names];
}

/** A plain string literal's text (`"SIZE = 7"`, a triple-quoted block): quotes and prefix dropped, `\n` escapes read. */
function stringText(literal: string): string {
  const m = /^[rRuUbB]{0,2}("""|'''|"|')([\s\S]*)\1$/.exec(literal);
  return m ? m[2]!.replace(/\\n/g, '\n') : '';
}

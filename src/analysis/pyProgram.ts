// What a Python file declares at its top level: classes (with their methods and bases), functions,
// imports (as aliases: `nn` → `torch.nn`) and module-level assignments, which are kept as syntax
// and evaluated only when a model reads the name.
import type { Node } from './parser';
import type { NodeCache } from './parser';
import type { Value } from './values';

export interface ClassDef {
  name: string;
  node: Node;
  nameNode: Node;
  bases: string[];
  methods: Map<string, { node: Node; isStatic: boolean }>;
}

const TORCH_ALIASES: [string, string][] = [
  ['nn', 'torch.nn'],
  ['F', 'torch.nn.functional'],
  ['torch', 'torch'],
  ['math', 'math'],
  ['np', 'numpy'],
];

export class PyProgram {
  readonly classes = new Map<string, ClassDef>();
  /** Names with a value: functions, classes (as `class:Name` refs), constants once evaluated. */
  readonly globals = new Map<string, Value>();
  /** Module-level `name = expr` not evaluated yet. */
  readonly globalNodes = new Map<string, Node>();
  readonly aliases = new Map<string, string>(TORCH_ALIASES);
  /** Top-level function definitions, by name. */
  readonly functions = new Map<string, Node>();

  constructor(
    private readonly nc: NodeCache,
    readonly root: Node,
  ) {
    for (const stmt of this.nc.kids(root)) {
      if (!stmt) continue;
      const def = this.nc.type(stmt) === 'decorated_definition' ? this.nc.field(stmt, 'definition') : stmt;
      if (def?.type === 'class_definition') this.addClass(def);
      else if (def?.type === 'function_definition') {
        const name = this.nc.field(def, 'name')?.text;
        if (name) this.functions.set(name, def);
      } else if (this.nc.type(stmt) === 'import_statement' || this.nc.type(stmt) === 'import_from_statement') this.addImport(stmt);
      else if (this.nc.type(stmt) === 'expression_statement') this.topLevelStatement(stmt);
    }
  }

  private addClass(def: Node): void {
    const nameNode = this.nc.field(def, 'name');
    const body = this.nc.field(def, 'body');
    if (!nameNode || !body) return;
    const bases = (this.nc.field(def, 'superclasses') ? this.nc.kids(this.nc.field(def, 'superclasses')!) : []).filter((n): n is Node => n !== null && this.nc.type(n) !== 'keyword_argument').map((n) => this.nc.text(n));
    const methods = new Map<string, { node: Node; isStatic: boolean }>();
    for (const m of this.nc.kids(body)) {
      if (!m) continue;
      const isDecorated = this.nc.type(m) === 'decorated_definition';
      const fn = isDecorated ? this.nc.field(m, 'definition') : m;
      if (fn?.type !== 'function_definition') continue;
      const name = this.nc.field(fn, 'name')?.text;
      const isStatic = isDecorated && this.nc.kids(m).some((d) => d?.type === 'decorator' && /staticmethod/.test(this.nc.text(d)));
      if (name) methods.set(name, { node: fn, isStatic });
    }
    this.classes.set(this.nc.text(nameNode), { name: this.nc.text(nameNode), node: def, nameNode, bases, methods });
    this.globals.set(this.nc.text(nameNode), { t: 'ref', name: `class:${this.nc.text(nameNode)}` });
  }

  private addImport(stmt: Node): void {
    if (this.nc.type(stmt) === 'import_statement') {
      for (const n of this.nc.kids(stmt)) {
        if (n?.type === 'aliased_import') {
          const name = this.nc.field(n, 'name')?.text;
          const alias = this.nc.field(n, 'alias')?.text;
          if (name && alias) this.aliases.set(alias, name);
        } else if (n?.type === 'dotted_name') this.aliases.set(this.nc.text(n).split('.')[0] ?? this.nc.text(n), this.nc.text(n).split('.')[0] ?? this.nc.text(n));
      }
      return;
    }
    const mod = this.nc.field(stmt, 'module_name')?.text;
    if (!mod) return;
    for (const n of this.nc.fields(stmt, 'name')) {
      if (!n) continue;
      if (this.nc.type(n) === 'aliased_import') {
        const name = this.nc.field(n, 'name')?.text;
        const alias = this.nc.field(n, 'alias')?.text;
        if (name && alias) this.aliases.set(alias, `${mod}.${name}`);
      } else this.aliases.set(this.nc.text(n), `${mod}.${this.nc.text(n)}`);
    }
  }

  private topLevelStatement(stmt: Node): void {
    const a = stmt.namedChild(0);
    if (a?.type !== 'assignment') return;
    const left = this.nc.field(a, 'left');
    const right = this.nc.field(a, 'right');
    if (left?.type !== 'identifier' || !right) return;
    // Evaluated only when a model reads the name (see PyInterpreter.lookup): a generated file may
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

  isModuleClass(c: ClassDef, depth = 0): boolean {
    if (depth > 20) return false;
    return c.bases.some((b) => {
      const resolved = this.resolveDotted(b);
      if (resolved === 'torch.nn.Module' || resolved === 'torch.nn.modules.module.Module' || b === 'Module') return true;
      const other = this.classes.get(b);
      return other !== undefined && other !== c && this.isModuleClass(other, depth + 1);
    });
  }

  /** A method of the class or of a base class defined in this file. */
  findMethod(c: ClassDef, name: string, depth = 0): { node: Node; isStatic: boolean } | undefined {
    const m = c.methods.get(name);
    if (m || depth > 10) return m;
    for (const b of c.bases) {
      const base = this.classes.get(b);
      if (base && base !== c) {
        const found = this.findMethod(base, name, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }
}

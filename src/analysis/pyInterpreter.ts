// The abstract interpreter behind the PyTorch analysis: runs Python statements and expressions over
// values that are shapes, numbers, strings, tuples, modules and functions (values.ts). Module
// construction is torchModules.ts, tensor operations torchOps.ts; what it cannot follow becomes
// `unknown` with the reason and stays unknown downstream. Bounded by a step budget, an expression
// depth, a call depth and a loop-unrolling limit.
import type { LayerNumbers } from '../formula/layerFormulas';
import type { Node } from './parser';
import type { NodeCache } from './parser';
import type { ArgList } from './torchLayers';
import { NONE, asInt, firstTensor, isPlain, num, sameValue, tensor, toShape, truth, unknown, type Callable, type ModuleRef, type Value } from './values';
import { TorchOps, indexTensor, pick, sliceRange } from './torchOps';
import { type TorchModules, type ModuleInst } from './torchModules';
import type { ClassDef, PyProgram } from './pyProgram';

/** Thrown when the step budget is spent; the model's analysis stops with a reason. */
export class Budget extends Error {}

const MAX_STEPS = 200_000;
const MAX_DEPTH = 120;
const MAX_CALL_DEPTH = 24;
const MAX_LOOP = 4096;

export interface Scope {
  vars: Map<string, Value>;
  self?: ModuleRef;
  /** True while running the analysed model's own forward: its statements feed `flow`. */
  recordFlow: boolean;
}

/** What other code did with a model class: the constructor arguments and inputs it was given. */
export interface Observed {
  ctor?: Map<string, Value>;
  inputs?: number[][];
}

const BUILTINS = new Set(['range', 'len', 'int', 'float', 'list', 'tuple', 'super', 'max', 'min', 'print', 'isinstance', 'sum', 'enumerate', 'zip']);

export class PyInterpreter {
  readonly observed = new Map<string, Observed>();
  readonly ops: TorchOps;
  private readonly resolving = new Set<string>();
  private steps = 0;
  private depth = 0;
  private callDepth = 0;

  constructor(
    private readonly nc: NodeCache,
    private readonly program: PyProgram,
    readonly mods: TorchModules,
  ) {
    this.ops = new TorchOps((node, message, fix, nums) => this.mods.reportAt(node, message, fix, nums));
    for (const [name, def] of program.functions) program.globals.set(name, { t: 'func', f: this.makeFunction(def, new Map(), undefined, 'function') });
  }

  /** A fresh step budget (per model, per module-level statement). */
  resetBudget(): void {
    this.steps = 0;
  }

  /** A module-level constant, evaluated on first use; anything but a plain constant is unknown. */
  moduleConstant(name: string): Value | undefined {
    const known = this.program.globals.get(name);
    if (known) return known;
    const node = this.program.globalNodes.get(name);
    if (!node || this.resolving.has(name)) return undefined;
    this.resolving.add(name);
    let v: Value;
    try {
      v = this.safeEval(node, { vars: this.program.globals, recordFlow: false });
    } finally {
      this.resolving.delete(name);
    }
    // Only plain constants: running arbitrary module-level code is not this analysis' job.
    const plain = v.t === 'num' || v.t === 'str' || v.t === 'bool' || (v.t === 'seq' && v.items.every((i) => i.t === 'num'));
    const result = plain ? v : unknown(`'${name}' is not a constant the analysis can read`, `'${name}' 不是可静态读取的常量`);
    this.program.globals.set(name, result);
    return result;
  }

  instantiate(c: ClassDef, ctorValues: Map<string, Value> | undefined, node: Node, args?: ArgList): ModuleInst {
    const inst = this.mods.newModule(c.name, c.name, node);
    inst.userClass = c;
    const init = this.program.findMethod(c, '__init__');
    if (init) {
      const f = this.makeFunction(init.node, new Map(), inst, 'method');
      if (args) this.invokeFunction(f, args, false);
      else this.invokeWithValues(f, ctorValues);
    }
    return inst;
  }

  // ---------------------------------------------------------------- functions

  private makeFunction(def: Node, closure: Map<string, Value>, self: ModuleRef | undefined, kind: Callable['kind']): Callable {
    const params: string[] = [];
    const defaults = new Map<string, Node>();
    const paramsNode = this.nc.field(def, 'parameters');
    for (const p of paramsNode ? this.nc.kids(paramsNode) : []) {
      if (!p) continue;
      let name: string | undefined;
      if (this.nc.type(p) === 'identifier') name = this.nc.text(p);
      else if (this.nc.type(p) === 'typed_parameter') name = p.namedChild(0)?.text;
      else if (this.nc.type(p) === 'default_parameter' || this.nc.type(p) === 'typed_default_parameter') {
        name = this.nc.field(p, 'name')?.text;
        const v = this.nc.field(p, 'value');
        if (name && v) defaults.set(name, v);
      } else continue;
      if (name) params.push(name);
    }
    const body = this.nc.field(def, 'body')!;
    return { kind, params, defaults, body, closure, ...(self ? { self } : {}), expression: this.nc.type(def) === 'lambda', name: this.nc.field(def, 'name')?.text ?? 'lambda' };
  }

  /** Binds constructor arguments of a class from a call, for reuse when analysing it alone. */
  bindParams(def: Node | undefined, args: ArgList, dropSelf: boolean): Map<string, Value> | undefined {
    if (!def) return new Map();
    const f = this.makeFunction(def, new Map(), undefined, 'function');
    const names = dropSelf ? f.params.slice(1) : f.params;
    const out = new Map<string, Value>();
    names.forEach((n, i) => {
      const a = args.positional[i] ?? args.keyword.get(n);
      if (a) out.set(n, a.value);
    });
    return out;
  }

  private invokeWithValues(f: Callable, values: Map<string, Value> | undefined): Value {
    const names = f.self ? f.params.slice(1) : f.params;
    const args: ArgList = { positional: [], keyword: new Map() };
    for (const n of names) {
      const v = values?.get(n);
      if (v) args.keyword.set(n, { value: v });
    }
    return this.invokeFunction(f, args, false);
  }

  private invokeFunction(f: Callable, args: ArgList, isModelForward: boolean): Value {
    if (this.callDepth >= MAX_CALL_DEPTH) return unknown('calls nest too deeply to follow', '调用嵌套过深，无法继续分析');
    const vars = new Map<string, Value>(f.closure);
    let names = f.params;
    if (f.self && f.kind === 'method') {
      vars.set(names[0] ?? 'self', { t: 'module', m: f.self });
      names = names.slice(1);
    }
    const scope: Scope = { vars, recordFlow: isModelForward, ...(f.self ? { self: f.self } : {}) };
    names.forEach((n, i) => {
      const a = args.positional[i] ?? args.keyword.get(n);
      if (a) vars.set(n, a.value);
      else {
        const d = f.defaults.get(n);
        vars.set(n, d ? this.safeEval(d, { vars: new Map(this.program.globals), recordFlow: false }) : unknown(`'${n}' has no value here (instantiate the class in this file or give it a default)`, `'${n}' 在此处没有值（请在本文件中实例化该类或给出默认值）`, true));
      }
    });
    this.callDepth++;
    try {
      if (f.expression) return this.evalExpr(f.body, scope);
      const r = this.execBlock(f.body, scope);
      return r ?? NONE;
    } finally {
      this.callDepth--;
    }
  }

  // ---------------------------------------------------------------- statements

  /** Returns the value of a `return`, or undefined when the block falls through. */
  private execBlock(block: Node, scope: Scope): Value | undefined {
    for (const stmt of this.nc.kids(block)) {
      if (!stmt) continue;
      const r = this.execStmt(stmt, scope);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  private execStmt(stmt: Node, scope: Scope): Value | undefined {
    this.tick();
    switch (this.nc.type(stmt)) {
      case 'expression_statement': {
        const e = stmt.namedChild(0);
        if (!e) return undefined;
        if (this.nc.type(e) === 'assignment') this.execAssign(e, scope);
        else if (this.nc.type(e) === 'augmented_assignment') this.execAugAssign(e, scope);
        else this.safeEval(e, scope);
        return undefined;
      }
      case 'return_statement': {
        const e = stmt.namedChild(0);
        const v = e ? this.safeEval(e, scope) : NONE;
        if (scope.recordFlow) this.mods.flow.push({ range: this.nc.range(stmt), target: 'return', value: toShape(firstTensor(v)) });
        return v;
      }
      case 'if_statement':
        return this.execIf(stmt, scope);
      case 'for_statement':
        return this.execFor(stmt, scope);
      case 'while_statement': {
        const body = this.nc.field(stmt, 'body');
        if (body) this.execUnrolled(body, scope);
        return undefined;
      }
      case 'with_statement':
      case 'try_statement': {
        const body = this.nc.field(stmt, 'body');
        return body ? this.execBlock(body, scope) : undefined;
      }
      case 'function_definition': {
        const name = this.nc.field(stmt, 'name')?.text;
        if (name) scope.vars.set(name, { t: 'func', f: this.makeFunction(stmt, new Map(scope.vars), undefined, 'function') });
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private execIf(stmt: Node, scope: Scope): Value | undefined {
    const cond = this.nc.field(stmt, 'condition');
    const c = cond ? truth(this.safeEval(cond, scope)) : undefined;
    const cons = this.nc.field(stmt, 'consequence');
    const alts = this.nc.fields(stmt, 'alternative').filter((n): n is Node => n !== null);
    if (c === true) return cons ? this.execBlock(cons, scope) : undefined;
    if (c === false) {
      const first = alts[0];
      if (!first) return undefined;
      if (this.nc.type(first) === 'else_clause') {
        const body = this.nc.field(first, 'body');
        return body ? this.execBlock(body, scope) : undefined;
      }
      // elif: treat the rest as a nested if
      return this.execElif(alts, scope);
    }
    // Unknown condition: run both branches and keep only what they agree on.
    const a = new Map(scope.vars);
    const ra = cons ? this.execBlock(cons, { ...scope, vars: a }) : undefined;
    const b = new Map(scope.vars);
    const rb = alts.length > 0 ? this.execElif(alts, { ...scope, vars: b }) : undefined;
    for (const k of new Set([...a.keys(), ...b.keys()])) {
      const va = a.get(k);
      const vb = b.get(k);
      scope.vars.set(k, va && vb && sameValue(va, vb) ? va : unknown(`'${k}' depends on a condition the analysis cannot decide`, `'${k}' 取决于无法静态判断的条件`));
    }
    if (ra !== undefined && rb !== undefined) return sameValue(ra, rb) ? ra : unknown('the returned shape depends on a condition', '返回的形状取决于条件');
    return undefined;
  }

  private execElif(alts: Node[], scope: Scope): Value | undefined {
    const first = alts[0];
    if (!first) return undefined;
    if (this.nc.type(first) === 'else_clause') {
      const body = this.nc.field(first, 'body');
      return body ? this.execBlock(body, scope) : undefined;
    }
    const cond = this.nc.field(first, 'condition');
    const c = cond ? truth(this.safeEval(cond, scope)) : undefined;
    const cons = this.nc.field(first, 'consequence');
    if (c === true) return cons ? this.execBlock(cons, scope) : undefined;
    if (c === false) return this.execElif(alts.slice(1), scope);
    const a = new Map(scope.vars);
    const ra = cons ? this.execBlock(cons, { ...scope, vars: a }) : undefined;
    const b = new Map(scope.vars);
    const rb = this.execElif(alts.slice(1), { ...scope, vars: b });
    for (const k of new Set([...a.keys(), ...b.keys()])) {
      const va = a.get(k);
      const vb = b.get(k);
      scope.vars.set(k, va && vb && sameValue(va, vb) ? va : unknown(`'${k}' depends on a condition the analysis cannot decide`, `'${k}' 取决于无法静态判断的条件`));
    }
    if (ra !== undefined && rb !== undefined && sameValue(ra, rb)) return ra;
    return undefined;
  }

  private execFor(stmt: Node, scope: Scope): Value | undefined {
    const left = this.nc.field(stmt, 'left');
    const right = this.nc.field(stmt, 'right');
    const body = this.nc.field(stmt, 'body');
    if (!left || !right || !body) return undefined;
    const iter = this.iterate(this.safeEval(right, scope));
    if (!iter) {
      this.execUnrolled(body, scope);
      return undefined;
    }
    for (const item of iter) {
      this.assignTarget(left, item, scope);
      const r = this.execBlock(body, scope);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  /** A loop we cannot unroll: anything it assigns becomes unknown afterwards. */
  private execUnrolled(body: Node, scope: Scope): void {
    const fork = new Map(scope.vars);
    this.execBlock(body, { ...scope, vars: fork, recordFlow: false });
    for (const [k, v] of fork) if (scope.vars.get(k) !== v) scope.vars.set(k, unknown(`'${k}' changes in a loop the analysis cannot unroll`, `'${k}' 在无法展开的循环中被修改`));
  }

  private iterate(v: Value): Value[] | undefined {
    if (v.t === 'seq') return v.items;
    if (v.t === 'module') {
      const m = this.mods.get(v.m);
      if (m) return this.mods.iterate(m);
    }
    if (v.t === 'dict') return v.entries.map(([k]) => ({ t: 'str', v: k }));
    return undefined;
  }

  private execAssign(e: Node, scope: Scope): void {
    const left = this.nc.field(e, 'left');
    const right = this.nc.field(e, 'right');
    if (!left || !right) return;
    const v = this.safeEval(right, scope);
    this.assignTarget(left, v, scope);
    if (scope.recordFlow && this.nc.type(left) !== 'attribute' && this.nc.type(left) !== 'subscript') {
      this.mods.flow.push({ range: this.nc.range(e.parent ?? e), target: this.nc.text(left), value: toShape(firstTensor(v)) });
    }
  }

  private execAugAssign(e: Node, scope: Scope): void {
    const left = this.nc.field(e, 'left');
    const right = this.nc.field(e, 'right');
    const op = this.nc.field(e, 'operator')?.text.replace('=', '') ?? '+';
    if (!left || !right) return;
    const v = this.binary(op, this.safeEval(left, scope), this.safeEval(right, scope), e);
    this.assignTarget(left, v, scope);
    if (scope.recordFlow && this.nc.type(left) === 'identifier') this.mods.flow.push({ range: this.nc.range(e.parent ?? e), target: this.nc.text(left), value: toShape(firstTensor(v)) });
  }

  private assignTarget(target: Node, v: Value, scope: Scope): void {
    switch (this.nc.type(target)) {
      case 'identifier':
        scope.vars.set(this.nc.text(target), v);
        return;
      case 'attribute': {
        const obj = this.nc.field(target, 'object');
        const attr = this.nc.field(target, 'attribute')?.text;
        if (!obj || !attr) return;
        const o = this.safeEval(obj, scope);
        if (o.t === 'module') {
          const m = this.mods.get(o.m);
          if (m) this.mods.setAttr(m, attr, v, target.parent?.childForFieldName('right')?.text ?? '');
        }
        return;
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        const targets = this.nc.kids(target).filter((n): n is Node => n !== null);
        const items = v.t === 'seq' ? v.items : undefined;
        targets.forEach((t, i) => this.assignTarget(t, items?.[i] ?? (v.t === 'unknown' ? v : unknown(`cannot unpack ${this.nc.text(target)}`, `无法解包 ${this.nc.text(target)}`)), scope));
        return;
      }
      case 'parenthesized_expression': {
        const inner = target.namedChild(0);
        if (inner) this.assignTarget(inner, v, scope);
        return;
      }
      default:
        return; // subscript assignment (pe[:, 0::2] = …) changes values, not shapes
    }
  }

  // ---------------------------------------------------------------- expressions

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new Budget();
  }

  /** Evaluates without ever throwing for ordinary reasons (only the budget escapes). */
  private safeEval(node: Node, scope: Scope): Value {
    if (this.depth >= MAX_DEPTH) return unknown('the expression nests too deeply to follow', '表达式嵌套过深，无法分析');
    this.depth++;
    try {
      return this.evalExpr(node, scope);
    } finally {
      this.depth--;
    }
  }

  private evalExpr(node: Node, scope: Scope): Value {
    this.tick();
    switch (this.nc.type(node)) {
      case 'integer': {
        const t = this.nc.text(node).replace(/_/g, '').toLowerCase();
        const v = t.startsWith('0x') ? parseInt(t.slice(2), 16) : t.startsWith('0o') ? parseInt(t.slice(2), 8) : t.startsWith('0b') ? parseInt(t.slice(2), 2) : parseInt(t, 10);
        return Number.isFinite(v) ? num(v, true) : unknown('bad number', '无效数字', false);
      }
      case 'float':
        return num(parseFloat(this.nc.text(node).replace(/_/g, '')), false);
      case 'true':
        return { t: 'bool', v: true };
      case 'false':
        return { t: 'bool', v: false };
      case 'none':
        return NONE;
      case 'string': {
        if (this.nc.kids(node).some((c) => c?.type === 'interpolation')) return unknown('f-string', 'f 字符串', false);
        const content = this.nc.kids(node).filter((c) => c?.type === 'string_content').map((c) => c?.text ?? '').join('');
        return { t: 'str', v: content };
      }
      case 'concatenated_string':
        return { t: 'str', v: this.nc.text(node) };
      case 'identifier':
        return this.lookup(this.nc.text(node), scope);
      case 'parenthesized_expression': {
        const inner = node.namedChild(0);
        return inner ? this.safeEval(inner, scope) : NONE;
      }
      case 'tuple':
      case 'expression_list':
      case 'list':
        return { t: 'seq', items: this.nc.kids(node).filter((n): n is Node => n !== null && this.nc.type(n) !== 'comment').flatMap((n) => this.spread(n, scope)), tuple: this.nc.type(node) !== 'list' };
      case 'dictionary': {
        const entries: [string, Value][] = [];
        for (const p of this.nc.kids(node)) {
          if (p?.type !== 'pair') continue;
          const k = this.nc.field(p, 'key');
          const v = this.nc.field(p, 'value');
          const kv = k ? this.safeEval(k, scope) : NONE;
          if (kv.t === 'str' && v) entries.push([kv.v, this.safeEval(v, scope)]);
        }
        return { t: 'dict', entries };
      }
      case 'unary_operator': {
        const op = this.nc.field(node, 'operator')?.text;
        const arg = this.nc.field(node, 'argument');
        const v = arg ? this.safeEval(arg, scope) : NONE;
        if (v.t === 'num') return op === '-' ? num(-v.v, v.int) : op === '~' ? num(~v.v, true) : v;
        return v.t === 'tensor' ? v : unknown(`unknown value of ${this.nc.text(node)}`, `${this.nc.text(node)} 的值未知`, v.t === 'unknown' && v.tensorLike);
      }
      case 'not_operator': {
        const arg = this.nc.field(node, 'argument');
        const b = arg ? truth(this.safeEval(arg, scope)) : undefined;
        return b === undefined ? unknown('condition', '条件', false) : { t: 'bool', v: !b };
      }
      case 'boolean_operator': {
        const l = this.nc.field(node, 'left');
        const r = this.nc.field(node, 'right');
        const op = this.nc.field(node, 'operator')?.text;
        const lv = l ? truth(this.safeEval(l, scope)) : undefined;
        const rv = r ? truth(this.safeEval(r, scope)) : undefined;
        if (op === 'and') return lv === false || rv === false ? { t: 'bool', v: false } : lv === true && rv === true ? { t: 'bool', v: true } : unknown('condition', '条件', false);
        return lv === true || rv === true ? { t: 'bool', v: true } : lv === false && rv === false ? { t: 'bool', v: false } : unknown('condition', '条件', false);
      }
      case 'comparison_operator':
        return this.compare(node, scope);
      case 'conditional_expression': {
        const parts = this.nc.kids(node).filter((n): n is Node => n !== null);
        const [a, cond, b] = parts;
        if (!a || !cond || !b) return unknown('incomplete expression', '表达式不完整');
        const c = truth(this.safeEval(cond, scope));
        if (c === true) return this.safeEval(a, scope);
        if (c === false) return this.safeEval(b, scope);
        const va = this.safeEval(a, scope);
        const vb = this.safeEval(b, scope);
        return sameValue(va, vb) ? va : unknown('depends on a condition', '取决于条件');
      }
      case 'binary_operator': {
        const l = this.nc.field(node, 'left');
        const r = this.nc.field(node, 'right');
        const op = this.nc.field(node, 'operator')?.text ?? '?';
        if (!l || !r) return unknown('incomplete expression', '表达式不完整');
        return this.binary(op, this.safeEval(l, scope), this.safeEval(r, scope), node);
      }
      case 'attribute':
        return this.attribute(node, scope);
      case 'subscript':
        return this.subscript(node, scope);
      case 'call':
        return this.call(node, scope);
      case 'lambda':
        return { t: 'func', f: this.makeFunction(node, new Map(scope.vars), scope.self, 'lambda') };
      case 'list_comprehension':
      case 'generator_expression':
        return this.comprehension(node, scope);
      case 'keyword_argument': {
        const v = this.nc.field(node, 'value');
        return v ? this.safeEval(v, scope) : NONE;
      }
      case 'slice':
        return this.sliceValue(node, scope);
      case 'ellipsis':
        return { t: 'str', v: '...' };
      default:
        return unknown(`'${this.nc.text(node).slice(0, 40)}' is not something the analysis follows`, `分析不支持 '${this.nc.text(node).slice(0, 40)}'`);
    }
  }

  private spread(n: Node, scope: Scope): Value[] {
    if (this.nc.type(n) === 'list_splat') {
      const inner = n.namedChild(0);
      const v = inner ? this.safeEval(inner, scope) : NONE;
      return v.t === 'seq' ? v.items : [v];
    }
    return [this.safeEval(n, scope)];
  }

  private lookup(name: string, scope: Scope): Value {
    const v = scope.vars.get(name) ?? this.moduleConstant(name);
    if (v) return v;
    const alias = this.program.aliases.get(name);
    if (alias) return { t: 'ref', name: alias };
    if (BUILTINS.has(name)) return { t: 'ref', name: `builtins.${name}` };
    return unknown(`'${name}' is not defined where the analysis can see it`, `分析看不到 '${name}' 的定义`);
  }

  private compare(node: Node, scope: Scope): Value {
    const parts = this.nc.kids(node).filter((n): n is Node => n !== null);
    const ops = node.children.filter((c): c is Node => c !== null && !c.isNamed).map((c) => this.nc.text(c));
    if (parts.length !== 2 || ops.length < 1) return unknown('comparison', '比较', false);
    const a = this.safeEval(parts[0]!, scope);
    const b = this.safeEval(parts[1]!, scope);
    const op = ops.join(' ');
    if (op === 'is' || op === 'is not') {
      if (a.t === 'unknown' || b.t === 'unknown') return unknown('comparison', '比较', false);
      const same = a.t === 'none' && b.t === 'none';
      const differ = (a.t === 'none') !== (b.t === 'none');
      if (!same && !differ) return unknown('comparison', '比较', false);
      return { t: 'bool', v: op === 'is' ? same : !same };
    }
    if (a.t === 'tensor' || b.t === 'tensor') return a.t === 'tensor' ? a : b; // elementwise mask
    if (a.t === 'num' && b.t === 'num') {
      const r = op === '==' ? a.v === b.v : op === '!=' ? a.v !== b.v : op === '<' ? a.v < b.v : op === '<=' ? a.v <= b.v : op === '>' ? a.v > b.v : op === '>=' ? a.v >= b.v : undefined;
      return r === undefined ? unknown('comparison', '比较', false) : { t: 'bool', v: r };
    }
    return unknown('comparison', '比较', false);
  }

  private binary(op: string, a: Value, b: Value, node: Node): Value {
    if (a.t === 'num' && b.t === 'num') {
      const bothInt = a.int && b.int;
      switch (op) {
        case '+': return num(a.v + b.v, bothInt);
        case '-': return num(a.v - b.v, bothInt);
        case '*': return num(a.v * b.v, bothInt);
        case '/': return num(a.v / b.v, false);
        case '//': return b.v === 0 ? unknown('division by zero', '除以零', false) : num(Math.floor(a.v / b.v), bothInt);
        case '%': return b.v === 0 ? unknown('division by zero', '除以零', false) : num(((a.v % b.v) + b.v) % b.v, bothInt);
        case '**': return num(a.v ** b.v, bothInt && b.v >= 0);
        default: return unknown(`operator ${op}`, `运算符 ${op}`, false);
      }
    }
    if (a.t === 'seq' && b.t === 'seq' && op === '+') return { t: 'seq', items: [...a.items, ...b.items], tuple: a.tuple };
    if (a.t === 'str' && b.t === 'str' && op === '+') return { t: 'str', v: a.v + b.v };
    const t = this.ops.binary(op, a, b, node);
    if (t) return t;
    if (a.t === 'unknown') return a;
    if (b.t === 'unknown') return b;
    return unknown(`cannot follow ${op} here`, `无法分析此处的 ${op}`, false);
  }

  private attribute(node: Node, scope: Scope): Value {
    const objNode = this.nc.field(node, 'object');
    const attr = this.nc.field(node, 'attribute')?.text;
    if (!objNode || !attr) return unknown('incomplete attribute', '属性不完整');
    const o = this.safeEval(objNode, scope);
    switch (o.t) {
      case 'ref': {
        if (o.name.startsWith('class:')) {
          const c = this.program.classes.get(o.name.slice(6));
          const m = c ? this.program.findMethod(c, attr) : undefined;
          if (m) return { t: 'func', f: this.makeFunction(m.node, new Map(), undefined, 'function') };
          return unknown(`${o.name.slice(6)}.${attr} is not known`, `${o.name.slice(6)}.${attr} 未知`);
        }
        const full = `${o.name}.${attr}`;
        if (full === 'math.pi') return num(Math.PI, false);
        if (full === 'math.e') return num(Math.E, false);
        return { t: 'ref', name: full };
      }
      case 'module': {
        const m = this.mods.get(o.m);
        if (!m) return unknown('module', '模块');
        const v = m.attrs.get(attr);
        if (v) return v;
        if (m.userClass) {
          const meth = this.program.findMethod(m.userClass, attr);
          if (meth) return { t: 'func', f: this.makeFunction(meth.node, new Map(), meth.isStatic ? undefined : m, meth.isStatic ? 'function' : 'method') };
        }
        if (m.builtin) {
          const c = m.builtin.config[attr];
          if (typeof c === 'number') return num(c);
        }
        return { t: 'bound', recv: o, name: attr };
      }
      case 'tensor': {
        if (attr === 'shape') return { t: 'seq', items: o.shape.map((d) => num(d, true)), tuple: true };
        if (attr === 'T') return o.shape.length < 2 ? o : tensor([...o.shape].reverse());
        if (attr === 'data' || attr === 'mT') return attr === 'data' ? o : tensor([...o.shape.slice(0, -2), o.shape[o.shape.length - 1] ?? 0, o.shape[o.shape.length - 2] ?? 0]);
        if (attr === 'ndim') return num(o.shape.length, true);
        if (attr === 'device' || attr === 'dtype') return unknown(attr, attr, false);
        return { t: 'bound', recv: o, name: attr };
      }
      case 'seq':
        return { t: 'bound', recv: o, name: attr };
      case 'unknown':
        return o;
      default:
        return unknown(`${this.nc.text(node).slice(0, 40)} is not known`, `${this.nc.text(node).slice(0, 40)} 未知`);
    }
  }

  private callBound(recv: Value, name: string, args: ArgList, node: Node): Value {
    if (recv.t === 'module') return this.moduleMethod(this.mods.get(recv.m), name, args, node);
    if (recv.t === 'tensor') return this.ops.tensorMethod(name, recv, args, node);
    if (recv.t === 'seq' && !recv.tuple) {
      // Python lists are mutable: `blocks.append(EncoderBlock(...))` in __init__ builds the model.
      if (name === 'append') {
        const v = args.positional[0]?.value;
        if (v) recv.items.push(v);
        return NONE;
      }
      if (name === 'extend') {
        const v = args.positional[0]?.value;
        if (v?.t === 'seq') recv.items.push(...v.items);
        return NONE;
      }
    }
    return unknown(`.${name}() is not followed by the analysis`, `分析不支持 .${name}()`);
  }

  private sliceValue(node: Node, scope: Scope): Value {
    // slice children: [start] ':' [stop] [':' [step]]
    const parts: (Node | null)[] = [null, null, null];
    let idx = 0;
    for (const c of node.children) {
      if (!c) continue;
      if (!c.isNamed && this.nc.text(c) === ':') idx++;
      else if (c.isNamed && idx < 3) parts[idx] = c;
    }
    const ev = (n: Node | null): Value => (n ? this.safeEval(n, scope) : NONE);
    return { t: 'slice', start: ev(parts[0] ?? null), stop: ev(parts[1] ?? null), step: ev(parts[2] ?? null) };
  }

  private subscript(node: Node, scope: Scope): Value {
    const valueNode = this.nc.field(node, 'value');
    if (!valueNode) return unknown('incomplete subscript', '下标不完整');
    const base = this.safeEval(valueNode, scope);
    const idxNodes = this.nc.fields(node, 'subscript').filter((n): n is Node => n !== null);
    const idx = idxNodes.map((n) => this.safeEval(n, scope));
    if (base.t === 'seq') {
      const i = idx[0];
      if (idx.length !== 1 || !i) return unknown('subscript', '下标');
      if (i.t === 'num' && i.int) return base.items[i.v < 0 ? base.items.length + i.v : i.v] ?? unknown(`index ${i.v} is out of range`, `下标 ${i.v} 越界`);
      if (i.t === 'slice') {
        const r = sliceRange(i, base.items.length);
        return r ? { t: 'seq', items: pick(base.items, r), tuple: base.tuple } : unknown('slice', '切片');
      }
      return unknown('subscript', '下标');
    }
    if (base.t === 'module') {
      const m = this.mods.get(base.m);
      const i = idx[0];
      return m && i ? this.mods.index(m, i) : unknown('subscript of a module', '模块下标');
    }
    if (base.t === 'dict') {
      const i = idx[0];
      if (i?.t === 'str') return base.entries.find(([k]) => k === i.v)?.[1] ?? unknown(`no key '${i.v}'`, `没有键 '${i.v}'`);
      return unknown('dict lookup', '字典查找');
    }
    if (base.t === 'tensor') return indexTensor(base.shape, idx);
    return base.t === 'unknown' ? base : unknown('subscript', '下标');
  }

  private comprehension(node: Node, scope: Scope): Value {
    const body = this.nc.field(node, 'body');
    const clauses = this.nc.kids(node).filter((n): n is Node => n !== null && (this.nc.type(n) === 'for_in_clause' || this.nc.type(n) === 'if_clause'));
    if (!body) return unknown('comprehension', '推导式');
    const out: Value[] = [];
    const vars = new Map(scope.vars);
    const inner: Scope = { ...scope, vars, recordFlow: false };
    const run = (i: number): boolean => {
      if (out.length > MAX_LOOP) return false;
      const c = clauses[i];
      if (!c) {
        out.push(this.safeEval(body, inner));
        return true;
      }
      if (this.nc.type(c) === 'if_clause') {
        const cond = c.namedChild(0);
        const t = cond ? truth(this.safeEval(cond, inner)) : undefined;
        if (t === undefined) return false;
        return t ? run(i + 1) : true;
      }
      const left = this.nc.field(c, 'left');
      const right = this.nc.field(c, 'right');
      const items = right ? this.iterate(this.safeEval(right, inner)) : undefined;
      if (!left || !items) return false;
      for (const it of items) {
        this.assignTarget(left, it, inner);
        if (!run(i + 1)) return false;
      }
      return true;
    };
    return run(0) ? { t: 'seq', items: out, tuple: false } : unknown('a comprehension the analysis cannot unroll', '无法展开的推导式');
  }

  evalArgs(argNode: Node | null, scope: Scope): ArgList {
    const args: ArgList = { positional: [], keyword: new Map() };
    if (!argNode) return args;
    if (this.nc.type(argNode) === 'generator_expression') {
      args.positional.push({ value: this.safeEval(argNode, scope), node: argNode });
      return args;
    }
    for (const a of this.nc.kids(argNode)) {
      if (!a || this.nc.type(a) === 'comment') continue;
      if (this.nc.type(a) === 'keyword_argument') {
        const name = this.nc.field(a, 'name')?.text;
        const v = this.nc.field(a, 'value');
        if (name && v) args.keyword.set(name, { value: this.safeEval(v, scope), node: v });
      } else if (this.nc.type(a) === 'list_splat') {
        const inner = a.namedChild(0);
        const v = inner ? this.safeEval(inner, scope) : NONE;
        if (v.t === 'seq') for (const it of v.items) args.positional.push({ value: it });
        else args.positional.push({ value: unknown('*args', '*args') });
      } else if (this.nc.type(a) === 'dictionary_splat') {
        // **kwargs: values unknown, leave defaults
      } else args.positional.push({ value: this.safeEval(a, scope), node: a });
    }
    return args;
  }

  private call(node: Node, scope: Scope): Value {
    const fnNode = this.nc.field(node, 'function');
    if (!fnNode) return unknown('incomplete call', '调用不完整');
    const fn = this.safeEval(fnNode, scope);
    const args = this.evalArgs(this.nc.field(node, 'arguments'), scope);
    switch (fn.t) {
      case 'module':
        return this.callModule(this.mods.get(fn.m), args, node);
      case 'func':
        return this.invokeFunction(fn.f, args, false);
      case 'ref':
        return this.callRef(fn.name, args, node);
      case 'bound':
        return this.callBound(fn.recv, fn.name, args, node);
      case 'unknown':
        return fn;
      default:
        return unknown(`${this.nc.text(fnNode).slice(0, 40)} is not callable`, `${this.nc.text(fnNode).slice(0, 40)} 不可调用`);
    }
  }

  private callRef(name: string, args: ArgList, node: Node): Value {
    if (name.startsWith('class:')) {
      const c = this.program.classes.get(name.slice(6));
      if (!c) return unknown(`${name.slice(6)}`, name.slice(6));
      if (!this.program.isModuleClass(c)) return unknown(`${c.name} is not an nn.Module`, `${c.name} 不是 nn.Module`);
      if (this.callDepth >= MAX_CALL_DEPTH) return unknown('too deep', '嵌套过深');
      const ctor = this.bindParams(this.program.findMethod(c, '__init__')?.node, args, true);
      const obs = this.observed.get(c.name) ?? {};
      // Only plain values travel to the class's own analysis: module handles belong to this run.
      if (!obs.ctor && ctor && [...ctor.values()].every(isPlain)) obs.ctor = ctor;
      this.observed.set(c.name, obs);
      this.callDepth++;
      try {
        return { t: 'module', m: this.instantiate(c, undefined, node, args) };
      } finally {
        this.callDepth--;
      }
    }
    if (name.startsWith('torch.nn.') && !name.startsWith('torch.nn.functional.') && !name.startsWith('torch.nn.init.')) {
      return this.mods.construct(name.slice('torch.nn.'.length), args, node);
    }
    if (name.startsWith('builtins.')) return this.builtin(name.slice(9), args);
    if (name.startsWith('math.')) {
      const f = name.slice(5);
      const a = args.positional[0]?.value;
      if (a?.t !== 'num') return unknown(`${name} of an unknown value`, `${name} 的参数未知`, false);
      const fns: Record<string, (x: number) => number> = { sqrt: Math.sqrt, log: Math.log, exp: Math.exp, floor: Math.floor, ceil: Math.ceil, log2: Math.log2, log10: Math.log10, cos: Math.cos, sin: Math.sin };
      const g = fns[f];
      return g ? num(g(a.v), f === 'floor' || f === 'ceil') : unknown(name, name, false);
    }
    if (name === 'collections.OrderedDict' || name === 'OrderedDict') {
      const a = args.positional[0]?.value;
      if (a?.t === 'seq') {
        const entries: [string, Value][] = [];
        for (const it of a.items) if (it.t === 'seq' && it.items[0]?.t === 'str' && it.items[1]) entries.push([(it.items[0] as { v: string }).v, it.items[1]]);
        return { t: 'dict', entries };
      }
      return a ?? { t: 'dict', entries: [] };
    }
    if (name.startsWith('torch.')) return this.ops.torchFunction(name, args, node);
    return unknown(`${name} is not something the analysis knows`, `分析不认识 ${name}`);
  }

  private builtin(name: string, args: ArgList): Value {
    const a = args.positional[0]?.value;
    switch (name) {
      case 'range': {
        const ns = args.positional.map((p) => asInt(p.value));
        if (ns.some((n) => n === undefined) || ns.length === 0) return unknown('range of unknown length', '长度未知的 range', false);
        const [start, stop, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? 1];
        const items: Value[] = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
          items.push(num(i, true));
          if (items.length > MAX_LOOP) return unknown('range too long to unroll', 'range 过长，无法展开', false);
        }
        return { t: 'seq', items, tuple: false };
      }
      case 'len':
        return a?.t === 'seq' ? num(a.items.length, true) : a?.t === 'tensor' ? num(a.shape[0] ?? 0, true) : unknown('len', 'len', false);
      case 'int':
        return a?.t === 'num' ? num(Math.trunc(a.v), true) : unknown('int()', 'int()', false);
      case 'float':
        return a?.t === 'num' ? num(a.v, false) : unknown('float()', 'float()', false);
      case 'list':
      case 'tuple':
        return a?.t === 'seq' ? { ...a, tuple: name === 'tuple' } : a ?? { t: 'seq', items: [], tuple: name === 'tuple' };
      case 'super':
        return { t: 'ref', name: 'super' };
      case 'zip': {
        const lists = args.positional.map((p) => this.iterate(p.value));
        if (lists.some((l) => l === undefined) || lists.length === 0) return unknown('zip of unknown sequences', '无法展开的 zip', false);
        const n = Math.min(...lists.map((l) => l!.length));
        const items: Value[] = [];
        for (let i = 0; i < n; i++) items.push({ t: 'seq', items: lists.map((l) => l![i]!), tuple: true });
        return { t: 'seq', items, tuple: false };
      }
      case 'enumerate': {
        const l = a ? this.iterate(a) : undefined;
        if (!l) return unknown('enumerate of an unknown sequence', '无法展开的 enumerate', false);
        return { t: 'seq', items: l.map((v, i) => ({ t: 'seq', items: [num(i, true), v], tuple: true })), tuple: false };
      }
      case 'max':
      case 'min': {
        const ns = args.positional.map((p) => p.value);
        if (ns.every((n) => n.t === 'num')) return num((name === 'max' ? Math.max : Math.min)(...ns.map((n) => (n as { v: number }).v)));
        return unknown(name, name, false);
      }
      default:
        return unknown(`${name}()`, `${name}()`, false);
    }
  }

  callModule(m: ModuleInst | undefined, args: ArgList, node: Node): Value {
    if (!m) return unknown('module', '模块');
    const inputs = args.positional.map((a) => a.value);
    let out: Value;
    let numbers: LayerNumbers | undefined;
    if (m.builtin) {
      const r = this.mods.applyBuiltin(m, m.builtin, inputs, node);
      out = r.out;
      numbers = r.numbers;
    } else if (m.container === 'Sequential' || m.container === 'TransformerStack') {
      let x: Value = inputs[0] ?? NONE;
      const chain = m.container === 'TransformerStack' ? [...(m.children[0]?.inst.children ?? []), ...m.children.slice(1)] : m.children;
      for (const c of chain) x = this.callModule(c.inst, { positional: [{ value: x }], keyword: new Map() }, node);
      out = x;
    } else if (m.userClass) {
      const fwd = this.program.findMethod(m.userClass, 'forward');
      if (!fwd) out = unknown(`${m.kind} has no forward`, `${m.kind} 没有 forward`);
      else {
        const shapes = inputs.filter((v): v is { t: 'tensor'; shape: number[] } => v.t === 'tensor').map((v) => v.shape);
        const obs = this.observed.get(m.kind) ?? {};
        if (!obs.inputs && shapes.length > 0 && shapes.length === inputs.filter((v) => v.t === 'tensor' || v.t === 'unknown').length) obs.inputs = shapes;
        this.observed.set(m.kind, obs);
        out = this.invokeFunction(this.makeFunction(fwd.node, new Map(), m, 'method'), args, false);
      }
    } else out = unknown(`${m.kind} is not callable`, `${m.kind} 不可直接调用`);
    this.mods.recordCall(m, node, inputs[0], out, numbers);
    return out;
  }

  /** The analysed model's own forward: its statements are recorded in `flow`. */
  runForward(fwd: Node, self: ModuleInst, args: ArgList): Value {
    return this.invokeFunction(this.makeFunction(fwd, new Map(), self, 'method'), args, true);
  }

  private moduleMethod(m: ModuleInst | undefined, meth: string, args: ArgList, node: Node): Value {
    if (!m) return unknown('module', '模块');
    if (meth === 'forward' || meth === '__call__') return this.callModule(m, args, node);
    return this.mods.method(m, meth, args);
  }
}

// PyTorch models in Python source: finds nn.Module subclasses, runs `__init__` and `forward`
// symbolically over shapes (not values), and reports each layer's calls, shapes and parameters.
// Anything it cannot follow becomes `unknown` with a reason; it never guesses a dimension.
import type { Node } from './parser';
import { NodeCache } from './parser';
import type { AnalyzeOptions, ConfigValue, FlowStep, InputSource, LayerCall, LayerInfo, ModelInfo, Msg, ShapeDiagnostic, ShapeResult, SourceRange } from './types';
import { buildTorchLayer, flattenShape, isTorchLayer, type ArgList, type BuiltinLayer, type LayerProblem } from './torchLayers';
import { NONE, asInt, asInts, fmtShape, num, product, tensor, unknown, type Callable, type ModuleRef, type Value } from './values';
import { parseInputAnnotations } from './inputAnnotation';
import { explainProblem, stepsForCall } from './explain';
import type { LayerNumbers } from '../formula/layerFormulas';
import { conceptIdsFor } from './concepts';

interface ClassDef {
  name: string;
  node: Node;
  nameNode: Node;
  bases: string[];
  methods: Map<string, { node: Node; isStatic: boolean }>;
}

interface ModuleInst extends ModuleRef {
  kind: string;
  callee: string;
  node: Node;
  builtin?: BuiltinLayer;
  container?: 'Sequential' | 'ModuleList' | 'ModuleDict' | 'TransformerStack';
  children: { name: string; inst: ModuleInst }[];
  userClass?: ClassDef;
  attrs: Map<string, Value>;
  ownParams: number | null;
  /** The extra norm of nn.TransformerEncoder(…, norm=…). */
  layerInfo?: number;
}

class Budget extends Error {}

const MAX_STEPS = 200_000;
const MAX_DEPTH = 120;
const MAX_CALL_DEPTH = 24;
const MAX_LOOP = 4096;
const MAX_MODELS = 200;

interface Scope {
  vars: Map<string, Value>;
  self?: ModuleRef;
  /** True while running the analysed model's own forward: its statements feed `flow`. */
  recordFlow: boolean;
}

interface Observed {
  ctor?: Map<string, Value>;
  inputs?: number[][];
}

const TORCH_ALIASES: [string, string][] = [
  ['nn', 'torch.nn'],
  ['F', 'torch.nn.functional'],
  ['torch', 'torch'],
  ['math', 'math'],
  ['np', 'numpy'],
];

/** What the Python analysis reports; `cap` when the file has more models than it analyses. */
export interface PythonAnalysis {
  models: ModelInfo[];
  diagnostics: ShapeDiagnostic[];
  cap?: { analysed: number; found: number; lastLine: number };
}

export function analyzePythonTree(root: Node, text: string, opts: AnalyzeOptions): PythonAnalysis {
  const a = new PyAnalyzer(root, text, opts);
  return a.run();
}

class PyAnalyzer {
  private readonly nc = new NodeCache();
  private readonly classes = new Map<string, ClassDef>();
  private readonly globals = new Map<string, Value>();
  private readonly globalNodes = new Map<string, Node>();
  private readonly resolving = new Set<string>();
  private readonly aliases = new Map<string, string>(TORCH_ALIASES);
  private readonly observed = new Map<string, Observed>();
  private readonly moduleLevelCtor = new Map<string, Map<string, Value>>();
  private modules: ModuleInst[] = [];
  private steps = 0;
  private depth = 0;
  private callDepth = 0;
  // Per-model state, reset by analyzeClass.
  private layers: LayerInfo[] = [];
  private trace: { layer: number; call: number }[] = [];
  private flow: FlowStep[] = [];
  private diags: ShapeDiagnostic[] = [];
  private modelName = '';

  constructor(
    private readonly root: Node,
    private readonly text: string,
    private readonly opts: AnalyzeOptions,
  ) {}

  run(): PythonAnalysis {
    this.collectTopLevel();
    const allModels = [...this.classes.values()].filter((c) => this.isModuleClass(c, 0));
    // A file with hundreds of models is generated, not written: analyse the first MAX_MODELS.
    const modelClasses = allModels.slice(0, MAX_MODELS);
    const annotations = parseInputAnnotations(this.text, '#');
    const usedInside = this.classesUsedInsideOthers(modelClasses);
    const results = new Map<string, { model: ModelInfo; diags: ShapeDiagnostic[] }>();
    const inputFor = (c: ClassDef): { inputs: number[][]; source: InputSource } => {
      if (this.opts.forceInput && !usedInside.has(c.name)) return { inputs: [this.opts.forceInput], source: 'cli' };
      const ann = annotationFor(c, annotations);
      if (ann) return { inputs: ann, source: 'annotation' };
      const obs = this.observed.get(c.name)?.inputs;
      if (obs) return { inputs: obs, source: 'caller' };
      if (this.opts.defaultInput && !usedInside.has(c.name)) return { inputs: [this.opts.defaultInput], source: 'setting' };
      return { inputs: [], source: 'none' };
    };
    // Models that others use run last: by then their callers have recorded the constructor
    // arguments and input shapes they were given, so each model runs once.
    const order = [...modelClasses.filter((c) => !usedInside.has(c.name)), ...modelClasses.filter((c) => usedInside.has(c.name))];
    for (const c of order) {
      if (this.opts.isCancelled?.()) break;
      const inp = inputFor(c);
      results.set(c.name, this.analyzeClass(c, inp.inputs, inp.source));
    }
    // An inner model used only by another inner model that ran after it: run it again with what
    // it was given.
    for (const c of order) {
      if (this.opts.isCancelled?.()) break;
      const prev = results.get(c.name);
      if (prev && prev.model.inputSource === 'none' && this.observed.get(c.name)?.inputs) {
        const inp = inputFor(c);
        results.set(c.name, this.analyzeClass(c, inp.inputs, inp.source));
      }
    }
    const models: ModelInfo[] = [];
    const diagnostics: ShapeDiagnostic[] = [];
    const seen = new Set<string>();
    for (const c of modelClasses) {
      const r = results.get(c.name);
      if (!r) continue;
      if (this.opts.onlyModel !== undefined && this.opts.onlyModel !== c.name) continue;
      models.push(r.model);
      for (const d of r.diags) {
        const key = `${d.range.start.line}:${d.range.start.character}:${d.message.en}`;
        if (!seen.has(key)) {
          seen.add(key);
          diagnostics.push(d);
        }
      }
      if (r.model.inputSource === 'none' && !usedInside.has(c.name) && r.model.layers.length > 0) {
        diagnostics.push({
          code: 'no-input-shape', severity: 'info', range: this.nc.range(c.nameNode), model: c.name,
          message: { en: `${c.name}: no input shape, so output shapes are unknown. Add a comment such as "# input: (64, 1, 28, 28)" in the class or set modelLens.defaultInputShape.`, 'zh-cn': `${c.name}：没有输入形状，因此输出形状未知。请在类中添加注释，例如 "# input: (64, 1, 28, 28)"，或设置 modelLens.defaultInputShape。` },
        });
      }
    }
    const last = modelClasses[modelClasses.length - 1];
    const cap = allModels.length > modelClasses.length && last ? { analysed: modelClasses.length, found: allModels.length, lastLine: last.node.endPosition.row } : undefined;
    return { models, diagnostics, ...(cap ? { cap } : {}) };
  }

  // ---------------------------------------------------------------- file structure

  private collectTopLevel(): void {
    for (const stmt of this.nc.kids(this.root)) {
      if (!stmt) continue;
      const def = this.nc.type(stmt) === 'decorated_definition' ? this.nc.field(stmt, 'definition') : stmt;
      if (def?.type === 'class_definition') this.addClass(def);
      else if (def?.type === 'function_definition') {
        const name = this.nc.field(def, 'name')?.text;
        if (name) this.globals.set(name, { t: 'func', f: this.makeFunction(def, new Map(), undefined, 'function') });
      } else if (this.nc.type(stmt) === 'import_statement' || this.nc.type(stmt) === 'import_from_statement') this.addImport(stmt);
      else if (this.nc.type(stmt) === 'expression_statement') this.topLevelStatement(stmt);
    }
    // Instantiations at module level (`model = SimpleRNN(input_size, …)`) give constructor values.
    this.findModuleLevelInstantiations(this.root);
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
    // Evaluated only when a model reads the name (see lookup): a generated file may hold hundreds
    // of thousands of module-level assignments that no model uses.
    this.globalNodes.set(this.nc.text(left), right);
  }

  /** A module-level constant, evaluated on first use; anything but a plain constant is unknown. */
  private moduleConstant(name: string): Value | undefined {
    const known = this.globals.get(name);
    if (known) return known;
    const node = this.globalNodes.get(name);
    if (!node || this.resolving.has(name)) return undefined;
    this.resolving.add(name);
    let v: Value;
    try {
      v = this.safeEval(node, { vars: this.globals, recordFlow: false });
    } finally {
      this.resolving.delete(name);
    }
    // Only plain constants: running arbitrary module-level code is not this analysis' job.
    const plain = v.t === 'num' || v.t === 'str' || v.t === 'bool' || (v.t === 'seq' && v.items.every((i) => i.t === 'num'));
    const result = plain ? v : unknown(`'${name}' is not a constant the analysis can read`, `'${name}' 不是可静态读取的常量`);
    this.globals.set(name, result);
    return result;
  }

  private findModuleLevelInstantiations(root: Node): void {
    if (this.classes.size === 0) return;
    const mentions = new RegExp(`\\b(${[...this.classes.keys()].join('|')})\\s*\\(`);
    const stack: Node[] = [];
    for (const c of this.nc.kids(root)) {
      if (!c || this.nc.type(c) === 'class_definition' || this.nc.type(c) === 'function_definition' || this.nc.type(c) === 'decorated_definition') continue;
      // Cheap text test first: most module-level statements never mention a model class.
      if (c.endIndex - c.startIndex < 100_000 && mentions.test(this.nc.text(c))) stack.push(c);
    }
    let guard = 0;
    while (stack.length > 0 && guard++ < 100_000) {
      const n = stack.pop()!;
      if (this.nc.type(n) === 'call') {
        const fn = this.nc.field(n, 'function');
        if (fn?.type === 'identifier' && this.classes.has(this.nc.text(fn)) && !this.moduleLevelCtor.has(this.nc.text(fn))) {
          const cls = this.classes.get(this.nc.text(fn))!;
          this.steps = 0;
          let args: ArgList;
          try {
            args = this.evalArgs(this.nc.field(n, 'arguments'), { vars: this.globals, recordFlow: false });
          } catch (e) {
            if (e instanceof Budget) continue;
            throw e;
          }
          const bound = this.bindParams(cls.methods.get('__init__')?.node, args, true);
          if (bound) this.moduleLevelCtor.set(this.nc.text(fn), bound);
        }
      }
      for (const c of this.nc.kids(n)) if (c) stack.push(c);
    }
  }

  private isModuleClass(c: ClassDef, depth: number): boolean {
    if (depth > 20) return false;
    return c.bases.some((b) => {
      const resolved = this.resolveDotted(b);
      if (resolved === 'torch.nn.Module' || resolved === 'torch.nn.modules.module.Module' || b === 'Module') return true;
      const other = this.classes.get(b);
      return other !== undefined && other !== c && this.isModuleClass(other, depth + 1);
    });
  }

  private classesUsedInsideOthers(models: ClassDef[]): Set<string> {
    // A text search is enough (and far cheaper than walking every node): `Name(` inside another
    // model's source means that model instantiates it.
    const used = new Set<string>();
    if (models.length < 2) return used;
    const pattern = new RegExp(`\\b(${models.map((m) => m.name).join('|')})\\s*\\(`, 'g');
    for (const m of models) {
      const body = this.text.slice(m.node.startIndex, m.node.endIndex);
      for (const match of body.matchAll(pattern)) if (match[1] !== m.name) used.add(match[1]!);
    }
    return used;
  }

  private resolveDotted(text: string): string {
    const clean = text.replace(/\s+/g, '');
    const dot = clean.indexOf('.');
    const head = dot < 0 ? clean : clean.slice(0, dot);
    const alias = this.aliases.get(head);
    return alias === undefined ? clean : alias + (dot < 0 ? '' : clean.slice(dot));
  }

  // ---------------------------------------------------------------- one model

  private analyzeClass(c: ClassDef, inputs: number[][], inputSource: InputSource): { model: ModelInfo; diags: ShapeDiagnostic[] } {
    this.modules = [];
    this.layers = [];
    this.trace = [];
    this.flow = [];
    this.diags = [];
    this.modelName = c.name;
    this.steps = 0;
    let output: ShapeResult = { known: false, reason: { en: 'no input shape', 'zh-cn': '没有输入形状' } };
    let rootInst: ModuleInst | undefined;
    try {
      const ctor = this.moduleLevelCtor.get(c.name) ?? this.observed.get(c.name)?.ctor;
      rootInst = this.instantiate(c, ctor, c.node);
      this.registerTree(rootInst);
      if (inputs.length > 0) {
        const fwd = this.findMethod(c, 'forward');
        if (!fwd) output = { known: false, reason: { en: `${c.name} has no forward method`, 'zh-cn': `${c.name} 没有 forward 方法` } };
        else {
          const args: ArgList = { positional: inputs.map((s) => ({ value: tensor(s) })), keyword: new Map() };
          const result = this.invokeFunction(this.makeFunction(fwd.node, new Map(), rootInst, 'method'), args, true);
          output = toShape(firstTensor(result));
        }
      }
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
      output = { known: false, reason: { en: 'the analysis stopped: the code is too large or too deeply nested to follow', 'zh-cn': '分析已停止：代码过大或嵌套过深' } };
    }
    const extent = this.nc.range(c.node);
    const model: ModelInfo = {
      name: c.name,
      framework: 'pytorch',
      range: this.nc.range(c.nameNode),
      extent,
      inputs,
      inputSource,
      layers: this.layers,
      output,
      totalParams: rootInst ? this.subtreeParams(rootInst, new Set()) : null,
      trace: this.trace,
      flow: this.flow,
    };
    for (const l of this.layers) if (l.calls.length === 0) l.output = { known: false, reason: inputs.length === 0 ? { en: 'no input shape for this model', 'zh-cn': '该模型没有输入形状' } : { en: 'this layer is never called in forward', 'zh-cn': '该层在 forward 中从未被调用' } };
    return { model, diags: this.diags };
  }

  private findMethod(c: ClassDef, name: string, depth = 0): { node: Node; isStatic: boolean } | undefined {
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

  private newModule(kind: string, callee: string, node: Node): ModuleInst {
    const m: ModuleInst = { id: this.modules.length, kind, callee, node, children: [], attrs: new Map(), ownParams: 0 };
    this.modules.push(m);
    return m;
  }

  private instantiate(c: ClassDef, ctorValues: Map<string, Value> | undefined, node: Node, args?: ArgList): ModuleInst {
    const inst = this.newModule(c.name, c.name, node);
    inst.userClass = c;
    const init = this.findMethod(c, '__init__');
    if (init) {
      const f = this.makeFunction(init.node, new Map(), inst, 'method');
      if (args) this.invokeFunction(f, args, false);
      else this.invokeWithValues(f, ctorValues);
    }
    return inst;
  }

  /** Names every module reachable from the root like named_modules() does, and makes its LayerInfo. */
  private registerTree(rootInst: ModuleInst): void {
    const seen = new Set<number>([rootInst.id]);
    const visit = (inst: ModuleInst, prefix: string, depth: number): void => {
      for (const { name, inst: child } of this.namedChildren(inst)) {
        if (seen.has(child.id)) continue;
        seen.add(child.id);
        const path = prefix === '' ? name : `${prefix}.${name}`;
        child.layerInfo = this.layers.length;
        this.layers.push({
          name, path, kind: child.kind, callee: child.callee, range: this.nc.range(child.node), config: child.builtin?.config ?? {},
          calls: [], output: { known: false, reason: { en: 'not called', 'zh-cn': '未被调用' } },
          params: this.subtreeParams(child, new Set()), conceptIds: conceptIdsFor('pytorch', child.callee, child.kind), depth,
        });
        for (const p of child.builtin?.problems ?? []) this.report(child, p, child.node);
        visit(child, path, depth + 1);
      }
    };
    visit(rootInst, '', 0);
  }

  private namedChildren(inst: ModuleInst): { name: string; inst: ModuleInst }[] {
    if (inst.container || !inst.userClass) return inst.children;
    const out: { name: string; inst: ModuleInst }[] = [];
    for (const [name, v] of inst.attrs) {
      if (v.t === 'module') {
        const m = this.modules[v.m.id];
        if (m) out.push({ name, inst: m });
      }
    }
    return out;
  }

  private subtreeParams(inst: ModuleInst, seen: Set<number>): number | null {
    if (seen.has(inst.id)) return 0;
    seen.add(inst.id);
    if (inst.builtin) return inst.builtin.params;
    let total: number | null = inst.ownParams;
    for (const { inst: child } of this.namedChildren(inst)) {
      const p = this.subtreeParams(child, seen);
      total = total === null || p === null ? null : total + p;
    }
    return total;
  }

  private report(inst: ModuleInst, p: LayerProblem, at: Node): void {
    const info = inst.layerInfo !== undefined ? this.layers[inst.layerInfo] : undefined;
    const who = info?.path ?? inst.kind;
    const argNode = p.argName ? inst.builtin?.argNodes.get(p.argName) : undefined;
    const explanation = explainProblem(inst.kind, p);
    const d: ShapeDiagnostic = {
      code: p.expected !== undefined ? 'shape-mismatch' : 'invalid-config',
      severity: 'error',
      range: this.nc.range(argNode ?? at),
      message: { en: `${who} ${p.message.en}${explanation.en}`, 'zh-cn': `${who} ${p.message['zh-cn']}${explanation['zh-cn']}` },
      model: this.modelName,
      layer: who,
    };
    if (p.expected !== undefined) d.expected = p.expected;
    if (p.actual !== undefined) d.actual = p.actual;
    if (argNode && p.fixText !== undefined) {
      d.fix = { title: { en: `Change ${p.argName} to ${p.fixText}`, 'zh-cn': `将 ${p.argName} 改为 ${p.fixText}` }, range: this.nc.range(argNode), newText: p.fixText };
    }
    this.diags.push(d);
  }

  private reportAt(node: Node, message: Msg, fix?: { argNode: Node; text: string; what: string }, nums?: { expected: number; actual: number }): void {
    const d: ShapeDiagnostic = { code: nums ? 'shape-mismatch' : 'invalid-config', severity: 'error', range: this.nc.range(fix?.argNode ?? node), message, model: this.modelName };
    if (nums) {
      d.expected = nums.expected;
      d.actual = nums.actual;
    }
    if (fix) d.fix = { title: { en: `Change ${fix.what} to ${fix.text}`, 'zh-cn': `将 ${fix.what} 改为 ${fix.text}` }, range: this.nc.range(fix.argNode), newText: fix.text };
    this.diags.push(d);
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
  private bindParams(def: Node | undefined, args: ArgList, dropSelf: boolean): Map<string, Value> | undefined {
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
        vars.set(n, d ? this.safeEval(d, { vars: new Map(this.globals), recordFlow: false }) : unknown(`'${n}' has no value here (instantiate the class in this file or give it a default)`, `'${n}' 在此处没有值（请在本文件中实例化该类或给出默认值）`, true));
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
        if (scope.recordFlow) this.flow.push({ range: this.nc.range(stmt), target: 'return', value: toShape(firstTensor(v)) });
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
      const m = this.modules[v.m.id];
      if (m && (m.container === 'ModuleList' || m.container === 'Sequential' || m.container === 'TransformerStack')) return m.children.map((c) => ({ t: 'module', m: c.inst }));
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
      this.flow.push({ range: this.nc.range(e.parent ?? e), target: this.nc.text(left), value: toShape(firstTensor(v)) });
    }
  }

  private execAugAssign(e: Node, scope: Scope): void {
    const left = this.nc.field(e, 'left');
    const right = this.nc.field(e, 'right');
    const op = this.nc.field(e, 'operator')?.text.replace('=', '') ?? '+';
    if (!left || !right) return;
    const v = this.binary(op, this.safeEval(left, scope), this.safeEval(right, scope), e);
    this.assignTarget(left, v, scope);
    if (scope.recordFlow && this.nc.type(left) === 'identifier') this.flow.push({ range: this.nc.range(e.parent ?? e), target: this.nc.text(left), value: toShape(firstTensor(v)) });
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
          const m = this.modules[o.m.id];
          if (m) {
            m.attrs.set(attr, v);
            if (v.t === 'tensor' && v.param && m.ownParams !== null) m.ownParams += product(v.shape);
            else if (v.t === 'unknown' && /nn\.Parameter|Parameter\(/.test(target.parent?.childForFieldName('right')?.text ?? '')) m.ownParams = null;
          }
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
    const alias = this.aliases.get(name);
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
    if (op === '@') return this.matmul(a, b, node);
    if (a.t === 'tensor' && (b.t === 'num' || b.t === 'bool')) return a;
    if (b.t === 'tensor' && (a.t === 'num' || a.t === 'bool')) return b;
    if (a.t === 'tensor' && b.t === 'tensor') {
      const r = broadcast(a.shape, b.shape);
      if (!r) {
        this.reportAt(node, { en: `cannot broadcast ${fmtShape(a.shape)} ${op} ${fmtShape(b.shape)}: sizes must match or be 1, aligned from the right`, 'zh-cn': `无法广播 ${fmtShape(a.shape)} ${op} ${fmtShape(b.shape)}：从右对齐后各维必须相等或为 1` });
        return unknown(`shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} do not broadcast`, `形状 ${fmtShape(a.shape)} 与 ${fmtShape(b.shape)} 无法广播`);
      }
      return tensor(r);
    }
    if (a.t === 'unknown') return a;
    if (b.t === 'unknown') return b;
    return unknown(`cannot follow ${op} here`, `无法分析此处的 ${op}`, false);
  }

  private matmul(a: Value, b: Value, node: Node): Value {
    if (a.t !== 'tensor' || b.t !== 'tensor') return a.t === 'unknown' ? a : b.t === 'unknown' ? b : unknown('matmul of non-tensors', '非张量的矩阵乘法');
    const as = a.shape.length === 1 ? [1, a.shape[0] ?? 0] : a.shape;
    const bs = b.shape.length === 1 ? [b.shape[0] ?? 0, 1] : b.shape;
    const k1 = as[as.length - 1];
    const k2 = bs[bs.length - 2];
    if (k1 !== k2) {
      this.reportAt(node, { en: `matmul ${fmtShape(a.shape)} @ ${fmtShape(b.shape)}: inner sizes ${k1} and ${k2} differ`, 'zh-cn': `矩阵乘法 ${fmtShape(a.shape)} @ ${fmtShape(b.shape)}：内维 ${k1} 与 ${k2} 不相等` }, undefined, { expected: k1 ?? 0, actual: k2 ?? 0 });
      return unknown('matmul sizes differ', '矩阵乘法维度不匹配');
    }
    const batch = broadcast(as.slice(0, -2), bs.slice(0, -2));
    if (!batch) return unknown('matmul batch dims do not broadcast', '矩阵乘法的批维度无法广播');
    const out = [...batch, as[as.length - 2] ?? 0, bs[bs.length - 1] ?? 0];
    if (a.shape.length === 1) out.splice(out.length - 2, 1);
    if (b.shape.length === 1) out.splice(out.length - 1, 1);
    return tensor(out);
  }

  private attribute(node: Node, scope: Scope): Value {
    const objNode = this.nc.field(node, 'object');
    const attr = this.nc.field(node, 'attribute')?.text;
    if (!objNode || !attr) return unknown('incomplete attribute', '属性不完整');
    const o = this.safeEval(objNode, scope);
    switch (o.t) {
      case 'ref': {
        if (o.name.startsWith('class:')) {
          const c = this.classes.get(o.name.slice(6));
          const m = c ? this.findMethod(c, attr) : undefined;
          if (m) return { t: 'func', f: this.makeFunction(m.node, new Map(), undefined, 'function') };
          return unknown(`${o.name.slice(6)}.${attr} is not known`, `${o.name.slice(6)}.${attr} 未知`);
        }
        const full = `${o.name}.${attr}`;
        if (full === 'math.pi') return num(Math.PI, false);
        if (full === 'math.e') return num(Math.E, false);
        return { t: 'ref', name: full };
      }
      case 'module': {
        const m = this.modules[o.m.id];
        if (!m) return unknown('module', '模块');
        const v = m.attrs.get(attr);
        if (v) return v;
        if (m.userClass) {
          const meth = this.findMethod(m.userClass, attr);
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
    if (recv.t === 'module') return this.moduleMethod(this.modules[recv.m.id], name, args, node);
    if (recv.t === 'tensor') return this.tensorMethod(name, recv, args, node);
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
      const m = this.modules[base.m.id];
      const i = idx[0];
      if (m?.container && i) {
        if (i.t === 'num' && i.int) {
          const c = m.children[i.v < 0 ? m.children.length + i.v : i.v];
          return c ? { t: 'module', m: c.inst } : unknown(`index ${i.v} is out of range`, `下标 ${i.v} 越界`);
        }
        if (i.t === 'str') {
          const c = m.children.find((ch) => ch.name === i.v);
          return c ? { t: 'module', m: c.inst } : unknown(`no module '${i.v}'`, `没有模块 '${i.v}'`);
        }
      }
      return unknown('subscript of a module', '模块下标');
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

  private evalArgs(argNode: Node | null, scope: Scope): ArgList {
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
        return this.callModule(this.modules[fn.m.id], args, node);
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
      const c = this.classes.get(name.slice(6));
      if (!c) return unknown(`${name.slice(6)}`, name.slice(6));
      if (!this.isModuleClass(c, 0)) return unknown(`${c.name} is not an nn.Module`, `${c.name} 不是 nn.Module`);
      if (this.callDepth >= MAX_CALL_DEPTH) return unknown('too deep', '嵌套过深');
      const ctor = this.bindParams(this.findMethod(c, '__init__')?.node, args, true);
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
      return this.construct(name.slice('torch.nn.'.length), args, node);
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
    if (name.startsWith('torch.')) return this.torchFunction(name, args, node);
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

  private construct(kind: string, args: ArgList, node: Node): Value {
    if (kind === 'Sequential' || kind === 'ModuleList' || kind === 'ModuleDict') {
      const m = this.newModule(kind, `nn.${kind}`, node);
      m.container = kind;
      let items: { name: string; v: Value }[] = [];
      const first = args.positional[0]?.value;
      if (kind === 'Sequential' && first?.t === 'dict') items = first.entries.map(([k, v]) => ({ name: k, v }));
      else if (kind === 'Sequential') items = args.positional.map((p, i) => ({ name: String(i), v: p.value }));
      else if (kind === 'ModuleDict' && first?.t === 'dict') items = first.entries.map(([k, v]) => ({ name: k, v }));
      else if (first?.t === 'seq') items = first.items.map((v, i) => ({ name: String(i), v }));
      for (const it of items) {
        if (it.v.t === 'module') {
          const child = this.modules[it.v.m.id];
          if (child) m.children.push({ name: it.name, inst: child });
        }
      }
      return { t: 'module', m };
    }
    if (kind === 'TransformerEncoder' || kind === 'TransformerDecoder') {
      // nn.TransformerEncoder(layer, num_layers, norm) deep-copies the layer num_layers times.
      const layerV = args.positional[0]?.value ?? args.keyword.get(kind === 'TransformerEncoder' ? 'encoder_layer' : 'decoder_layer')?.value;
      const n = asInt(args.positional[1]?.value ?? args.keyword.get('num_layers')?.value);
      const normV = args.positional[2]?.value ?? args.keyword.get('norm')?.value;
      const m = this.newModule(kind, `nn.${kind}`, node);
      m.container = 'TransformerStack';
      const proto = layerV?.t === 'module' ? this.modules[layerV.m.id] : undefined;
      if (!proto?.builtin || n === undefined) return unknown(`${kind} layer or num_layers is not known`, `${kind} 的层或层数未知`);
      const layersM = this.newModule('ModuleList', 'nn.ModuleList', node);
      layersM.container = 'ModuleList';
      for (let i = 0; i < n && i < MAX_LOOP; i++) {
        const copy = this.newModule(proto.kind, proto.callee, proto.node);
        copy.builtin = proto.builtin;
        layersM.children.push({ name: String(i), inst: copy });
      }
      m.children.push({ name: 'layers', inst: layersM });
      if (normV?.t === 'module') {
        const normM = this.modules[normV.m.id];
        if (normM) m.children.push({ name: 'norm', inst: normM });
      }
      return { t: 'module', m };
    }
    if (kind === 'Parameter') {
      const v = args.positional[0]?.value ?? args.keyword.get('data')?.value;
      if (v?.t === 'tensor') return { t: 'tensor', shape: v.shape, param: true };
      return unknown('nn.Parameter of unknown shape', '形状未知的 nn.Parameter');
    }
    if (kind.startsWith('init.')) return NONE;
    if (!isTorchLayer(kind)) return unknown(`nn.${kind} is not a layer the analysis knows`, `分析不认识 nn.${kind}`);
    const layer = buildTorchLayer(kind, args);
    if (!layer) return unknown(`nn.${kind}`, `nn.${kind}`);
    const m = this.newModule(kind, `nn.${kind}`, node);
    m.builtin = layer;
    m.ownParams = layer.params;
    return { t: 'module', m };
  }

  private moduleMethod(m: ModuleInst | undefined, meth: string, args: ArgList, node: Node): Value {
    if (!m) return unknown('module', '模块');
    if (meth === 'forward' || meth === '__call__') return this.callModule(m, args, node);
    if (meth === 'to' || meth === 'cuda' || meth === 'cpu' || meth === 'train' || meth === 'eval' || meth === 'float' || meth === 'double') return { t: 'module', m };
    if (meth === 'append' && m.container === 'ModuleList') {
      const v = args.positional[0]?.value;
      const c = v?.t === 'module' ? this.modules[v.m.id] : undefined;
      if (c) m.children.push({ name: String(m.children.length), inst: c });
      return NONE;
    }
    if (meth === 'extend' && m.container === 'ModuleList') {
      const v = args.positional[0]?.value;
      if (v?.t === 'seq') for (const it of v.items) if (it.t === 'module' && this.modules[it.m.id]) m.children.push({ name: String(m.children.length), inst: this.modules[it.m.id]! });
      return NONE;
    }
    if (meth === 'add_module' || meth === 'register_module') {
      const n = args.positional[0]?.value;
      const v = args.positional[1]?.value;
      if (n?.t === 'str' && v) m.attrs.set(n.v, v);
      return NONE;
    }
    if (meth === 'register_buffer') {
      const n = args.positional[0]?.value;
      const v = args.positional[1]?.value;
      if (n?.t === 'str' && v) m.attrs.set(n.v, v);
      return NONE;
    }
    if (meth === 'register_parameter') {
      const n = args.positional[0]?.value;
      const v = args.positional[1]?.value;
      if (n?.t === 'str' && v) {
        m.attrs.set(n.v, v);
        m.ownParams = v.t === 'tensor' && m.ownParams !== null ? m.ownParams + product(v.shape) : null;
      }
      return NONE;
    }
    if (meth === '__init__') return NONE; // super().__init__()
    return unknown(`${m.kind}.${meth}() is not followed`, `不分析 ${m.kind}.${meth}()`);
  }

  private callModule(m: ModuleInst | undefined, args: ArgList, node: Node): Value {
    if (!m) return unknown('module', '模块');
    const inputs = args.positional.map((a) => a.value);
    let out: Value;
    let numbers: LayerNumbers | undefined;
    if (m.builtin) {
      if (inputs[0] && inputs[0].t !== 'tensor') {
        out = inputs[0].t === 'unknown' ? inputs[0] : unknown(`${m.kind} got ${inputs[0].t}, not a tensor`, `${m.kind} 的输入不是张量`);
      } else {
        const r = m.builtin.apply(inputs);
        for (const p of r.problems) this.report(m, p, node);
        out = r.output;
        numbers = r.numbers;
      }
    } else if (m.container === 'Sequential' || m.container === 'TransformerStack') {
      let x: Value = inputs[0] ?? NONE;
      const chain = m.container === 'TransformerStack' ? [...(m.children[0]?.inst.children ?? []), ...m.children.slice(1)] : m.children;
      for (const c of chain) x = this.callModule(c.inst, { positional: [{ value: x }], keyword: new Map() }, node);
      out = x;
    } else if (m.userClass) {
      const fwd = this.findMethod(m.userClass, 'forward');
      if (!fwd) out = unknown(`${m.kind} has no forward`, `${m.kind} 没有 forward`);
      else {
        const shapes = inputs.filter((v): v is { t: 'tensor'; shape: number[] } => v.t === 'tensor').map((v) => v.shape);
        const obs = this.observed.get(m.kind) ?? {};
        if (!obs.inputs && shapes.length > 0 && shapes.length === inputs.filter((v) => v.t === 'tensor' || v.t === 'unknown').length) obs.inputs = shapes;
        this.observed.set(m.kind, obs);
        out = this.invokeFunction(this.makeFunction(fwd.node, new Map(), m, 'method'), args, false);
      }
    } else out = unknown(`${m.kind} is not callable`, `${m.kind} 不可直接调用`);
    this.recordCall(m, node, inputs[0], out, numbers);
    return out;
  }

  private recordCall(m: ModuleInst, node: Node, input: Value | undefined, output: Value, numbers: LayerNumbers | undefined): void {
    if (m.layerInfo === undefined) return;
    const info = this.layers[m.layerInfo];
    if (!info) return;
    const call: LayerCall = { range: this.nc.range(node), input: toShape(input ?? NONE), output: toShape(firstTensor(output)), steps: [] };
    call.steps = stepsForCall('pytorch', info.kind, info.config, call, numbers);
    info.calls.push(call);
    info.output = call.output;
    this.trace.push({ layer: m.layerInfo, call: info.calls.length - 1 });
  }

  // ---------------------------------------------------------------- tensor operations

  private intArgs(args: ArgList, from = 0): number[] | undefined {
    const first = args.positional[from]?.value;
    if (args.positional.length === from + 1 && first?.t === 'seq') return asInts(first);
    const out: number[] = [];
    for (const a of args.positional.slice(from)) {
      const n = asInt(a.value);
      if (n === undefined) return undefined;
      out.push(n);
    }
    return out;
  }

  private tensorMethod(name: string, x: Value, args: ArgList, node: Node): Value {
    if (x.t !== 'tensor') return x.t === 'unknown' ? x : unknown(`.${name}() on a non-tensor`, `对非张量调用 .${name}()`);
    const shape = x.shape;
    const r = shape.length;
    const kw = (k: string): Value | undefined => args.keyword.get(k)?.value;
    const dimArg = (i: number, k = 'dim'): number | undefined => asInt(args.positional[i]?.value ?? kw(k));
    const norm = (d: number, rank = r): number => (d < 0 ? d + rank : d);
    switch (name) {
      case 'view':
      case 'reshape': {
        const dims = this.intArgs(args);
        if (!dims) return unknown(`${name}() with sizes the analysis cannot compute`, `${name}() 的尺寸无法计算`);
        return this.reshape(shape, dims, node, args, name);
      }
      case 'flatten':
        return flattenShape(shape, dimArg(0, 'start_dim') ?? 0, asInt(args.positional[1]?.value ?? kw('end_dim')) ?? -1, node.startPosition.row);
      case 'transpose':
      case 'swapaxes': {
        const a = dimArg(0, 'dim0');
        const b = asInt(args.positional[1]?.value ?? kw('dim1'));
        if (a === undefined || b === undefined) return unknown('transpose dims unknown', 'transpose 维度未知');
        const out = [...shape];
        const i = norm(a);
        const j = norm(b);
        if (i < 0 || j < 0 || i >= r || j >= r) return this.dimError(node, name, shape);
        [out[i], out[j]] = [shape[j] ?? 0, shape[i] ?? 0];
        return tensor(out);
      }
      case 't':
        return r < 2 ? x : tensor([shape[1] ?? 0, shape[0] ?? 0]);
      case 'permute': {
        const dims = this.intArgs(args);
        if (!dims || dims.length !== r) return dims ? this.dimError(node, name, shape) : unknown('permute dims unknown', 'permute 维度未知');
        return tensor(dims.map((d) => shape[norm(d)] ?? 0));
      }
      case 'unsqueeze': {
        const d = dimArg(0);
        if (d === undefined) return unknown('unsqueeze dim unknown', 'unsqueeze 维度未知');
        const i = d < 0 ? d + r + 1 : d;
        if (i < 0 || i > r) return this.dimError(node, name, shape);
        return tensor([...shape.slice(0, i), 1, ...shape.slice(i)]);
      }
      case 'squeeze': {
        const d = dimArg(0);
        if (args.positional.length === 0 && !kw('dim')) return tensor(shape.filter((s) => s !== 1));
        if (d === undefined) return unknown('squeeze dim unknown', 'squeeze 维度未知');
        const i = norm(d);
        return shape[i] === 1 ? tensor([...shape.slice(0, i), ...shape.slice(i + 1)]) : x;
      }
      case 'contiguous': case 'clone': case 'detach': case 'float': case 'double': case 'half': case 'long': case 'int': case 'bool': case 'to':
      case 'cpu': case 'cuda': case 'requires_grad_': case 'masked_fill': case 'masked_fill_': case 'type_as': case 'relu': case 'sigmoid':
      case 'tanh': case 'exp': case 'log': case 'sqrt': case 'abs': case 'neg': case 'softmax': case 'log_softmax': case 'tril': case 'triu':
      case 'pow': case 'clamp': case 'fill_': case 'zero_': case 'add': case 'sub': case 'mul': case 'div': case 'add_': case 'mul_': case 'sign':
      case 'normal_': case 'uniform_': case 'cumsum': case 'gelu':
        return x;
      case 'size': {
        const d = dimArg(0);
        if (args.positional.length === 0 && !kw('dim')) return { t: 'seq', items: shape.map((s) => num(s, true)), tuple: true };
        if (d === undefined) return unknown('size dim unknown', 'size 维度未知', false);
        const v = shape[norm(d)];
        return v === undefined ? this.dimError(node, name, shape) : num(v, true);
      }
      case 'dim':
        return num(r, true);
      case 'numel':
        return num(product(shape), true);
      case 'mean': case 'sum': case 'std': case 'var': case 'amax': case 'amin': case 'prod': case 'norm': case 'argmax': case 'argmin': case 'max': case 'min': case 'logsumexp': {
        const dArg = name === 'norm' ? args.positional[1]?.value ?? kw('dim') : args.positional[0]?.value ?? kw('dim');
        const keep = (kw('keepdim') as { v?: unknown } | undefined)?.v === true || (name !== 'norm' && (args.positional[1]?.value as { v?: unknown } | undefined)?.v === true);
        if (!dArg || dArg.t === 'none') return tensor([]);
        const dims = asInts(dArg);
        if (!dims) return unknown(`${name} dim unknown`, `${name} 维度未知`);
        const set = new Set(dims.map((d) => norm(d)));
        const out = keep ? shape.map((s, i) => (set.has(i) ? 1 : s)) : shape.filter((_, i) => !set.has(i));
        if ((name === 'max' || name === 'min') && dims.length === 1) return { t: 'seq', items: [tensor(out), tensor(out)], tuple: true };
        return tensor(out);
      }
      case 'expand': {
        const dims = this.intArgs(args);
        if (!dims) return unknown('expand sizes unknown', 'expand 尺寸未知');
        const offset = dims.length - r;
        return tensor(dims.map((d, i) => (d === -1 ? (shape[i - offset] ?? 0) : d)));
      }
      case 'repeat': {
        const dims = this.intArgs(args);
        if (!dims || dims.length < r) return unknown('repeat sizes unknown', 'repeat 尺寸未知');
        const padded = [...Array<number>(dims.length - r).fill(1), ...shape];
        return tensor(padded.map((s, i) => s * (dims[i] ?? 1)));
      }
      case 'matmul':
      case 'bmm':
      case 'mm':
        return this.matmul(x, args.positional[0]?.value ?? NONE, node);
      case 'chunk': case 'split': {
        const n = asInt(args.positional[0]?.value);
        const d = norm(dimArg(1) ?? 0);
        const len = shape[d];
        if (n === undefined || len === undefined) return unknown(`${name} unknown`, `${name} 未知`);
        const size = name === 'chunk' ? Math.ceil(len / n) : n;
        const items: Value[] = [];
        for (let start = 0; start < len && items.length < MAX_LOOP; start += size) items.push(tensor(shape.map((s, i) => (i === d ? Math.min(size, len - start) : s))));
        return { t: 'seq', items, tuple: true };
      }
      default:
        return unknown(`tensor.${name}() is not followed by the analysis`, `分析不支持 tensor.${name}()`);
    }
  }

  private dimError(node: Node, op: string, shape: number[]): Value {
    this.reportAt(node, { en: `${op}: dimension out of range for a tensor of shape ${fmtShape(shape)}`, 'zh-cn': `${op}：维度超出形状 ${fmtShape(shape)} 的范围` });
    return unknown(`${op}: dimension out of range`, `${op}：维度越界`);
  }

  private reshape(shape: number[], dims: number[], node: Node, args: ArgList, op: string): Value {
    const total = product(shape);
    const minus = dims.filter((d) => d === -1).length;
    if (minus > 1 || dims.some((d) => d < -1)) return unknown(`${op}: only one -1 allowed`, `${op}：只能有一个 -1`);
    const known = product(dims.filter((d) => d !== -1));
    let out: number[];
    if (minus === 1) {
      if (known === 0 || total % known !== 0) {
        // The document's CNN writes x.view(-1, 32*7*7): if the sample no longer has that many
        // features, -1 cannot absorb the difference. Offer the per-sample count as the fix.
        const perSample = shape.length > 1 ? product(shape.slice(1)) : undefined;
        const lastIdx = dims.length - 1;
        const lastArg = args.positional.length === dims.length ? args.positional[lastIdx]?.node : undefined;
        const fixable = dims.length === 2 && dims[0] === -1 && perSample !== undefined && lastArg !== undefined;
        const factors = shape.slice(1);
        const how = factors.length > 1 ? ` = ${factors.join('·')}` : '';
        this.reportAt(
          node,
          {
            en: `${op}(${dims.join(', ')}): ${total} elements ${fmtShape(shape)} cannot be split into rows of ${known}; each sample has ${perSample ?? '?'}${how} values`,
            'zh-cn': `${op}(${dims.join(', ')})：${total} 个元素 ${fmtShape(shape)} 不能按每行 ${known} 个拆分；每个样本有 ${perSample ?? '?'}${how} 个值`,
          },
          fixable ? { argNode: lastArg, text: factors.length > 1 ? factors.join(' * ') : String(perSample), what: `the ${op} size` } : undefined,
          { expected: known, actual: total },
        );
        return unknown(`${op} sizes do not divide the ${total} elements`, `${op} 的尺寸不能整除 ${total} 个元素`);
      }
      out = dims.map((d) => (d === -1 ? total / known : d));
    } else {
      if (known !== total) {
        this.reportAt(node, { en: `${op}(${dims.join(', ')}) needs ${known} elements, the tensor ${fmtShape(shape)} has ${total}`, 'zh-cn': `${op}(${dims.join(', ')}) 需要 ${known} 个元素，张量 ${fmtShape(shape)} 有 ${total} 个` }, undefined, { expected: known, actual: total });
        return unknown(`${op} size mismatch`, `${op} 尺寸不匹配`);
      }
      out = dims;
    }
    // Remember which dims were merged into the last one ("2048 = 32·8·8").
    const last = out[out.length - 1] ?? 0;
    for (let i = 1; i < shape.length - 1; i++) {
      const factors = shape.slice(i);
      if (product(factors) === last && out.length - 1 === i) return tensor(out, { factors, line: node.startPosition.row });
    }
    return tensor(out);
  }

  private torchFunction(name: string, args: ArgList, node: Node): Value {
    const short = name.replace(/^torch\.nn\.functional\./, 'F.').replace(/^torch\./, '');
    const x = args.positional[0]?.value;
    const rest: ArgList = { positional: args.positional.slice(1), keyword: args.keyword };
    const pool = (kind: string): Value => {
      const layer = buildTorchLayer(kind, rest);
      if (!layer || !x) return unknown(short, short);
      const r = layer.apply([x]);
      for (const p of r.problems) this.reportAt(node, p.message);
      return r.output;
    };
    switch (short) {
      case 'F.max_pool1d': return pool('MaxPool1d');
      case 'F.max_pool2d': return pool('MaxPool2d');
      case 'F.avg_pool1d': return pool('AvgPool1d');
      case 'F.avg_pool2d': return pool('AvgPool2d');
      case 'F.adaptive_avg_pool1d': return pool('AdaptiveAvgPool1d');
      case 'F.adaptive_avg_pool2d': return pool('AdaptiveAvgPool2d');
      case 'F.adaptive_max_pool2d': return pool('AdaptiveMaxPool2d');
      case 'cat':
      case 'concat':
      case 'stack': {
        const seq = x;
        const d = asInt(args.positional[1]?.value ?? args.keyword.get('dim')?.value) ?? 0;
        if (seq?.t !== 'seq') return unknown(`${short} of unknown tensors`, `${short} 的输入未知`);
        const shapes: number[][] = [];
        for (const it of seq.items) {
          if (it.t !== 'tensor') return it.t === 'unknown' ? it : unknown(`${short} of non-tensors`, `${short} 的输入不是张量`);
          shapes.push(it.shape);
        }
        const first = shapes[0];
        if (!first) return unknown(`${short} of nothing`, `${short} 没有输入`);
        if (short === 'stack') {
          const i = d < 0 ? d + first.length + 1 : d;
          if (shapes.some((s) => s.join() !== first.join())) {
            this.reportAt(node, { en: `stack needs equal shapes, gets ${shapes.map(fmtShape).join(', ')}`, 'zh-cn': `stack 需要相同形状，实际为 ${shapes.map(fmtShape).join('、')}` });
            return unknown('stack shapes differ', 'stack 形状不同');
          }
          return tensor([...first.slice(0, i), shapes.length, ...first.slice(i)]);
        }
        const i = d < 0 ? d + first.length : d;
        for (const s of shapes) {
          if (s.length !== first.length || s.some((v, j) => j !== i && v !== first[j])) {
            this.reportAt(node, { en: `cat along dim ${d}: the other sizes must match, gets ${shapes.map(fmtShape).join(', ')}`, 'zh-cn': `沿维度 ${d} 拼接：其余各维必须相同，实际为 ${shapes.map(fmtShape).join('、')}` });
            return unknown('cat shapes differ', 'cat 形状不匹配');
          }
        }
        return tensor(first.map((v, j) => (j === i ? shapes.reduce((acc, s) => acc + (s[j] ?? 0), 0) : v)));
      }
      case 'flatten':
        if (x?.t !== 'tensor') return x ?? NONE;
        return flattenShape(x.shape, asInt(args.positional[1]?.value ?? args.keyword.get('start_dim')?.value) ?? 0, asInt(args.positional[2]?.value ?? args.keyword.get('end_dim')?.value) ?? -1, node.startPosition.row);
      case 'zeros': case 'ones': case 'randn': case 'rand': case 'empty': case 'full': {
        const dims = short === 'full' ? asInts(x) : this.intArgs({ positional: args.positional, keyword: new Map() });
        return dims ? tensor(dims) : unknown(`${short} size unknown`, `${short} 尺寸未知`);
      }
      case 'zeros_like': case 'ones_like': case 'randn_like': case 'rand_like': case 'empty_like':
        return x ?? NONE;
      case 'arange': {
        const ns = args.positional.map((p) => (p.value.t === 'num' ? p.value.v : undefined));
        if (ns.some((n) => n === undefined) || ns.length === 0) return unknown('arange size unknown', 'arange 尺寸未知');
        const [start, end, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? 1];
        return tensor([Math.max(0, Math.ceil((end - start) / step))]);
      }
      case 'tensor':
        return unknown('torch.tensor from data', '由数据创建的 torch.tensor');
      case 'matmul': case 'bmm': case 'mm':
        return this.matmul(x ?? NONE, args.positional[1]?.value ?? NONE, node);
      case 'no_grad':
        return NONE;
      default:
        break;
    }
    if (x?.t === 'tensor') {
      // Same-named tensor methods: torch.transpose(x, 0, 1) ≡ x.transpose(0, 1); F.relu(x) keeps the shape.
      const method = short.replace(/^F\./, '');
      if (ELEMENTWISE.has(method)) return x;
      return this.tensorMethod(method, x, rest, node);
    }
    return x?.t === 'unknown' ? x : unknown(`${name} is not followed by the analysis`, `分析不支持 ${name}`);
  }
}

const BUILTINS = new Set(['range', 'len', 'int', 'float', 'list', 'tuple', 'super', 'max', 'min', 'print', 'isinstance', 'sum', 'enumerate', 'zip']);

const ELEMENTWISE = new Set([
  'relu', 'relu6', 'gelu', 'silu', 'elu', 'selu', 'leaky_relu', 'sigmoid', 'tanh', 'softmax', 'log_softmax', 'softplus', 'dropout', 'dropout2d',
  'normalize', 'exp', 'log', 'sqrt', 'abs', 'hardtanh', 'mish', 'layer_norm', 'batch_norm', 'sin', 'cos', 'tril', 'triu', 'sign', 'clamp',
]);

function annotationFor(c: ClassDef, annotations: { line: number; shapes: number[][] }[]): number[][] | undefined {
  const start = c.node.startPosition.row;
  const end = c.node.endPosition.row;
  // Inside the class, or in the comment block right above it (up to 3 lines).
  const inside = annotations.find((a) => a.line >= start && a.line <= end);
  if (inside) return inside.shapes;
  const above = annotations.filter((a) => a.line < start && a.line >= start - 3).pop();
  return above?.shapes;
}

function isPlain(v: Value): boolean {
  if (v.t === 'seq') return v.items.every(isPlain);
  return v.t === 'num' || v.t === 'str' || v.t === 'bool' || v.t === 'none';
}

function truth(v: Value): boolean | undefined {
  switch (v.t) {
    case 'bool': return v.v;
    case 'num': return v.v !== 0;
    case 'none': return false;
    case 'str': return v.v !== '';
    case 'seq': return v.items.length > 0;
    case 'module': case 'func': case 'tensor': return true;
    default: return undefined;
  }
}

function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.t !== b.t) return false;
  if (a.t === 'tensor' && b.t === 'tensor') return a.shape.join() === b.shape.join();
  if (a.t === 'num' && b.t === 'num') return a.v === b.v;
  if (a.t === 'str' && b.t === 'str') return a.v === b.v;
  if (a.t === 'bool' && b.t === 'bool') return a.v === b.v;
  if (a.t === 'none') return true;
  if (a.t === 'module' && b.t === 'module') return a.m.id === b.m.id;
  if (a.t === 'seq' && b.t === 'seq') return a.items.length === b.items.length && a.items.every((x, i) => sameValue(x, b.items[i]!));
  return false;
}

export function broadcast(a: number[], b: number[]): number[] | undefined {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.push(x === 1 ? y : x);
  }
  return out;
}

function sliceRange(s: { start: Value; stop: Value; step: Value }, len: number): { start: number; stop: number; step: number } | undefined {
  const step = s.step.t === 'none' ? 1 : asInt(s.step);
  if (step === undefined || step === 0) return undefined;
  const norm = (v: Value, def: number): number | undefined => {
    if (v.t === 'none') return def;
    const n = asInt(v);
    if (n === undefined) return undefined;
    const m = n < 0 ? n + len : n;
    return step > 0 ? Math.min(Math.max(m, 0), len) : Math.min(Math.max(m, -1), len - 1);
  };
  const start = norm(s.start, step > 0 ? 0 : len - 1);
  const stop = norm(s.stop, step > 0 ? len : -1);
  if (start === undefined || stop === undefined) return undefined;
  return { start, stop, step };
}

function sliceLength(r: { start: number; stop: number; step: number }): number {
  return r.step > 0 ? Math.max(0, Math.ceil((r.stop - r.start) / r.step)) : Math.max(0, Math.ceil((r.start - r.stop) / -r.step));
}

function pick<T>(items: T[], r: { start: number; stop: number; step: number }): T[] {
  const out: T[] = [];
  for (let i = r.start; r.step > 0 ? i < r.stop : i > r.stop; i += r.step) {
    const it = items[i];
    if (it !== undefined) out.push(it);
  }
  return out;
}

function indexTensor(shape: number[], idx: Value[]): Value {
  const out: number[] = [];
  let dim = 0;
  const consumed = idx.filter((i) => i.t !== 'none' && !(i.t === 'str' && i.v === '...')).length;
  for (const i of idx) {
    if (i.t === 'none') {
      out.push(1);
      continue;
    }
    if (i.t === 'str' && i.v === '...') {
      const skip = shape.length - consumed;
      for (let k = 0; k < skip; k++) out.push(shape[dim++] ?? 0);
      continue;
    }
    const size = shape[dim];
    if (size === undefined) return unknown(`too many indices for a tensor of shape ${fmtShape(shape)}`, `对形状 ${fmtShape(shape)} 的下标过多`);
    if (i.t === 'num' && i.int) {
      if (i.v >= size || i.v < -size) return unknown(`index ${i.v} is out of range for size ${size}`, `下标 ${i.v} 超出大小 ${size}`);
      dim++;
      continue;
    }
    if (i.t === 'slice') {
      const r = sliceRange(i, size);
      if (!r) return unknown('slice bounds unknown', '切片边界未知');
      out.push(sliceLength(r));
      dim++;
      continue;
    }
    return unknown('indexing with a tensor or unknown value', '用张量或未知值索引');
  }
  for (; dim < shape.length; dim++) out.push(shape[dim] ?? 0);
  return tensor(out);
}

function firstTensor(v: Value): Value {
  // `out, h = self.rnn(x)` style tuples: the first tensor is what flows on.
  if (v.t === 'seq' && v.tuple && v.items[0]) return firstTensor(v.items[0]);
  return v;
}

export function toShape(v: Value): ShapeResult {
  if (v.t === 'tensor') return { known: true, shape: v.shape };
  if (v.t === 'unknown') return { known: false, reason: v.reason };
  return { known: false, reason: { en: `not a tensor (${v.t})`, 'zh-cn': `不是张量（${v.t}）` } };
}

export type { ConfigValue, SourceRange };

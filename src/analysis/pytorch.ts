// PyTorch models in Python source: finds the nn.Module subclasses of a file (discovery), picks
// each one's constructor arguments and input shapes (an `# input:` comment, the code that uses it,
// the setting), then runs its `__init__` and `forward` on the abstract interpreter and reports each
// layer's calls, shapes and parameters. Anything it cannot follow becomes `unknown` with a reason;
// it never guesses a dimension.
//   pyProgram.ts      what the file declares (classes, functions, imports, module-level names)
//   pyInterpreter.ts  statements and expressions over abstract values
//   torchModules.ts   nn.Module instances, their names and parameters, the per-model records
//   torchOps.ts       tensor operations' shape rules (torchLayers.ts: the nn layer classes)
import type { Node } from './parser';
import { NodeCache } from './parser';
import type { AnalyzeOptions, InputSource, ModelInfo, ShapeDiagnostic, ShapeResult } from './types';
import type { ArgList } from './torchLayers';
import { firstTensor, tensor, toShape, type Value } from './values';
import { parseInputAnnotations } from './inputAnnotation';
import { PyProgram, type ClassDef } from './pyProgram';
import { Budget, PyInterpreter } from './pyInterpreter';
import { TorchModules, type ModuleInst } from './torchModules';

/** A file with more models than this is generated, not written: the first ones are analysed. */
const MAX_MODELS = 200;

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
  private readonly program: PyProgram;
  private readonly mods: TorchModules;
  private readonly interp: PyInterpreter;
  private readonly moduleLevelCtor = new Map<string, Map<string, Value>>();

  constructor(
    private readonly root: Node,
    private readonly text: string,
    private readonly opts: AnalyzeOptions,
  ) {
    this.program = new PyProgram(this.nc, root);
    this.mods = new TorchModules(this.nc);
    this.interp = new PyInterpreter(this.nc, this.program, this.mods);
  }

  run(): PythonAnalysis {
    // Instantiations at module level (`model = SimpleRNN(input_size, …)`) give constructor values.
    this.findModuleLevelInstantiations(this.root);
    const allModels = [...this.program.classes.values()].filter((c) => this.program.isModuleClass(c));
    // A file with hundreds of models is generated, not written: analyse the first MAX_MODELS.
    const modelClasses = allModels.slice(0, MAX_MODELS);
    const annotations = parseInputAnnotations(this.text, '#');
    const usedInside = this.classesUsedInsideOthers(modelClasses);
    const results = new Map<string, { model: ModelInfo; diags: ShapeDiagnostic[] }>();
    const inputFor = (c: ClassDef): { inputs: number[][]; source: InputSource } => {
      if (this.opts.forceInput && !usedInside.has(c.name)) return { inputs: [this.opts.forceInput], source: 'cli' };
      const ann = annotationFor(c, annotations);
      if (ann) return { inputs: ann, source: 'annotation' };
      const obs = this.interp.observed.get(c.name)?.inputs;
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
      if (prev && prev.model.inputSource === 'none' && this.interp.observed.get(c.name)?.inputs) {
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

  private findModuleLevelInstantiations(root: Node): void {
    const classes = this.program.classes;
    if (classes.size === 0) return;
    const mentions = new RegExp(`\\b(${[...classes.keys()].join('|')})\\s*\\(`);
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
        if (fn?.type === 'identifier' && classes.has(this.nc.text(fn)) && !this.moduleLevelCtor.has(this.nc.text(fn))) {
          const cls = classes.get(this.nc.text(fn))!;
          this.interp.resetBudget();
          let args: ArgList;
          try {
            args = this.interp.evalArgs(this.nc.field(n, 'arguments'), { vars: this.program.globals, recordFlow: false });
          } catch (e) {
            if (e instanceof Budget) continue;
            throw e;
          }
          const bound = this.interp.bindParams(cls.methods.get('__init__')?.node, args, true);
          if (bound) this.moduleLevelCtor.set(this.nc.text(fn), bound);
        }
      }
      for (const c of this.nc.kids(n)) if (c) stack.push(c);
    }
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

  // ---------------------------------------------------------------- one model

  private analyzeClass(c: ClassDef, inputs: number[][], inputSource: InputSource): { model: ModelInfo; diags: ShapeDiagnostic[] } {
    this.mods.startModel(c.name);
    this.interp.resetBudget();
    let output: ShapeResult = { known: false, reason: { en: 'no input shape', 'zh-cn': '没有输入形状' } };
    let rootInst: ModuleInst | undefined;
    try {
      const ctor = this.moduleLevelCtor.get(c.name) ?? this.interp.observed.get(c.name)?.ctor;
      rootInst = this.interp.instantiate(c, ctor, c.node);
      this.mods.registerTree(rootInst);
      if (inputs.length > 0) {
        const fwd = this.program.findMethod(c, 'forward');
        if (!fwd) output = { known: false, reason: { en: `${c.name} has no forward method`, 'zh-cn': `${c.name} 没有 forward 方法` } };
        else {
          const args: ArgList = { positional: inputs.map((s) => ({ value: tensor(s) })), keyword: new Map() };
          const result = this.interp.runForward(fwd.node, rootInst, args);
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
      layers: this.mods.layers,
      output,
      totalParams: rootInst ? this.mods.subtreeParams(rootInst, new Set()) : null,
      trace: this.mods.trace,
      flow: this.mods.flow,
    };
    for (const l of this.mods.layers) if (l.calls.length === 0) l.output = { known: false, reason: inputs.length === 0 ? { en: 'no input shape for this model', 'zh-cn': '该模型没有输入形状' } : { en: 'this layer is never called in forward', 'zh-cn': '该层在 forward 中从未被调用' } };
    return { model, diags: this.mods.diags };
  }
}

function annotationFor(c: ClassDef, annotations: { line: number; shapes: number[][] }[]): number[][] | undefined {
  const start = c.node.startPosition.row;
  const end = c.node.endPosition.row;
  // Inside the class, or in the comment block right above it (up to 3 lines).
  const inside = annotations.find((a) => a.line >= start && a.line <= end);
  if (inside) return inside.shapes;
  const above = annotations.filter((a) => a.line < start && a.line >= start - 3).pop();
  return above?.shapes;
}

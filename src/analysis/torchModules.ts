// Module building: the nn.Module instances `__init__` creates (built-in layers, containers, user
// classes), how PyTorch names them (`named_modules()`), how it counts their parameters, and the
// records of the model being analysed (its layers with every call's shapes, the call order, the
// shapes of `forward`'s statements, diagnostics).
import type { LayerNumbers } from '../formula/layerFormulas';
import type { Node } from './parser';
import type { NodeCache } from './parser';
import type { FlowStep, LayerCall, LayerInfo, Msg, ShapeDiagnostic } from './types';
import { buildTorchLayer, isTorchLayer, type ArgList, type BuiltinLayer, type LayerProblem } from './torchLayers';
import { NONE, asInt, product, unknown, type ModuleRef, type Value } from './values';
import { explainProblem, stepsForCall } from './explain';
import { conceptIdsFor } from './concepts';
import type { ClassDef } from './pyProgram';
import { firstTensor, toShape } from './values';

export interface ModuleInst extends ModuleRef {
  kind: string;
  callee: string;
  node: Node;
  builtin?: BuiltinLayer;
  container?: 'Sequential' | 'ModuleList' | 'ModuleDict' | 'TransformerStack';
  children: { name: string; inst: ModuleInst }[];
  userClass?: ClassDef;
  attrs: Map<string, Value>;
  ownParams: number | null;
  /** Index of this module's LayerInfo in the model being analysed. */
  layerInfo?: number;
}

/** Longest layer stack (nn.TransformerEncoder num_layers) built. */
const MAX_COPIES = 4096;

export class TorchModules {
  private modules: ModuleInst[] = [];
  // What the model being analysed records; reset by startModel.
  layers: LayerInfo[] = [];
  trace: { layer: number; call: number }[] = [];
  flow: FlowStep[] = [];
  diags: ShapeDiagnostic[] = [];
  private modelName = '';

  constructor(private readonly nc: NodeCache) {}

  startModel(name: string): void {
    this.modules = [];
    this.layers = [];
    this.trace = [];
    this.flow = [];
    this.diags = [];
    this.modelName = name;
  }

  get(ref: ModuleRef): ModuleInst | undefined {
    return this.modules[ref.id];
  }

  newModule(kind: string, callee: string, node: Node): ModuleInst {
    const m: ModuleInst = { id: this.modules.length, kind, callee, node, children: [], attrs: new Map(), ownParams: 0 };
    this.modules.push(m);
    return m;
  }

  /** `nn.<kind>(…)`: a container, a layer stack, nn.Parameter, or a built-in layer. */
  construct(kind: string, args: ArgList, node: Node): Value {
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
      for (let i = 0; i < n && i < MAX_COPIES; i++) {
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

  /** The modules a container (or a nn.Sequential) iterates over, in order. */
  iterate(m: ModuleInst): Value[] | undefined {
    if (m.container === 'ModuleList' || m.container === 'Sequential' || m.container === 'TransformerStack') return m.children.map((c) => ({ t: 'module', m: c.inst }));
    return undefined;
  }

  /** `container[i]` / `container['name']`. */
  index(m: ModuleInst, i: Value): Value {
    if (m.container) {
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

  /** Methods of nn.Module that change the module tree or hand the module back (`.to(device)`). */
  method(m: ModuleInst, meth: string, args: ArgList): Value {
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

  /** `self.<attr> = v` inside a module: attributes, and nn.Parameter tensors counted as its own. */
  setAttr(m: ModuleInst, attr: string, v: Value, rightText: string): void {
    m.attrs.set(attr, v);
    if (v.t === 'tensor' && v.param && m.ownParams !== null) m.ownParams += product(v.shape);
    else if (v.t === 'unknown' && /nn\.Parameter|Parameter\(/.test(rightText)) m.ownParams = null;
  }

  /** A built-in layer's forward on these inputs. */
  applyBuiltin(m: ModuleInst, builtin: BuiltinLayer, inputs: Value[], node: Node): { out: Value; numbers?: LayerNumbers } {
    if (inputs[0] && inputs[0].t !== 'tensor') {
      return { out: inputs[0].t === 'unknown' ? inputs[0] : unknown(`${m.kind} got ${inputs[0].t}, not a tensor`, `${m.kind} 的输入不是张量`) };
    }
    const r = builtin.apply(inputs);
    for (const p of r.problems) this.report(m, p, node);
    return r.numbers ? { out: r.output, numbers: r.numbers } : { out: r.output };
  }

  /** Names every module reachable from the root like named_modules() does, and makes its LayerInfo. */
  registerTree(rootInst: ModuleInst): void {
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

  /** `sum(p.numel() for p in m.parameters())`: shared modules count once. */
  subtreeParams(inst: ModuleInst, seen: Set<number>): number | null {
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

  recordCall(m: ModuleInst, node: Node, input: Value | undefined, output: Value, numbers: LayerNumbers | undefined): void {
    if (m.layerInfo === undefined) return;
    const info = this.layers[m.layerInfo];
    if (!info) return;
    const call: LayerCall = { range: this.nc.range(node), input: toShape(input ?? NONE), output: toShape(firstTensor(output)), steps: [] };
    call.steps = stepsForCall('pytorch', info.kind, info.config, call, numbers);
    info.calls.push(call);
    info.output = call.output;
    this.trace.push({ layer: m.layerInfo, call: info.calls.length - 1 });
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

  reportAt(node: Node, message: Msg, fix?: { argNode: Node; text: string; what: string }, nums?: { expected: number; actual: number }): void {
    const d: ShapeDiagnostic = { code: nums ? 'shape-mismatch' : 'invalid-config', severity: 'error', range: this.nc.range(fix?.argNode ?? node), message, model: this.modelName };
    if (nums) {
      d.expected = nums.expected;
      d.actual = nums.actual;
    }
    if (fix) d.fix = { title: { en: `Change ${fix.what} to ${fix.text}`, 'zh-cn': `将 ${fix.what} 改为 ${fix.text}` }, range: this.nc.range(fix.argNode), newText: fix.text };
    this.diags.push(d);
  }
}

// Module building: the nn.Module instances code creates (built-in layers, containers, user
// classes), how PyTorch names them (`named_modules()`), how it counts their parameters (shared
// and tied parameters once), and the records of the model being analysed (its layers with every
// call's shapes, the call order, the shapes of `forward`'s statements, diagnostics).
import type { LayerNumbers } from '../formula/layerFormulas';
import type { Node } from './parser';
import type { NodeCache } from './parser';
import type { FlowStep, LayerCall, LayerInfo, Msg, ShapeDiagnostic, SourceRange } from './types';
import { buildTorchLayer, isTorchLayer, type Arg, type ArgList, type BuiltinLayer, type LayerProblem } from './torchLayers';
import { NONE, asInt, mayHoldModule, product, shownTensor, toShape, unknown, unknownModule, type ModuleRef, type ParamRef, type Value } from './values';
import { explainProblem, stepsForCall } from './explain';
import { conceptIdsFor } from './concepts';
import type { ClassDef } from './pyProgram';
import { buildComposite, isComposite, type CompositeKind } from './torchComposites';
import { isPacked } from './torchPacked';
import { madeContiguous } from './tensorLayout';

export type ContainerKind = 'Sequential' | 'ModuleList' | 'ModuleDict' | 'TransformerStack';

export interface ModuleInst extends ModuleRef {
  kind: string;
  callee: string;
  /** Where the module was made, in the analysed file (an imported file's code maps to the call site). */
  node: Node;
  builtin?: BuiltinLayer;
  container?: ContainerKind;
  /** nn.DataParallel / DistributedDataParallel: its one child `module`, which a call runs with the same arguments. */
  wraps?: ModuleInst;
  /** A layer PyTorch builds from sub-modules (TransformerEncoderLayer…): torchComposites.ts runs it. */
  composite?: CompositeKind;
  /** The numbers a composite's formula needs (d_model, nhead…). */
  numbers?: Record<string, number | undefined>;
  children: { name: string; inst: ModuleInst }[];
  /** Names of children registered by attribute syntax (`self.features = …`): CPython interns them, so `name is "features"` holds. */
  attrNamed?: Set<string>;
  /** nn.Module.__init__ ran on this instance of a workspace class (false until it does: assigning a layer or Parameter raises). */
  moduleInitRan?: boolean;
  /** Its count is not known, though its shapes are (a parametrization with Parameters of its own registered on it). */
  paramsUnsure?: Msg;
  /** `m.forward = …` on the instance: its calls run something else than its class's forward. */
  forwardReplaced?: true;
  /** Its constructor surely raised here (reported with the model that holds it, as its layers' problems are). */
  raised?: { node: Node; why: Msg };
  /** Made inside a try whose handler catches PyTorch's errors: a problem of its settings is the code's to handle, not reported. */
  madeInCaughtTry?: true;
  /** Made by `copy.deepcopy(model)`: the id of the module it copies (a helper that trains a copy feeds the model's shape). */
  copyOf?: number;
  /**
   * Positions of an nn.ModuleList that hold None (`nn.ModuleList([attn, PEG(dim) if first else
   * None])`): PyTorch keeps the slot, named by its position, and named_modules() skips it.
   */
  nones?: Set<number>;
  userClass?: ClassDef;
  /** A bare `nn.Module()` used as a holder of attributes: like a user class's, its attribute modules are its children. */
  bare?: true;
  /**
   * nn.ParameterList / nn.ParameterDict: its parameters are its attributes (named '0', '1', … or
   * by key, as PyTorch registers them), in order; it has no forward.
   */
  paramHolder?: 'list' | 'dict';
  attrs: Map<string, Value>;
  /** Its layers are not known (built from a list the analysis could not follow): why. */
  uncertain?: Msg;
  /** Put in place of another module after its owner ran (RepMLP's switch_to_deploy): its count and calls are not known. */
  replacedAfterCall?: Msg;
  /** Parameters of a built-in layer replaced by another module's (`lm_head.weight = wte.weight`). */
  ties: Map<string, ParamRef & { size: number | null }>;
  /** The layer as it was before torch.nn.utils.weight_norm, for remove_weight_norm. */
  unnormed?: BuiltinLayer;
  /** A sub-module a built-in layer's own count includes (MultiheadAttention's out_proj). */
  countedByParent?: true;
  /** Other instances sharing its _modules / _parameters dicts (copy.copy of a module, or its original). */
  sharesModules?: ModuleInst[];
  /** Passed to a torch.nn.utils function (spectral_norm, prune, parametrize…) that may add members the analysis does not list. */
  membersUnsure?: true;
  /** Put in eval mode by `.eval()` (on it or a module holding it) before any call of it: `self.training` is False. */
  evaluating?: boolean;
  /**
   * Its mode is not known: `.eval()` / `.train(…)` where the analysis could not follow it (in an
   * undecided branch, after a call, with an argument it cannot read), or a report's pass on an
   * input that is not its own call's. Neither set: still training, as every module is when made.
   */
  modeUnsure?: boolean;
  /** `evaluating` and `modeUnsure` at its first call: the report's pass runs in that mode. */
  modeAtFirstCall?: { evaluating: boolean; unsure: boolean };
  /** The forward hooks it had at its first run (the report runs that call again: hooks added or removed since do not apply). */
  hooksAtFirstCall?: { pre?: Value[]; post?: Value[] };
  /** A hook was taken off under a condition the analysis cannot decide: what its calls give is not known. */
  hooksUnsure?: true;
  /** A class's own view where its instances run differently (hooks on one, another forward): what a call gives is not one answer. */
  callUnsure?: Msg;
  /** It has been called (its mode at that call may have been training). */
  called?: boolean;
  /** `register_forward_pre_hook(fn)`: run before each call's forward, with the module and its inputs. */
  preHooks?: Value[];
  /** `register_forward_hook(fn)`: run after each call's forward, with the module, its inputs and its output. */
  postHooks?: Value[];
  /** Its plain attributes (no modules) as they were when it was first called: the report's pass starts from them. */
  plainAtFirstCall?: Map<string, Value>;
  /** Index of this module's LayerInfo in the model being analysed, valid for `epoch`. */
  layerInfo?: number;
  epoch?: number;
}

/** Writes that an undecided branch or a loop the analysis cannot unroll may have to undo. */
export interface WriteLog {
  /** `owner`: the module whose attribute this is (a module made inside the branch is not undone). */
  attr(map: Map<string, Value>, key: string, owner?: ModuleInst): void;
  children(m: ModuleInst): void;
}

/** Longest layer stack (nn.TransformerEncoder num_layers) built. */
const MAX_COPIES = 4096;

const CONTAINERS = new Set(['Sequential', 'ModuleList', 'ModuleDict']);

/** nn.Module's public methods in PyTorch 1.13 (a layer assigned under one of these names is not what `self.name` reads). */
export const NN_MODULE_METHODS: ReadonlySet<string> = new Set('add_module apply bfloat16 buffers children cpu cuda double eval extra_repr float forward get_buffer get_extra_state get_parameter get_submodule half ipu load_state_dict modules named_buffers named_children named_modules named_parameters parameters register_backward_hook register_buffer register_forward_hook register_forward_pre_hook register_full_backward_hook register_load_state_dict_post_hook register_module register_parameter requires_grad_ set_extra_state share_memory state_dict to to_empty train type xpu zero_grad'.split(' '));
/** Every public member of nn.Module in PyTorch 1.13: its methods, `training`, and two class attributes. */
export const NN_MODULE_PUBLIC: ReadonlySet<string> = new Set([...NN_MODULE_METHODS, 'training', 'dump_patches', 'T_destination']);

/**
 * Names add_module refuses on a container ("attribute 'train' already exists", a KeyError): nn.Module's
 * own methods and attributes, and the container's methods (PyTorch 1.13).
 */
const TAKEN_NAMES: Record<string, ReadonlySet<string>> = {
  Sequential: new Set([...NN_MODULE_PUBLIC, 'append', 'insert', 'extend', 'pop']),
  ModuleList: new Set([...NN_MODULE_PUBLIC, 'append', 'insert', 'extend', 'pop']),
  ModuleDict: new Set([...NN_MODULE_PUBLIC, 'keys', 'items', 'values', 'pop', 'clear', 'update']),
};

/** The layers that take a PackedSequence (torchPacked.ts). */
const PACKED_INPUT = new Set(['RNN', 'LSTM', 'GRU']);
/** Layers whose output PyTorch makes fresh and contiguous whatever the input's layout (checked in PyTorch 1.13). */
const CONTIGUOUS_OUTPUT = new Set(['Linear', 'Embedding']);

export class TorchModules {
  private readonly modules: ModuleInst[] = [];
  // What the model being analysed records; reset by startModel.
  layers: LayerInfo[] = [];
  trace: { layer: number; call: number }[] = [];
  flow: FlowStep[] = [];
  diags: ShapeDiagnostic[] = [];
  private modelName = '';
  private epoch = 0;
  /** The innermost call in the analysed file while code of an imported file runs. */
  anchor: Node | undefined;
  log: WriteLog | undefined;
  /**
   * True while code runs on a path that may not run (a branch on a condition the analysis cannot
   * decide, a loop it cannot unroll): a shape error found there is not reported — the path that
   * raises it may never be taken (an `if self.image:` rearrange given the other model's input).
   */
  onUndecidedPath: () => boolean = () => false;
  /** Is the code running inside a try body whose handler catches PyTorch's errors? */
  inCaughtTry: () => boolean = () => false;
  /** `parts.py:13` for a node of another workspace file (said beside a report placed on this file's line). */
  whereIs: (n: Node) => string | undefined = () => undefined;

  constructor(
    private readonly nc: NodeCache,
    private readonly owns: (n: Node) => boolean,
  ) {}

  startModel(name: string): void {
    this.layers = [];
    this.trace = [];
    this.flow = [];
    this.diags = [];
    this.modelName = name;
    this.epoch++;
  }

  get(ref: ModuleRef): ModuleInst | undefined {
    return this.modules[ref.id];
  }

  get count(): number {
    return this.modules.length;
  }

  /** A node of the analysed file for `n`: itself, or the call that led into an imported file. */
  site(n: Node): Node {
    return this.owns(n) ? n : (this.anchor ?? n);
  }

  range(n: Node): SourceRange {
    return this.nc.range(this.site(n));
  }

  newModule(kind: string, callee: string, node: Node): ModuleInst {
    const m: ModuleInst = { id: this.modules.length, kind, callee, node: this.site(node), children: [], attrs: new Map(), ties: new Map() };
    if (this.inCaughtTry()) m.madeInCaughtTry = true;
    this.modules.push(m);
    return m;
  }

  /** `nn.<kind>(…)`: a container, a layer stack, nn.Parameter, or a built-in layer. */
  construct(kind: string, args: ArgList, node: Node): Value {
    if (CONTAINERS.has(kind)) {
      const m = this.newModule(kind, `nn.${kind}`, node);
      this.fillContainer(m, kind as ContainerKind, args);
      return { t: 'module', m };
    }
    // A bare `nn.Module()` holding attributes (`down = nn.Module(); down.block = nn.ModuleList(…)`, taming-transformers):
    // its attribute modules are its children; it has no forward of its own.
    if (kind === 'Module' && args.positional.length === 0 && args.keyword.size === 0 && !args.unknownRest) {
      const m = this.newModule('Module', 'nn.Module', node);
      m.bare = true;
      return { t: 'module', m };
    }
    // `nn.ParameterList([nn.Linear(…), …])`: PyTorch 1.13 registers modules given to it as sub-modules,
    // so a list of modules only is a ModuleList under another name.
    const listed = kind === 'ParameterList' && !args.unknownRest ? (args.positional[0]?.value ?? args.keyword.get('values')?.value) : undefined;
    if (listed?.t === 'seq' && !listed.unsized && listed.items.length > 0 && listed.items.every((v) => v.t === 'module')) {
      const m = this.newModule(kind, `nn.${kind}`, node);
      this.fillContainer(m, 'ModuleList', { positional: [{ value: listed }], keyword: new Map() });
      return { t: 'module', m };
    }
    if (kind === 'ParameterList' || kind === 'ParameterDict') {
      const m = this.newModule(kind, `nn.${kind}`, node);
      m.paramHolder = kind === 'ParameterList' ? 'list' : 'dict';
      const first = args.positional[0]?.value ?? args.keyword.get(kind === 'ParameterList' ? 'values' : 'parameters')?.value;
      if (args.unknownRest) m.uncertain = { en: `nn.${kind} of unknown parameters`, 'zh-cn': `nn.${kind} 的参数未知` };
      else if (first?.t === 'seq' && m.paramHolder === 'list') first.items.forEach((v, i) => this.holdParam(m, String(i), v));
      else if (first?.t === 'dict' && m.paramHolder === 'dict') for (const [k, v] of first.entries) this.holdParam(m, k, v);
      else if (first !== undefined && first.t !== 'none') m.uncertain = first.t === 'unknown' ? first.reason : { en: `nn.${kind} of something the analysis cannot list`, 'zh-cn': `分析无法列出 nn.${kind} 的内容` };
      return { t: 'module', m };
    }
    if (kind === 'TransformerEncoder' || kind === 'TransformerDecoder') return this.transformerStack(kind, args, node);
    if (isComposite(kind)) return buildComposite(this, kind, args, node);
    if (kind === 'Parameter') {
      const v = args.positional[0]?.value ?? args.keyword.get('data')?.value;
      if (v?.t === 'tensor') return { t: 'tensor', shape: v.shape, param: true };
      return unknownModule('nn.Parameter of unknown shape', '形状未知的 nn.Parameter');
    }
    if (kind.startsWith('init.')) return NONE;
    if (kind === 'Embedding.from_pretrained' || kind === 'EmbeddingBag.from_pretrained') return this.embeddingFromPretrained(kind === 'EmbeddingBag.from_pretrained' ? 'EmbeddingBag' : 'Embedding', args, node);
    if (!isTorchLayer(kind)) return unknownModule(`nn.${kind} is not a layer the analysis knows`, `分析不认识 nn.${kind}`);
    const layer = buildTorchLayer(kind, args);
    if (!layer) return unknownModule(`nn.${kind}`, `nn.${kind}`);
    const m = this.newModule(kind, `nn.${kind}`, node);
    m.builtin = layer;
    if (kind === 'MultiheadAttention') {
      // Its output projection is a sub-module (PyTorch 1.13 uses its weights inside forward, never calls it).
      const e = layer.config.embed_dim;
      const proj = buildTorchLayer('Linear', { positional: [{ value: typeof e === 'number' ? { t: 'num', v: e, int: true } : unknown('embed_dim', 'embed_dim') }, { value: typeof e === 'number' ? { t: 'num', v: e, int: true } : unknown('embed_dim', 'embed_dim') }], keyword: new Map([['bias', { value: { t: 'bool', v: layer.config.bias !== false } }]]) });
      if (proj) {
        const child = this.newModule('NonDynamicallyQuantizableLinear', 'nn.Linear', node);
        child.builtin = proj;
        child.countedByParent = true;
        m.children.push({ name: 'out_proj', inst: child });
      }
    }
    return { t: 'module', m };
  }

  /**
   * `nn.Embedding.from_pretrained(embeddings, freeze=True, padding_idx=None, …)` (and
   * nn.EmbeddingBag's): the layer whose weight is the given 2-D tensor; a frozen weight is still a
   * parameter, so it counts.
   */
  private embeddingFromPretrained(kind: 'Embedding' | 'EmbeddingBag', args: ArgList, node: Node): Value {
    const callee = `nn.${kind}.from_pretrained`;
    const w = args.positional[0]?.value ?? args.keyword.get('embeddings')?.value;
    if (w?.t !== 'tensor') {
      const why = w?.t === 'unknown' ? `: ${w.reason.en}` : '';
      const whyZh = w?.t === 'unknown' ? `：${w.reason['zh-cn']}` : '';
      return unknownModule(`${callee} of a tensor of unknown shape${why}`, `${callee} 的张量形状未知${whyZh}`);
    }
    if (w.shape.length !== 2) return unknownModule(`${callee} needs a 2-D tensor, gets ${w.shape.length}-D`, `${callee} 需要 2 维张量，实际为 ${w.shape.length} 维`);
    const int = (v: number): Value => ({ t: 'num', v, int: true });
    // The settings that change a shape, by their place in from_pretrained's own signature.
    const places: Record<string, number> = kind === 'Embedding' ? { padding_idx: 2 } : { mode: 5, include_last_offset: 7, padding_idx: 8 };
    const keyword = new Map<string, Arg>();
    for (const [name, at] of Object.entries(places)) {
      const a = args.positional[at] ?? args.keyword.get(name);
      if (a) keyword.set(name, a);
    }
    const layer = buildTorchLayer(kind, { positional: [{ value: int(w.shape[0]!) }, { value: int(w.shape[1]!) }], keyword, ...(args.unknownRest ? { unknownRest: args.unknownRest } : {}) });
    if (!layer) return unknownModule(callee, callee);
    const m = this.newModule(kind, callee, node);
    m.builtin = layer;
    return { t: 'module', m };
  }

  /** A built-in layer or container made from a layer class of the library (einops's Rearrange…). */
  constructLibrary(kind: string, callee: string, args: ArgList, node: Node): Value {
    const layer = buildTorchLayer(kind, args);
    if (!layer) return unknownModule(`${callee} is not a layer the analysis knows`, `分析不认识 ${callee}`);
    const m = this.newModule(kind, callee, node);
    m.builtin = layer;
    return { t: 'module', m };
  }

  /** The container part of nn.Sequential / ModuleList / ModuleDict, also for user subclasses. */
  fillContainer(m: ModuleInst, kind: ContainerKind, args: ArgList): void {
    m.container = kind;
    let items: { name: string; v: Value }[] = [];
    const first = args.positional[0]?.value;
    if (kind === 'Sequential' && first?.t === 'dict') items = first.entries.map(([k, v]) => ({ name: k, v }));
    else if (kind === 'Sequential') items = args.positional.map((p, i) => ({ name: String(i), v: p.value }));
    else if (kind === 'ModuleDict' && first?.t === 'dict') items = first.entries.map(([k, v]) => ({ name: k, v }));
    else if (kind === 'ModuleDict' && first?.t === 'seq' && first.items.every((p) => p.t === 'seq' && p.items.length === 2 && p.items[0]!.t === 'str')) {
      // `nn.ModuleDict([['lrelu', nn.LeakyReLU()], ['prelu', nn.PReLU()]])`: (name, module) pairs in order,
      // a name given again keeping its place with the later module (ModuleDict.update's rule).
      for (const pair of first.items as (Value & { t: 'seq' })[]) {
        const name = (pair.items[0] as Value & { t: 'str' }).v;
        const at = items.findIndex((it) => it.name === name);
        if (at >= 0) items[at] = { name, v: pair.items[1]! };
        else items.push({ name, v: pair.items[1]! });
      }
    }
    else if (first?.t === 'seq') items = first.items.map((v, i) => ({ name: String(i), v }));
    else if (first !== undefined && first.t !== 'none') {
      m.uncertain = first.t === 'unknown' ? first.reason : { en: `${kind} of something that is not a list of modules`, 'zh-cn': `${kind} 的参数不是模块列表` };
    }
    if (args.unknownRest) m.uncertain = args.unknownRest.t === 'unknown' ? args.unknownRest.reason : { en: `${kind} of unknown modules`, 'zh-cn': `${kind} 的模块未知` };
    // `nn.ModuleDict({'train': …})`: add_module refuses a name the container already has as an attribute.
    const taken = items.find((it) => TAKEN_NAMES[kind]?.has(it.name));
    if (taken) m.uncertain = { en: `KeyError: attribute '${taken.name}' already exists (nn.${kind} cannot hold a module under the name of one of its own attributes)`, 'zh-cn': `KeyError：属性 '${taken.name}' 已存在（nn.${kind} 不能用自身属性的名字保存子模块）` };
    // (add_module refuses a name with a dot in it, or an empty one.)
    const dotted = items.find((it) => it.name.includes('.') || it.name === '');
    if (dotted) m.uncertain = { en: `KeyError: module name can't contain "." or be empty, got: '${dotted.name}' (nn.${kind} refuses it)`, 'zh-cn': `KeyError：模块名不能含 "." 或为空，实际为 '${dotted.name}'（nn.${kind} 拒绝）` };
    for (const [at, it] of items.entries()) {
      const child = it.v.t === 'module' ? this.modules[it.v.m.id] : undefined;
      if (child) m.children.push({ name: it.name, inst: child });
      // (A named None of a Sequential built from a dict may be set later by its name, `seq.act = nn.ReLU()`: unknown.)
      else if (it.v.t === 'none' && kind === 'Sequential' && first?.t === 'dict') m.uncertain ??= { en: `item '${it.name}' of the nn.Sequential is None, which code may set by its name`, 'zh-cn': `nn.Sequential 的项 '${it.name}' 为 None，代码可能按名称设置它` };
      else if (it.v.t === 'none' && (kind === 'ModuleList' || kind === 'Sequential')) (m.nones ??= new Set()).add(at);
      else if (it.v.t === 'unknown' || it.v.t === 'seq') {
        // `nn.Sequential(*layers)` with a layer the analysis could not follow: never a silently
        // shorter container.
        m.uncertain = it.v.t === 'unknown' ? it.v.reason : { en: `${kind} of a nested list`, 'zh-cn': `${kind} 的参数是嵌套列表` };
      } else if (it.v.t !== 'none') {
        // Anything else (a torchvision transform, which is an nn.Module there; an object the analysis holds as data) is
        // not followed as a layer: never dropped as if absent.
        m.uncertain = { en: `${kind} holds an item the analysis does not follow as a layer`, 'zh-cn': `${kind} 含有分析不作为层跟踪的项` };
      }
    }
  }

  private transformerStack(kind: 'TransformerEncoder' | 'TransformerDecoder', args: ArgList, node: Node): Value {
    // nn.TransformerEncoder(layer, num_layers, norm) deep-copies the layer num_layers times.
    const layerV = args.positional[0]?.value ?? args.keyword.get(kind === 'TransformerEncoder' ? 'encoder_layer' : 'decoder_layer')?.value;
    const n = asInt(args.positional[1]?.value ?? args.keyword.get('num_layers')?.value);
    const normV = args.positional[2]?.value ?? args.keyword.get('norm')?.value;
    const proto = layerV?.t === 'module' ? this.modules[layerV.m.id] : undefined;
    if (!proto || n === undefined) return unknownModule(`${kind} layer or num_layers is not known`, `${kind} 的层或层数未知`);
    const m = this.newModule(kind, `nn.${kind}`, node);
    m.container = 'TransformerStack';
    const layersM = this.newModule('ModuleList', 'nn.ModuleList', node);
    layersM.container = 'ModuleList';
    for (let i = 0; i < n && i < MAX_COPIES; i++) layersM.children.push({ name: String(i), inst: this.clone(proto, new Map()) });
    m.children.push({ name: 'layers', inst: layersM });
    if (normV?.t === 'module') {
      const normM = this.modules[normV.m.id];
      if (normM) m.children.push({ name: 'norm', inst: normM });
    }
    return { t: 'module', m };
  }

  /** `copy.deepcopy(module)`: a new module tree with the same layers (shared sub-modules stay shared within the copy). */
  /** A new module of src's kind: what it is (built-in layer, container, class…), its hooks; no children or attributes yet. */
  private sameKind(src: ModuleInst): ModuleInst {
    const c = this.newModule(src.kind, src.callee, src.node);
    if (src.builtin) c.builtin = src.builtin;
    if (src.unnormed) c.unnormed = src.unnormed;
    if (src.container) c.container = src.container;
    if (src.composite) c.composite = src.composite;
    if (src.numbers) c.numbers = src.numbers;
    if (src.userClass) c.userClass = src.userClass;
    if (src.moduleInitRan !== undefined) c.moduleInitRan = src.moduleInitRan;
    if (src.uncertain) c.uncertain = src.uncertain;
    if (src.preHooks) c.preHooks = [...src.preHooks];
    if (src.postHooks) c.postHooks = [...src.postHooks];
    if (src.hooksUnsure) c.hooksUnsure = src.hooksUnsure;
    if (src.nones) c.nones = new Set(src.nones);
    // (A copy carries the training flag and an instance's own forward: `a.eval(); b = copy.deepcopy(a)` is in eval mode.)
    if (src.evaluating !== undefined) c.evaluating = src.evaluating;
    if (src.modeUnsure !== undefined) c.modeUnsure = src.modeUnsure;
    if (src.forwardReplaced) c.forwardReplaced = src.forwardReplaced;
    return c;
  }

  clone(src: ModuleInst, done: Map<number, ModuleInst>, params = new Map<Value, Value>()): ModuleInst {
    const existing = done.get(src.id);
    if (existing) return existing;
    const c = this.sameKind(src);
    done.set(src.id, c);
    for (const ch of src.children) c.children.push({ name: ch.name, inst: this.clone(ch.inst, done, params) });
    for (const [k, v] of src.attrs) {
      const sub = v.t === 'module' ? this.modules[v.m.id] : undefined;
      c.attrs.set(k, sub ? { t: 'module', m: this.clone(sub, done, params) } : v.t === 'tensor' && v.param ? this.copiedParam(v, done, params) : v);
    }
    return c;
  }

  /**
   * A Parameter attribute of a deep copy: a new Parameter of its own (deepcopy's memo keeps one
   * shared within the copy shared), tied only where its tie is to a module of the same copy.
   */
  private copiedParam(v: Value & { t: 'tensor' }, done: Map<number, ModuleInst>, params: Map<Value, Value>): Value {
    const had = params.get(v);
    if (had) return had;
    const { tie, ...rest } = v;
    const home = tie ? done.get(tie.module) : undefined;
    const made: Value = home && tie ? { ...rest, tie: { ...tie, module: home.id } } : rest;
    params.set(v, made);
    return made;
  }

  /**
   * `copy.copy(module)`: a new module object sharing the original's `__dict__` contents — the same
   * submodules and the same parameters (tied to the original's, so counted once) — called on its own.
   */
  shallowClone(src: ModuleInst): ModuleInst {
    const c = this.sameKind(src);
    // (Every copy and the original share one _modules dict: each knows the others.)
    const group = [src, ...(src.sharesModules ?? [])];
    for (const g of group) (g.sharesModules ??= []).push(c);
    c.sharesModules = group;
    c.children = src.children.map((ch) => ({ ...ch }));
    for (const [k, v] of src.attrs) c.attrs.set(k, v);
    for (const [k, t] of src.ties) c.ties.set(k, t);
    // A built-in layer's own parameters: the original's.
    for (const [name, shape] of Object.entries(src.builtin?.weights ?? {})) {
      if (src.ties.has(name) || src.attrs.has(name)) continue;
      c.ties.set(name, { module: src.id, name, size: shape ? product(shape) : null });
    }
    return c;
  }

  /**
   * One item of an nn.ParameterList / ParameterDict: a tensor becomes a parameter, as PyTorch 1.13
   * wraps it; anything else (a module, a number: PyTorch refuses or keeps it as a plain attribute)
   * leaves the holder's contents unknown.
   */
  private holdParam(m: ModuleInst, key: string, v: Value): void {
    // An undecided branch's journal undoes each item added (made in __init__: nothing to undo).
    this.log?.attr(m.attrs, key, m);
    // (A Parameter stays itself, so one given twice (`nn.ParameterList([p, p])`) is counted once; a plain tensor is wrapped in a new one each time.)
    if (v.t === 'tensor') m.attrs.set(key, v.param ? v : { t: 'tensor', shape: v.shape, param: true });
    else m.uncertain = v.t === 'unknown' ? v.reason : { en: `${m.kind} of something that is not a tensor`, 'zh-cn': `${m.kind} 的内容不是张量` };
  }

  /** The modules a container iterates over, in order; undefined when they are not known. */
  iterate(m: ModuleInst): Value[] | undefined {
    if (m.uncertain) return undefined;
    // A ParameterList yields its parameters; a ParameterDict, like a dict, its keys.
    if (m.paramHolder === 'list') return [...m.attrs.values()];
    if (m.paramHolder === 'dict') return [...m.attrs.keys()].map((k) => ({ t: 'str', v: k }));
    if (m.nones?.size) return this.slots(m);
    if (m.container === 'ModuleList' || m.container === 'Sequential' || m.container === 'TransformerStack') return m.children.map((c) => ({ t: 'module', m: c.inst }));
    if (m.container === 'ModuleDict') return m.children.map((c) => ({ t: 'str', v: c.name }));
    return undefined;
  }

  /** `container[i]` / `container['name']` / `container[1:]`. */
  index(m: ModuleInst, i: Value): Value {
    if (m.uncertain) return unknownModule(m.uncertain.en, m.uncertain['zh-cn']);
    if (m.paramHolder) {
      const n = m.attrs.size;
      const key = m.paramHolder === 'list' && i.t === 'num' && i.int ? String(i.v < 0 ? n + i.v : i.v) : m.paramHolder === 'dict' && i.t === 'str' ? i.v : undefined;
      const v = key === undefined ? undefined : m.attrs.get(key);
      return v ?? unknown(`no parameter ${i.t === 'str' ? `'${i.v}'` : 'at this index'} in ${m.kind}`, `${m.kind} 中没有该参数`);
    }
    if (m.container) {
      if (i.t === 'num' && i.int && m.nones?.size) {
        const all = this.slots(m);
        if (!all) return unknownModule('an nn.ModuleList the analysis cannot list', '无法列出的 nn.ModuleList');
        return all[i.v < 0 ? all.length + i.v : i.v] ?? unknown(`index ${i.v} is out of range`, `下标 ${i.v} 越界`);
      }
      if (i.t === 'num' && i.int) {
        const c = m.children[i.v < 0 ? m.children.length + i.v : i.v];
        return c ? { t: 'module', m: c.inst } : unknown(`index ${i.v} is out of range`, `下标 ${i.v} 越界`);
      }
      if (i.t === 'str') {
        const c = m.children.find((ch) => ch.name === i.v);
        return c ? { t: 'module', m: c.inst } : unknown(`no module '${i.v}'`, `没有模块 '${i.v}'`);
      }
    }
    return unknownModule('subscript of a module', '模块下标');
  }

  /** A ModuleList's items in order, its None slots included; undefined when the names do not line up. */
  private slots(m: ModuleInst): Value[] | undefined {
    const all: Value[] = [];
    let k = 0;
    for (let at = 0; at < m.children.length + (m.nones?.size ?? 0); at++) {
      if (m.nones?.has(at)) {
        all.push(NONE);
        continue;
      }
      const c = m.children[k++];
      if (c?.name !== String(at)) return undefined;
      all.push({ t: 'module', m: c.inst });
    }
    return all;
  }

  /** A child of a container by name (`self.transformer.wte` on an nn.ModuleDict). */
  child(m: ModuleInst, name: string): ModuleInst | undefined {
    return m.container ? m.children.find((c) => c.name === name)?.inst : undefined;
  }

  /**
   * ParameterList's append/extend, ParameterDict's update/keys/values/items; `.to()` and the like
   * hand it back. Anything else is undefined (the caller's rule for unfollowed methods applies).
   */
  private paramHolderMethod(m: ModuleInst, meth: string, args: ArgList): Value | undefined {
    if (meth === 'to' || meth === 'cuda' || meth === 'cpu' || meth === 'float' || meth === 'double' || meth === 'half' || meth === 'requires_grad_') return { t: 'module', m };
    const v = args.positional[0]?.value;
    if (m.paramHolder === 'list' && (meth === 'append' || meth === 'extend') && args.positional.length === 1) {
      if (meth === 'append') this.holdParam(m, String(m.attrs.size), v!);
      else if (v?.t === 'seq') for (const it of v.items) this.holdParam(m, String(m.attrs.size), it);
      else m.uncertain = v?.t === 'unknown' ? v.reason : { en: 'extend of something the analysis cannot list', 'zh-cn': '分析无法列出 extend 的参数' };
      return NONE;
    }
    if (m.paramHolder === 'dict' && meth === 'update' && args.positional.length === 1) {
      if (v?.t === 'dict') for (const [k, it] of v.entries) this.holdParam(m, k, it);
      else m.uncertain = v?.t === 'unknown' ? v.reason : { en: 'update of something the analysis cannot list', 'zh-cn': '分析无法列出 update 的参数' };
      return NONE;
    }
    if (m.paramHolder === 'dict' && (meth === 'keys' || meth === 'values' || meth === 'items') && args.positional.length === 0 && !m.uncertain) {
      const items = [...m.attrs].map(([k, p]): Value => (meth === 'keys' ? { t: 'str', v: k } : meth === 'values' ? p : { t: 'seq', items: [{ t: 'str', v: k }, p], tuple: true }));
      return { t: 'seq', items, tuple: false };
    }
    return undefined;
  }

  /** Methods of nn.Module that change the module tree or hand the module back (`.to(device)`). */
  method(m: ModuleInst, meth: string, args: ArgList): Value | undefined {
    if (meth === 'to' || meth === 'cuda' || meth === 'cpu' || meth === 'train' || meth === 'eval' || meth === 'float' || meth === 'double' || meth === 'half' || meth === 'requires_grad_' || meth === 'apply' || meth === 'share_memory') return { t: 'module', m };
    if (m.paramHolder) return this.paramHolderMethod(m, meth, args);
    if ((meth === 'append' || meth === 'extend' || meth === 'insert') && m.container) {
      this.log?.children(m);
      const v = args.positional[meth === 'insert' ? 1 : 0]?.value;
      const items = meth === 'extend' ? (v?.t === 'seq' ? v.items : v?.t === 'module' ? (this.iterate(this.modules[v.m.id]!) ?? []) : undefined) : v ? [v] : [];
      if (!items) {
        m.uncertain = v?.t === 'unknown' ? v.reason : { en: `${meth} of unknown modules`, 'zh-cn': `${meth} 的模块未知` };
        return NONE;
      }
      const offset = m.children.length + (m.nones?.size ?? 0);
      let nth = -1;
      for (const it of items) {
        nth++;
        // Past modules the analysis could not list, a position is not known: the module is left out
        // (never listed under a wrong index), as nn.Sequential leaves out what follows `*unknown`.
        if (m.uncertain && m.container !== 'ModuleDict') break;
        const c = it.t === 'module' ? this.modules[it.m.id] : undefined;
        if (!c) {
          m.uncertain = it.t === 'unknown' ? it.reason : { en: `${meth} of something that is not a module`, 'zh-cn': `${meth} 的参数不是模块` };
          continue;
        }
        if (meth === 'insert') {
          const at = asInt(args.positional[0]?.value);
          // Inserting before a None slot moves it, and insert renumbers by position (children named
          // otherwise, by add_module, would be misplaced): not followed.
          const positional = m.children.every((ch, i) => ch.name === String(i));
          if (at === undefined || m.nones?.size || !positional) m.uncertain = { en: 'insert at an unknown position', 'zh-cn': '在未知位置插入' };
          else {
            m.children.splice(at < 0 ? m.children.length + at : at, 0, { name: '', inst: c });
            m.children.forEach((ch, i) => (ch.name = String(i)));
          }
        } else if (m.container !== 'ModuleDict') {
          // append / extend: `add_module(str(len(self)), module)`; the others keep their names (an
          // add_module'd `first` stays `first`), and a name already there is replaced in its place.
          // (ModuleList.extend counts from the length before it; Sequential.extend appends one by one.)
          const name = String(meth === 'extend' && m.container === 'ModuleList' ? offset + nth : m.children.length + (m.nones?.size ?? 0));
          const same = m.children.findIndex((ch) => ch.name === name);
          if (same >= 0) m.children[same] = { name, inst: c };
          else m.children.push({ name, inst: c });
        } else m.children.push({ name: '', inst: c });
      }
      return NONE;
    }
    if (meth === 'add_module' || meth === 'register_module') {
      // `add_module(name=…, module=…)`: the same two arguments by keyword.
      const n = args.positional[0]?.value ?? args.keyword.get('name')?.value;
      const v = args.positional[1]?.value ?? args.keyword.get('module')?.value;
      if (n?.t !== 'str' || !v || args.unknownRest || args.positional.length + args.keyword.size !== 2) {
        // A module registered under a name the analysis cannot read: its layers are not known.
        m.uncertain = { en: `${meth} with a name the analysis cannot read`, 'zh-cn': `${meth} 的名称无法分析` };
        return NONE;
      }
      if (m.container) {
        this.log?.children(m);
        const c = v.t === 'module' ? this.modules[v.m.id] : undefined;
        // A name already there keeps its place and takes the new module (PyTorch's _modules is a dict).
        const at = m.children.findIndex((x) => x.name === n.v);
        if (c && at >= 0) m.children[at] = { name: n.v, inst: c };
        else if (c) m.children.push({ name: n.v, inst: c });
        else if (v.t !== 'none') m.uncertain = { en: `${n.v} is not a known module`, 'zh-cn': `${n.v} 不是已知模块` };
      } else this.setAttr(m, n.v, v);
      return NONE;
    }
    if (meth === 'register_buffer' || meth === 'register_parameter') {
      const n = args.positional[0]?.value;
      const v = args.positional[1]?.value;
      // A buffer is state, not a parameter: only register_parameter counts.
      if (n?.t === 'str' && v) this.setAttr(m, n.v, meth === 'register_buffer' && v.t === 'tensor' ? { t: 'tensor', shape: v.shape } : v);
      return NONE;
    }
    if (m.container && (meth === 'pop' || meth === 'clear' || meth === 'update')) return this.containerChange(m, meth, args);
    if (meth === '__init__' || meth === 'zero_grad' || meth === 'load_state_dict' || meth === 'init_weights') return NONE;
    return undefined;
  }

  /**
   * `seq.pop(i)`, `layers.pop(i)`, `heads.pop(key)`, `heads.clear()`, `heads.update({...})`: as
   * PyTorch does them (a Sequential / ModuleList renumbers what follows the removed module). What
   * the analysis cannot follow leaves the container with no listed children: never the old ones.
   */
  private containerChange(m: ModuleInst, meth: string, args: ArgList): Value {
    const a = args.positional[0]?.value;
    if (meth === 'clear' && m.container === 'ModuleDict') {
      this.log?.children(m);
      m.children = [];
      return NONE;
    }
    if (meth === 'pop') {
      const removed = m.container === 'ModuleDict' ? (a?.t === 'str' ? this.removeChildren(m, { key: a.v }) : undefined) : this.removeChildren(m, { at: [asInt(a) ?? Number.NaN] });
      return removed?.[0] ? { t: 'module', m: this.modules[removed[0].id]! } : unknownModule(`${m.kind}.pop(…) the analysis cannot follow`, `无法分析的 ${m.kind}.pop(…)`);
    }
    if (meth === 'update' && m.container === 'ModuleDict') {
      const pairs: [Value, Value][] | undefined =
        a?.t === 'dict' ? a.entries.map(([k, v]): [Value, Value] => [{ t: 'str', v: k }, v])
        : a?.t === 'seq' && a.items.every((p) => p.t === 'seq' && p.items.length === 2) ? a.items.map((p) => [(p as { items: Value[] }).items[0]!, (p as { items: Value[] }).items[1]!])
        : a?.t === 'module' && this.modules[a.m.id]?.container === 'ModuleDict' ? this.modules[a.m.id]!.children.map((ch): [Value, Value] => [{ t: 'str', v: ch.name }, { t: 'module', m: ch.inst }])
        : undefined;
      this.log?.children(m);
      if (!pairs || args.positional.length !== 1 || args.keyword.size > 0 || pairs.some(([k, v]) => k.t !== 'str' || v.t !== 'module')) return this.lostChildren(m, 'ModuleDict.update(…) with entries the analysis cannot list');
      for (const [k, v] of pairs) {
        const name = (k as { v: string }).v;
        const inst = this.modules[(v as { m: ModuleRef }).m.id]!;
        const at = m.children.findIndex((ch) => ch.name === name);
        if (at >= 0) m.children[at] = { name, inst };
        else m.children.push({ name, inst });
      }
      return NONE;
    }
    return this.lostChildren(m, `${m.kind}.${meth}(…) is not followed`);
  }

  /**
   * Removes children: positions of a Sequential / ModuleList (the rest renumbered from 0, as
   * PyTorch's __delitem__ does) or a ModuleDict's key. Undefined (and the children no longer
   * listed) when the analysis cannot tell which.
   */
  removeChildren(m: ModuleInst, which: { at: number[] } | { key: string }): ModuleInst[] | undefined {
    this.log?.children(m);
    if ('key' in which) {
      const at = m.container === 'ModuleDict' ? m.children.findIndex((ch) => ch.name === which.key) : -1;
      if (at < 0) return this.lostChildren(m, `del ${m.kind}[…] with a key it does not hold`), undefined;
      return m.children.splice(at, 1).map((ch) => ch.inst);
    }
    const n = m.children.length;
    const at = which.at.map((i) => (i < 0 ? n + i : i));
    if (m.container === 'ModuleDict' || m.uncertain || m.nones?.size || at.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) return this.lostChildren(m, `a change of ${m.kind} at a position the analysis cannot follow`), undefined;
    const removed = at.map((i) => m.children[i]!.inst);
    const gone = new Set(at);
    m.children = m.children.filter((_, i) => !gone.has(i));
    m.children.forEach((ch, i) => (ch.name = String(i)));
    return removed;
  }

  private lostChildren(m: ModuleInst, why: string): Value {
    this.log?.children(m);
    m.children = [];
    m.uncertain = { en: why, 'zh-cn': `${why}（分析无法跟踪）` };
    return unknownModule(why, `${why}（分析无法跟踪）`);
  }

  /**
   * `torch.nn.utils.weight_norm(m, name, dim)`, in place as PyTorch does it: `name` is replaced by
   * `name_v` (same shape) and `name_g`, the norm over every dim but `dim` (one number for dim
   * None/-1), so a built-in layer gains that many parameters; its forward shape is unchanged.
   * `dim`: undefined when the code's value is not known.
   */
  weightNorm(m: ModuleInst, name: string | undefined, dim: number | null | undefined): void {
    const b = m.builtin;
    const shape = name === undefined ? undefined : b?.weights?.[name];
    const why = (en: string, zh: string): void => {
      m.uncertain = { en: `weight_norm: ${en}`, 'zh-cn': `weight_norm：${zh}` };
    };
    // (A user subclass of a built-in layer, `class Conv1d(nn.Conv1d)`, normalises its built-in weight, unless it set its own.)
    if (!b || m.container || (m.userClass && (name === undefined || m.attrs.has(name)))) return why(`${m.kind} is not a built-in layer the analysis counts`, `${m.kind} 不是分析能计数的内置层`);
    if (name === undefined || shape === undefined) return why(`the parameter '${name ?? '?'}' of ${m.kind} is not known`, `${m.kind} 的参数 '${name ?? '?'}' 未知`);
    if (shape === null || b.params === null) return why(`the shape of ${m.kind}.${name} is not known`, `${m.kind}.${name} 的形状未知`);
    const n = shape.length;
    if (dim === undefined || (dim !== null && (dim < -n || dim >= n))) return why('dim is not known', 'dim 未知');
    const g = dim === null || dim === -1 ? 1 : (shape[(dim + n) % n] ?? 0);
    const gShape = dim === null || dim === -1 ? [] : shape.map((d, i) => (i === (dim + n) % n ? d : 1));
    const apply = b.apply;
    m.unnormed = b;
    m.builtin = {
      ...b,
      params: b.params + g,
      weights: { ...b.weights, [`${name}_g`]: gShape, [`${name}_v`]: shape },
      apply: (inputs) => {
        const r = apply(inputs);
        return r.numbers ? { ...r, numbers: { ...r.numbers, weightNormG: g } } : r;
      },
    };
  }

  /**
   * `del layer._parameters[name]` / `del layer.weight` (EqualLR, hand-written weight or spectral
   * norms): the parameter leaves the layer's count — the code then registers another
   * (`weight_orig`), counted as any new Parameter, and a forward pre-hook computes the weight from
   * it, so the forward's shapes are the layer's as built. A user class's own parameter is
   * deleted; a name the analysis cannot tell leaves the module unknown.
   */
  removeParam(m: ModuleInst, name: string | undefined): void {
    if (name === undefined) {
      m.uncertain = { en: `a parameter of ${m.kind} removed by a name the analysis cannot read`, 'zh-cn': `${m.kind} 的参数按无法分析的名称被移除` };
      return;
    }
    const v = m.attrs.get(name);
    if (v?.t === 'tensor' && v.param) {
      this.log?.attr(m.attrs, name, m);
      m.attrs.delete(name);
      return;
    }
    const b = m.builtin;
    const shape = b?.weights?.[name];
    if (!b || m.userClass || shape === undefined) return;
    if (shape === null || b.params === null) {
      m.uncertain = { en: `${m.kind}.${name} is removed and its size is not known`, 'zh-cn': `${m.kind}.${name} 被移除且其大小未知` };
      return;
    }
    const weights = { ...b.weights };
    delete weights[name];
    m.builtin = { ...b, params: b.params - product(shape), weights, removed: { ...b.removed, [name]: shape } };
  }

  removeWeightNorm(m: ModuleInst): void {
    if (m.unnormed) {
      m.builtin = m.unnormed;
      delete m.unnormed;
    } else m.uncertain = { en: 'remove_weight_norm of a layer the analysis did not see normalised', 'zh-cn': 'remove_weight_norm 作用于分析未见到归一化的层' };
  }

  /** `self.<attr> = v` inside a module (a built-in layer keeps its parameters' assignments and its settings). */
  setAttr(m: ModuleInst, attr: string, v: Value): void {
    if (m.builtin && (isParamSlot(m.builtin, attr) || (!m.userClass && v.t === 'tensor' && v.param))) {
      // nn.Module.__setattr__: a parameter's name takes an nn.Parameter (another layer's: tied) or
      // None, which removes it (`conv.bias = init(conv.bias)` with a helper returning None); a
      // Parameter under a new name registers one. Read back as assigned; counted by ownParams.
      this.log?.attr(m.attrs, attr, m);
      // A new Parameter becomes this layer's own (another layer tied to it later shares it); one an
      // earlier layer took (`shared = nn.Parameter(…)` given to two layers' bias) is tied to that one.
      const home = v.t === 'tensor' && v.param && !v.tie ? PARAM_HOME.get(v) : undefined;
      if (v.t === 'tensor' && v.param && !v.tie && !home) PARAM_HOME.set(v, { module: m.id, name: attr });
      const tie = v.t === 'tensor' && v.param ? (v.tie ?? home ?? { module: m.id, name: attr }) : undefined;
      m.attrs.set(attr, v.t === 'tensor' && tie && tie !== v.tie ? { ...v, tie } : v);
      if (tie && tie.module !== m.id) m.ties.set(attr, { ...tie, size: product((v as Value & { t: 'tensor' }).shape) });
      else m.ties.delete(attr);
      return;
    }
    if (m.builtin && !m.userClass) {
      // A setting assigned again (`conv.stride = (1, 1)`): read back as assigned, and forward runs with
      // it (applyBuiltin); a removed parameter's name takes a plain tensor (EqualLR's pre-hook), which forward uses.
      if (m.builtin.settings?.has(attr) || (m.builtin.removed && attr in m.builtin.removed)) {
        this.log?.attr(m.attrs, attr, m);
        m.attrs.set(attr, v);
      } else if (!attr.startsWith('_') && attr !== 'training' && v.t !== 'module' && v.t !== 'tensor' && !mayHoldModule(v) && !(m.builtin.config && attr in m.builtin.config)) {
        // A plain attribute of the code's own (YOLOv5's `m_.i, m_.f = i, f` on an nn.Upsample): kept
        // in __dict__ and read back, neither a setting nor a parameter of the layer.
        this.log?.attr(m.attrs, attr, m);
        m.attrs.set(attr, v);
      }
      return;
    }
    if (m.container && v.t === 'module') {
      const c = this.modules[v.m.id];
      if (c) {
        this.log?.children(m);
        const at = m.children.findIndex((ch) => ch.name === attr);
        if (at >= 0) m.children[at] = { name: attr, inst: c };
        else m.children.push({ name: attr, inst: c });
      }
      return;
    }
    this.log?.attr(m.attrs, attr, m);
    // A name that held a plain value (`self.downsample = None`) and now a module joins _modules last, as nn.Module.__setattr__ does.
    const prev = m.attrs.get(attr);
    this.markReplacedAfterCall(m, attr, prev, v);
    if (v.t === 'module' && prev !== undefined && prev.t !== 'module') m.attrs.delete(attr);
    m.attrs.set(attr, v);
    // A shallow copy (`copy.copy(model)`) shares _modules and _parameters with its original: a module or
    // Parameter set on one is the other's too (a plain attribute lives in each one's own __dict__).
    if ((v.t === 'module' || prev?.t === 'module' || (v.t === 'tensor' && v.param)) && m.sharesModules) {
      for (const other of m.sharesModules) {
        this.log?.attr(other.attrs, attr, other);
        other.attrs.set(attr, v);
      }
    }
  }

  /** `del model.fc`: nn.Module.__delattr__ removes the child (or attribute); a built-in layer's are left. */
  deleteAttr(m: ModuleInst, attr: string): void {
    // nn.Module.__delattr__ removes a parameter of that name first.
    if (m.builtin && !m.userClass) {
      if (m.builtin.weights?.[attr] !== undefined || m.attrs.get(attr)?.t === 'tensor') this.removeParam(m, attr);
      return;
    }
    const at = m.children.findIndex((ch) => ch.name === attr);
    if (at >= 0) {
      this.log?.children(m);
      m.children.splice(at, 1);
    } else if (m.attrs.has(attr)) {
      this.log?.attr(m.attrs, attr, m);
      if (m.called && m.attrs.get(attr)?.t === 'module') this.removedAfterCall.add(`${m.id}:${attr}`);
      m.attrs.delete(attr);
    }
  }

  /** Module attributes deleted from a module after it ran (`self.__delattr__('fc3')` in RepMLP's switch_to_deploy). */
  private readonly removedAfterCall = new Set<string>();

  /**
   * A layer put in place of another after the module ran (a re-parameterisation switch between two
   * calls): its calls do not all run the same layer, so its numbers are not shown as known.
   */
  private markReplacedAfterCall(m: ModuleInst, attr: string, prev: Value | undefined, v: Value): void {
    if (!m.called || v.t !== 'module' || (prev?.t !== 'module' && !this.removedAfterCall.has(`${m.id}:${attr}`))) return;
    const c = this.modules[v.m.id];
    if (c) c.replacedAfterCall ??= { en: `self.${attr} was replaced after ${m.kind} ran: its calls do not all use the same layer`, 'zh-cn': `self.${attr} 在 ${m.kind} 运行后被替换：各次调用使用的层不同` };
  }

  /** `layer.weight` / `layer.bias` of a built-in layer, with its identity for weight tying. */
  param(m: ModuleInst, name: string): Value | undefined {
    const shape = m.builtin?.weights?.[name];
    if (shape === undefined) return undefined;
    if (shape === null) return unknown(`${m.kind}.${name} has no known shape`, `${m.kind}.${name} 的形状未知`);
    return { t: 'tensor', shape, param: true, tie: { module: m.id, name } };
  }

  /** A built-in layer's forward on these inputs. */
  applyBuiltin(m: ModuleInst, builtin: BuiltinLayer, inputs: Value[], node: Node): { out: Value; numbers?: LayerNumbers; /** An input PyTorch refuses (a RuntimeError when run). */ refused?: Msg } {
    // A PackedSequence only goes into the recurrent layers, which take it.
    if (inputs[0] && inputs[0].t !== 'tensor' && !(isPacked(inputs[0]) && PACKED_INPUT.has(m.kind))) {
      return { out: inputs[0].t === 'unknown' ? inputs[0] : unknown(`${m.kind} got ${inputs[0].t}, not a tensor`, `${m.kind} 的输入不是张量`) };
    }
    // Put in place of another layer after the model ran: which of the two a call runs is not one answer.
    if (m.replacedAfterCall) return { out: unknown(`${m.kind}: ${m.replacedAfterCall.en}`, `${m.kind}：${m.replacedAfterCall['zh-cn']}`) };
    const changes = builtin.settings ? [...m.attrs].filter(([k]) => builtin.settings!.has(k) && !isParamSlot(builtin, k)) : [];
    const layer = changes.length > 0 && builtin.withSettings ? builtin.withSettings(new Map(changes)) : builtin;
    const replaced = replacedForward(m, builtin);
    if (replaced) return { out: unknown(replaced.en, replaced['zh-cn']) };
    const r = layer.apply(inputs);
    for (const p of r.problems) this.report(m, p, node);
    // A size below zero (`nn.Linear(8, -1)`, which PyTorch refuses) is no shape: unknown, never shown.
    if (hasNegativeDim(r.output)) return { out: unknown(`${m.kind}: a size below zero (PyTorch refuses it)`, `${m.kind}：尺寸小于零（PyTorch 会拒绝）`) };
    const refused = r.problems[0]?.message;
    // (Linear and Embedding give a fresh contiguous tensor, whatever their input's layout: a view of it may follow a transpose.)
    if (CONTIGUOUS_OUTPUT.has(m.kind) && r.output !== inputs[0]) madeContiguous(r.output);
    return { out: r.output, ...(r.numbers ? { numbers: r.numbers } : {}), ...(refused ? { refused } : {}) };
  }

  /** Names every module reachable from the root like named_modules() does, and makes its LayerInfo. */
  registerTree(rootInst: ModuleInst): void {
    const seen = new Set<number>([rootInst.id]);
    if (rootInst.raised) this.reportAt(rootInst.raised.node, rootInst.raised.why);
    const visit = (inst: ModuleInst, prefix: string, depth: number): void => {
      for (const { name, inst: child } of this.namedChildren(inst)) {
        if (seen.has(child.id)) continue;
        seen.add(child.id);
        const path = prefix === '' ? name : `${prefix}.${name}`;
        child.layerInfo = this.layers.length;
        child.epoch = this.epoch;
        this.layers.push({
          name, path, kind: child.kind, callee: child.callee, range: this.nc.range(child.node), config: child.builtin?.config ?? {},
          calls: [], output: { known: false, reason: { en: 'not called', 'zh-cn': '未被调用' } },
          params: this.subtreeParams(child), ...this.paramsWhy(child), conceptIds: conceptIdsFor('pytorch', child.callee, child.kind), depth,
        });
        for (const p of child.builtin?.problems ?? []) this.report(child, p, child.node);
        visit(child, path, depth + 1);
      }
    };
    visit(rootInst, '', 0);
  }

  /** `{ paramsUnknown }` when the subtree's count is not known. */
  private paramsWhy(inst: ModuleInst): { paramsUnknown?: Msg } {
    const why = this.subtreeParamsUnknown(inst);
    return why ? { paramsUnknown: why } : {};
  }

  namedChildren(inst: ModuleInst): { name: string; inst: ModuleInst }[] {
    const out: { name: string; inst: ModuleInst }[] = [...inst.children];
    if (!inst.userClass && !inst.bare) return out;
    for (const [name, v] of inst.attrs) {
      if (v.t === 'module') {
        const m = this.modules[v.m.id];
        if (m) out.push({ name, inst: m });
      }
    }
    return out;
  }

  /** Why the parameters of this module are not known, or undefined when they are. */
  private paramsUnknown(inst: ModuleInst): Msg | undefined {
    if (inst.uncertain) return inst.uncertain;
    if (inst.replacedAfterCall) return inst.replacedAfterCall;
    if (inst.paramsUnsure) return inst.paramsUnsure;
    for (const [name, v] of inst.attrs) {
      if (inst.builtin && isParamSlot(inst.builtin, name)) continue;
      if (mayHoldModule(v)) return v.t === 'unknown' ? { en: `self.${name} is not known (${v.reason.en})`, 'zh-cn': `self.${name} 未知（${v.reason['zh-cn']}）` } : { en: `self.${name} is not known`, 'zh-cn': `self.${name} 未知` };
    }
    return undefined;
  }

  /** `sum(p.numel() for p in m.parameters())`: shared modules and tied parameters count once. */
  subtreeParams(root: ModuleInst): number | null {
    const r = this.subtreeCount(root);
    return 'why' in r ? null : r.total;
  }

  /** Why subtreeParams(root) is null (the first module in the tree whose count is not known), or undefined. */
  subtreeParamsUnknown(root: ModuleInst): Msg | undefined {
    const r = this.subtreeCount(root);
    return 'why' in r ? r.why : undefined;
  }

  private subtreeCount(root: ModuleInst): { total: number } | { why: Msg } {
    const inTree = new Set<number>();
    const stack = [root];
    let total = 0;
    const ties: (ParamRef & { size: number | null; from: number })[] = [];
    // Parameters modules hold as attributes of their own (`self.p = nn.Parameter(…)`), counted once
    // each below, as parameters() does: the same one under two names (`self.q = self.p`), a layer's
    // own read back (`self.w = self.l.weight`), one Parameter given to two holders.
    const held: (Value & { t: 'tensor' })[] = [];
    // Below the root, the reason names the module it is about (a built-in layer's reason already does).
    const at = (m: ModuleInst, why: Msg): { why: Msg } =>
      m === root || why.en.startsWith(m.kind) ? { why } : { why: { en: `${m.kind}: ${why.en}`, 'zh-cn': `${m.kind}：${why['zh-cn']}` } };
    while (stack.length > 0) {
      const m = stack.pop()!;
      if (inTree.has(m.id)) continue;
      inTree.add(m.id);
      const unsure = this.paramsUnknown(m);
      if (unsure) return at(m, unsure);
      if (m.builtin) {
        const p = this.ownParams(m);
        if ('why' in p) return at(m, p.why);
        total += p.n;
        for (const t of m.ties.values()) ties.push({ ...t, from: m.id });
        // A built-in layer's count includes its sub-modules (MultiheadAttention's out_proj).
        if (!m.userClass) continue;
      }
      for (const [k, v] of m.attrs) if (v.t === 'tensor' && v.param && !(m.builtin && isParamSlot(m.builtin, k))) held.push(v);
      // Children pushed last-first, so the first unknown found is the first in named_modules() order.
      // (A subclass of a built-in layer: the sub-modules the layer's own count holds — MultiheadAttention's out_proj — are not counted again.)
      for (const c of this.namedChildren(m).reverse()) if (!(m.builtin && c.inst.countedByParent)) stack.push(c.inst);
    }
    const counted = new Set<unknown>();
    for (const v of held) {
      const home = v.tie ?? PARAM_HOME.get(v);
      // A layer's own parameter, read back: that layer counts it.
      if (home && inTree.has(home.module)) continue;
      const key = home ? `${home.module}:${home.name}` : v;
      if (counted.has(key)) continue;
      counted.add(key);
      total += product(v.shape);
    }
    // A tied parameter is counted where it was made when that is in the tree; several layers of the
    // tree tied to one made outside it (a decoder's embedding and output layer both sharing the
    // encoder's embedding) share it once.
    const outside = new Set<string>();
    for (const t of ties) {
      const key = `${t.module}:${t.name}`;
      if (!inTree.has(t.module) && !outside.has(key)) {
        outside.add(key);
        continue;
      }
      if (t.size === null) return { why: { en: 'the size of a tied parameter is not known', 'zh-cn': '共享参数的大小未知' } };
      total -= t.size;
    }
    return { total };
  }

  /**
   * `list(m.parameters())`: each module once in named_modules() order, its own parameters in the
   * order it registered them. A built-in layer's are listed only when the shapes it records add up
   * to its count (a layer with parameters the analysis does not name is not listed); tied
   * parameters, shared once by PyTorch, are not listed either.
   */
  parameterList(root: ModuleInst): Value[] | { why: Msg } {
    const seen = new Set<number>();
    const out: Value[] = [];
    const visit = (m: ModuleInst): Msg | undefined => {
      if (seen.has(m.id)) return undefined;
      seen.add(m.id);
      const unsure = this.paramsUnknown(m);
      if (unsure) return unsure;
      if (m.ties.size > 0) return { en: `${m.kind} has a parameter tied to another layer`, 'zh-cn': `${m.kind} 有与其他层共享的参数` };
      if (m.builtin) {
        const own = this.ownParams(m);
        if ('why' in own) return own.why;
        const shapes = Object.entries(m.builtin.weights ?? {});
        const listed = shapes.reduce((n, [, s]) => (s === null || n === null ? null : n + product(s)), 0 as number | null);
        if (listed === null || listed !== m.builtin.params) return { en: `the parameters of ${m.kind} are not listed by the analysis`, 'zh-cn': `分析未列出 ${m.kind} 的参数` };
        // In registration order: a parameter assigned again keeps its place, None leaves it out.
        for (const [name] of shapes) {
          const v = m.attrs.get(name) ?? this.param(m, name)!;
          if (v.t === 'tensor') out.push(v.tie?.module === m.id ? v : { t: 'tensor', shape: v.shape, param: true });
        }
        for (const [k, v] of m.attrs) if (v.t === 'tensor' && v.param && !(k in (m.builtin.weights ?? {})) && (!m.userClass || isParamSlot(m.builtin, k))) out.push({ t: 'tensor', shape: v.shape, param: true });
        if (!m.userClass) return undefined;
      }
      for (const [k, v] of m.attrs) if (v.t === 'tensor' && v.param && !(m.builtin && isParamSlot(m.builtin, k))) out.push({ t: 'tensor', shape: v.shape, param: true });
      for (const c of this.namedChildren(m)) {
        const why = visit(c.inst);
        if (why) return why;
      }
      return undefined;
    };
    const why = visit(root);
    return why ? { why } : out;
  }

  /**
   * A built-in layer's own count, with its parameters as assigned after construction: None removes
   * one, an nn.Parameter (its own, a new one, another layer's: tied, deduplicated by subtreeCount)
   * counts its size, anything else leaves the count unknown. A Parameter under a new name counts too.
   */
  private ownParams(m: ModuleInst): { n: number } | { why: Msg } {
    const b = m.builtin;
    if (!b || b.params === null) return { why: b?.paramsUnknown ?? { en: `the parameters of ${m.kind} are not known`, 'zh-cn': `${m.kind} 的参数未知` } };
    let n = b.params;
    for (const [name, v] of m.attrs) {
      const slot = isParamSlot(b, name);
      if (!slot && (m.userClass || v.t !== 'tensor' || !v.param)) continue;
      // A layer whose parameters the analysis counts but does not list by name (an LSTM's
      // `weight_ih_l0`, MultiheadAttention's `in_proj_weight`): the Parameter may replace one of them.
      if (!slot && b.weights === undefined && b.params !== 0) return { why: { en: `${m.kind}.${name} is assigned an nn.Parameter, which may replace one of its parameters (the analysis does not list them by name)`, 'zh-cn': `${m.kind}.${name} 被赋值为 nn.Parameter，可能替换了该层的某个参数（分析未按名称列出其参数）` } };
      const own = b.weights?.[name];
      if (own === null) return { why: { en: `${m.kind}.${name} has no known shape`, 'zh-cn': `${m.kind}.${name} 的形状未知` } };
      const before = own === undefined ? 0 : product(own);
      if (v.t === 'none') n -= before;
      else if (v.t === 'tensor' && v.param && (v.tie?.module !== m.id || v.tie.name === name)) n += product(v.shape) - before;
      else if (v.t === 'tensor' && v.param) return { why: { en: `${m.kind}.${name} is assigned another of its own parameters`, 'zh-cn': `${m.kind}.${name} 被赋值为该层的另一个参数` } };
      else if (v.t === 'unknown') return { why: { en: `${m.kind}.${name} is assigned a value the analysis cannot size (${v.reason.en})`, 'zh-cn': `${m.kind}.${name} 被赋值为分析无法确定大小的值（${v.reason['zh-cn']}）` } };
      else return { why: { en: `${m.kind}.${name} is assigned ${v.t === 'tensor' ? 'a tensor that is not an nn.Parameter' : `a ${v.t}`}, which PyTorch refuses for a parameter`, 'zh-cn': `${m.kind}.${name} 被赋值为${v.t === 'tensor' ? '非 nn.Parameter 的张量' : ` ${v.t}`}，PyTorch 不接受其作为参数` } };
    }
    return { n };
  }

  recordCall(m: ModuleInst, node: Node, input: Value | undefined, output: Value, numbers: LayerNumbers | undefined): void {
    if (m.layerInfo === undefined || m.epoch !== this.epoch) return;
    const info = this.layers[m.layerInfo];
    if (!info) return;
    const call: LayerCall = { range: this.range(node), input: toShape(input ?? NONE), output: toShape(shownTensor(output)), steps: [] };
    call.steps = stepsForCall('pytorch', info.kind, info.config, call, numbers);
    info.calls.push(call);
    info.output = call.output;
    this.trace.push({ layer: m.layerInfo, call: info.calls.length - 1 });
  }

  /** The module's last recorded call returned a forward hook's value, not forward's: its output is not one shape. */
  hookedLastCall(m: ModuleInst, reason: Msg): void {
    const info = m.layerInfo !== undefined && m.epoch === this.epoch ? this.layers[m.layerInfo] : undefined;
    const last = info?.calls[info.calls.length - 1];
    if (!info || !last) return;
    last.output = { known: false, reason };
    last.steps = [];
    info.output = last.output;
  }

  /**
   * The calls recorded since `start` ran in a loop the analysis visited once for a number of
   * rounds it cannot know (`for _ in range(random.randint(0, 3))` in a forward): each may happen
   * none, one or several times, so none is shown as a known call.
   */
  unsureLoopCalls(start: number, reason: Msg): void {
    for (const t of this.trace.slice(start)) {
      const info = this.layers[t.layer];
      const c = info?.calls[t.call];
      if (!info || !c) continue;
      c.output = { known: false, reason };
      c.steps = [];
      info.output = info.calls[info.calls.length - 1]!.output;
    }
  }

  /**
   * Both sides of an undecided `if` ran and recorded their layer calls (trace [start, mid) and
   * [mid, end)), but only one side runs. A layer called the same way on both sides (as many
   * calls, the same shapes) makes those calls whichever runs: the second side's copies go.
   * Otherwise each of its calls there may or may not happen, and its output is unknown — never a
   * call PyTorch does not make shown as known.
   */
  settleBranchCalls(start: number, mid: number, end: number): void {
    if (start === end) return;
    const shapes = (from: number, to: number): Map<number, string[]> => {
      const out = new Map<number, string[]>();
      for (const t of this.trace.slice(from, to)) {
        const c = this.layers[t.layer]?.calls[t.call];
        const list = out.get(t.layer) ?? [];
        list.push(c && c.output.known ? c.output.shape.join(',') : '?');
        out.set(t.layer, list);
      }
      return out;
    };
    const a = shapes(start, mid);
    const b = shapes(mid, end);
    const same = (layer: number): boolean => {
      const x = a.get(layer);
      const y = b.get(layer);
      return x !== undefined && y !== undefined && x.join(' ') === y.join(' ') && !x.includes('?');
    };
    const reason = { en: 'called under a condition the analysis cannot decide', 'zh-cn': '在无法静态判断的条件下调用' };
    const dropped: { layer: number; call: number }[] = [];
    for (let i = start; i < end; i++) {
      const t = this.trace[i]!;
      const info = this.layers[t.layer];
      const c = info?.calls[t.call];
      if (!info || !c) continue;
      if (same(t.layer)) {
        if (i >= mid) dropped.push(t);
        continue;
      }
      c.output = { known: false, reason };
      c.steps = [];
    }
    // The second side's copies are the last calls of their layers: drop them from the end.
    const gone = new Set(dropped);
    this.trace = [...this.trace.slice(0, mid), ...this.trace.slice(mid, end).filter((t) => !gone.has(t)), ...this.trace.slice(end)];
    for (const t of dropped.reverse()) {
      const info = this.layers[t.layer];
      if (info && info.calls.length - 1 === t.call) info.calls.pop();
    }
    for (const layer of new Set([...a.keys(), ...b.keys()])) {
      const info = this.layers[layer];
      const last = info?.calls[info.calls.length - 1];
      if (info && last) info.output = last.output;
    }
  }

  private report(inst: ModuleInst, p: LayerProblem, at: Node): void {
    if (this.onUndecidedPath() || inst.madeInCaughtTry) return;
    const info = inst.layerInfo !== undefined && inst.epoch === this.epoch ? this.layers[inst.layerInfo] : undefined;
    const who = info?.path ?? inst.kind;
    const argNode = p.argName ? inst.builtin?.argNodes.get(p.argName) : undefined;
    const site = argNode && this.owns(argNode) ? argNode : this.site(at);
    const explanation = explainProblem(inst.kind, p);
    const where = this.owns(at) ? undefined : this.whereIs(at);
    const d: ShapeDiagnostic = {
      code: p.expected !== undefined ? 'shape-mismatch' : 'invalid-config',
      severity: 'error',
      range: this.nc.range(site),
      message: { en: `${who} ${p.message.en}${explanation.en}${where ? ` (at ${where})` : ''}`, 'zh-cn': `${who} ${p.message['zh-cn']}${explanation['zh-cn']}${where ? `（位于 ${where}）` : ''}` },
      model: this.modelName,
      layer: who,
    };
    if (p.expected !== undefined) d.expected = p.expected;
    if (p.actual !== undefined) d.actual = p.actual;
    if (argNode && site === argNode && p.fixText !== undefined) {
      d.fix = { title: { en: `Change ${p.argName} to ${p.fixText}`, 'zh-cn': `将 ${p.argName} 改为 ${p.fixText}` }, range: this.nc.range(argNode), newText: p.fixText };
    }
    this.diags.push(d);
  }

  reportAt(node: Node, message: Msg, fix?: { argNode: Node; text: string; what: string }, nums?: { expected: number; actual: number }): void {
    if (this.onUndecidedPath()) return;
    const own = fix && this.owns(fix.argNode) ? fix : undefined;
    const where = own || this.owns(node) ? undefined : this.whereIs(node);
    const said = where ? { en: `${message.en} (at ${where})`, 'zh-cn': `${message['zh-cn']}（位于 ${where}）` } : message;
    const d: ShapeDiagnostic = { code: nums ? 'shape-mismatch' : 'invalid-config', severity: 'error', range: this.range(own?.argNode ?? node), message: said, model: this.modelName };
    if (nums) {
      d.expected = nums.expected;
      d.actual = nums.actual;
    }
    if (own) d.fix = { title: { en: `Change ${own.what} to ${own.text}`, 'zh-cn': `将 ${own.what} 改为 ${own.text}` }, range: this.nc.range(own.argNode), newText: own.text };
    this.diags.push(d);
  }
}

/**
 * A name that is one of a built-in layer's parameters: those it records, and `weight`/`bias` of a
 * layer with recorded weights built without them (PyTorch registers them as None).
 */
function isParamSlot(b: BuiltinLayer, name: string): boolean {
  return b.weights !== undefined && !(b.removed && name in b.removed) && (name in b.weights || name === 'weight' || name === 'bias');
}

/** The layer slot a Parameter made outside any layer was first given to (`a.bias = shared`): where it is counted. */
const PARAM_HOME = new WeakMap<object, ParamRef>();

/** Layers whose forward needs their weight (F.conv2d, F.linear, F.embedding…); a norm's is optional. */
const NEEDS_WEIGHT = /^(?:Conv(?:Transpose)?[123]d|Linear|Bilinear|Embedding|EmbeddingBag)$/;

/**
 * Why a built-in layer's forward is not known after its parameters were assigned: a removed bias
 * (None) or a Parameter of the same shape leave the output as built; a removed weight, a new
 * shape or a value the analysis cannot size do not.
 */
function replacedForward(m: ModuleInst, b: BuiltinLayer): Msg | undefined {
  // Its weight deleted and never set again (no pre-hook that sets it ran): PyTorch's forward has none.
  if (b.removed && 'weight' in b.removed && NEEDS_WEIGHT.test(b.kind) && !m.attrs.has('weight')) return { en: `${m.kind}.weight was removed and is not set again before the call`, 'zh-cn': `${m.kind}.weight 已被移除，调用前未再设置` };
  for (const [name, v] of m.attrs) {
    // A removed parameter's name set to a plain tensor (EqualLR's pre-hook): as built when of the removed one's shape.
    const removed = b.removed?.[name];
    if (removed && NEEDS_WEIGHT.test(b.kind) && !(v.t === 'tensor' && !v.param && v.shape.join(',') === removed.join(','))) return { en: `${m.kind}.${name} is set to a value other than a tensor of its removed parameter's shape`, 'zh-cn': `${m.kind}.${name} 被设为与其被移除参数形状不同的值` };
    if (!isParamSlot(b, name)) continue;
    const own = b.weights?.[name];
    // (An RNN's forward passes every one of its weights on: None among them raises. MultiheadAttention needs its projection.)
    if (v.t === 'none' && (name !== 'weight' || !NEEDS_WEIGHT.test(b.kind)) && !/^(?:RNN|LSTM|GRU)$/.test(b.kind) && !/_proj_weight$/.test(name)) continue;
    if (v.t === 'tensor' && v.param && own && own.join(',') === v.shape.join(',')) continue;
    // A bias given to a Linear / Conv built with bias=False (SincNet's `wx.bias = nn.Parameter(…)`):
    // F.linear / F.conv add it per output feature, the output as built.
    const w = b.weights?.weight;
    if (name === 'bias' && own === undefined && v.t === 'tensor' && v.param && /^(?:Linear|Conv[123]d)$/.test(b.kind) && w && v.shape.length === 1 && v.shape[0] === w[0]) continue;
    // An Embedding's table of another number of rows (pretrained vectors for a vocabulary of
    // another size): F.embedding reads rows, so the output keeps its width (a padding index past the rows raises).
    // (nn.Embedding stores a negative padding index counted from its own number of rows.)
    const given = b.config.padding_idx;
    const pad = typeof given === 'number' && given < 0 && own ? own[0]! + given : given;
    if (b.kind === 'Embedding' && name === 'weight' && v.t === 'tensor' && v.param && own?.length === 2 && v.shape.length === 2 && v.shape[1] === own[1] && (pad === undefined || pad === null || (typeof pad === 'number' && pad < v.shape[0]!))) continue;
    return v.t === 'none'
      ? { en: `${m.kind}.${name} is None`, 'zh-cn': `${m.kind}.${name} 为 None` }
      : v.t === 'tensor' && v.param && own === undefined
        ? { en: `${m.kind}.${name} is a parameter it was built without`, 'zh-cn': `${m.kind}.${name} 是构建时没有的参数` }
        : { en: `${m.kind}.${name} is assigned ${v.t === 'tensor' && v.param ? `a parameter of another shape (${v.shape.join(', ')})` : 'a value the analysis cannot size'}`, 'zh-cn': `${m.kind}.${name} 被赋值为${v.t === 'tensor' && v.param ? `另一形状的参数（${v.shape.join(', ')}）` : '分析无法确定大小的值'}` };
  }
  return undefined;
}

/** Does a layer's output hold a tensor with a size below zero (or not a number)? */
function hasNegativeDim(v: Value, depth = 0): boolean {
  if (v.t === 'tensor') return v.shape.some((d) => !(d >= 0));
  if (v.t === 'seq' && depth < 4) return v.items.some((x) => hasNegativeDim(x, depth + 1));
  return false;
}

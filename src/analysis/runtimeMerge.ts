// What PyTorch measured (python/model_lens/shapes.py, issue 9 part 5) merged into a static
// analysis result: measured numbers win, and every number says where it came from. Pure.
//
// The rules, one place:
// - A call whose output PyTorch measured in full (every dimension carried to the analysis's size)
//   takes that shape, marked 'pytorch'; the inferred one is kept beside it when it differs. A layer's
//   parameter count is PyTorch's when the module was found; a model's output and total likewise.
// - Where PyTorch contradicts a known inferred shape, what the analysis derived from it afterwards in
//   `forward` cannot be trusted: later calls' inputs and formula steps, and variable shapes not
//   measured themselves, become unknown with that reason (never a wrong number shown as known).
// - A model whose forward ran loses the static shape diagnostics PyTorch contradicts (mismatch,
//   unknown shape, invalid configuration: the same input went through). A model whose constructor
//   or forward raised gets one 'runtime-error' diagnostic on the person's line.
import type { RuntimeModelResult, RuntimeShapesReply, RuntimeLayer } from '../protocol/runtimeShapes';
import type { AnalysisResult, LayerCall, ModelInfo, Msg, ShapeDiagnostic, ShapeResult, SourceRange } from './types';

const CONTRADICTED: Msg = {
  en: 'PyTorch measured a different shape earlier in forward, so the inferred one here is not shown',
  'zh-cn': 'PyTorch 在 forward 前面测得的形状与推断不同，因此这里不显示推断的形状',
};
const STAGE: Record<string, Msg> = {
  find: { en: 'not found in the file', 'zh-cn': '在文件中没有找到' },
  init: { en: 'its constructor raised', 'zh-cn': '构造函数出错' },
  forward: { en: 'its forward raised', 'zh-cn': 'forward 出错' },
  budget: { en: 'the time budget ran out', 'zh-cn': '超出时间预算' },
  memory: { en: 'the memory cap was reached', 'zh-cn': '达到内存上限' },
};

/** A layer's measured output for one call, when every dimension is known. */
function measuredCall(m: RuntimeLayer | undefined, call: number): number[] | null {
  const out = m?.outputs[call];
  return out && out.every((d) => d !== null) ? (out as number[]) : null;
}

const sameShape = (a: ShapeResult, b: number[]): boolean => a.known && a.shape.length === b.length && a.shape.every((d, i) => d === b[i]);
const before = (a: SourceRange, b: SourceRange): boolean => a.start.line < b.start.line || (a.start.line === b.start.line && a.start.character < b.start.character);

function mergeModel(model: ModelInfo, r: RuntimeModelResult, runtime: string, elapsedMs: number): ModelInfo {
  if (!r.ok) return { ...model, runtime: { ran: false, stage: r.stage, message: r.message, line: r.line } };
  const byPath = new Map(r.layers.map((l) => [l.path, l]));
  // Calls in execution order; the first contradiction's position bounds what stays trusted.
  let contradictedAt: SourceRange | null = null;
  const layers = model.layers.map((l) => ({ ...l, calls: l.calls.map((c) => ({ ...c })) }));
  for (const t of model.trace) {
    const layer = layers[t.layer]!;
    const call: LayerCall = layer.calls[t.call]!;
    const real = measuredCall(byPath.get(layer.path), t.call);
    if (contradictedAt && call.input.known) call.input = { known: false, reason: CONTRADICTED };
    if (real) {
      const differs = !sameShape(call.output, real);
      if (differs) {
        call.inferredOutput = call.output;
        if (call.output.known) contradictedAt ??= call.range;
      }
      if (differs || contradictedAt) call.steps = [];
      call.output = { known: true, shape: real };
      call.outputSource = 'pytorch';
    } else {
      if (contradictedAt && call.output.known) call.output = { known: false, reason: CONTRADICTED };
      if (contradictedAt) call.steps = [];
      call.outputSource = 'inferred';
    }
  }
  for (const layer of layers) {
    const m = byPath.get(layer.path);
    const last = layer.calls[layer.calls.length - 1];
    if (last) { layer.output = last.output; layer.outputSource = last.outputSource ?? 'inferred'; } else layer.outputSource = 'inferred';
    if (m) {
      if (m.params !== layer.params) layer.inferredParams = layer.params;
      layer.params = m.params;
      layer.paramsSource = 'pytorch';
    } else layer.paramsSource = 'inferred';
  }
  // Variables in forward: measured when the statement's value is a measured call's output (same end).
  const calls = layers.flatMap((l) => l.calls);
  const output: ShapeResult = r.output && r.output.every((d) => d !== null) ? { known: true, shape: r.output as number[] } : model.output;
  // forward's only `return` gives the model's output, which PyTorch measured.
  const returns = model.flow.filter((f) => f.target === 'return');
  const flow = model.flow.map((f) => {
    if (returns.length === 1 && f === returns[0] && output !== model.output) return { ...f, value: output, valueSource: 'pytorch' as const };
    const outer = calls.filter((c) => c.outputSource === 'pytorch' && c.range.end.line === f.range.end.line && c.range.end.character === f.range.end.character)
      .sort((a, b) => (before(a.range, b.range) ? -1 : 1))[0];
    if (outer) return { ...f, value: outer.output, valueSource: 'pytorch' as const };
    if (contradictedAt && !before(f.range, contradictedAt) && f.value.known) return { ...f, value: { known: false as const, reason: CONTRADICTED }, valueSource: 'inferred' as const };
    return { ...f, valueSource: 'inferred' as const };
  });
  return {
    ...model, layers, flow, output, totalParams: r.totalParams,
    runtime: { ran: true, runtime, elapsedMs },
    outputSource: output === model.output ? 'inferred' : 'pytorch',
    totalParamsSource: 'pytorch',
  };
}

/** Static diagnostics a successful forward at the same input contradicts. */
const WITHDRAWN = new Set<ShapeDiagnostic['code']>(['shape-mismatch', 'unknown-shape', 'invalid-config']);

function runtimeDiagnostic(model: ModelInfo, r: Extract<RuntimeModelResult, { ok: false }>, lineLength: (line: number) => number): ShapeDiagnostic | null {
  if (r.stage !== 'init' && r.stage !== 'forward' && r.stage !== 'memory') return null;
  const line = r.line !== null ? r.line - 1 : null;
  const range: SourceRange = line !== null ? { start: { line, character: 0 }, end: { line, character: Math.max(1, lineLength(line)) } } : model.range;
  const where = r.line !== null ? { en: ` (line ${r.line})`, 'zh-cn': `（第 ${r.line} 行）` } : { en: '', 'zh-cn': '' };
  return {
    code: 'runtime-error', severity: 'error', range, model: model.name,
    message: {
      en: `PyTorch: ${model.name} — ${STAGE[r.stage]!.en}${where.en}: ${r.message}`,
      'zh-cn': `PyTorch：${model.name} — ${STAGE[r.stage]!['zh-cn']}${where['zh-cn']}：${r.message}`,
    },
  };
}

/**
 * The result with PyTorch's numbers merged in. `reply` must answer for this result's text (the
 * caller matches versions). `lineLength` gives a line's length for a diagnostic's range.
 */
export function mergeRuntime(result: AnalysisResult, reply: RuntimeShapesReply, lineLength: (line: number) => number = () => 1): AnalysisResult {
  if (!reply.ok) return result;
  const byName = new Map(reply.models.map((m) => [m.name, m]));
  const ran = new Set<string>();
  const added: ShapeDiagnostic[] = [];
  const models = result.models.map((model) => {
    const r = byName.get(model.name);
    if (!r || model.framework !== 'pytorch') return model;
    if (r.ok) ran.add(model.name);
    else {
      const d = runtimeDiagnostic(model, r, lineLength);
      if (d) added.push(d);
    }
    return mergeModel(model, r, reply.runtime, reply.elapsedMs);
  });
  const diagnostics = [...result.diagnostics.filter((d) => !(ran.has(d.model) && WITHDRAWN.has(d.code))), ...added];
  return { ...result, models, diagnostics };
}

/** One line for the log: what PyTorch said about a file's models. */
export function runtimeSummary(reply: RuntimeShapesReply): string {
  if (!reply.ok) return `${reply.stage}${reply.line !== null ? ` at line ${reply.line}` : ''}: ${reply.message}`;
  return reply.models.map((m) => m.ok ? `${m.name} → ${m.output ? `[${m.output.map((d) => d ?? "?").join(", ")}]` : "?"}, ${m.totalParams} params`
    : `${m.name}: ${m.stage}${m.line !== null ? ` at line ${m.line}` : ''}: ${m.message}`).join('; ') + ` (${Math.round(reply.elapsedMs)} ms)`;
}

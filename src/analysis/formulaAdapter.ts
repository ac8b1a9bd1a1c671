// Thin adapter between analysis and the formula substitution in src/formula/substitute.ts
// (engineer C). Until that module exposes a per-layer entry point, this builds the size formulas
// itself from the numbers the shape inference already computed; it does no shape math of its own.
import type { ConfigValue, Framework, SubstitutedStep } from './types';

export interface LayerNumbers {
  framework: Framework;
  kind: string;
  config: Record<string, ConfigValue>;
  input: number[] | undefined;
  output: number[];
  numbers: Record<string, unknown>;
}

const AXES: Record<number, string[]> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

function arr(v: unknown): number[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;
}

export function substituteForLayer(l: LayerNumbers): SubstitutedStep[] {
  const n = l.numbers;
  const inn = arr(n.in);
  const out = arr(n.out);
  const k = arr(n.kernel);
  const s = arr(n.stride);
  const d = arr(n.dilation) ?? inn?.map(() => 1);
  const steps: SubstitutedStep[] = [];
  if (inn && out && k && s) {
    const axes = AXES[inn.length] ?? inn.map((_, i) => `X${i}`);
    const pad = n.padding;
    const ceil = n.ceil_mode === true;
    inn.forEach((L, i) => {
      const ax = axes[i] ?? 'X';
      const ki = k[i] ?? 1;
      const si = s[i] ?? 1;
      const di = d?.[i] ?? 1;
      const o = out[i] ?? 0;
      if (pad === 'same' || pad === 'valid') {
        // tfjs / padding='same' strings: output = ⌈L/s⌉ or ⌈(L − d(k−1))/s⌉
        const text = pad === 'same' ? `${ax}_out = ⌈${L}/${si}⌉ = ${o}` : `${ax}_out = ⌈(${L} − ${di === 1 ? '' : `${di}·`}(${ki} − 1))/${si}⌉ = ${o}`;
        const latex = pad === 'same' ? `${ax}_{out} = \\lceil ${L}/${si} \\rceil = ${o}` : `${ax}_{out} = \\lceil (${L} - ${di === 1 ? '' : `${di}\\cdot`}(${ki} - 1))/${si} \\rceil = ${o}`;
        steps.push({ text, latex });
        return;
      }
      const p = arr(pad)?.[i] ?? 0;
      const [lo, hi, llo, lhi] = ceil ? ['⌈', '⌉', '\\lceil', '\\rceil'] : ['⌊', '⌋', '\\lfloor', '\\rfloor'];
      const kTerm = di === 1 ? `${ki}` : `${di}·(${ki} − 1) − 1`;
      const kLatex = di === 1 ? `${ki}` : `${di}\\cdot(${ki} - 1) - 1`;
      if (l.kind.startsWith('ConvTranspose')) {
        steps.push({ text: `${ax}_out = (${L} − 1)·${si} − 2·${p} + ${ki} = ${o}`, latex: `${ax}_{out} = (${L} - 1)\\cdot ${si} - 2\\cdot ${p} + ${ki} = ${o}` });
        return;
      }
      steps.push({
        text: `${ax}_out = ${lo}(${L} + 2·${p} − ${kTerm})/${si}${hi} + 1 = ${o}`,
        latex: `${ax}_{out} = ${llo} (${L} + 2\\cdot ${p} - ${kLatex})/${si} ${lhi} + 1 = ${o}`,
      });
    });
    const cin = n.inChannels;
    const cout = n.outChannels;
    if (typeof cin === 'number' && typeof cout === 'number') {
      const groups = typeof n.groups === 'number' ? n.groups : 1;
      const bias = n.bias !== false;
      const perGroup = groups === 1 ? `${cin}` : `(${cin}/${groups})`;
      const total = cout * (cin / groups) * k.reduce((a, b) => a * b, 1) + (bias ? cout : 0);
      steps.push({
        text: `params = ${cout}·${perGroup}·${k.join('·')}${bias ? ` + ${cout}` : ''} = ${total.toLocaleString('en-US')}`,
        latex: `\\text{params} = ${cout}\\cdot ${perGroup}\\cdot ${k.join('\\cdot ')}${bias ? ` + ${cout}` : ''} = ${total}`,
      });
    }
    return steps;
  }
  if (typeof n.inFeatures === 'number' && typeof n.outFeatures === 'number') {
    const fi = n.inFeatures;
    const fo = n.outFeatures;
    const fmt = (xs: number[]): string => `[${xs.map((d) => (d === -1 ? 'null' : String(d))).join(', ')}]`;
    const shapeIn = l.input ? fmt(l.input) : 'x';
    const tfjs = l.framework === 'tfjs';
    const bias = n.bias !== false;
    const b = bias ? ' + b' : '';
    // PyTorch stores W as out×in and computes xWᵀ; tfjs's kernel is in×out and computes xW.
    steps.push(
      tfjs
        ? { text: `y = xW${b},  W ∈ ℝ^(${fi}×${fo}),  ${shapeIn} → ${fmt(l.output)}`, latex: `y = xW${b},\\quad W \\in \\mathbb{R}^{${fi}\\times ${fo}}` }
        : { text: `y = xWᵀ${b},  W ∈ ℝ^(${fo}×${fi}),  ${shapeIn} → ${fmt(l.output)}`, latex: `y = xW^\\top${b},\\quad W \\in \\mathbb{R}^{${fo}\\times ${fi}}` },
    );
    const p = fi * fo + (bias ? fo : 0);
    steps.push({ text: `params = ${fi}·${fo}${bias ? ` + ${fo}` : ''} = ${p.toLocaleString('en-US')}`, latex: `\\text{params} = ${fi}\\cdot ${fo}${bias ? ` + ${fo}` : ''}` });
    return steps;
  }
  if (typeof n.hidden === 'number' && typeof n.inputSize === 'number') {
    const gates = l.kind === 'LSTM' || l.kind === 'lstm' ? 4 : l.kind === 'GRU' || l.kind === 'gru' ? 3 : 1;
    const g = gates === 1 ? '' : `${gates}·`;
    steps.push({ text: `W_ih ∈ ℝ^(${g}${n.hidden}×${n.inputSize}),  W_hh ∈ ℝ^(${g}${n.hidden}×${n.hidden})`, latex: `W_{ih} \\in \\mathbb{R}^{${g.replace('·', '\\cdot ')}${n.hidden}\\times ${n.inputSize}},\\ W_{hh} \\in \\mathbb{R}^{${g.replace('·', '\\cdot ')}${n.hidden}\\times ${n.hidden}}` });
    steps.push({ text: `output → [${l.output.join(', ')}]`, latex: `\\text{output} \\to [${l.output.join(', ')}]` });
    return steps;
  }
  if (typeof n.dim === 'number' && typeof n.vocab === 'number') {
    steps.push({ text: `E ∈ ℝ^(${n.vocab}×${n.dim}),  [${(l.input ?? []).join(', ')}] → [${l.output.join(', ')}]`, latex: `E \\in \\mathbb{R}^{${n.vocab}\\times ${n.dim}}` });
  }
  if (typeof n.embed === 'number' && typeof n.heads === 'number') {
    steps.push({ text: `d_k = ${n.embed}/${n.heads} = ${n.headDim}`, latex: `d_k = ${n.embed}/${n.heads} = ${String(n.headDim)}` });
  }
  return steps;
}

// Host ↔ side-panel webview protocol (view `modelLens.sidePanel`). Imported by both sides.
//
// The webview posts `ready`; the host answers with a `snapshot` of the active editor's models;
// while the view is visible, cursor moves arrive as small `cursor` messages (debounced by the
// host) and edits as a new snapshot (debounced too). A view that becomes visible gets a snapshot.
import type { LocalizedConcept } from '../knowledge/types';
import { isConceptPayload } from './trainingPanel';
import { type Guard, approxSize, arrayOf, isInt, isNum, isObject, isStr, nullable, oneOf, shape } from './webviewGuards';

export const SIDE_PANEL_PROTOCOL = 1;

export interface OutlineLayer {
  /** Stable within one snapshot: `${modelIndex}:${layerIndex}`. */
  key: string;
  name: string;
  kind: string;
  /** 1-based line of the layer's definition. */
  line: number;
  outputShape: (number | null)[] | null;
  params: number | null;
  /** A shape mismatch or analysis warning, phrased for the reader. */
  warning: string | null;
  conceptId: string | null;
  /** Latest gradient L2 norm from a run of this code, when one exists. */
  gradNorm: number | null;
  /** Where the shape and count came from, once PyTorch ran the model (null: it did not run). */
  source: 'pytorch' | 'inferred' | null;
}

export interface OutlineModel {
  name: string;
  line: number;
  inputShape: (number | null)[] | null;
  layers: OutlineLayer[];
}

export type SideStatus = 'ok' | 'noEditor' | 'unsupported' | 'noModel' | 'error';
export const SIDE_STATUSES: readonly SideStatus[] = ['ok', 'noEditor', 'unsupported', 'noModel', 'error'];

export interface SampleEntry { id: string; title: string }

export interface SideCursor {
  line: number | null;
  /** Key of the layer under the cursor, if any. */
  activeKey: string | null;
  /** The concept to show below the outline (the active layer's, or one asked for by a hover link). */
  concept: LocalizedConcept | null;
  /** The active layer's formula with its own numbers, e.g. "H_out = ⌊(28 + 2·1 − 3)/1⌋ + 1 = 28". */
  numbers: string[];
}

export type HostToSide =
  | {
      type: 'snapshot';
      locale: 'en' | 'zh-cn';
      status: SideStatus;
      fileLabel: string | null;
      error: string | null;
      models: OutlineModel[];
      samples: SampleEntry[];
      runLabel: string | null;
      /** What the analysis left out ("analysis stopped: file too complex", the model cap), localized. */
      notices: string[];
      cursor: SideCursor;
    }
  | ({ type: 'cursor' } & SideCursor);

export type SideToHost =
  | { type: 'ready'; protocol: number }
  | { type: 'revealLine'; line: number }
  | { type: 'trainSample'; sampleId: string | null }
  | { type: 'showConcept'; conceptId: string };

export const MAX_SIDE_MESSAGE = 2 * 1024;

const isKey = (v: unknown): v is string => typeof v === 'string' && /^\d{1,4}:\d{1,5}$/.test(v);

type ToHost<K extends SideToHost['type']> = Extract<SideToHost, { type: K }>;

const sideToHostGuards: { [K in SideToHost['type']]: Guard<Extract<SideToHost, { type: K }>> } = {
  ready: shape<ToHost<'ready'>>({ type: oneOf(['ready']), protocol: isInt(1, 1000) }),
  revealLine: shape<ToHost<'revealLine'>>({ type: oneOf(['revealLine']), line: isInt(1, 10_000_000) }),
  trainSample: shape<ToHost<'trainSample'>>({ type: oneOf(['trainSample']), sampleId: nullable((v: unknown): v is string => typeof v === 'string' && /^[a-z0-9-]{1,60}$/.test(v)) }),
  showConcept: shape<ToHost<'showConcept'>>({ type: oneOf(['showConcept']), conceptId: (v: unknown) => typeof v === 'string' && /^[a-z0-9-]{1,80}$/.test(v) }),
};

/** The host's gate for everything the side panel posts (unknown, oversized, malformed → undefined). */
export function parseSideToHost(msg: unknown): SideToHost | undefined {
  if (!isObject(msg) || typeof msg.type !== 'string') return undefined;
  if (approxSize(msg, MAX_SIDE_MESSAGE) > MAX_SIDE_MESSAGE) return undefined;
  if (!Object.prototype.hasOwnProperty.call(sideToHostGuards, msg.type)) return undefined;
  const guard = sideToHostGuards[msg.type as SideToHost['type']] as Guard<SideToHost>;
  return guard(msg) ? (msg as SideToHost) : undefined;
}

const isShape = nullable(arrayOf((v: unknown) => v === null || isInt(0, 1e9)(v), 8));

const isOutlineLayer: Guard<OutlineLayer> = shape<OutlineLayer>({
  key: isKey,
  name: isStr(200),
  kind: isStr(120),
  line: isInt(1, 10_000_000),
  outputShape: isShape,
  params: nullable(isInt(0, 1e13)),
  warning: nullable(isStr(1000)),
  conceptId: nullable(isStr(80)),
  gradNorm: nullable(isNum(0, Number.MAX_VALUE)),
  source: nullable(oneOf(['pytorch', 'inferred'] as const)),
});

const isOutlineModel: Guard<OutlineModel> = shape<OutlineModel>({
  name: isStr(200),
  line: isInt(1, 10_000_000),
  inputShape: isShape,
  layers: arrayOf(isOutlineLayer, 1000),
});

const cursorFields = {
  line: nullable(isInt(1, 10_000_000)),
  activeKey: nullable(isKey),
  concept: nullable(isConceptPayload),
  numbers: arrayOf(isStr(400), 16),
};
const isCursor = shape<SideCursor>(cursorFields);

/** The webview's gate for host messages. */
export function parseHostToSide(msg: unknown): HostToSide | undefined {
  if (!isObject(msg)) return undefined;
  if (msg.type === 'cursor') {
    return shape({ type: oneOf(['cursor']), ...cursorFields })(msg) ? (msg as HostToSide) : undefined;
  }
  if (msg.type === 'snapshot') {
    return shape({
      type: oneOf(['snapshot']),
      locale: oneOf(['en', 'zh-cn']),
      status: oneOf(SIDE_STATUSES),
      fileLabel: nullable(isStr(500)),
      error: nullable(isStr(2000)),
      models: arrayOf(isOutlineModel, 64),
      samples: arrayOf(shape<SampleEntry>({ id: isStr(60), title: isStr(200) }), 64),
      runLabel: nullable(isStr(200)),
      notices: arrayOf(isStr(1000), 8),
      cursor: isCursor,
    })(msg) ? (msg as HostToSide) : undefined;
  }
  return undefined;
}

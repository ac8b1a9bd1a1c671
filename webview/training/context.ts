// What every view of the training panel receives: the run, the translator, the theme and a way
// to talk to the host. Passed down explicitly instead of living in module globals.
import type { LocalizedConcept } from '../../src/knowledge/types';
import type { RunSnapshot, TrainingToHost } from '../../src/protocol/trainingPanel';
import type { Lang } from '../../src/protocol/vocabulary';
import type { Translate } from '../shared/i18n';
import type { ChartTheme } from '../shared/theme';
import type { RunData } from './store';

export interface UiState {
  tab: string;
  selectedLayer: string | null;
  smoothing: number;
  showLines: boolean;
  attentionKind: number;
  /** Index into run.attention, or -1 to follow the newest frame. */
  attentionFrame: number;
}

export interface PanelCtx {
  locale: Lang;
  t: Translate;
  theme: ChartTheme;
  run: RunData | null;
  previous: RunSnapshot[];
  concepts: Map<string, LocalizedConcept>;
  cursorLayer: string | null;
  ui: UiState;
  post(msg: TrainingToHost): void;
  /** Persist UI state and redraw what depends on it. */
  update(patch: Partial<UiState>): void;
}

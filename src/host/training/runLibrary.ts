// Saved runs on disk (one folder per run under the runs folder): list them for "Open Run" and
// read one back. No `vscode` here; the event-log reader tolerates a cut-off last record.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_LOG_NAME, readEventLog, type ReadLogResult } from '../../backend/eventLog';
import type { Localized } from '../../protocol/vocabulary';

export interface SavedRun {
  runId: string; dir: string; sampleId: string; title: Localized; created: string;
  state: string; engine: string; test: Record<string, number | null> | null; step: number;
}

function parseMeta(dir: string, runId: string): SavedRun | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Partial<SavedRun>;
    if (typeof m.sampleId !== 'string' || typeof m.created !== 'string' || typeof m.title !== 'object' || m.title === null) return null;
    return {
      runId, dir, sampleId: m.sampleId, title: { en: String(m.title.en ?? m.sampleId), 'zh-cn': String(m.title['zh-cn'] ?? m.sampleId) },
      created: m.created, state: typeof m.state === 'string' ? m.state : 'unknown', engine: typeof m.engine === 'string' ? m.engine : '?',
      test: typeof m.test === 'object' ? m.test ?? null : null, step: typeof m.step === 'number' ? m.step : 0,
    };
  } catch {
    return null;
  }
}

/** Runs with a readable run.json and an event log, newest first. */
export function listRuns(runsDir: string): SavedRun[] {
  if (!existsSync(runsDir)) return [];
  const runs: SavedRun[] = [];
  for (const name of readdirSync(runsDir)) {
    const dir = join(runsDir, name);
    if (!existsSync(join(dir, EVENT_LOG_NAME))) continue;
    const meta = parseMeta(dir, name);
    if (meta) runs.push(meta);
  }
  return runs.sort((a, b) => b.created.localeCompare(a.created));
}

export function readRun(dir: string): ReadLogResult {
  return readEventLog(join(dir, EVENT_LOG_NAME));
}

// Saved runs on disk (one folder per run under the runs folder): list them for "Open Run" and
// read one back. No `vscode` here. A run whose process is gone without reporting its end is
// listed as crashed at its last logged step (runFolder.ts), never as "running".
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_LOG_NAME, readEventLog, type ReadLogResult } from '../../backend/eventLog';
import { readRunMeta, settledRunMeta, type RunMeta } from '../../backend/runFolder';

export interface SavedRun extends RunMeta { dir: string }

/** Runs with a readable run.json and an event log, newest first. */
export function listRuns(runsDir: string): SavedRun[] {
  if (!existsSync(runsDir)) return [];
  const runs: SavedRun[] = [];
  for (const name of readdirSync(runsDir)) {
    const dir = join(runsDir, name);
    if (!existsSync(join(dir, EVENT_LOG_NAME))) continue;
    const meta = readRunMeta(dir, name);
    if (meta) runs.push({ ...settledRunMeta(dir, meta), dir });
  }
  return runs.sort((a, b) => b.created.localeCompare(a.created));
}

export function readRun(dir: string): ReadLogResult {
  return readEventLog(join(dir, EVENT_LOG_NAME));
}

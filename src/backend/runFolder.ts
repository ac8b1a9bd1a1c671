// A run's folder on disk: `run.json` (what the run is, written whole or not at all), `events.log`
// (eventLog.ts) and `checkpoints/`. The backend writes it; the host and the CLI read it, so the
// format and the rules for reading it (is the process behind a run still there?) live here.
// No tfjs and no vscode: the extension host imports this.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_STATES, isEnded, type Localized, type RunState } from '../protocol/vocabulary';
import { EVENT_LOG_NAME, readEventLog, writeFileAtomic } from './eventLog';

export const RUN_META_NAME = 'run.json';
export const CHECKPOINTS_DIR = 'checkpoints';
/** Prefix of a checkpoint being written; renamed into place when complete. */
export const CHECKPOINT_TMP_PREFIX = '.tmp-';

/** Which process wrote a run: enough to tell, later, whether it is still the same process. */
export interface ProcessIdentity {
  pid: number;
  /** Linux: the kernel's boot id; a pid from another boot is not this process. */
  boot: string | null;
  /** Linux: the process's start time in clock ticks since boot (/proc/PID/stat field 22). */
  start: string | null;
}

export interface RunMeta {
  runId: string; sampleId: string; title: Localized; created: string;
  engine: string; state: RunState; test: Record<string, number | null> | null; step: number;
  process?: ProcessIdentity;
}

function readText(path: string): string | null {
  try { return readFileSync(path, 'utf8'); } catch { return null; }
}

function startTicks(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

export function currentProcessIdentity(pid = process.pid): ProcessIdentity {
  return { pid, boot: readText('/proc/sys/kernel/random/boot_id')?.trim() ?? null, start: startTicks(pid) };
}

/** Whether the process that wrote a run is still running (a reused pid does not count). */
export function isProcessAlive(id: ProcessIdentity): boolean {
  try {
    process.kill(id.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = currentProcessIdentity(id.pid);
  if (id.boot !== null && now.boot !== null && id.boot !== now.boot) return false;
  if (id.start !== null && now.start !== null && id.start !== now.start) return false;
  return true;
}

export function writeRunMeta(runDir: string, meta: RunMeta): void {
  writeFileAtomic(join(runDir, RUN_META_NAME), JSON.stringify(meta, null, 2));
}

const isState = (v: unknown): v is RunState => typeof v === 'string' && (RUN_STATES as readonly string[]).includes(v);

/** Reads run.json; earlier versions wrote the Chinese title as `zh`. Null when unreadable. */
export function readRunMeta(runDir: string, runId: string): RunMeta | null {
  const text = readText(join(runDir, RUN_META_NAME));
  if (text === null) return null;
  try {
    const m = JSON.parse(text) as Record<string, unknown>;
    const title = m.title as Record<string, unknown> | null;
    if (typeof m.sampleId !== 'string' || typeof m.created !== 'string' || typeof title !== 'object' || title === null) return null;
    const p = m.process as Partial<ProcessIdentity> | undefined;
    const meta: RunMeta = {
      runId, sampleId: m.sampleId, created: m.created,
      title: { en: String(title.en ?? m.sampleId), 'zh-cn': String(title['zh-cn'] ?? title.zh ?? m.sampleId) },
      engine: typeof m.engine === 'string' ? m.engine : '?',
      state: isState(m.state) ? m.state : 'crashed',
      test: typeof m.test === 'object' && m.test !== null ? (m.test as Record<string, number | null>) : null,
      step: typeof m.step === 'number' && Number.isFinite(m.step) ? m.step : 0,
    };
    if (p && typeof p.pid === 'number') meta.process = { pid: p.pid, boot: typeof p.boot === 'string' ? p.boot : null, start: typeof p.start === 'string' ? p.start : null };
    return meta;
  } catch {
    return null;
  }
}

/** The last step the event log recorded (0 when it has none). */
export function lastLoggedStep(runDir: string): number {
  let step = 0;
  try {
    for (const e of readEventLog(join(runDir, EVENT_LOG_NAME)).events) if ('step' in e && typeof e.step === 'number' && e.step > step) step = e.step;
  } catch { /* no log: nothing ran */ }
  return step;
}

/** Removes half-written checkpoint folders (a process died while saving). */
export function removeStaleCheckpointTmp(runDir: string, keepFor?: number): void {
  const dir = join(runDir, CHECKPOINTS_DIR);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(CHECKPOINT_TMP_PREFIX)) continue;
    if (keepFor !== undefined && name.endsWith(`-${keepFor}`)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * A run as a reader should show it. A run whose record says it is still going but whose process
 * is gone (killed, crashed, machine restarted) is `crashed`, at the last step its log recorded,
 * and its half-written checkpoint is removed.
 */
export function settledRunMeta(runDir: string, meta: RunMeta): RunMeta {
  if (isEnded(meta.state)) return meta;
  if (meta.process && isProcessAlive(meta.process)) return meta;
  removeStaleCheckpointTmp(runDir);
  return { ...meta, state: 'crashed', step: Math.max(meta.step, lastLoggedStep(runDir)) };
}

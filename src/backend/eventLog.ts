// A run's append-only event log: length-prefixed records, each a v8-serialized BackendEvent
// (structured clone, so typed arrays stay typed arrays on disk too). A record is
//   [u32 little-endian byte length][payload]
// The reader stops at the first incomplete record, so a process killed mid-write loses at most
// that record and the rest of the run still opens. No tfjs here: the host reads runs too.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { isBackendEvent, type BackendEvent } from '../protocol/backend';

export const EVENT_LOG_NAME = 'events.log';

/** A run file could not be written: names the file and the system's reason (ENOSPC, EIO…). */
export class RunFileError extends Error {
  readonly code: string;
  constructor(readonly path: string, cause: unknown) {
    const e = cause as NodeJS.ErrnoException;
    const code = typeof e?.code === 'string' ? e.code : 'EIO';
    const reason = code === 'ENOSPC' ? 'no space left on the device' : (e instanceof Error ? e.message : String(cause));
    super(`could not write ${path}: ${reason} (${code})`);
    this.code = code;
  }
}

/** Writes a small file whole or not at all: a reader never sees half of it. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new RunFileError(path, err);
  }
}

export class EventLogWriter {
  private fd: number | null;
  /** Bytes of whole records in the file: where a failed append is cut back to. */
  private size: number;
  constructor(readonly file: string) {
    try {
      this.fd = openSync(file, 'a');
      this.size = fstatSync(this.fd).size;
    } catch (err) {
      throw new RunFileError(file, err);
    }
  }
  /** Appends one record, all of it: a short write is continued; a failure throws RunFileError. */
  append(event: BackendEvent): void {
    if (this.fd === null) throw new RunFileError(this.file, Object.assign(new Error('the log is closed'), { code: 'EBADF' }));
    const payload = serialize(event);
    const header = Buffer.alloc(4);
    header.writeUInt32LE(payload.length, 0);
    // One buffer per record keeps a record contiguous even if another writer appends.
    const record = Buffer.concat([header, payload]);
    let written = 0;
    try {
      while (written < record.length) {
        const n = writeSync(this.fd, record, written, record.length - written);
        if (n <= 0) throw Object.assign(new Error('the device accepted no bytes'), { code: 'EIO' });
        written += n;
      }
    } catch (err) {
      // Leave whole records only, so the log stays readable to its last complete event.
      if (written > 0) { try { ftruncateSync(this.fd, this.size); } catch { /* the reader skips a cut-off tail anyway */ } }
      throw new RunFileError(this.file, err);
    }
    this.size += record.length;
  }
  close(): void {
    if (this.fd === null) return;
    try { fsyncSync(this.fd); } catch { /* best effort on filesystems without fsync */ }
    closeSync(this.fd);
    this.fd = null;
  }
}

export interface ReadLogResult {
  events: BackendEvent[];
  /** Bytes at the end that did not form a whole record (a write cut short). */
  truncatedBytes: number;
  /** Whole records whose content was not a valid event (skipped). */
  invalidRecords: number;
}

type Loose = Record<string, unknown>;
const isLoose = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Runs recorded by earlier versions spelled the Chinese text `zh` and had no sample task: read
 * them as today's events instead of dropping them.
 */
function upgradeLegacyEvent(v: unknown): unknown {
  if (!isLoose(v)) return v;
  const text = (l: unknown): unknown => (isLoose(l) && typeof l.zh === 'string' && l['zh-cn'] === undefined ? { en: l.en, 'zh-cn': l.zh } : l);
  if (v.kind === 'runStarted' && isLoose(v.sample)) {
    const s = v.sample;
    return { ...v, sample: { ...s, title: text(s.title), dataset: text(s.dataset), goal: text(s.goal), sections: Array.isArray(s.sections) ? s.sections.map(text) : s.sections, task: s.task ?? 'classification' } };
  }
  if (v.kind === 'state' && v.reason !== undefined) return { ...v, reason: text(v.reason) };
  return v;
}

export function parseEventLog(buf: Uint8Array): ReadLogResult {
  const events: BackendEvent[] = [];
  let invalidRecords = 0;
  let o = 0;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  while (o + 4 <= buf.length) {
    const len = view.getUint32(o, true);
    if (o + 4 + len > buf.length) break;
    try {
      const v: unknown = upgradeLegacyEvent(deserialize(buf.subarray(o + 4, o + 4 + len)));
      if (isBackendEvent(v)) events.push(v); else invalidRecords++;
    } catch {
      invalidRecords++;
    }
    o += 4 + len;
  }
  return { events, truncatedBytes: buf.length - o, invalidRecords };
}

export function readEventLog(file: string): ReadLogResult {
  return parseEventLog(readFileSync(file));
}

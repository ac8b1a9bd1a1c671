// A run's append-only event log: length-prefixed records, each a v8-serialized BackendEvent
// (structured clone, so typed arrays stay typed arrays on disk too). A record is
//   [u32 little-endian byte length][payload]
// The reader stops at the first incomplete record, so a process killed mid-write loses at most
// that record and the rest of the run still opens. No tfjs here: the host reads runs too.
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { isBackendEvent, type BackendEvent } from '../protocol/backend';

export const EVENT_LOG_NAME = 'events.log';

export class EventLogWriter {
  private fd: number | null;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'a');
  }
  append(event: BackendEvent): void {
    if (this.fd === null) return;
    const payload = serialize(event);
    const header = Buffer.alloc(4);
    header.writeUInt32LE(payload.length, 0);
    // One write per record keeps a record contiguous even if another writer appends.
    writeSync(this.fd, Buffer.concat([header, payload]));
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

export function parseEventLog(buf: Uint8Array): ReadLogResult {
  const events: BackendEvent[] = [];
  let invalidRecords = 0;
  let o = 0;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  while (o + 4 <= buf.length) {
    const len = view.getUint32(o, true);
    if (o + 4 + len > buf.length) break;
    try {
      const v: unknown = deserialize(buf.subarray(o + 4, o + 4 + len));
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

// A run's event log must survive the process being killed mid-write: the reader keeps every
// whole record and ignores the cut-off tail.
import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventLogWriter, readEventLog } from '../../src/backend/eventLog';
import type { BackendEvent } from '../../src/protocol/backend';
import { tempRunsDir } from './backendSupport';

const events: BackendEvent[] = [
  { kind: 'state', t: 1, state: 'running', step: 0 },
  { kind: 'metrics', t: 2, step: 1, epoch: 0, loss: [0.7, null], train: { acc: 0.5 }, samplesPerSec: 1000 },
  { kind: 'gradients', t: 3, step: 1, gradNorm: new Float32Array([0.1, 1e-7]), gradMaxAbs: new Float32Array([0.5, 1e-6]), weightNorm: new Float32Array([3, 4]), updateRatio: new Float32Array([1e-3, 2e-3]) },
  { kind: 'state', t: 4, state: 'finished', step: 1 },
];

describe('event log', () => {
  let dir = '';
  beforeEach(() => { dir = tempRunsDir(); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeAll(file: string): void {
    const w = new EventLogWriter(file);
    for (const e of events) w.append(e);
    w.close();
  }

  it('round-trips events, typed arrays staying typed arrays', () => {
    const file = join(dir, 'events.log');
    writeAll(file);
    const read = readEventLog(file);
    assert.equal(read.truncatedBytes, 0);
    assert.equal(read.invalidRecords, 0);
    assert.deepEqual(read.events, events);
    const g = read.events[2];
    assert.ok(g?.kind === 'gradients' && g.gradNorm instanceof Float32Array);
  });

  it('tolerates a truncated last record at every possible cut point', () => {
    const file = join(dir, 'events.log');
    writeAll(file);
    const full = readFileSync(file);
    const lastStart = full.length - (full.readUInt32LE(0) >= 0 ? sizeOfLast(full) : 0);
    for (let cut = lastStart + 1; cut < full.length; cut++) {
      writeFileSync(file, full.subarray(0, cut));
      const read = readEventLog(file);
      assert.deepEqual(read.events, events.slice(0, 3), `cut at ${cut}`);
      assert.equal(read.truncatedBytes, cut - lastStart);
    }
    truncateSync(file, lastStart);
    assert.equal(readEventLog(file).truncatedBytes, 0);
  });

  it('skips a whole record that is not a valid event and keeps reading', () => {
    const file = join(dir, 'events.log');
    writeAll(file);
    const junk = Buffer.from('not v8 at all');
    const header = Buffer.alloc(4);
    header.writeUInt32LE(junk.length, 0);
    appendFileSync(file, Buffer.concat([header, junk]));
    const w = new EventLogWriter(file);
    w.append({ kind: 'log', t: 5, level: 'info', message: 'after the junk' });
    w.close();
    const read = readEventLog(file);
    assert.equal(read.invalidRecords, 1);
    assert.equal(read.events.length, events.length + 1);
  });
});

function sizeOfLast(buf: Buffer): number {
  let o = 0;
  let last = 0;
  while (o + 4 <= buf.length) {
    last = 4 + buf.readUInt32LE(o);
    o += last;
  }
  return last;
}

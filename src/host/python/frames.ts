// The byte framing of the host ↔ Python pipes (python/model_lens/protocol.py writes and reads the
// same): what travels inside is the backend protocol (src/protocol/backend.ts), validated on
// receipt like every other boundary. A frame is
//   u32 LE  N        bytes that follow
//   u32 LE  J        length of the JSON part
//   J bytes          UTF-8 JSON (non-finite scalars are null)
//   N − 4 − J bytes  binary part: float32 arrays, little-endian, 4-byte aligned
// and a float32 array inside the JSON is {"$f32": [byteOffset, length]} into the binary part, so
// arrays cross as exact bytes. The pipes are file descriptors 3 and 4, never stdin/stdout: what
// torch or a sample prints cannot corrupt a frame.
export const MAX_FRAME = 64 * 1024 * 1024;
const F32_KEY = '$f32';

export class FrameError extends Error {}

function restore(value: unknown, blob: Uint8Array): unknown {
  if (Array.isArray(value)) return value.map((v) => restore(v, blob));
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const ref = obj[F32_KEY];
  if (keys.length === 1 && Array.isArray(ref)) {
    const [offset, length] = ref as unknown[];
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || (offset as number) < 0 || (length as number) < 0
      || (offset as number) + 4 * (length as number) > blob.length) throw new FrameError('float32 reference outside the frame');
    // Copy (Buffer#slice would share memory): the frame's bytes need not be 4-byte aligned.
    const out = new Float32Array(length as number);
    new Uint8Array(out.buffer).set(blob.subarray(offset as number, (offset as number) + 4 * (length as number)));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = restore(obj[k], blob);
  return out;
}

/** Decodes one frame's payload (what follows its 4-byte length). Throws FrameError on garbage. */
export function decodePayload(payload: Uint8Array): unknown {
  if (payload.length < 4) throw new FrameError('frame shorter than its header');
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const jsonLength = view.getUint32(0, true);
  if (4 + jsonLength > payload.length) throw new FrameError('the JSON part is longer than the frame');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset + 4, jsonLength).toString('utf8'));
  } catch (err) {
    throw new FrameError(`the JSON part does not parse: ${(err as Error).message}`);
  }
  return restore(parsed, payload.subarray(4 + jsonLength));
}

/** Host → Python: JSON only (requests carry no arrays). */
export function encodeFrame(message: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(message), 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt32LE(4 + json.length, 0);
  header.writeUInt32LE(json.length, 4);
  return Buffer.concat([header, json]);
}

/** Cuts a byte stream into frames; a frame over the limit poisons the stream (FrameError). */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): unknown[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: unknown[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const head = this.peek(4);
      const size = head.readUInt32LE(0);
      if (size > MAX_FRAME) throw new FrameError(`a frame of ${size} bytes exceeds the ${MAX_FRAME}-byte limit`);
      if (this.buffered < 4 + size) break;
      const whole = this.take(4 + size);
      out.push(decodePayload(whole.subarray(4)));
    }
    return out;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const taken = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return taken;
  }
}

// tf.initializers.orthogonal (the default recurrent kernel of tfjs' LSTM, GRU and SimpleRNN) in
// plain JavaScript. tfjs computes it with tf.linalg.qr, Householder reflections as hundreds of
// small tensor ops: building the document's 2 × 128 LSTM took 2.3 s of CPU before its first step
// (and printed "Slowness may result"). The same numbers come from the same random matrix and a
// modified Gram–Schmidt in float64: Q with a positive diagonal of R is what tfjs returns after
// multiplying by sign(diag R), and that Q is unique.
import * as tf from '@tensorflow/tfjs';

/** Q (rows × cols, rows ≥ cols, orthonormal columns) of a row-major matrix, R's diagonal made
 *  positive; returned column by column (Q[i, j] at j·rows + i), each column contiguous. */
export function orthonormalColumns(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const q = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) q[j * rows + i] = a[i * cols + j] as number;
  for (let j = 0; j < cols; j++) {
    const cj = j * rows;
    for (let k = 0; k < j; k++) {
      const ck = k * rows;
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += (q[ck + i] as number) * (q[cj + i] as number);
      for (let i = 0; i < rows; i++) q[cj + i] = (q[cj + i] as number) - dot * (q[ck + i] as number);
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += (q[cj + i] as number) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < rows; i++) q[cj + i] = (q[cj + i] as number) * scale;
  }
  return q;
}

interface OrthogonalLike { gain: number; seed?: number; apply(shape: number[], dtype?: tf.DataType): tf.Tensor }

let undo: (() => void) | null = null;

/** Replaces the Orthogonal initializer's apply (idempotent); returns a function restoring tfjs'. */
export function installFastOrthogonal(): () => void {
  if (undo == null) {
    const registry = tf.serialization.SerializationMap.getMap().classNameMap as Record<string, [{ prototype: OrthogonalLike }, unknown] | undefined>;
    const cls = registry['Orthogonal']?.[0];
    if (cls == null) return () => undefined;
    const stock = cls.prototype.apply;
    const apply = function (this: OrthogonalLike, shape: number[], dtype?: tf.DataType): tf.Tensor {
      if (shape.length < 2 || (dtype !== undefined && dtype !== 'float32')) return stock.call(this, shape, dtype);
      const rows = shape.slice(0, -1).reduce((p, d) => p * d, 1);
      const cols = shape[shape.length - 1] as number;
      const tall = Math.max(rows, cols);
      const wide = Math.min(rows, cols);
      // The same random matrix tfjs draws ([max, min], its seed), orthonormalised by columns.
      const random = tf.tidy(() => tf.randomNormal([tall, wide], 0, 1, 'float32', this.seed).dataSync());
      const q = orthonormalColumns(random, tall, wide);
      const out = new Float32Array(rows * cols);
      for (let i = 0; i < tall; i++) {
        for (let j = 0; j < wide; j++) {
          const v = this.gain * (q[j * tall + i] as number);
          // More columns than rows: tfjs transposes Q.
          if (rows >= cols) out[i * cols + j] = v; else out[j * cols + i] = v;
        }
      }
      return tf.tensor(out, shape, 'float32');
    };
    cls.prototype.apply = apply;
    undo = () => { if (cls.prototype.apply === apply) cls.prototype.apply = stock; };
  }
  return () => { undo?.(); undo = null; };
}

// The DOM-free parts of the webviews: number formatting (UI.md rules), the heatmap raster with
// its downsampling, gradient flags, CSV export and both languages' string tables.
import { strict as assert } from 'node:assert';
import { fmtInt, fmtNum, fmtPercent, fmtShape } from '../../webview/shared/format';
import { LUT, logRange, rasterizeHeatmap } from '../../webview/shared/heatmapRaster';
import { STRINGS } from '../../webview/shared/i18n';
import { GradSeries, MetricSeries } from '../../src/protocol/columns';
import { gradientFlags, metricsCsv, type RunData } from '../../webview/training/store';

describe('webview formatting', () => {
  it('3 significant digits, scientific below 1e-3, shapes in brackets', () => {
    assert.equal(fmtNum(0.031234), '0.0312');
    assert.equal(fmtNum(3.1e-5), '3.1e-5');
    assert.equal(fmtNum(0.000999), '9.99e-4');
    assert.equal(fmtNum(2.3456), '2.35');
    assert.equal(fmtNum(612.4), '612');
    assert.equal(fmtNum(12345), '12,300');
    assert.equal(fmtNum(NaN), '—');
    assert.equal(fmtNum(null), '—');
    assert.equal(fmtNum(0), '0');
    assert.equal(fmtInt(4640), '4,640');
    assert.equal(fmtPercent(0.978), '97.8 %');
    assert.equal(fmtShape([64, 16, 28, 28]), '[64, 16, 28, 28]');
    assert.equal(fmtShape([null, 10]), '[?, 10]');
  });
});

describe('gradient heatmap raster', () => {
  const L = 3;
  const n = 1000;
  const values = new Float32Array(n * L);
  for (let i = 0; i < n; i++) {
    values[i * L] = 1e-8; // a vanishing first layer
    values[i * L + 1] = 1e-2;
    values[i * L + 2] = i < n / 2 ? 1 : 0; // zero = no value: drawn empty, not as the minimum colour
  }
  const data = { layers: ['fc1', 'fc2', 'fc3'], steps: Float64Array.from({ length: n }, (_, i) => i), values, count: n };

  it('spans whole decades and clamps to 12 of them', () => {
    assert.deepEqual(logRange(values, n * L), { lo: -8, hi: 0 });
    const wide = Float32Array.from([1e-30, 1]);
    assert.deepEqual(logRange(wide, 2), { lo: -12, hi: 0 });
    assert.equal(logRange(new Float32Array(4), 4), null);
  });

  it('downsamples steps into the columns it has and colours on the log scale', () => {
    const cols = 100;
    const out = new Uint32Array(cols * L);
    rasterizeHeatmap(data, cols, { lo: -8, hi: 0 }, out);
    assert.equal(out[0], LUT[0], 'the vanishing layer gets the lowest colour');
    assert.equal(out[2 * cols], LUT[255], 'norm 1 at the top of the scale');
    assert.equal(out[cols + 10], LUT[Math.round((6 / 8) * 255)], '1e-2 sits 6/8 up the scale');
    assert.equal(out[2 * cols + cols - 1], 0, 'steps without a value stay transparent');
  });
});

function runWith(layers: string[], rows: number[][]): RunData {
  const grads = new GradSeries(layers);
  grads.append({ steps: Float64Array.from(rows.map((_, i) => i + 1)), values: Float32Array.from(rows.flat()) });
  const train = new MetricSeries();
  train.append({ step: Float64Array.from([1, 2]), loss: Float32Array.from([2.3, 1.9]), acc: Float32Array.from([0.1, NaN]), loss2: Float32Array.from([NaN, NaN]) });
  const val = new MetricSeries();
  val.append({ step: Float64Array.from([2]), loss: Float32Array.from([2.0]), acc: Float32Array.from([0.4]), loss2: Float32Array.from([NaN]) });
  return { header: {} as RunData['header'], layers: [], train, val, grads, attentionGroups: [], attention: [], boundaries: [], decoding: [], fit: null, points: null, recon: null };
}

describe('training panel data', () => {
  it('flags a layer whose gradient stayed below 1e-6 for 20 steps, and an exploding one', () => {
    const rows = Array.from({ length: 25 }, (_, i) => [1e-7, 0.1, i === 24 ? 5e3 : 1]);
    const f = gradientFlags(runWith(['a', 'b', 'c'], rows).grads);
    assert.deepEqual(f.vanishing, [0]);
    assert.deepEqual(f.exploding, [2]);
    const brief = Array.from({ length: 10 }, () => [1e-7, 0.1, 1]);
    assert.deepEqual(gradientFlags(runWith(['a', 'b', 'c'], brief).grads).vanishing, [], 'not sustained yet');
  });

  it('exports metrics as CSV joined by step, with empty cells for missing values and quoted names', () => {
    const csv = metricsCsv(runWith(['conv,1', 'fc'], [[0.5, 0.25], [0.4, 0.2]]));
    assert.equal(csv, 'step,train_loss,train_acc,val_loss,val_acc,"grad_norm_conv,1",grad_norm_fc\n'
      + `1,${Math.fround(2.3)},${Math.fround(0.1)},,,0.5,0.25\n`
      + `2,${Math.fround(1.9)},,2,${Math.fround(0.4)},${Math.fround(0.4)},${Math.fround(0.2)}\n`);
  });
});

describe('webview strings', () => {
  it('both languages have every key, and the Chinese table is Chinese', () => {
    const en = STRINGS.en;
    const zh = STRINGS['zh-cn'];
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    // Strings that are only symbols or names (‖∇W‖, SGD, Adam, ReLU, Xavier) need no Chinese.
    const technical = new Set(['col.grad', 'opt.sgd', 'opt.adam', 'act.relu', 'init.xavier']);
    const notChinese = Object.entries(zh).filter(([k, v]) => !technical.has(k) && /[A-Za-z]{3,}/.test(en[k as keyof typeof en]) && !/[\u4e00-\u9fff]/.test(v));
    assert.deepEqual(notChinese, []);
    for (const [k, v] of Object.entries(en)) {
      const placeholders = (s: string): string[] => (s.match(/\{\d\}/g) ?? []).sort();
      assert.deepEqual(placeholders(zh[k as keyof typeof zh]), placeholders(v), `placeholders of ${k}`);
    }
  });
});

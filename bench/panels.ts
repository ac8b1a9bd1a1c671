// `npm run bench:panels`: how long the training panel's charts take to draw, measured with the
// real drawing code in headless Chromium (the same engine as VS Code's webviews). The goal from
// the panel's design: the gradient heatmap of 50 layers × 5,000 steps in ≤ 16 ms (one frame).
//   npx tsx bench/panels.ts [--layers 50] [--steps 5000] [--width 900] [--json]
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { LUT, logRange, rasterizeHeatmap } from '../webview/shared/heatmapRaster';

interface Timing { name: string; median: number; p95: number; runs: number }

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(v > 0)) throw new Error(`${name} needs a positive number`);
  return v;
}

/** The raster alone, in Node: what the heatmap costs before any canvas work. */
function nodeRaster(layersN: number, stepsN: number, width: number): Timing {
  const values = new Float32Array(layersN * stepsN).map((_, i) => 10 ** (-1 - ((i % layersN) * 6) / layersN));
  const data = { layers: Array.from({ length: layersN }, (_, i) => `l${i}`), steps: new Float64Array(stepsN), values, count: stepsN };
  const out = new Uint32Array(width * layersN);
  const times: number[] = [];
  for (let r = 0; r < 60; r++) {
    const s = performance.now();
    const range = logRange(values, values.length);
    if (range) rasterizeHeatmap(data, width, range, out);
    times.push(performance.now() - s);
  }
  if (out[0] === undefined || !LUT.length) throw new Error('raster produced nothing');
  times.sort((a, b) => a - b);
  return { name: `heatmap raster only (Node ${process.version}), ${layersN} × ${stepsN} → ${width} columns`, median: times[30] ?? NaN, p95: times[57] ?? NaN, runs: 60 };
}

async function main(): Promise<void> {
  const layersN = arg('--layers', 50);
  const stepsN = arg('--steps', 5000);
  const width = arg('--width', 900);
  const json = process.argv.includes('--json');
  const built = await esbuild.build({
    entryPoints: [join(__dirname, '..', 'webview', 'bench', 'panelsPage.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022',
    loader: { '.css': 'empty', '.woff2': 'empty', '.woff': 'empty', '.ttf': 'empty' }, logLevel: 'warning',
  });
  const script = built.outputFiles[0]?.text;
  if (!script) throw new Error('bench page did not build');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: script });
    const version = browser.version();
    const timings = await page.evaluate(([l, s, w]) => (globalThis as unknown as { runBench(l: number, s: number, w: number): Timing[] }).runBench(l, s, w), [layersN, stepsN, width] as const);
    const all = [nodeRaster(layersN, stepsN, width), ...timings];
    if (json) { console.log(JSON.stringify({ chromium: version, timings: all })); return; }
    console.log(`panel draw times (Chromium ${version}, software canvas, ${layersN} layers × ${stepsN} steps, ${width} px wide)`);
    for (const t of all) console.log(`  ${t.median.toFixed(2).padStart(8)} ms median  ${t.p95.toFixed(2).padStart(8)} ms p95   ${t.name}`);
    const heat = timings[0];
    if (heat) console.log(`heatmap goal ≤ 16 ms per draw: ${heat.median <= 16 ? 'met' : 'NOT met'} (median ${heat.median.toFixed(2)} ms)`);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

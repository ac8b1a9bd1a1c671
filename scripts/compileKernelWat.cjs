// Compiles src/backend/engine/simdKernels.wat with wabt (a build-time devDependency): used by
// scripts/build.mjs to write dist/wasm/, and by the kernel unit tests, which run from source.
'use strict';
/* global require, module, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file, so the tests (tsx/cjs) can require it too */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const watPath = join(__dirname, '..', 'src', 'backend', 'engine', 'simdKernels.wat');

/** The module's bytes; `shared` declares the imported memory shared (tfjs' threaded build). */
async function compileKernelWat(shared) {
  const wabt = await require('wabt')();
  let text = readFileSync(watPath, 'utf8');
  const plain = '(import "env" "memory" (memory 1))';
  if (!text.includes(plain)) throw new Error(`${watPath}: expected the memory import ${plain}`);
  if (shared) text = text.replace(plain, '(import "env" "memory" (memory 1 65536 shared))');
  const features = { simd: true, threads: true };
  const mod = wabt.parseWat('simdKernels.wat', text, features);
  try {
    mod.validate(features);
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

module.exports = { compileKernelWat, watPath, kernelWasmFile: (shared) => (shared ? 'modelLensKernels-shared.wasm' : 'modelLensKernels.wasm') };

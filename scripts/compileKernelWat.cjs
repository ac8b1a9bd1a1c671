// Compiles src/backend/engine/simdKernels.wat with wabt (a build-time devDependency): used by
// scripts/build.mjs to write dist/wasm/, and by the kernel unit tests, which run from source.
// Four variants: plain or shared memory (tfjs' threaded build has a shared one), each with fused
// multiply-adds (relaxed SIMD, f32x4.relaxed_madd as written in the source) or with every one of
// them spelled f32x4.mul + f32x4.add for engines without relaxed SIMD.
'use strict';
/* global require, module, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file, so the tests (tsx/cjs) can require it too */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const watPath = join(__dirname, '..', 'src', 'backend', 'engine', 'simdKernels.wat');
const madd = '(f32x4.relaxed_madd';

/** The index just past the balanced s-expression starting at text[from] (an opening parenthesis). */
function expressionEnd(text, from) {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  throw new Error(`${watPath}: unbalanced expression at ${from}`);
}

/** (f32x4.relaxed_madd A B C) → (f32x4.add (f32x4.mul A B) C), innermost first. */
function withoutRelaxedSimd(text) {
  for (let at = text.lastIndexOf(madd); at >= 0; at = text.lastIndexOf(madd, at - 1)) {
    const end = expressionEnd(text, at);
    const args = [];
    let i = at + madd.length;
    while (args.length < 3) {
      while (/\s/.test(text[i])) i++;
      if (text[i] !== '(') throw new Error(`${watPath}: relaxed_madd arguments must be expressions (at ${at})`);
      const e = expressionEnd(text, i);
      args.push(text.slice(i, e));
      i = e;
    }
    text = `${text.slice(0, at)}(f32x4.add (f32x4.mul ${args[0]} ${args[1]}) ${args[2]})${text.slice(end)}`;
  }
  return text;
}

/** The module's bytes; `shared` declares the imported memory shared (tfjs' threaded build),
 *  `relaxed` keeps the fused multiply-adds. */
async function compileKernelWat(shared, relaxed = false) {
  const wabt = await require('wabt')();
  let text = readFileSync(watPath, 'utf8');
  const plain = '(import "env" "memory" (memory 1))';
  if (!text.includes(plain)) throw new Error(`${watPath}: expected the memory import ${plain}`);
  if (shared) text = text.replace(plain, '(import "env" "memory" (memory 1 65536 shared))');
  if (!relaxed) text = withoutRelaxedSimd(text);
  const features = { simd: true, threads: true, relaxed_simd: relaxed };
  const mod = wabt.parseWat('simdKernels.wat', text, features);
  try {
    mod.validate(features);
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

/** dist/wasm file name of a variant. */
function kernelWasmFile(shared, relaxed = false) {
  return `modelLensKernels${shared ? '-shared' : ''}${relaxed ? '-relaxed' : ''}.wasm`;
}

module.exports = { compileKernelWat, watPath, kernelWasmFile, withoutRelaxedSimd };

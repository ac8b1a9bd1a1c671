// `model-lens train … --engine torch|auto`: the interpreter for the PyTorch engine, found by the
// same discovery as the extension's (the probe cache lives in ~/.model-lens). trainCommand.ts
// then starts the same Python process as the extension and prints its events.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineNote } from '../protocol/backend';
import { discoverPython, ProbeCache, torchDecision } from '../host/python/discovery';

/** The interpreter to run: --python, else MODEL_LENS_PYTHON, else discovery (PATH, system paths). */
export async function findTorch(root: string, python: string | undefined): Promise<{ python: string | null; note: EngineNote | null }> {
  const fromFlag = python !== undefined;
  return torchDecision(await discoverPython({
    setting: python ?? process.env.MODEL_LENS_PYTHON ?? '',
    settingName: fromFlag ? '--python' : 'MODEL_LENS_PYTHON',
    packageDir: join(root, 'python'),
    cache: new ProbeCache(join(homedir(), '.model-lens', 'python-probes.json')),
    log: (l) => { if (process.env.MODEL_LENS_DEBUG) process.stderr.write(`[python] ${l}\n`); },
  }));
}

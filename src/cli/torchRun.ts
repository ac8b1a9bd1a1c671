// `model-lens train … --engine torch|auto`: the interpreter for the PyTorch engine, found by the
// same discovery as the extension's (the probe cache lives in ~/.model-lens). trainCommand.ts
// then starts the same Python process as the extension and prints its events.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineNote } from '../protocol/backend';
import { discoverPython, ProbeCache } from '../host/python/discovery';

/** The interpreter to run: --python, else MODEL_LENS_PYTHON, else discovery (PATH, system paths). */
export async function findTorch(root: string, python: string | undefined): Promise<{ python: string | null; note: EngineNote | null }> {
  const found = await discoverPython({
    setting: python ?? process.env.MODEL_LENS_PYTHON ?? '',
    packageDir: join(root, 'python'),
    cache: new ProbeCache(join(homedir(), '.model-lens', 'python-probes.json')),
    log: (l) => { if (process.env.MODEL_LENS_DEBUG) process.stderr.write(`[python] ${l}\n`); },
  });
  if (found.chosen) {
    return {
      python: found.chosen.result.executable ?? found.chosen.candidate.path,
      note: found.settingProblem ? { kind: 'pythonSettingIgnored', detail: found.settingProblem.replace('modelLens.python', '--python') } : null,
    };
  }
  const why = [found.settingProblem?.replace('modelLens.python', '--python') ?? null, found.reason].filter((x): x is string => x !== null).join('; ');
  return { python: null, note: { kind: 'torchUnavailable', detail: why || 'no Python interpreter with torch was found' } };
}

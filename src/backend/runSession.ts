// One training run from a RunConfig: engine, sample, run folder, event log, trainer. Both the
// IPC backend (main.ts) and the CLI drive runs through this, so they behave the same.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendEvent, EngineSummary, RunConfig, SampleSummary } from '../protocol/backend';
import type { Localized } from '../protocol/vocabulary';
import { saveCheckpoint } from './checkpoint';
import { selectEngine, type EngineInfo } from './engine/selectEngine';
import { warmUpKernels } from './engine/warmUp';
import { EVENT_LOG_NAME, EventLogWriter, RunFileError } from './eventLog';
import { CHECKPOINTS_DIR, currentProcessIdentity, writeRunMeta, type RunMeta } from './runFolder';
import { resolveHyper, type Tf, type TrainableModel } from './sampleApi';
import { createSampleContext } from './sampleContext';
import { findLayerLine, loadSample, locateInSample, resolveSamplePath } from './sampleLoader';
import { Trainer, variableInfos, type TrainResult } from './trainer';

let engineCache: { pref: string; info: EngineInfo } | null = null;
// A selection under way (the prewarm's), so a run that starts meanwhile waits for it.
let engineStarting: { pref: string; promise: Promise<EngineInfo> } | null = null;

export async function ensureEngine(config: Pick<RunConfig, 'engine' | 'paths'>): Promise<EngineInfo> {
  if (config.engine === 'torch') throw new Error('the PyTorch engine runs in Python (python/model_lens), not in this TensorFlow.js process');
  if (engineStarting?.pref === config.engine) await engineStarting.promise.catch(() => undefined);
  // Reuse the choice only while it is still in force (tests and benches switch backends).
  if (engineCache && engineCache.pref === config.engine && tf.getBackend() === engineCache.info.name) return engineCache.info;
  const promise = selectEngine(config.engine, { wasmDir: config.paths.wasmDir, nativeModulePaths: config.paths.nativeModulePaths });
  engineStarting = { pref: config.engine, promise };
  try {
    const info = await promise;
    engineCache = { pref: config.engine, info };
    return info;
  } finally {
    if (engineStarting?.promise === promise) engineStarting = null;
  }
}

/**
 * Selects the engine and runs the kernels once (engine/warmUp.ts) before any run is asked for:
 * the host starts the training process this way while the person picks a sample, so the run's
 * first step does not pay for the wasm compile, the helper threads and first-call costs.
 */
export async function prewarm(config: Pick<RunConfig, 'engine' | 'paths'>): Promise<EngineInfo> {
  const info = await ensureEngine(config);
  if (info.name === 'wasm') warmUpKernels();
  return info;
}

export function newRunId(sampleId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stamp}-${sampleId}-${Math.random().toString(36).slice(2, 6)}`;
}

const CHECKPOINT_EVERY_MS = 20_000;

/**
 * Keeps one checkpoint per run: the newest. Epoch-end saves are skipped when the last one is
 * recent (a 250-epoch toy run would otherwise write 250 folders); the final save always happens.
 * A save that fails (a full disk) is a warning: training goes on, the older checkpoint stays.
 */
function checkpointKeeper(tfx: Tf, model: TrainableModel, dir: string, warn: (message: string) => void): { save(step: number, final: boolean): Promise<string | null> } {
  let last: { path: string; at: number } | null = null;
  return {
    async save(step, final) {
      if (!final && last && Date.now() - last.at < CHECKPOINT_EVERY_MS) return last.path;
      let path: string;
      try {
        path = await saveCheckpoint(tfx, model, dir, `step-${step}`);
      } catch (err) {
        if (!(err instanceof RunFileError)) throw err;
        warn(`Checkpoint at step ${step} not saved (${err.message}); training goes on${last ? `, the last checkpoint is ${last.path}` : ''}.`);
        return last?.path ?? null;
      }
      if (last && last.path !== path) rmSync(last.path, { recursive: true, force: true });
      last = { path, at: Date.now() };
      return path;
    },
  };
}

/** What a person reads when a run file cannot be written (the run ends; the log stays readable). */
function writeFailureReason(err: RunFileError): Localized {
  return {
    en: `Training stopped: ${err.message}. What was written before stays readable; free some space and run again.`,
    'zh-cn': `训练已停止：无法写入 ${err.path}（${err.code === 'ENOSPC' ? '设备空间不足' : err.code}）。此前写入的内容仍可读取；请腾出空间后重新运行。`,
  };
}

export interface RunHandle {
  runId: string;
  runDir: string;
  trainer: Trainer;
  done: Promise<TrainResult>;
}

/**
 * Prepares a run and starts it; resolves once training is under way (errors before that reject).
 * `emit` receives every event after it has been appended to the run's log.
 */
export async function startRun(config: RunConfig, emit: (e: BackendEvent) => void): Promise<RunHandle> {
  const file = resolveSamplePath(config.sample, config.paths.samplesDir, config.allowWorkspaceCode);
  const loaded = loadSample(file);
  const desc = loaded.module.description;
  const hp = resolveHyper(desc.defaults, config.hyper);
  const engine = await ensureEngine(config);
  const runId = newRunId(desc.id);
  const runDir = join(config.paths.runsDir, runId);

  let model: TrainableModel;
  try {
    model = loaded.module.create(createSampleContext(tf as Tf, hp, config.paths.dataDir));
  } catch (err) {
    const where = locateInSample(err, file);
    throw new Error(`${where ?? file}: could not build the model: ${(err as Error).message}`);
  }
  // The folder is made once the model exists: a sample that cannot build leaves nothing behind.
  let log: EventLogWriter;
  const meta: RunMeta = {
    runId, sampleId: desc.id, title: desc.title, created: new Date().toISOString(), engine: engine.name, state: 'starting', test: null, step: 0,
    process: currentProcessIdentity(),
  };
  try {
    mkdirSync(runDir, { recursive: true });
    log = new EventLogWriter(join(runDir, EVENT_LOG_NAME));
    writeRunMeta(runDir, meta);
  } catch (err) {
    model.dispose();
    rmSync(runDir, { recursive: true, force: true });
    throw err instanceof RunFileError ? err : new RunFileError(runDir, err);
  }

  // Any failed write ends the run as failed (reason named in the panel and the CLI); the events
  // still reach the host, and the log keeps its whole records.
  let writeFailure: RunFileError | null = null;
  let trainer: Trainer | null = null;
  const failWrites = (err: unknown): void => {
    if (!(err instanceof RunFileError)) throw err;
    writeFailure ??= err;
    trainer?.abort(writeFailureReason(writeFailure));
  };
  const writeMeta = (): void => {
    if (writeFailure) return;
    try { writeRunMeta(runDir, meta); } catch (err) { failWrites(err); }
  };
  const send = (e: BackendEvent): void => {
    if (!writeFailure) {
      try { log.append(e); } catch (err) { failWrites(err); }
    }
    emit(e);
  };

  const sample: SampleSummary = { id: desc.id, title: desc.title, sections: desc.sections, dataset: desc.dataset, file, goal: desc.goal, task: desc.task ?? 'classification' };
  const engineSummary: EngineSummary = {
    name: engine.name, detail: engine.detail, fallbacks: engine.fallbacks, threads: engine.threads ?? null, ...(config.engineNote ? { note: config.engineNote } : {}),
  };
  const seconds = config.seconds ?? desc.seconds ?? null;
  const batchSize = Math.min(hp.batchSize, model.data.train.count);
  send({
    kind: 'runStarted', t: Date.now(), runId, runDir, sample, engine: engineSummary, hyper: hp,
    layers: model.layers.map((l) => ({ name: l.name, kind: l.kind, outputShape: l.outputShape, params: l.params, line: findLayerLine(loaded.source, l) })),
    variables: variableInfos(model.variables),
    trainSize: model.data.train.count, testSize: model.data.test.count, stepsPerEpoch: Math.ceil(model.data.train.count / batchSize),
    seconds, phases: model.phases.map((p) => p.name),
  });
  const warn = (message: string): void => send({ kind: 'log', t: Date.now(), level: 'warn', message });
  const checkpoints = checkpointKeeper(tf as Tf, model, join(runDir, CHECKPOINTS_DIR), warn);
  trainer = new Trainer({
    tf: tf as Tf, model, hp, cadence: config.cadence, seconds, learningRateDecay: desc.learningRateDecay === 'linear',
    ...(desc.clipGradientNorm ? { clipGradientNorm: desc.clipGradientNorm } : {}),
    emit: (e) => {
      if (e.kind === 'state') { meta.state = e.state; meta.step = e.step; writeMeta(); }
      if (e.kind === 'finished') meta.test = e.test;
      send(e);
    },
    locate: (err) => locateInSample(err, file),
    ...(config.checkpoints ? { checkpoint: (step: number, final: boolean) => checkpoints.save(step, final) } : {}),
  });
  if (writeFailure) trainer.abort(writeFailureReason(writeFailure));
  const done = trainer.run().finally(() => {
    model.dispose();
    log.close();
  });
  return { runId, runDir, trainer, done };
}

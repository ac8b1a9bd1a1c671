// A worker that speaks the analysis worker protocol but never finishes a job and never looks at
// the cancel slot: stands for an analysis stuck where it cannot check its budget (a pathological
// regex, a wasm loop), so the tests can prove the pool terminates it and carries on.
import { parentPort } from 'node:worker_threads';
import { ANALYSIS_WORKER_PROTOCOL } from '../../src/protocol/analysisWorker';

parentPort?.postMessage({ type: 'nonsense', from: 'a forged message the pool must drop' });
parentPort?.postMessage({ type: 'ready', protocol: ANALYSIS_WORKER_PROTOCOL });
parentPort?.on('message', () => {
  const until = Date.now() + 10 * 60_000;
  while (Date.now() < until) {
    // spin: no event loop turn, no cancel check
  }
});

// Lets a test print a measurement into the run's output. The extension host makes console.log
// unassignable (it forwards it to the window's devtools), so the mocha runner (runMocha.ts)
// installs a sink under a well-known symbol; outside a run this falls back to console.log.
const sinkKey = Symbol.for('modelLens.testReport');

type Sink = (line: string) => void;

export function report(line: string): void {
  const sink = (globalThis as Record<symbol, unknown>)[sinkKey];
  if (typeof sink === 'function') (sink as Sink)(line);
  else console.log(line);
}

export function installReportSink(sink: Sink | undefined): void {
  (globalThis as Record<symbol, unknown>)[sinkKey] = sink;
}

// `model-lens <command>`: the headless entry (dist/cli.js, started by bin/model-lens.js).
// Commands are dispatched by name; each lives in its own module.
import { runTrainCommand, TRAIN_USAGE } from './trainCommand';
import { runShapesCommand, SHAPES_USAGE } from './shapesCommand';
import { EXPLAIN_USAGE, runExplainCommand } from './explainCommand';
import { RUN_USAGE, runScriptCommand } from './runCommand';

type Command = (args: string[]) => Promise<number>;

/** Loaded lazily so `model-lens train` never pays for the analysis code and vice versa. */
const commands: Record<string, { usage: string; load: () => Promise<Command> }> = {
  train: { usage: TRAIN_USAGE, load: async () => runTrainCommand },
  shapes: { usage: SHAPES_USAGE, load: async () => runShapesCommand },
  explain: { usage: EXPLAIN_USAGE, load: async () => runExplainCommand },
  run: { usage: RUN_USAGE, load: async () => runScriptCommand },
};

function usage(): string {
  return ['usage: model-lens <command> [options]', '', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

let pipeWatched = false;

/** Output piped into a reader that stopped early (`model-lens shapes DIR | head`): nothing more to say, not a crash. */
function endQuietlyOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`model-lens: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  return (await command.load())(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`model-lens: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

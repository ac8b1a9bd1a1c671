// `npm start`: serve real VS Code (code-server) with Model Lens loaded and samples/ open.
//   node scripts/start.mjs [--port N] [--host 127.0.0.1] [--trust] [--state DIR] [FOLDER]
// The build runs first (package.json "start"). State lives in .cache/start/ (git-ignored), so
// settings and opened editors survive restarts; the extension copy is refreshed every time.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureCodeServer, stageExtension, writeUserSettings, startCodeServer, repoRoot } from './codeServer.mjs';
import { ensureSystemPackages } from './systemPackages.mjs';

function parseArgs(argv) {
  const opts = { port: undefined, host: '127.0.0.1', trust: false, folder: join(repoRoot, 'samples'), state: join(repoRoot, '.cache', 'start') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--host') opts.host = argv[++i];
    else if (a === '--trust') opts.trust = true;
    else if (a === '--state') opts.state = resolve(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/start.mjs [--port N] [--host ADDR] [--trust] [--state DIR] [FOLDER]');
      process.exit(0);
    } else opts.folder = resolve(a);
  }
  if (opts.port === undefined && process.env.PORT) opts.port = Number(process.env.PORT);
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(opts.folder, { recursive: true });
  // code-server's native modules build against Debian packages: install them, or say how, first.
  if (!ensureSystemPackages('start')) process.exit(1);
  await ensureCodeServer();
  const state = opts.state;
  const extensionsDir = join(state, 'extensions');
  const userDataDir = join(state, 'user-data');
  const staged = stageExtension(extensionsDir);
  // --trust turns workspace trust on (to try the restricted mode); the default trusts the folder.
  writeUserSettings(userDataDir, { trust: opts.trust });
  console.log(`[start] extension staged at ${staged}`);
  const server = await startCodeServer({ folder: opts.folder, extensionsDir, userDataDir, trust: opts.trust, port: opts.port, host: opts.host, quiet: true, timeoutMs: 90_000 });
  console.log(`\n  Model Lens is running in VS Code (code-server) at ${server.url}?folder=${encodeURIComponent(opts.folder)}\n  Open it in a browser; press Ctrl-C here to stop.\n`);

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[start] ${signal}: stopping code-server…`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const code = await server.exited;
  if (!stopping) {
    console.error(`[start] code-server exited (${code}). Its output:\n${server.logs()}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

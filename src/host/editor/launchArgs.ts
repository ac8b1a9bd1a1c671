// The command line a Python file is run with, from the workspace's launch configurations (VS Code's
// `launch.configurations`, which it reads from .vscode/launch.json with comments and trailing
// commas allowed): the configuration whose `program` is this file, its `args`. The analysis reads
// them where the script calls `parse_args()`. Pure: the caller passes the configurations it got
// from VS Code's `launch` configuration section (src/host/config.ts).
import { isAbsolute, join, normalize } from 'node:path';
import { splitCommandLine } from '../../analysis/commandLine';

export type LaunchArgs =
  /** `name`: the configuration's, to say where the arguments came from. */
  | { kind: 'args'; args: string[]; name: string }
  /** A configuration runs this file, but its arguments hold something that cannot be read here (`${input:…}`, `$HOME`). */
  | { kind: 'unreadable'; name: string; reason: string };

export interface LaunchFile {
  /** Absolute path of the analysed file. */
  path: string;
  /** Its workspace folder, when it has one. */
  workspaceFolder?: string;
}

const PYTHON_TYPES = new Set(['python', 'debugpy']);

/** `${workspaceFolder}`, `${file}`… as VS Code resolves them for this file; undefined for any other variable. */
function substitute(s: string, f: LaunchFile, env: Readonly<Record<string, string | undefined>>): string | undefined {
  let failed = false;
  const out = s.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    const dir = f.path.slice(0, Math.max(f.path.lastIndexOf('/'), f.path.lastIndexOf('\\')));
    const value =
      name === 'file' ? f.path
        : name === 'fileDirname' ? dir
          : name === 'workspaceFolder' || name === 'workspaceRoot' ? f.workspaceFolder
            : name === 'workspaceFolderBasename' ? f.workspaceFolder?.split(/[\\/]/).pop()
              : name.startsWith('env:') ? env[name.slice(4)]
                : undefined;
    if (value === undefined) failed = true;
    return value ?? '';
  });
  return failed ? undefined : out;
}

/** Whether a configuration's `program` is this file: 0 no, 1 `${file}` (any file), 2 this file by its path. */
function runsFile(program: unknown, f: LaunchFile, env: Readonly<Record<string, string | undefined>>): 0 | 1 | 2 {
  if (typeof program !== 'string') return 0;
  if (program.trim() === '${file}') return 1;
  const resolved = substitute(program, f, env);
  if (resolved === undefined) return 0;
  const abs = isAbsolute(resolved) ? resolved : f.workspaceFolder !== undefined ? join(f.workspaceFolder, resolved) : undefined;
  return abs !== undefined && normalize(abs) === normalize(f.path) ? 2 : 0;
}

/**
 * The arguments of the launch configuration that runs `file`: one naming the file by its path
 * first, else one with `"program": "${file}"`; the first of them in the list, as VS Code lists
 * them. Undefined when none runs it.
 */
export function launchArgsFor(configurations: unknown, file: LaunchFile, env: Readonly<Record<string, string | undefined>> = {}): LaunchArgs | undefined {
  if (!Array.isArray(configurations)) return undefined;
  let best: { c: Record<string, unknown>; rank: 1 | 2 } | undefined;
  for (const c of configurations as unknown[]) {
    if (typeof c !== 'object' || c === null) continue;
    const config = c as Record<string, unknown>;
    if (typeof config.type !== 'string' || !PYTHON_TYPES.has(config.type) || config.request !== 'launch') continue;
    const rank = runsFile(config.program, file, env);
    if (rank > (best?.rank ?? 0)) best = { c: config, rank: rank as 1 | 2 };
  }
  if (!best) return undefined;
  const name = typeof best.c.name === 'string' ? best.c.name : '(unnamed)';
  const raw = best.c.args;
  if (raw === undefined) return { kind: 'args', args: [], name };
  let words: string[] | undefined;
  if (typeof raw === 'string') {
    // A string is handed to the shell: split as it would, unless it would expand something.
    const resolved = substitute(raw, file, env);
    words = resolved === undefined ? undefined : splitCommandLine(resolved);
    if (!words) return { kind: 'unreadable', name, reason: `its args string ${JSON.stringify(raw)} holds a variable, quote or shell expansion that is not read here` };
    return { kind: 'args', args: words, name };
  }
  if (!Array.isArray(raw) || !raw.every((w) => typeof w === 'string')) return { kind: 'unreadable', name, reason: 'its args are not a list of strings' };
  words = [];
  for (const w of raw as string[]) {
    const resolved = substitute(w, file, env);
    if (resolved === undefined) return { kind: 'unreadable', name, reason: `the argument ${JSON.stringify(w)} holds a variable that is not read here` };
    words.push(resolved);
  }
  return { kind: 'args', args: words, name };
}

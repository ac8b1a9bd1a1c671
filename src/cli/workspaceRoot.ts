// Which folder the CLI lets the analysis read for a file: the project around it, as VS Code's
// workspace would be.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Files that mark a project's top folder (its imports may reach anywhere below it). */
const PROJECT_MARKERS = ['.git', 'package.json', 'pyproject.toml', 'setup.py', 'setup.cfg'];

/**
 * The workspace the analysis may read (imports, the scripts that build the file's models): the
 * current folder when the file is inside it; else the project the file (or the folder given) is
 * in — the nearest folder above holding a project marker, a few levels up at most, never the home
 * folder or the file system's root — so `import keras from "../lib/keras.js"` is found; else the
 * folder given, or the folder above the file's Python package (the folder `from models.blocks import
 * X` is resolved from when models/ holds an __init__.py), or the file's own folder.
 */
export function workspaceRootFor(file: string, folder?: string): string {
  const here = process.cwd();
  const abs = resolve(file);
  if (abs.startsWith(`${here}/`)) return here;
  const start = folder !== undefined && abs.startsWith(`${resolve(folder)}/`) ? resolve(folder) : dirname(abs);
  let dir = start;
  for (let up = 0; up <= 3; up++) {
    if (dir === homedir() || dir === dirname(dir)) break;
    if (PROJECT_MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    dir = dirname(dir);
  }
  return start === dirname(abs) ? aboveImportedPackages(abs, aboveOwnPackage(start)) : start;
}

/**
 * A folder above `root` holding the packages the file imports by absolute name (`from torchfm.layer
 * import X` in torchfm/model/dfm.py, run as `python -m torchfm.model.dfm` from the repository): the
 * outermost such folder, a few levels up at most; else `root`.
 */
function aboveImportedPackages(file: string, root: string): string {
  let text: string;
  try {
    text = file.endsWith('.py') ? readFileSync(file, 'utf8') : '';
  } catch {
    return root;
  }
  const names = new Set([...text.matchAll(/^[ \t]*(?:from[ \t]+([A-Za-z_]\w*)[\w.]*[ \t]+import\b|import[ \t]+([A-Za-z_]\w*))/gm)].map((m) => (m[1] ?? m[2])!));
  let best = root;
  let dir = dirname(root);
  for (let up = 0; up < 3 && names.size > 0; up++) {
    if (dir === homedir() || dir === dirname(dir)) break;
    const here = dir;
    if ([...names].some((n) => existsSync(join(here, `${n}.py`)) || existsSync(join(here, n, '__init__.py')) || (existsSync(join(here, n)) && file.startsWith(`${join(here, n)}/`)))) best = here;
    dir = dirname(dir);
  }
  return best;
}

/** The folder holding the outermost package (`__init__.py` folders, a few levels) that `dir` is in; `dir` itself if it is no package. */
function aboveOwnPackage(dir: string): string {
  let top = dir;
  for (let up = 0; up <= 3 && existsSync(join(top, '__init__.py')); up++) {
    const parent = dirname(top);
    if (parent === homedir() || parent === dirname(parent)) break;
    top = parent;
  }
  return top;
}

// The workspace as the analysis reads it from disk: imported files and the files that build this
// file's models. Synchronous reads: for the CLI and the analysis worker, never the extension
// host's thread. Bounded (files listed, directories walked, time spent walking, bytes per file,
// files read per analysis) and cached across analyses by modification time, so a worker that
// analyses the same file on every keystroke reads its imports from disk only when they change.
// Each reader records what it read: the editor re-analyses a file when one of those changes.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { WorkspaceFiles } from './types';

export const WORKSPACE_LIMITS = {
  /** Files listed per extension (a workspace bigger than this is searched partly). */
  listedFiles: 2000,
  /** Directories walked per listing. */
  walkedDirs: 4000,
  /** Wall time of one listing walk. */
  walkMs: 1500,
  /** A larger file is not read (generated code, data). */
  fileBytes: 1_000_000,
  /** Files read per analysis. */
  readsPerAnalysis: 300,
  /** Texts kept between analyses (this process). */
  cachedBytes: 32_000_000,
} as const;

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '__pycache__', '.venv', 'venv', '.cache', 'site-packages']);

/** What one reader read: the files whose change changes the result, and whether it listed the workspace. */
export interface WorkspaceReads {
  files: string[];
  /** True when a listing was used: a file created or deleted under the root may change the result. */
  listed: boolean;
}

export interface RecordingWorkspace extends WorkspaceFiles {
  reads(): WorkspaceReads;
}

interface CachedText {
  mtimeMs: number;
  size: number;
  text: string;
}

interface CachedListing {
  files: string[];
  /** Every directory walked with its mtime: an entry added or removed changes its directory's mtime. */
  dirs: Map<string, number>;
  /** The walk stopped at a limit: the listing is partial and is walked again next time. */
  partial: boolean;
}

// Process-wide caches (a worker thread has its own): keyed by absolute path, checked by mtime.
const texts = new Map<string, CachedText>();
let cachedBytes = 0;
const listings = new Map<string, CachedListing>();

function within(path: string, top: string): boolean {
  return path === top || path.startsWith(top.endsWith(sep) ? top : top + sep);
}

function readCached(path: string): string | undefined {
  let st;
  try {
    st = statSync(path);
  } catch {
    return undefined;
  }
  if (!st.isFile() || st.size > WORKSPACE_LIMITS.fileBytes) return undefined;
  const hit = texts.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) {
    // Most recently used last, so the oldest go first when the cache is full.
    texts.delete(path);
    texts.set(path, hit);
    return hit.text;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  if (hit) {
    texts.delete(path);
    cachedBytes -= hit.text.length;
  }
  texts.set(path, { mtimeMs: st.mtimeMs, size: st.size, text });
  cachedBytes += text.length;
  for (const [k, v] of texts) {
    if (cachedBytes <= WORKSPACE_LIMITS.cachedBytes) break;
    texts.delete(k);
    cachedBytes -= v.text.length;
  }
  return text;
}

function stillValid(l: CachedListing): boolean {
  if (l.partial) return false;
  for (const [d, mtime] of l.dirs) {
    try {
      if (statSync(d).mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function walk(top: string, ext: string): CachedListing {
  const files: string[] = [];
  const dirs = new Map<string, number>();
  const stack = [top];
  const started = performance.now();
  let partial = false;
  while (stack.length > 0) {
    if (files.length >= WORKSPACE_LIMITS.listedFiles || dirs.size >= WORKSPACE_LIMITS.walkedDirs || performance.now() - started > WORKSPACE_LIMITS.walkMs) {
      partial = true;
      break;
    }
    const d = stack.pop()!;
    let names: string[];
    try {
      dirs.set(d, statSync(d).mtimeMs);
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      if (n.startsWith('.') || SKIP_DIRS.has(n)) continue;
      const p = join(d, n);
      if (extname(n) === ext) {
        if (files.length >= WORKSPACE_LIMITS.listedFiles) {
          partial = true;
          break;
        }
        files.push(p);
        continue;
      }
      // Only names without the extension can be folders worth walking; stat costs, so skip files
      // that obviously are not (a data folder of 10,000 images).
      if (/\.(?:png|jpe?g|gif|npy|npz|pt|pth|ckpt|bin|csv|txt|json|md|zip|gz|tar|pkl|h5|onnx|ipynb|js|ts|py|mjs|cjs)$/i.test(n)) continue;
      try {
        if (statSync(p).isDirectory()) stack.push(p);
      } catch {
        // gone or unreadable: skip
      }
    }
  }
  return { files, dirs, partial };
}

function listCached(top: string, ext: string): string[] {
  const key = `${top}\0${ext}`;
  const hit = listings.get(key);
  if (hit && stillValid(hit)) return hit.files;
  const fresh = walk(top, ext);
  listings.set(key, fresh);
  return fresh.files;
}

/** `root` defaults to the file's folder; files outside `root` are never read. */
export function workspaceOnDisk(fileName: string, root = dirname(resolve(fileName))): RecordingWorkspace {
  const file = resolve(fileName);
  const top = resolve(root);
  const read = new Set<string>();
  let reads = 0;
  let listed = false;
  return {
    fileName: file,
    root: top,
    readFile: (p) => {
      const path = resolve(p);
      if (!within(path, top) || reads >= WORKSPACE_LIMITS.readsPerAnalysis) return undefined;
      // Recorded even when absent: creating it may change the result (a package's __init__.py).
      if (read.size < 4 * WORKSPACE_LIMITS.readsPerAnalysis) read.add(path);
      const text = readCached(path);
      if (text !== undefined) reads++;
      return text;
    },
    listFiles: (ext) => {
      listed = true;
      return listCached(top, ext);
    },
    reads: () => ({ files: [...read].filter((p) => p !== file), listed }),
  };
}

/** Forgets the caches (tests). */
export function clearWorkspaceCaches(): void {
  texts.clear();
  cachedBytes = 0;
  listings.clear();
}

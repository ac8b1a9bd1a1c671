// Maps a layer's constructor to knowledge-base concept ids, through the knowledge base's own lookup.
// The knowledge base never changes at run time, so answers are memoised per callee: a file with
// hundreds of layers asks the same few questions again and again.
import { conceptsForCode } from '../knowledge/lookup';
import type { Framework } from './types';

const memo = new Map<string, readonly string[]>();

export function conceptIdsFor(framework: Framework, callee: string, _kind: string): string[] {
  const key = `${framework}\u0000${callee}`;
  let ids = memo.get(key);
  if (!ids) {
    ids = conceptsForCode(framework, callee).map((c) => c.id);
    if (memo.size < 10_000) memo.set(key, ids);
  }
  return [...ids];
}

// Maps a layer's constructor to knowledge-base concept ids, through the knowledge base's own lookup.
import { conceptsForCode } from '../knowledge/lookup';
import type { Framework } from './types';

export function conceptIdsFor(framework: Framework, callee: string, _kind: string): string[] {
  return conceptsForCode(framework, callee).map((c) => c.id);
}

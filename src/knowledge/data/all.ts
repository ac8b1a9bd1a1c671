// The knowledge base in display order: document chapters first, editor-only layer APIs last.

import type { Concept } from '../types';
import { ACTIVATION_CONCEPTS } from './activations';
import { TRANSFORMER_CONCEPTS } from './transformer';
import { API_LAYER_CONCEPTS } from './apiLayers';

export const ALL_CONCEPTS: readonly Concept[] = [
  ...ACTIVATION_CONCEPTS,
  ...TRANSFORMER_CONCEPTS,
  ...API_LAYER_CONCEPTS,
];

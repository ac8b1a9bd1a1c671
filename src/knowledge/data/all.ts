// The knowledge base in document order; editor-only layer APIs last.

import type { Concept } from '../types';
import { FOUNDATION_CONCEPTS } from './foundations';
import { TRAINING_CONCEPTS } from './training';
import { LOSS_CONCEPTS } from './losses';
import { ACTIVATION_CONCEPTS } from './activations';
import { INITIALIZER_CONCEPTS } from './initializers';
import { STATISTICS_CONCEPTS } from './statistics';
import { CNN_CONCEPTS } from './cnn';
import { RNN_CONCEPTS } from './rnn';
import { TRANSFORMER_CONCEPTS } from './transformer';
import { API_ACTIVATION_AND_OPTIMIZER_CONCEPTS, API_LAYER_CONCEPTS } from './apiLayers';

export const ALL_CONCEPTS: readonly Concept[] = [
  ...FOUNDATION_CONCEPTS,
  ...LOSS_CONCEPTS,
  ...ACTIVATION_CONCEPTS,
  ...INITIALIZER_CONCEPTS,
  ...TRAINING_CONCEPTS,
  ...STATISTICS_CONCEPTS,
  ...CNN_CONCEPTS,
  ...RNN_CONCEPTS,
  ...TRANSFORMER_CONCEPTS,
  ...API_LAYER_CONCEPTS,
  ...API_ACTIVATION_AND_OPTIMIZER_CONCEPTS,
];

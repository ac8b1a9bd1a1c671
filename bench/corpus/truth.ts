// The truth record a corpus truth runner prints (torchTruth.py for PyTorch, tfjsTruth.ts for tfjs)
// and measure.ts compares the analysis against: one root per model the file builds.
export interface TruthModule {
  params: number;
  kind: string;
  /** The output shape of each call, in order (null: not a tensor). */
  calls: (number[] | null)[];
}

export interface TruthRoot {
  class: string;
  classModule: string;
  variable: string;
  /** Shapes of the tensor positional arguments of the first call, in order (tensors inside a tuple argument too). */
  inputs: number[][];
  /** Some of them came inside a tuple or list argument (`m((mel, audio))`): --input cannot give them. */
  nested?: boolean;
  /** How many positional arguments that call had, tensors or not (absent in truths cached before it was recorded). */
  positional?: number;
  output: number[] | null;
  total: number;
  modules: Record<string, TruthModule>;
  /** The file's module-level functions running when the model was built, innermost first (`_resnet`, `resnet18`). */
  factories?: string[];
  /** The module-level name holding it when it first ran (`m` for `m = Model(opt); m(x)`); absent in truths cached before it was recorded. */
  binding?: string;
  /** The line of the file's own top-level code that built it (1-based), when that code did. */
  builtAtLine?: number;
  /** Paths that hold a module listed under another path too (one object shared: PyTorch's named_modules lists it once). */
  aliases?: string[];
  /** The line (1-based) of the file's class statement that made it: a class defined twice under one name is told apart by it. */
  classLine?: number;
  /** tfjs: the build expression that made it, when the entry has several (each in its own process). */
  build?: string;
}

export interface Truth {
  roots: TruthRoot[];
  error: string | null;
  /** The file's own run failed inside a model's forward (before the manifest's build ran): an error diagnostic there is right. */
  ownModelError?: string;
  /** The file's own run stopped with an error before the manifest's build ran (a `.cuda()`, a download): the calls it would have made did not happen. */
  ownRunError?: string;
}

// `model-lens train FILE --class Net` without --input: the class's input from the static analysis
// (the `# input:` comment, a call in the file or a script of its folder, the data a script loads),
// the same answer the editor's "Train this model" lens uses. One worker, one file, a time budget.
import { readSourceText } from './sourceFile';
import { defaultParserDirs, findParsersDir } from '../analysis/parser';
import { AnalysisWorkerPool, analysisWorkerEntry } from '../analysis/worker/pool';
import { workspaceRootFor } from './workspaceRoot';

const BUDGET_MS = 20_000;

export type ClassInput = { input: number[]; from: string } | { error: string };

/** The input shape of `className` in `file` as the analysis finds it, or why there is none. */
export async function classInputFromAnalysis(file: string, className: string): Promise<ClassInput> {
  let text: string;
  try {
    text = await readSourceText(file);
  } catch (e) {
    return { error: `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const pool = new AnalysisWorkerPool({ ...analysisWorkerEntry(), parsersDir: await findParsersDir(defaultParserDirs(__dirname)), size: 1, graceMs: 2000 });
  try {
    const workspaceRoot = workspaceRootFor(file);
    const outcome = await pool.run({ text, language: 'python', fileName: file, options: { timeBudgetMs: BUDGET_MS, workspaceRoot, onlyModel: className } }).outcome;
    if (outcome.kind !== 'done') return { error: outcome.kind === 'failed' ? `the analysis of ${file} failed: ${outcome.message}` : `the analysis of ${file} was cancelled` };
    const model = outcome.result.models.find((m) => m.framework === 'pytorch' && m.name === className);
    if (!model) return { error: `${file} has no nn.Module class ${className} (models found: ${outcome.result.models.map((m) => m.name).join(', ') || 'none'})` };
    if (model.inputs.length === 0) return { error: `the input of ${className} is unknown: pass --input 64,1,28,28 or add a comment "# input: (64, 1, 28, 28)" above the class` };
    if (model.inputMethod) return { error: `the code runs ${className} through ${model.inputMethod}(), not forward: pass --input with forward's input shape` };
    if (model.nestedInputs) return { error: `${className}.forward is given tensors inside a tuple or list; "Train this model" trains a class with one input tensor` };
    if (model.keywordInputs) return { error: `${className}.forward is also given ${Object.keys(model.keywordInputs).join(', ')} by name; "Train this model" trains a class with one input tensor` };
    if (model.inputs.length > 1) return { error: `${className}.forward takes ${model.inputs.length} inputs; "Train this model" trains a class with one input tensor` };
    return { input: model.inputs[0]!, from: model.inputSource };
  } finally {
    await pool.dispose();
  }
}

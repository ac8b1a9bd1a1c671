// Exact shapes from PyTorch as a person meets them, in code-server and Chromium (issue 9 part 5):
// in a trusted workspace on a machine with torch, a CNN whose hidden width comes from a
// configuration read when the file runs (the static analysis cannot know fc1's shape) gets, a moment
// after the instant static answer, PyTorch's numbers in the hover, marked "from PyTorch". When the
// window goes, the worker goes with it (no orphan Python). Screenshot:
// test-results/editor-hover-from-pytorch.png.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Workbench, captureOnFailure } from './workbench';

const repo = join(__dirname, '..', '..');
const configNet = readFileSync(join(repo, 'test', 'fixtures', 'runtime', 'configNet.py'), 'utf8');

/** PIDs of exact-shapes workers started from this workbench's copy of the extension. */
function shapeWorkersUnder(workspace: string): number[] {
  const root = dirname(workspace);
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
    .filter((l) => l.includes('model_lens.shapes_worker') && l.includes(root))
    .map((l) => Number.parseInt(l.trim(), 10));
}

describe('exact shapes from PyTorch in the browser workbench', function () {
  let wb: Workbench | undefined;

  before(async () => {
    wb = await Workbench.start({
      viewport: { width: 1500, height: 900 },
      files: { 'models/config_net.py': configNet },
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'modelLens.language': 'en', 'editor.hover.delay': 150, 'modelLens.runtimeShapes.enabled': true },
    });
    await wb.runCommand('View: Close Primary Side Bar');
  });
  afterEach(async function () { await captureOnFailure(wb, this); });
  after(async () => { await wb?.stop(); });

  it('hovering fc1, which the analysis cannot size, shows PyTorch\'s [64, 120] and 376,440 parameters marked "from PyTorch"; no worker outlives the window', async () => {
    assert.ok(wb);
    await wb.openFile('models/config_net.py');
    const lines = configNet.split('\n');
    const line = lines.findIndex((l) => l.includes('self.fc1 = nn.Linear')) + 1;
    const column = lines[line - 1]!.indexOf('Linear') + 2;
    // The first hover may come before PyTorch has answered (discovery and torch's import run once
    // per window): hover again, as a person would, until the measured numbers are there.
    let text = '';
    const deadline = Date.now() + 150_000;
    for (;;) {
      text = await wb.hoverAt(line, column, 60_000);
      if (/from PyTorch/.test(text) || Date.now() > deadline) break;
      await wb.page.keyboard.press('Escape');
      await new Promise((r) => setTimeout(r, 1000));
    }
    assert.match(text, /\[64, 120\]\s*\(from PyTorch; inferred \?\)/, `hover text:\n${text}`);
    assert.match(text, /376,440\s*\(from PyTorch; inferred \?\)/, `hover text:\n${text}`);
    assert.match(text, /from PyTorch: Python 3\.\d+\.\d+, torch \d/, `hover text:\n${text}`);
    await wb.screenshot('editor-hover-from-pytorch');
    const workers = shapeWorkersUnder(wb.workspace);
    assert.equal(workers.length, 1, `one exact-shapes worker for the window: ${workers.join(', ')}`);
    const workspace = wb.workspace;
    await wb.stop();
    wb = undefined;
    const gone = Date.now() + 10_000;
    while (shapeWorkersUnder(workspace).length > 0 && Date.now() < gone) await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(shapeWorkersUnder(workspace), [], 'the worker ended with the window');
  });
});

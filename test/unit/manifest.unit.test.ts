// The manifest is the extension's contract with VS Code: these checks catch the mistakes VS Code
// only reports at run time (a %key% shown raw, a command without a handler id, a missing icon)
// or never reports at all (an activation event that starts us for every window).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CommandIds, ViewIds } from '../../src/host/commandIds';

const root = join(__dirname, '..', '..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(root, file), 'utf8'));

interface Manifest {
  name: string;
  publisher: string;
  version: string;
  main: string;
  icon: string;
  l10n: string;
  engines: { vscode: string };
  extensionKind: string[];
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description?: string } };
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
    views: Record<string, Array<{ id: string; type?: string; icon?: string }>>;
    walkthroughs?: Array<{ id: string; steps: Array<{ id: string; media: { markdown?: string; image?: string } }> }>;
    configuration: { properties: Record<string, unknown> };
  };
}

const manifest = readJson('package.json') as Manifest;
const nlsEn = readJson('package.nls.json') as Record<string, string>;
const nlsZh = readJson('package.nls.zh-cn.json') as Record<string, string>;

/** Every %key% placeholder anywhere in the manifest (VS Code substitutes them in any string). */
function nlsKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    if (m?.[1]) found.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) nlsKeys(v, found);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) nlsKeys(v, found);
  }
  return found;
}

describe('manifest: package.json', () => {
  const keys = nlsKeys(manifest);

  it('uses %key% placeholders, and both nls files translate every one of them', () => {
    assert.ok(keys.size > 10, `expected the manifest to be localized, found ${keys.size} keys`);
    const missingEn = [...keys].filter((k) => !(k in nlsEn));
    const missingZh = [...keys].filter((k) => !(k in nlsZh));
    assert.deepEqual(missingEn, [], 'missing in package.nls.json');
    assert.deepEqual(missingZh, [], 'missing in package.nls.zh-cn.json');
  });

  it('has no nls entries the manifest does not use, and no empty or untranslated ones', () => {
    assert.deepEqual(Object.keys(nlsEn).filter((k) => !keys.has(k)), [], 'unused keys in package.nls.json');
    assert.deepEqual(Object.keys(nlsZh).filter((k) => !keys.has(k)), [], 'unused keys in package.nls.zh-cn.json');
    for (const k of keys) {
      assert.ok(nlsEn[k]?.trim(), `empty English text for ${k}`);
      assert.ok(nlsZh[k]?.trim(), `empty Chinese text for ${k}`);
    }
    // Titles and descriptions a person reads must actually be Chinese (paths and ids excepted).
    const prose = [...keys].filter((k) => !k.endsWith('.markdown') && k !== 'viewsContainer.modelLens');
    const notChinese = prose.filter((k) => !/[\u4e00-\u9fff]/.test(nlsZh[k] ?? ''));
    assert.deepEqual(notChinese, [], 'zh-cn entries without any Chinese text');
  });

  it('contributes exactly the commands in src/host/commandIds.ts, each in the "Model Lens" category', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(CommandIds).sort());
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Model Lens', c.command);
    const titles = manifest.contributes.commands.map((c) => `${c.category}: ${nlsEn[c.title.replace(/%/g, '')]}`);
    assert.ok(titles.includes('Model Lens: Train Sample Model'), titles.join(', '));
    assert.ok(titles.includes('Model Lens: Show Side Panel'), titles.join(', '));
  });

  it('contributes the activity-bar container and its side view with the registered ids', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === ViewIds.container);
    assert.ok(container, 'no activity-bar container modelLens');
    assert.ok(existsSync(join(root, container.icon)), `missing ${container.icon}`);
    const view = manifest.contributes.views[ViewIds.container]?.find((v) => v.id === ViewIds.sidePanel);
    assert.ok(view, 'no side view modelLens.sidePanel');
    assert.equal(view.type, 'webview');
  });

  it('never activates for every window: only on its languages, views and commands', () => {
    const forbidden = manifest.activationEvents.filter((e) => e === '*' || e === 'onStartupFinished');
    assert.deepEqual(forbidden, []);
    for (const lang of ['python', 'typescript', 'javascript']) assert.ok(manifest.activationEvents.includes(`onLanguage:${lang}`), lang);
    assert.ok(manifest.activationEvents.includes('onNotebook:jupyter-notebook'), 'Jupyter notebooks (VS Code\'s built-in ipynb serializer)');
  });

  it('targets VS Code ^1.90.0 with matching @types/vscode, runs on the workspace side', () => {
    assert.equal(manifest.engines.vscode, '^1.90.0');
    const types = manifest.devDependencies['@types/vscode'] ?? '';
    const major = (v: string) => /(\d+)\.(\d+)/.exec(v)?.slice(1, 3).join('.');
    assert.equal(major(types), major(manifest.engines.vscode), `@types/vscode ${types} vs engines ${manifest.engines.vscode}`);
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });

  it('declares limited untrusted-workspace support with a reason that is true in both languages', () => {
    const trust = manifest.capabilities.untrustedWorkspaces as { supported: string; description?: string; restrictedConfigurations?: string[] };
    assert.equal(trust.supported, 'limited');
    const key = /^%(.+)%$/.exec(trust.description ?? '')?.[1] ?? '';
    // Shipped samples train in restricted mode (test/vscode/training.untrusted): the text says so,
    // and names the settings VS Code restricts.
    for (const [text, samples] of [[nlsEn[key] ?? '', /trains only the samples it ships with/], [nlsZh[key] ?? '', /只训练它自带的示例/]] as const) {
      assert.match(text, samples);
      for (const setting of trust.restrictedConfigurations ?? []) assert.ok(text.includes(setting), `${setting} in "${text}"`);
    }
  });

  it('keeps the native TensorFlow engine optional, so npm install works without it', () => {
    assert.ok(manifest.optionalDependencies?.['@tensorflow/tfjs-node']);
    assert.equal(manifest.dependencies?.['@tensorflow/tfjs-node'], undefined);
  });

  it('names files that exist: icon (a 128×128 PNG), l10n folder, walkthrough media in both languages', () => {
    const png = readFileSync(join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
    assert.ok(existsSync(join(root, manifest.l10n, 'bundle.l10n.zh-cn.json')));
    const steps = manifest.contributes.walkthroughs?.flatMap((w) => w.steps) ?? [];
    assert.ok(steps.length >= 4, 'walkthrough needs its steps');
    for (const step of steps) {
      const media = step.media.markdown ?? step.media.image ?? '';
      const key = /^%(.+)%$/.exec(media)?.[1];
      const paths = key ? [nlsEn[key], nlsZh[key]] : [media];
      for (const p of paths) assert.ok(p && existsSync(join(root, p)), `walkthrough step ${step.id}: missing ${p}`);
    }
  });

  it('reads every modelLens.* setting through the typed src/host/config.ts, and nothing else reads settings', () => {
    const configSource = readFileSync(join(root, 'src', 'host', 'config.ts'), 'utf8');
    const keys = [...configSource.matchAll(/^ {2}\w+: '([\w.]+)',$/gm)].map((m) => `modelLens.${m[1]}`);
    assert.deepEqual(keys.sort(), Object.keys(manifest.contributes.configuration.properties).sort(), 'SettingKeys in config.ts vs package.json');
    const readers: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && p !== join(root, 'src', 'host', 'config.ts') && /getConfiguration\(/.test(readFileSync(p, 'utf8'))) readers.push(relative(root, p));
      }
    };
    walk(join(root, 'src'));
    assert.deepEqual(readers, [], 'settings read outside src/host/config.ts');
  });

  it('runs commands by their ids from commandIds.ts, never by a literal', () => {
    const literals: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('commandIds.ts')) {
          for (const m of readFileSync(p, 'utf8').matchAll(/executeCommand\(\s*['"`]([^'"`]+)/g)) literals.push(`${relative(root, p)}: ${m[1]}`);
        }
      }
    };
    walk(join(root, 'src'));
    assert.deepEqual(literals, []);
  });
});

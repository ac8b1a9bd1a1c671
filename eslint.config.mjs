// Lint the walls: browser and protocol code must never reach the VS Code API at runtime,
// and pure analysis/knowledge code must not know VS Code or the UI exists.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'This folder must not depend on the VS Code API (see docs/architecture.md).', allowTypeImports: false }],
  }],
  '@typescript-eslint/no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'This folder must not depend on the VS Code API (see docs/architecture.md).', allowTypeImports: false }],
  }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-test/**', '.cache/**', 'test-results/**', 'samples/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '!scripts/**/*.mjs', '!eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  { files: ['webview/**/*.ts', 'src/protocol/**/*.ts', 'src/analysis/**/*.ts', 'src/knowledge/**/*.ts', 'src/formula/**/*.ts', 'src/hover/**/*.ts', 'src/backend/**/*.ts', 'src/cli/**/*.ts'], rules: noVscode },
  {
    // The extension host never runs the analysis on its own thread: it asks the worker pool.
    files: ['src/host/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/analysis/analyze'], importNames: ['analyzeText'], message: 'Analysis runs in a worker thread: use the pool (src/analysis/worker/pool.ts) through the analysis cache.' },
          { group: ['**/analysis/parser'], importNames: ['loadParsers'], message: 'Parsers load in the analysis worker, not on the extension host thread.' },
        ],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', fetch: 'readonly', AbortController: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
  },
);

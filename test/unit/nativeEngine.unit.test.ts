// "Install Native TensorFlow Engine" must say why it failed. The log below is what
// `npm install @tensorflow/tfjs-node@4.22.0` printed on this project's (offline) machines.
import * as assert from 'node:assert/strict';
import { explainNpmFailure, nativeEngineDir } from '../../src/host/training/nativeEngine';

const offlineLog = `npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.
npm error code 1
npm error path /tmp/ml-native-test/native-engine/node_modules/@tensorflow/tfjs-node
npm error command failed
npm error command sh -c node scripts/install.js
npm error CPU-linux-4.22.0.tar.gz
npm error * Downloading libtensorflow
npm error Error: getaddrinfo ENOTFOUND storage.googleapis.com
npm error     at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)
npm error A complete log of this run can be found in: /root/.npm/_logs/x-debug-0.log`;

describe('native engine install', () => {
  it('names the network failure of libtensorflow\'s download', () => {
    assert.equal(explainNpmFailure(offlineLog), 'npm error Error: getaddrinfo ENOTFOUND storage.googleapis.com');
  });
  it('falls back to npm\'s error line, then to the last line', () => {
    assert.equal(explainNpmFailure('npm error code E404\nnpm error 404 Not Found'), 'npm error code E404');
    assert.equal(explainNpmFailure('something odd'), 'something odd');
    assert.equal(explainNpmFailure(''), 'npm failed without output');
  });
  it('installs into the extension\'s global storage, never the workspace', () => {
    assert.equal(nativeEngineDir('/home/u/.vscode/globalStorage/model-lens.model-lens'), '/home/u/.vscode/globalStorage/model-lens.model-lens/native-engine');
  });
});

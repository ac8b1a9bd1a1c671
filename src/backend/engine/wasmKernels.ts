// Our training kernels for the tfjs wasm backend. Registering replaces whatever the backend had
// for that kernel name (some are missing, some are slower than ours), and can be undone so tests
// can compare against the stock kernels.
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { conv2DBackpropFilterConfig, conv2DBackpropInputConfig } from './convKernels';
import { maxPoolGradConfig } from './poolKernels';

const ourKernels: readonly KernelConfig[] = [conv2DBackpropFilterConfig, conv2DBackpropInputConfig, maxPoolGradConfig];

/** Names of the kernels Model Lens supplies for the wasm backend (reported with the engine). */
export const wasmKernelNames: readonly string[] = ourKernels.map((k) => k.kernelName);

/** Installs our kernels for 'wasm'. Returns a function that restores the previous registrations. */
export function registerWasmKernels(): () => void {
  const previous: KernelConfig[] = [];
  for (const config of ourKernels) {
    const existing = getKernel(config.kernelName, 'wasm');
    if (existing === config) continue;
    if (existing != null) {
      previous.push(existing);
      unregisterKernel(config.kernelName, 'wasm');
    }
    registerKernel(config);
  }
  return () => {
    for (const config of ourKernels) if (getKernel(config.kernelName, 'wasm') === config) unregisterKernel(config.kernelName, 'wasm');
    for (const config of previous) registerKernel(config);
  };
}

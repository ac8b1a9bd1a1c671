// Polls until a probe returns a value (not undefined or false), or fails naming what it waited for.
// Shared by the in-VS-Code tests: the editor features answer asynchronously (analysis in a worker,
// debounced diagnostics), so tests wait for the state a person would see.
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

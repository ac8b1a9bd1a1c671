// The one handle a webview has on its host. `acquireVsCodeApi` may be called once per page, so
// the page creates this once and passes it down.

interface RawApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawApi;

export interface HostChannel<Out, S> {
  post(msg: Out): void;
  getState(): S | undefined;
  setState(state: S): void;
}

export function connectHost<Out, S>(isState: (v: unknown) => v is S): HostChannel<Out, S> {
  const api = acquireVsCodeApi();
  return {
    post: (msg) => api.postMessage(msg),
    getState: () => {
      const s = api.getState();
      return isState(s) ? s : undefined;
    },
    setState: (s) => api.setState(s),
  };
}

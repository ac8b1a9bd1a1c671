// Types for scripts/codeServer.mjs, so TypeScript tests (test/e2e/workbench.ts) can import it.
export declare const CODE_SERVER_VERSION: string;
export declare const repoRoot: string;
export declare const hostDir: string;
export declare const entryJs: string;

export interface StartOptions {
  folder: string;
  extensionsDir: string;
  userDataDir: string;
  /** Workspace trust on (the folder starts untrusted unless trusted in the UI); default off. */
  trust?: boolean;
  /** Added to code-server's environment, which reaches the extension host. */
  env?: Record<string, string>;
  port?: number;
  host?: string;
  /** Don't echo code-server's output (it is kept for logs()). */
  quiet?: boolean;
  timeoutMs?: number;
  /** VS Code display language, e.g. 'zh-cn' (extension strings follow it). */
  locale?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  pid: number;
  logs(): string;
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export declare function isInstalled(): boolean;
export declare function ensureCodeServer(): Promise<string>;
export declare function copyWorkspace(to: string, from?: string): string;
export declare function stageExtension(extensionsDir: string, extra?: string[]): string;
export declare function writeUserSettings(userDataDir: string, options?: { trust?: boolean; settings?: Record<string, unknown> }): void;
export declare function freePort(): Promise<number>;
export declare function startCodeServer(options: StartOptions): Promise<RunningServer>;
export declare function stopTree(pid: number, exited: Promise<unknown>): Promise<void>;
export declare function codeServerCli(args: string[]): Promise<string>;

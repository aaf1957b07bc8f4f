/** The subset of `vscode.LogOutputChannel` we log through; tests hand in an array-backed one. */
export interface Log {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Prefixes every line with a component name: `[ram] …`. Callers mask AccessKey IDs themselves. */
export function componentLog(log: Log, component: string): Log {
  const p = `[${component}] `;
  return {
    trace: (m) => log.trace(p + m),
    debug: (m) => log.debug(p + m),
    info: (m) => log.info(p + m),
    warn: (m) => log.warn(p + m),
    error: (m) => log.error(p + m),
  };
}

export const silentLog: Log = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

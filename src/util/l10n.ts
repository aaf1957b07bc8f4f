/**
 * `vscode.l10n.t` when running inside VS Code, a plain `{0}` formatter elsewhere (unit tests in Node),
 * so modules below `src/aliyun` and `src/credentials` stay free of a hard `vscode` dependency.
 */
type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

function format(message: string, ...args: Array<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => {
    const value = args[Number(i)];
    return value === undefined ? m : String(value);
  });
}

let translate: Translate | undefined;

export function t(message: string, ...args: Array<string | number | boolean>): string {
  if (!translate) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const vscode = require('vscode') as typeof import('vscode');
      translate = (m, ...a) => vscode.l10n.t(m, ...a);
    } catch {
      translate = format;
    }
  }
  return translate(message, ...args);
}

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
let language = 'en';

function load(): Translate {
  if (!translate) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const vscode = require('vscode') as typeof import('vscode');
      translate = (m, ...a) => vscode.l10n.t(m, ...a);
      language = vscode.env.language;
    } catch {
      translate = format;
    }
  }
  return translate;
}

export function t(message: string, ...args: Array<string | number | boolean>): string {
  return load()(message, ...args);
}

/**
 * Joins translated sentences: with a space in languages that separate sentences by spaces, with
 * nothing in Chinese and Japanese, whose full stops need none.
 */
export function sentences(...parts: Array<string | undefined | false>): string {
  load();
  const separator = /^(zh|ja)/i.test(language) ? '' : ' ';
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).map((p) => p.trim()).join(separator);
}

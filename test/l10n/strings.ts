// Finds every user-visible string: `t('…')` calls in src/ and `%key%` references in package.json.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Decodes a single-quoted TypeScript string literal body. */
function unquote(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, c: string) => {
    if (c.startsWith('u{')) return String.fromCodePoint(parseInt(c.slice(2, -1), 16));
    if (c.startsWith('u') && c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    if (c.startsWith('x') && c.length === 3) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c;
  });
}

export interface Found {
  readonly message: string;
  readonly file: string;
}

/** Every `t('literal', …)` in src/, and every call of `t(` whose first argument is not a literal. */
export function runtimeStrings(): { found: Found[]; nonLiteral: string[] } {
  const found: Found[] = [];
  const nonLiteral: string[] = [];
  for (const file of walk(path.join(ROOT, 'src'))) {
    if (file.endsWith(path.join('util', 'l10n.ts'))) {
      continue;
    }
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(ROOT, file);
    for (const m of text.matchAll(/(?<![\w.$])t\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      found.push({ message: unquote(m[1]), file: rel });
    }
    for (const m of text.matchAll(/(?<![\w.$])t\(\s*([^'\s)])/g)) {
      nonLiteral.push(`${rel}: t(${m[1]}…`);
    }
  }
  return { found, nonLiteral };
}

export function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}

export function readJson<T>(rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as T;
}

/** `%key%` references anywhere in package.json. */
export function manifestKeys(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  return [...new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))].sort();
}

// "Replace with an environment variable": the text that reads the variable in the file's own
// language, or, where the file cannot read one, a comment above naming it.
import type { SecretKind } from './findings';

export type EnvVariable = 'ALIBABA_CLOUD_ACCESS_KEY_ID' | 'ALIBABA_CLOUD_ACCESS_KEY_SECRET' | 'ALIBABA_CLOUD_SECURITY_TOKEN';

/** The variable the Alibaba Cloud SDKs and CLI read for this value. */
export function envVariableFor(secret: SecretKind | undefined): EnvVariable {
  return secret === 'accessKeySecret' ? 'ALIBABA_CLOUD_ACCESS_KEY_SECRET' : secret === 'securityToken' ? 'ALIBABA_CLOUD_SECURITY_TOKEN' : 'ALIBABA_CLOUD_ACCESS_KEY_ID';
}

export interface TextEditSpec {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface EnvReplacementInput {
  readonly languageId: string;
  /** The file's path (forward slashes), to tell a launch.json or serverless.yml from other JSON and YAML. */
  readonly path: string;
  readonly line: number;
  readonly lineText: string;
  readonly start: number;
  readonly end: number;
  readonly variable: EnvVariable;
  readonly lineCount: number;
  lineAt(line: number): string;
  /** The comment's words, in the person's language: "set {variable} in the environment". */
  readonly commentText: string;
}

export type ReplacementStyle = 'expression' | 'variable' | 'comment' | 'placeholder';

export interface EnvReplacement {
  readonly style: ReplacementStyle;
  readonly edits: TextEditSpec[];
}

type Expression = (name: string) => string;
const EXPRESSIONS: Record<string, Expression> = {
  javascript: (n) => `process.env.${n}`,
  typescript: (n) => `process.env.${n}`,
  javascriptreact: (n) => `process.env.${n}`,
  typescriptreact: (n) => `process.env.${n}`,
  vue: (n) => `process.env.${n}`,
  svelte: (n) => `process.env.${n}`,
  python: (n) => `os.environ["${n}"]`,
  java: (n) => `System.getenv("${n}")`,
  csharp: (n) => `System.Environment.GetEnvironmentVariable("${n}")`,
  ruby: (n) => `ENV["${n}"]`,
  php: (n) => `getenv('${n}')`,
  go: (n) => `os.Getenv("${n}")`,
  shellscript: (n) => `"\${${n}}"`,
  powershell: (n) => `$env:${n}`,
};

const HASH_COMMENT = new Set(['python', 'shellscript', 'yaml', 'dotenv', 'properties', 'ini', 'toml', 'ruby', 'perl', 'r', 'dockerfile', 'makefile', 'powershell', 'plaintext-env', 'coffeescript', 'julia', 'elixir', 'nginx', 'terraform', 'hcl']);
const SLASH_COMMENT = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'jsonc', 'go', 'java', 'c', 'cpp', 'csharp', 'rust', 'kotlin', 'swift', 'php', 'scala', 'dart', 'groovy', 'objective-c', 'vue', 'svelte']);
const DASH_COMMENT = new Set(['sql', 'lua', 'haskell']);

function commentToken(languageId: string, path: string): string | undefined {
  if (HASH_COMMENT.has(languageId) || /(^|\/)\.env(\.[^/]*)?$/.test(path) || /\.(ya?ml|toml|ini|cfg|conf|properties|tf)$/i.test(path)) {
    return '#';
  }
  if (SLASH_COMMENT.has(languageId)) {
    return '//';
  }
  return DASH_COMMENT.has(languageId) ? '--' : undefined;
}

/** Files VS Code reads itself and expands `${env:NAME}` in. */
function readsVsCodeVariables(path: string): boolean {
  return /(^|\/)\.vscode\/(launch|tasks|mcp)\.json$/.test(path) || /\.code-workspace$/.test(path);
}

/** YAML read by a tool that expands variables: the Serverless Framework (`${env:NAME}`) and Docker Compose (`${NAME}`). */
function yamlVariable(path: string, name: string): string | undefined {
  const file = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/^serverless\.ya?ml$/.test(file)) {
    return `\${env:${name}}`;
  }
  return /^(docker-)?compose([.-][^/]*)?\.ya?ml$/.test(file) ? `\${${name}}` : undefined;
}

const QUOTES = new Set(['"', '\'', '`']);

/** The literal with the quotes right around it, when there are matching ones. */
function quotedSpan(lineText: string, start: number, end: number): { start: number; end: number } | undefined {
  const before = lineText[start - 1];
  return before !== undefined && QUOTES.has(before) && lineText[end] === before ? { start: start - 1, end: end + 1 } : undefined;
}

/** Where `import os` goes: after a shebang, encoding line, comments and `from __future__` imports. */
function pythonImportEdit(input: EnvReplacementInput): TextEditSpec | undefined {
  let line = 0;
  for (let i = 0; i < Math.min(input.lineCount, 200); i++) {
    const text = input.lineAt(i);
    if (/^\s*import\s+os\s*(#.*)?$/.test(text) || /^\s*import\s+.*\bos\b/.test(text)) {
      return undefined;
    }
  }
  while (line < input.lineCount && /^(#|from __future__ import|\s*$)/.test(input.lineAt(line))) {
    line++;
  }
  return { line, start: 0, end: 0, text: 'import os\n' };
}

/** The edits that take the literal out of the file and read it from the environment instead. */
export function envReplacement(input: EnvReplacementInput): EnvReplacement {
  const { languageId, path, line, lineText, start, end, variable } = input;
  const quoted = quotedSpan(lineText, start, end);

  if (/json/.test(languageId) && readsVsCodeVariables(path) && quoted) {
    return { style: 'variable', edits: [{ line, start, end, text: `\${env:${variable}}` }] };
  }
  const yaml = languageId === 'yaml' ? yamlVariable(path, variable) : undefined;
  if (yaml) {
    return { style: 'variable', edits: [{ line, start: quoted?.start ?? start, end: quoted?.end ?? end, text: quoted ? `"${yaml}"` : yaml }] };
  }
  const expression = EXPRESSIONS[languageId];
  if (expression && quoted) {
    const edits: TextEditSpec[] = [{ line, start: quoted.start, end: quoted.end, text: expression(variable) }];
    if (languageId === 'python') {
      const importOs = pythonImportEdit(input);
      if (importOs) {
        edits.unshift(importOs);
      }
    }
    if (languageId === 'go' && !/"os"/.test(Array.from({ length: Math.min(input.lineCount, 200) }, (_, i) => input.lineAt(i)).join('\n'))) {
      return commentOrPlaceholder(input);
    }
    return { style: 'expression', edits };
  }
  return commentOrPlaceholder(input);
}

function commentOrPlaceholder(input: EnvReplacementInput): EnvReplacement {
  const { line, lineText, start, end, variable } = input;
  const token = commentToken(input.languageId, input.path);
  if (!token) {
    return { style: 'placeholder', edits: [{ line, start, end, text: `<${variable}>` }] };
  }
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const comment = `${indent}${token} ${input.commentText}\n`;
  if (start === 0) {
    // An insertion at the start of the replaced range would overlap it: one edit does both.
    return { style: 'comment', edits: [{ line, start, end, text: comment }] };
  }
  return {
    style: 'comment',
    edits: [
      { line, start: 0, end: 0, text: comment },
      { line, start, end, text: '' },
    ],
  };
}

// Which workspace files the scan skips besides `files.exclude` (which findFiles applies itself):
// `search.exclude` globs and `.gitignore` rules, matched here on workspace-relative paths.

function escape(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** A bracket expression `[...]` starting at `i`, as a regex class, and where it ends; undefined if unclosed. */
function bracket(glob: string, i: number): { source: string; next: number } | undefined {
  const close = glob.indexOf(']', i + 2);
  if (close < 0) {
    return undefined;
  }
  let body = glob.slice(i + 1, close);
  if (body.startsWith('!')) {
    body = `^${body.slice(1)}`;
  }
  return { source: `[${body.replace(/\\/g, '\\\\').replace(/\//g, '')}]`, next: close + 1 };
}

/**
 * A glob as VS Code's settings write it (`**`, `*`, `?`, `{a,b}`, `[abc]`), as a regex source that
 * matches a whole relative path.
 */
export function globSource(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      if (atSegmentStart && slashAfter) {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const b = bracket(glob, i);
      if (b) {
        out += b.source;
        i = b.next - 1;
      } else {
        out += '\\[';
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else {
      out += escape(c);
    }
  }
  return out + ')'.repeat(braces);
}

/** Every ancestor folder of a relative path, then the path itself: `a`, `a/b`, `a/b/c.txt`. */
function prefixes(relPath: string): string[] {
  const parts = relPath.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export type SearchExcludeValue = boolean | { readonly when?: string };

/** `search.exclude`: a path is left out when a pattern matches it or one of its folders. */
export class GlobExcludes {
  private readonly rules: Array<{ regex: RegExp; when?: string }> = [];

  constructor(patterns: Readonly<Record<string, SearchExcludeValue>> | undefined, private readonly exists: (relPath: string) => boolean = () => false) {
    for (const [glob, value] of Object.entries(patterns ?? {})) {
      if (value === false || value === null || glob.trim() === '') {
        continue;
      }
      const when = typeof value === 'object' && typeof value.when === 'string' ? value.when : undefined;
      this.rules.push({ regex: new RegExp(`^${globSource(glob.replace(/^\.\//, '').replace(/\/+$/, ''))}$`), when });
    }
  }

  excludes(relPath: string): boolean {
    if (this.rules.length === 0) {
      return false;
    }
    for (const path of prefixes(relPath)) {
      for (const rule of this.rules) {
        if (rule.regex.test(path) && (!rule.when || this.siblingExists(path, rule.when))) {
          return true;
        }
      }
    }
    return false;
  }

  /** `{ "when": "$(basename).ts" }`: only where that sibling exists. */
  private siblingExists(path: string, when: string): boolean {
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash + 1);
    const name = path.slice(slash + 1);
    const dot = name.lastIndexOf('.');
    const basename = dot > 0 ? name.slice(0, dot) : name;
    return this.exists(dir + when.replace(/\$\(basename\)/g, basename));
  }
}

interface IgnoreRule {
  readonly regex: RegExp;
  readonly negate: boolean;
  readonly dirOnly: boolean;
}

/** One line of a .gitignore as a rule, or undefined for blanks and comments. */
export function parseIgnoreLine(raw: string): IgnoreRule | undefined {
  let line = raw.replace(/\r$/, '');
  // Trailing spaces are dropped unless escaped.
  line = line.replace(/(?<!\\)\s+$/, '');
  if (!line || line.startsWith('#')) {
    return undefined;
  }
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  const dirOnly = line.endsWith('/');
  line = line.replace(/\/+$/, '');
  if (!line) {
    return undefined;
  }
  const anchored = line.includes('/');
  line = line.replace(/^\//, '');
  const body = globSource(line.replace(/\\(.)/g, '$1'));
  return { regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`), negate, dirOnly };
}

/**
 * `.gitignore` files (and `.git/info/exclude`, as rules of the root) with git's rules: the last
 * matching line wins, `!` re-includes, a trailing `/` matches folders only, a pattern with a `/`
 * is anchored to its file's folder; nothing inside an ignored folder can be re-included.
 */
export class GitIgnore {
  private readonly files: Array<{ dir: string; rules: IgnoreRule[] }> = [];

  /** `dir`: the folder of the .gitignore, relative ('' for the root). */
  add(dir: string, content: string): void {
    const rules = content.split('\n').map(parseIgnoreLine).filter((r): r is IgnoreRule => r !== undefined);
    if (rules.length) {
      this.files.push({ dir: dir.replace(/^\/+|\/+$/g, ''), rules });
      // Outer files first, so the rules of deeper ones are seen later and win.
      this.files.sort((a, b) => (a.dir ? a.dir.split('/').length : 0) - (b.dir ? b.dir.split('/').length : 0));
    }
  }

  get empty(): boolean {
    return this.files.length === 0;
  }

  ignores(relPath: string): boolean {
    if (this.files.length === 0) {
      return false;
    }
    const all = prefixes(relPath);
    return all.some((path, i) => this.decide(path, i < all.length - 1));
  }

  private decide(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const file of this.files) {
      if (file.dir && !path.startsWith(`${file.dir}/`)) {
        continue;
      }
      const rel = file.dir ? path.slice(file.dir.length + 1) : path;
      for (const rule of file.rules) {
        if ((!rule.dirOnly || isDir) && rule.regex.test(rel)) {
          ignored = !rule.negate;
        }
      }
    }
    return ignored;
  }
}

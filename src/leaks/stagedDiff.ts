/** A line a diff adds, with its zero-based line number in the new version. */
export interface AddedLine {
  readonly line: number;
  readonly text: string;
}

/** The lines a unified diff (`git diff --cached -- file`) adds; removed and context lines are left out. */
export function addedLines(diff: string): AddedLine[] {
  const out: AddedLine[] = [];
  let next: number | undefined;
  for (const raw of diff.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (hunk) {
      next = Math.max(0, Number(hunk[1]) - 1);
      continue;
    }
    if (raw.startsWith('diff --git ')) {
      next = undefined; // the next file's headers (`+++ b/…`) are no added lines
      continue;
    }
    if (next === undefined || raw.startsWith('\\')) {
      continue;
    }
    if (raw.startsWith('+')) {
      out.push({ line: next, text: raw.slice(1).replace(/\r$/, '') });
      next++;
    } else if (raw.startsWith(' ')) {
      next++;
    }
  }
  return out;
}

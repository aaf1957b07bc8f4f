import type { Finding, LineFinding } from './findings';

const NONE: readonly LineFinding[] = Object.freeze([]);

/** One edit in line terms: lines [startLine, endLine] of the text before it were replaced by `newLineCount` lines. */
export interface LineEdit {
  readonly startLine: number;
  readonly endLine: number;
  readonly newLineCount: number;
}

/**
 * The findings of an open document, line by line. An edit only marks the lines it touched (and
 * shifts the rest), which is all the typing path does; `refresh` later scans just those lines.
 */
export class DocumentLines {
  /** undefined: not scanned since it changed. */
  private lines: Array<readonly LineFinding[] | undefined>;
  private withFindings = 0;
  /** The lines marked since the last refresh lie within [dirtyFrom, dirtyTo]; empty when from > to. */
  private dirtyFrom: number;
  private dirtyTo: number;
  /** Since the last refresh, a line with findings was edited away or lines with findings moved. */
  private moved = false;

  constructor(lineCount: number) {
    this.lines = new Array(lineCount).fill(undefined);
    this.dirtyFrom = 0;
    this.dirtyTo = lineCount - 1;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Edits in the order the editor applied them (each in the coordinates left by the one before). */
  applyEdit(edit: LineEdit): void {
    const start = Math.max(0, Math.min(edit.startLine, this.lines.length));
    const removeCount = Math.max(0, Math.min(edit.endLine, this.lines.length - 1) - start + 1);
    const added = Math.max(1, edit.newLineCount);
    let removed: Array<readonly LineFinding[] | undefined>;
    if (removeCount === 1 && added === 1) {
      removed = [this.lines[start]]; // typing within a line: no array shuffle
      this.lines[start] = undefined;
    } else {
      removed = this.lines.splice(start, removeCount, ...new Array<undefined>(added).fill(undefined));
    }
    for (const line of removed) {
      if (line?.length) {
        this.withFindings--;
        this.moved = true;
      }
    }
    const delta = added - removeCount;
    if (delta !== 0 && this.withFindings > 0) {
      this.moved = true;
    }
    // Marked lines below the edit moved with it.
    if (this.dirtyFrom <= this.dirtyTo) {
      const end = start + removeCount - 1;
      this.dirtyFrom = this.dirtyFrom > end ? this.dirtyFrom + delta : Math.min(this.dirtyFrom, start);
      this.dirtyTo = this.dirtyTo > end ? this.dirtyTo + delta : Math.max(this.dirtyTo, start + added - 1);
    }
    this.dirtyFrom = Math.min(this.dirtyFrom, start);
    this.dirtyTo = Math.max(this.dirtyTo, start + added - 1);
  }

  /** Everything again (the profiles changed, so any line may now hold a known key). */
  invalidate(lineCount: number): void {
    this.lines = new Array(lineCount).fill(undefined);
    this.withFindings = 0;
    this.dirtyFrom = 0;
    this.dirtyTo = lineCount - 1;
    this.moved = false;
  }

  /**
   * Scans the lines marked since the last refresh; `lineAt` reads the document as it is now.
   * Returns how many lines were scanned, and whether the findings may have changed.
   */
  refresh(
    lineCount: number,
    lineAt: (line: number) => string,
    scan: (text: string) => readonly LineFinding[],
    /** The whole text's findings in one pass, quicker than line by line when every line is to be scanned. */
    scanAll?: () => readonly Finding[],
  ): { scanned: number; changed: boolean } {
    if (lineCount !== this.lines.length) {
      // The edits did not add up (an event was missed): start over rather than guess.
      this.invalidate(lineCount);
    }
    if (scanAll && lineCount > 0 && this.dirtyFrom <= 0 && this.dirtyTo >= lineCount - 1 && this.lines.every((l) => l === undefined)) {
      return this.fill(lineCount, scanAll());
    }
    const before = this.withFindings;
    let scanned = 0;
    let touchedFindings = false;
    const to = Math.min(this.dirtyTo, this.lines.length - 1);
    for (let i = Math.max(0, this.dirtyFrom); i <= to; i++) {
      if (this.lines[i] === undefined) {
        const found = scan(lineAt(i));
        this.lines[i] = found;
        scanned++;
        if (found.length) {
          this.withFindings++;
          touchedFindings = true;
        }
      }
    }
    const changed = touchedFindings || this.moved || this.withFindings !== before;
    this.dirtyFrom = this.lines.length;
    this.dirtyTo = -1;
    this.moved = false;
    return { scanned, changed };
  }

  private fill(lineCount: number, all: readonly Finding[]): { scanned: number; changed: boolean } {
    const byLine = new Map<number, LineFinding[]>();
    for (const { line, ...f } of all) {
      byLine.set(line, [...(byLine.get(line) ?? []), f]);
    }
    this.lines = new Array(lineCount).fill(NONE);
    byLine.forEach((found, line) => {
      if (line < lineCount) {
        this.lines[line] = found;
      }
    });
    this.withFindings = byLine.size;
    this.dirtyFrom = lineCount;
    this.dirtyTo = -1;
    this.moved = false;
    return { scanned: lineCount, changed: true };
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    if (this.withFindings === 0) {
      return out;
    }
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (line?.length) {
        for (const f of line) {
          out.push({ ...f, line: i });
        }
      }
    }
    return out;
  }
}

// The CSV the console's "Download CSV File" gives for a new AccessKey: a header row, then the key.
//   root account:  AccessKey ID,AccessKey Secret
//   RAM user:      User Principal Name,AccessKey ID,AccessKey Secret   (alice@123….onaliyun.com)
// Often with a UTF-8 byte-order mark (stripped when the file is read); headers vary in case and spacing.
import * as path from 'node:path';
import { t } from '../../util/l10n';
import { checkCredentials, checkProfileName } from '../profile';
import { SourceFileError, type FoundProfile, type NotImportable, type ParsedSource } from './types';

export interface CsvRow {
  /** 1-based line where the row starts. */
  readonly line: number;
  readonly cells: string[];
}

/** RFC 4180: commas, quotes doubled inside quoted cells, CRLF or LF; blank lines are skipped. */
export function parseCsv(content: string, label: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim() !== '') {
      rows.push({ line: rowLine, cells });
    }
    cells = [];
    cell = '';
  };
  while (i < content.length) {
    const ch = content[i];
    if (quoted) {
      if (ch === '"') {
        if (content[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') {
          line++;
        }
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') {
        i++;
      }
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
    i++;
  }
  if (quoted) {
    throw new SourceFileError(label, t('line {0}: a quoted value is not closed; the file looks cut short.', rowLine));
  }
  if (cell !== '' || cells.length > 0) {
    endRow();
  }
  return rows;
}

const normalize = (header: string) => header.toLowerCase().replace(/[\s_\-.]/g, '');

const ID_HEADERS = new Set(['accesskeyid', 'accesskey']);
const SECRET_HEADERS = new Set(['accesskeysecret', 'secretaccesskey', 'accesskeysecretkey']);
const USER_HEADERS = new Set(['userprincipalname', 'username', 'user', 'logonname', 'loginname']);
const CREATED_HEADERS = new Set(['createtime', 'createdate', 'creationtime', 'createdat', 'created']);

export interface CsvColumns {
  readonly id: number;
  readonly secret: number;
  readonly user: number;
  readonly created: number;
}

export function findColumns(header: readonly string[]): CsvColumns | undefined {
  const names = header.map(normalize);
  const find = (set: Set<string>) => names.findIndex((n) => set.has(n));
  const columns = { id: find(ID_HEADERS), secret: find(SECRET_HEADERS), user: find(USER_HEADERS), created: find(CREATED_HEADERS) };
  return columns.id >= 0 && columns.secret >= 0 ? columns : undefined;
}

function nameFor(user: string | undefined, accessKeyId: string): string {
  // alice@1234567890123456.onaliyun.com → alice
  const short = user?.split('@')[0]?.trim();
  const named = checkProfileName(short);
  return named.ok ? named.value : `root-${accessKeyId.slice(-4)}`;
}

export function readConsoleCsv(content: string, label: string, fileName: string = label): ParsedSource {
  const rows = parseCsv(content, label);
  if (rows.length === 0) {
    throw new SourceFileError(label, t('it is empty.'));
  }
  const [header, ...data] = rows;
  const columns = findColumns(header.cells);
  if (!columns) {
    // The first line is not echoed: without a header it would be the key itself.
    throw new SourceFileError(label, t('its first line does not name the columns "AccessKey ID" and "AccessKey Secret" (it has {0} columns). Use the CSV that the console\'s "Download CSV File" gives.', header.cells.length));
  }
  if (data.length === 0) {
    throw new SourceFileError(label, t('it has a header but no key under it; the file looks cut short.'));
  }
  const found: FoundProfile[] = [];
  const notImportable: NotImportable[] = [];
  const base = path.basename(fileName);
  for (const row of data) {
    const cell = (index: number) => (index >= 0 ? (row.cells[index] ?? '') : '');
    const user = cell(columns.user).trim() || undefined;
    const rowName = user ?? t('line {0}', row.line);
    if (row.cells.length !== header.cells.length) {
      notImportable.push({ name: rowName, mode: 'CSV', reason: t('line {0} has {1} values where the header has {2}; the file looks damaged.', row.line, row.cells.length, header.cells.length) });
      continue;
    }
    const checked = checkCredentials({ accessKeyId: cell(columns.id), accessKeySecret: cell(columns.secret) });
    if (!checked.ok) {
      notImportable.push({ name: rowName, mode: 'CSV', reason: checked.message });
      continue;
    }
    const created = Date.parse(cell(columns.created).trim().replace(' ', 'T'));
    found.push({
      name: nameFor(user, checked.accessKeyId),
      kind: checked.kind,
      accessKeyId: checked.accessKeyId,
      secrets: checked.secrets,
      keyCreatedAt: Number.isNaN(created) ? undefined : new Date(created).toISOString(),
      source: `csv:${base}`,
      ref: String(row.line),
    });
  }
  return { found, notImportable };
}

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Empties the secret cell of the given rows (by line); every other line stays as it was. */
export function removeCsvSecrets(content: string, label: string, lines: readonly string[]): { text: string; removed: number } {
  const rows = parseCsv(content, label);
  const columns = rows.length ? findColumns(rows[0].cells) : undefined;
  if (!columns) {
    throw new SourceFileError(label, t('its first line does not name the columns "AccessKey ID" and "AccessKey Secret" (it has {0} columns). Use the CSV that the console\'s "Download CSV File" gives.', rows[0]?.cells.length ?? 0));
  }
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const physical = content.split(/\r?\n/);
  let removed = 0;
  // Rows to change are single physical lines in a console CSV; a multi-line row is left alone.
  for (const row of rows.slice(1)) {
    if (!lines.includes(String(row.line)) || !row.cells[columns.secret]) {
      continue;
    }
    const cells = [...row.cells];
    cells[columns.secret] = '';
    const rebuilt = cells.map(quoteCell).join(',');
    const index = row.line - 1;
    if (parseCsv(physical[index] ?? '', label)[0]?.cells.join('\u0000') === row.cells.join('\u0000')) {
      physical[index] = rebuilt;
      removed++;
    }
  }
  return { text: physical.join(eol), removed };
}

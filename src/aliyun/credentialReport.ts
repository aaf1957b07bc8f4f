// The credential report's CSV (IMS GetCredentialReport), read by column name: columns may be added
// or reordered, and a line that does not parse is counted rather than stopping the whole report.

/** One AccessKey slot of a report row (the report has no AccessKey IDs). */
export interface ReportKey {
  readonly active: boolean;
  /** When the key was created (rotated); undefined when the report has no date. */
  readonly lastRotated?: string;
  /** undefined: never used (as far as the report knows). */
  readonly lastUsed?: string;
}

export interface ReportRow {
  /** The RAM user name, or `<root>` for the account itself. */
  readonly userName: string;
  readonly root: boolean;
  readonly passwordExist: boolean;
  /** undefined where the report says N/A (no console password, so no MFA needed). */
  readonly mfaActive?: boolean;
  readonly lastLogon?: string;
  readonly keys: readonly ReportKey[];
}

export interface ParsedReport {
  readonly rows: ReportRow[];
  /** Lines that could not be read (wrong number of fields, no user); 1-based line numbers, the first few. */
  readonly brokenLines: number[];
  readonly brokenCount: number;
}

/** The report cannot be read at all (no header, no `user` column). */
export class CredentialReportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialReportFormatError';
  }
}

export const ROOT_ROW = '<root>';
const KEY_SLOTS = ['access_key_1', 'access_key_2', 'additional_access_key_1', 'additional_access_key_2', 'additional_access_key_3'];
const BROKEN_LINES_KEPT = 10;

/** One CSV line's fields (RFC 4180 quoting); undefined when a quote is left open. */
export function splitCsvLine(line: string): string[] | undefined {
  if (!line.includes('"')) {
    // Nearly every line of a report: no quoting, so a plain split (a 5,000-user report is read in a few ms).
    return line.split(',').map((f) => f.trim());
  }
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) {
    return undefined;
  }
  fields.push(field.trim());
  return fields;
}

/** `N/A`, `-`, `no_information` and empty mean "no value". */
function value(v: string | undefined): string | undefined {
  if (v === undefined) {
    return undefined;
  }
  const trimmed = v.trim();
  const lower = trimmed.toLowerCase();
  return trimmed === '' || trimmed === '-' || lower === 'n/a' || lower === 'no_information' ? undefined : trimmed;
}

function bool(v: string | undefined): boolean | undefined {
  const text = value(v)?.toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** `alice@1234567890123456.onaliyun.com` (the report's UPN) → `alice`; `<root>` stays. */
export function reportUserName(user: string): string {
  const at = user.lastIndexOf('@');
  return at > 0 && /\.onaliyun\.com$/i.test(user) ? user.slice(0, at) : user;
}

/**
 * Reads the CSV of one page or of all pages joined (every page repeats the header; a repeated
 * header is skipped). Throws CredentialReportFormatError when there is no header with `user`.
 */
export function parseCredentialReport(csv: string): ParsedReport {
  const lines = csv.split(/\r?\n/);
  let header: string[] | undefined;
  /** Each column's place, by name: found once, not per line. */
  let columns = new Map<string, number>();
  let headerLine = '';
  const rows: ReportRow[] = [];
  const brokenLines: number[] = [];
  let brokenCount = 0;
  const broken = (lineNo: number) => {
    brokenCount++;
    if (brokenLines.length < BROKEN_LINES_KEPT) {
      brokenLines.push(lineNo);
    }
  };
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    if (!header) {
      const fields = splitCsvLine(line)?.map((f) => f.toLowerCase());
      if (!fields || !fields.includes('user')) {
        throw new CredentialReportFormatError('The credential report has no header line with a "user" column.');
      }
      header = fields;
      columns = new Map(fields.map((name, i) => [name, i]));
      headerLine = line.trim();
      return;
    }
    if (line.trim() === headerLine) {
      return;
    }
    const fields = splitCsvLine(line);
    if (!fields || fields.length !== header.length) {
      broken(index + 1);
      return;
    }
    const cells = { get: (name: string) => { const i = columns.get(name); return i === undefined ? undefined : fields[i]; } };
    const user = value(cells.get('user'));
    if (!user) {
      broken(index + 1);
      return;
    }
    const keys: ReportKey[] = [];
    for (const slot of KEY_SLOTS) {
      if (bool(cells.get(`${slot}_exist`)) === true) {
        keys.push({
          active: bool(cells.get(`${slot}_active`)) !== false,
          lastRotated: value(cells.get(`${slot}_last_rotated`)),
          lastUsed: value(cells.get(`${slot}_last_used`)),
        });
      }
    }
    rows.push({
      userName: reportUserName(user), root: user === ROOT_ROW,
      passwordExist: bool(cells.get('password_exist')) === true,
      mfaActive: bool(cells.get('mfa_active')),
      lastLogon: value(cells.get('user_last_logon')),
      keys,
    });
  });
  if (!header) {
    throw new CredentialReportFormatError('The credential report is empty.');
  }
  return { rows, brokenLines, brokenCount };
}

// The CSV the RAM console offers for a new AccessKey: a header row naming the columns, then the
// key. A RAM user's file also names the user (as a logon name); the file starts with a UTF-8 BOM.

export interface CsvKey {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The RAM user; absent for the account's own key. */
  readonly userName?: string;
  readonly accountId: string;
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The user's logon name in the default domain, as the console shows it. */
export function userPrincipalName(userName: string, accountId: string): string {
  return `${userName}@${accountId}.onaliyun.com`;
}

export function accessKeyCsv(key: CsvKey): string {
  const rows = key.userName
    ? [['User Principal Name', 'AccessKey ID', 'AccessKey Secret'], [userPrincipalName(key.userName, key.accountId), key.accessKeyId, key.accessKeySecret]]
    : [['AccessKey ID', 'AccessKey Secret'], [key.accessKeyId, key.accessKeySecret]];
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A file name like the console's download: `AccessKey_<user>_<id>.csv`. */
export function csvFileName(accessKeyId: string, userName: string | undefined): string {
  const who = (userName ?? 'root').replace(/[^A-Za-z0-9._-]/g, '_');
  return `AccessKey_${who}_${accessKeyId}.csv`;
}

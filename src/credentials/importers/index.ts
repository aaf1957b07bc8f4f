import * as path from 'node:path';
import { readAliyunCliProfiles, removeCliSecrets } from './aliyunCli';
import type { CliReadOptions } from './cloudSsoEntries';
import { readConsoleCsv, removeCsvSecrets } from './consoleCsv';
import { readCredentialsFile, removeIniSecrets } from './credentialsFile';
import type { ImportFormat, ParsedSource } from './types';

export { defaultAliyunCliConfigPath } from './aliyunCli';
export { defaultCredentialsFilePath } from './credentialsFile';
export * from './types';

export function parseSource(format: ImportFormat, content: string, label: string, fileName: string, options?: CliReadOptions): ParsedSource {
  switch (format) {
    case 'aliyun-cli':
      return readAliyunCliProfiles(content, label, options);
    case 'credentials-file':
      return readCredentialsFile(content, label);
    case 'csv':
      return readConsoleCsv(content, label, fileName);
  }
}

/** Removes the secrets of the given entries (`FoundProfile.ref`) and keeps the rest of the file. */
export function removeSecrets(format: ImportFormat, content: string, label: string, refs: readonly string[]): { text: string; removed: number } {
  switch (format) {
    case 'aliyun-cli':
      return removeCliSecrets(content, label, refs);
    case 'credentials-file':
      return removeIniSecrets(content, label, refs);
    case 'csv':
      return removeCsvSecrets(content, label, refs);
  }
}

/** A format for a file the user picked: by its extension, else by its first character. */
export function guessFormat(file: string, content: string): ImportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') {
    return 'aliyun-cli';
  }
  if (ext === '.csv') {
    return 'csv';
  }
  const first = content.trimStart()[0];
  return first === '{' ? 'aliyun-cli' : first === '[' || first === '#' || first === ';' ? 'credentials-file' : 'csv';
}

import type { SecurityPractice } from '../../aliyun/types';
import { t } from '../../util/l10n';

/** The lines of the summary: a label, and whether it is something to act on. */
export function securityLines(s: SecurityPractice): Array<{ key: string; label: string; warn: boolean }> {
  const lines: Array<{ key: string; label: string; warn: boolean } | undefined> = [
    s.rootWithAccessKey === undefined ? undefined
      : { key: 'root', label: s.rootWithAccessKey > 0 ? t('The root account has {0} AccessKeys', s.rootWithAccessKey) : t('The root account has no AccessKey'), warn: s.rootWithAccessKey > 0 },
    s.rootBindMfa === undefined ? undefined
      : { key: 'rootMfa', label: s.rootBindMfa ? t('The root account has MFA') : t('The root account has no MFA'), warn: !s.rootBindMfa },
    s.subUsers === undefined ? undefined
      : { key: 'mfa', label: t('{0} of {1} RAM users have MFA', s.subUsersWithMfa ?? 0, s.subUsers), warn: (s.subUsersWithMfa ?? 0) < s.subUsers },
    s.subUsersWithOldKey === undefined ? undefined
      : { key: 'old', label: t('{0} RAM users with old AccessKeys ({1} keys)', s.subUsersWithOldKey, s.oldKeys ?? 0), warn: s.subUsersWithOldKey > 0 },
    s.subUsersWithUnusedKey === undefined ? undefined
      : { key: 'unused', label: t('{0} RAM users with unused AccessKeys ({1} keys)', s.subUsersWithUnusedKey, s.unusedKeys ?? 0), warn: s.subUsersWithUnusedKey > 0 },
  ];
  return lines.filter((l): l is { key: string; label: string; warn: boolean } => l !== undefined);
}

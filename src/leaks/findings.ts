/** How serious a finding is: a stored secret (error), an ID one of our profiles holds (warning), any other ID (information). */
export type FindingKind = 'storedSecret' | 'knownId' | 'unknownId';

/** Which secret of a profile was found. */
export type SecretKind = 'accessKeySecret' | 'securityToken';

/** A finding within one line; the line number is added where lines are counted. */
export interface LineFinding {
  readonly kind: FindingKind;
  /** Columns of the text [start, end). */
  readonly start: number;
  readonly end: number;
  /** The ID written in the text, or for a stored secret the AccessKey ID of the profile that holds it. */
  readonly accessKeyId: string;
  /** Local profiles that hold this key (their ids). */
  readonly profileIds: readonly string[];
  /** For a stored secret: which one. Never the secret itself. */
  readonly secret?: SecretKind;
}

export interface Finding extends LineFinding {
  /** Zero-based. */
  readonly line: number;
}

export function isStsId(accessKeyId: string): boolean {
  return accessKeyId.startsWith('STS.');
}

/** Findings counted per kind. */
export function countByKind(findings: Iterable<{ readonly kind: FindingKind }>): Record<FindingKind, number> {
  const counts: Record<FindingKind, number> = { storedSecret: 0, knownId: 0, unknownId: 0 };
  for (const f of findings) {
    counts[f.kind]++;
  }
  return counts;
}

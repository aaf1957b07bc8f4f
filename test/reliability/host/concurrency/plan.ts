// What each window does, and what the profile list must be afterwards. Pure: no `vscode`, so the
// windows and the checking window compute the same expectation from the same journals.

/** test/reliability/seeds/concurrency.json: one key per RAM user, so a signed call names its key. */
export const ACCOUNT_ID = '4400000000000007';

export type WindowName = 'A' | 'B';
export const WINDOWS: readonly WindowName[] = ['A', 'B'];

export interface SeedKey {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** The end of the ARN STS GetCallerIdentity returns for this key. */
  readonly arnSuffix: string;
}

function ramKey(w: WindowName, k: number): SeedKey {
  const lower = w.toLowerCase();
  return {
    accessKeyId: `LTAI5tConc${w}${k}000000000${k}0${w === 'A' ? 1 : 2}`,
    accessKeySecret: `cc-secret-${lower}${k}-not-real-0001`,
    arnSuffix: `:user/cc-${lower}${k}`,
  };
}

function stsKey(w: WindowName): SeedKey {
  const lower = w.toLowerCase();
  return {
    accessKeyId: `STS.NUConc${w}Token00000001`,
    accessKeySecret: `cc-secret-sts-${lower}-not-real-0001`,
    securityToken: `cc-security-token-${lower}-not-real-0001`,
    arnSuffix: `:assumed-role/ConcReader${w}/cc-session-${lower}`,
  };
}

/** Four RAM keys per window, then its STS token. */
export const KEYS: Readonly<Record<WindowName, readonly SeedKey[]>> = {
  A: [1, 2, 3, 4].map((k) => ramKey('A', k)).concat(stsKey('A')),
  B: [1, 2, 3, 4].map((k) => ramKey('B', k)).concat(stsKey('B')),
};

export function keyById(accessKeyId: string): SeedKey | undefined {
  return [...KEYS.A, ...KEYS.B].find((k) => k.accessKeyId === accessKeyId);
}

/** Every secret and token the concurrency part types into the extension (for the runner's scan, too). */
export function concurrencySecrets(): string[] {
  return [...KEYS.A, ...KEYS.B].flatMap((k) => [k.accessKeySecret, ...(k.securityToken ? [k.securityToken] : [])]);
}

/** Every profile this part creates has this prefix; anything else in the list is someone else's. */
export const PREFIX = 'cc-';

export const profileName = (w: WindowName, i: number): string => `${PREFIX}${w}-${String(i).padStart(2, '0')}`;

export type Step =
  | { readonly op: 'add'; readonly name: string; readonly key: SeedKey }
  | { readonly op: 'rename'; readonly target: string; readonly newName: string }
  | { readonly op: 'rekey'; readonly target: string; readonly key: SeedKey }
  | { readonly op: 'delete'; readonly target: string };

export const PHASE1_ADDS = 20;

/**
 * Phase 1, both windows at once, each on its own profiles: 20 adds; two adds behind, profile j is
 * deleted (j % 4 = 1), renamed (j % 4 = 2) or re-keyed to another of the window's keys (j % 4 = 3).
 * Profile 0 is an STS token profile (secret and security token).
 */
export function phase1(w: WindowName): Step[] {
  const keys = KEYS[w];
  const steps: Step[] = [];
  for (let i = 0; i < PHASE1_ADDS; i++) {
    steps.push({ op: 'add', name: profileName(w, i), key: i === 0 ? keys[4] : keys[i % 4] });
    const j = i - 2;
    if (j >= 0 && j < PHASE1_ADDS - 2) {
      const target = profileName(w, j);
      if (j % 4 === 1) {
        steps.push({ op: 'delete', target });
      } else if (j % 4 === 2) {
        steps.push({ op: 'rename', target, newName: `${target} renamed` });
      } else if (j % 4 === 3) {
        steps.push({ op: 'rekey', target, key: keys[(j + 1) % 4] });
      }
    }
  }
  return steps;
}

/** One done edit, with the profile id it touched (what the checks compare). */
export interface JournalEntry {
  readonly window: WindowName;
  readonly phase: 1 | 2;
  readonly op: Step['op'];
  readonly id: string;
  readonly name?: string;
  readonly accessKeyId?: string;
}

export interface Journal {
  readonly window: WindowName;
  /** Profiles (not ours) in the list when the window started: they must still be there, unchanged. */
  readonly baseline: ReadonlyArray<{ id: string; name: string }>;
  readonly entries: readonly JournalEntry[];
  /**
   * Steps the window did not apply because it had become stale (VS Code for the Web keeps a copy of
   * secret storage per window; after the other window wrote, this one refuses to write until it
   * reloads). The window opened afterwards (a reload) applies them.
   */
  readonly refused?: readonly RefusedStep[];
}

/** A refused step as the journal keeps it: the key by its ID only (journals are files; no secret goes there). */
export type RefusedStep =
  | { readonly op: 'add'; readonly name: string; readonly accessKeyId: string }
  | { readonly op: 'rename'; readonly target: string; readonly newName: string }
  | { readonly op: 'rekey'; readonly target: string; readonly accessKeyId: string }
  | { readonly op: 'delete'; readonly target: string };

export function toRefused(step: Step): RefusedStep {
  return step.op === 'add' ? { op: 'add', name: step.name, accessKeyId: step.key.accessKeyId }
    : step.op === 'rekey' ? { op: 'rekey', target: step.target, accessKeyId: step.key.accessKeyId }
      : step;
}

export function fromRefused(step: RefusedStep): Step {
  if (step.op === 'add' || step.op === 'rekey') {
    const key = keyById(step.accessKeyId);
    if (!key) {
      throw new Error(`${step.accessKeyId} is not a key of the concurrency seed`);
    }
    return step.op === 'add' ? { op: 'add', name: step.name, key } : { op: 'rekey', target: step.target, key };
  }
  return step;
}

export interface ExpectedProfile {
  readonly id: string;
  readonly name: string;
  readonly accessKeyId: string;
  readonly by: WindowName;
}

/** The profiles that must exist after the journals' edits, applied in phase order (2: the edits replayed after a reload). */
export function expectedProfiles(journals: readonly Journal[]): { live: Map<string, ExpectedProfile>; deleted: Set<string> } {
  const entries = journals.flatMap((j) => j.entries).sort((a, b) => a.phase - b.phase);
  const live = new Map<string, ExpectedProfile>();
  const deleted = new Set<string>();
  for (const e of entries) {
    const current = live.get(e.id);
    if (e.op === 'add') {
      live.set(e.id, { id: e.id, name: e.name ?? '', accessKeyId: e.accessKeyId ?? '', by: e.window });
    } else if (e.op === 'delete') {
      live.delete(e.id);
      deleted.add(e.id);
    } else if (current && e.op === 'rename') {
      live.set(e.id, { ...current, name: e.name ?? current.name });
    } else if (current && e.op === 'rekey') {
      live.set(e.id, { ...current, accessKeyId: e.accessKeyId ?? current.accessKeyId });
    }
  }
  return { live, deleted };
}

export interface ListedProfile {
  readonly id: string;
  readonly name: string;
  readonly accessKeyId: string;
}

export interface Difference {
  /** Expected, not in the list: an add lost. */
  readonly missing: ExpectedProfile[];
  /** Deleted by a journal, back in the list. */
  readonly resurrected: ListedProfile[];
  /** Ours (by prefix) but made by no journal. */
  readonly unknown: ListedProfile[];
  /** Present, but a rename or re-key was lost. */
  readonly stale: Array<{ expected: ExpectedProfile; actual: ListedProfile }>;
  /** Two profiles of the same name (or the same id twice). */
  readonly duplicates: string[];
  /** Someone else's profiles (present at the start) gone or changed. */
  readonly baselineLost: string[];
}

export function compare(list: readonly ListedProfile[], journals: readonly Journal[]): Difference {
  const { live, deleted } = expectedProfiles(journals);
  const ours = list.filter((p) => p.name.startsWith(PREFIX) || live.has(p.id) || deleted.has(p.id));
  const byId = new Map(ours.map((p) => [p.id, p]));
  const seen = new Map<string, number>();
  for (const p of list) {
    seen.set(`id:${p.id}`, (seen.get(`id:${p.id}`) ?? 0) + 1);
    seen.set(`name:${p.name.toLowerCase()}`, (seen.get(`name:${p.name.toLowerCase()}`) ?? 0) + 1);
  }
  const baseline = journals[0]?.baseline ?? [];
  return {
    missing: [...live.values()].filter((e) => !byId.has(e.id)),
    resurrected: ours.filter((p) => deleted.has(p.id)),
    unknown: ours.filter((p) => !live.has(p.id) && !deleted.has(p.id)),
    stale: [...live.values()]
      .map((expected) => ({ expected, actual: byId.get(expected.id) }))
      .filter((x): x is { expected: ExpectedProfile; actual: ListedProfile } => !!x.actual && (x.actual.name !== x.expected.name || x.actual.accessKeyId !== x.expected.accessKeyId)),
    duplicates: [...seen].filter(([, n]) => n > 1).map(([k]) => k),
    baselineLost: baseline.filter((b) => !list.some((p) => p.id === b.id && p.name === b.name)).map((b) => b.name),
  };
}

export function isClean(d: Difference): boolean {
  return !d.missing.length && !d.resurrected.length && !d.unknown.length && !d.stale.length && !d.duplicates.length && !d.baselineLost.length;
}

/** Lost edits: profiles missing, stale (an edit lost), resurrected (a delete lost), others' profiles lost. */
export function lostCount(d: Difference): number {
  return d.missing.length + d.stale.length + d.resurrected.length + d.baselineLost.length;
}

export function describe(d: Difference): string {
  const lines: string[] = [];
  const names = (ps: ReadonlyArray<{ name: string }>) => ps.map((p) => `"${p.name}"`).join(', ');
  if (d.missing.length) {
    const byWindow = WINDOWS.map((w) => [w, d.missing.filter((m) => m.by === w)] as const).filter(([, m]) => m.length);
    lines.push(`missing ${d.missing.length}: ${byWindow.map(([w, m]) => `${m.length} made by window ${w} (${names(m)})`).join('; ')}`);
  }
  if (d.stale.length) {
    lines.push(`an edit lost on ${d.stale.length}: ${d.stale.map((s) => `"${s.actual.name}" (${s.actual.accessKeyId}) should be "${s.expected.name}" (${s.expected.accessKeyId})`).join(', ')}`);
  }
  if (d.resurrected.length) {
    lines.push(`deleted but back: ${names(d.resurrected)}`);
  }
  if (d.unknown.length) {
    lines.push(`made by no window: ${names(d.unknown)}`);
  }
  if (d.duplicates.length) {
    lines.push(`duplicates: ${d.duplicates.join(', ')}`);
  }
  if (d.baselineLost.length) {
    lines.push(`profiles that were there before, gone or changed: ${d.baselineLost.join(', ')}`);
  }
  return lines.join('\n');
}

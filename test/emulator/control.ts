/**
 * The control API as functions (`emu.control`); controlHttp.ts serves the same over HTTP.
 */
import type { CloudSsoTiming } from './cloudSso';
import type { CloudSsoStatus } from './cloudSsoState';
import { settle } from './credentialReport';
import { Fault, FaultSpec, parseFaultSpec } from './faults';
import { NO_RATE_LIMIT, RateLimitSpec, RateLimitStatus, RateLimiter, parseRateLimitSpec } from './rateLimit';
import type { RequestLogEntry } from './requestLog';
import { roleArn } from './roles';
import type { Runtime } from './runtime';
import type { KeyRecord } from './state';
import { isoSeconds } from './util';

export interface KeySnapshot {
  accessKeyId: string;
  status: string;
  createDate: string;
  lastUsedDate: string | null;
}

export interface StateSnapshot {
  now: string;
  clockOffsetMs: number;
  accounts: {
    accountId: string;
    rootAccessKeys: KeySnapshot[];
    users: { userName: string; userId: string; displayName: string; createDate: string; policies: string[]; accessKeys: KeySnapshot[] }[];
    stsTokens: { accessKeyId: string; roleName: string; roleId: string; roleSessionName: string; expiration: string }[];
    roles: { roleName: string; roleId: string; arn: string; maxSessionDuration: number; policies: string[]; trust: { account: boolean; users: string[]; roles: string[]; externalId: string | null } }[];
    loadBalancers: { total: number; byRegion: Record<string, number> };
  }[];
}

export interface EmulatorControl {
  addFault(spec: FaultSpec): string;
  listFaults(): Fault[];
  removeFault(id: string): boolean;
  clearFaults(): number;
  /** Shift the server clock by `ms` (positive = server ahead of the client). */
  setClockOffset(ms: number): void;
  clockOffsetMs(): number;
  /** Server time in ms (wall clock + offset). */
  now(): number;
  /** Restore the seed state, clear faults and nonces, reset the clock. */
  reset(): void;
  state(): StateSnapshot;
  setKeyStatus(accessKeyId: string, status: 'Active' | 'Inactive'): boolean;
  requests(since?: number): RequestLogEntry[];
  /** Limits the request rate (one token bucket, see rateLimit.ts); replaces a previous limit and its counters. */
  setRateLimit(spec: RateLimitSpec): RateLimitStatus;
  /** The limit and its counters; `rateLimit: null` when none is set. */
  rateLimit(): RateLimitStatus;
  /** Removes the limit; returns its final counters. */
  clearRateLimit(): RateLimitStatus;
  /**
   * Every AccessKey secret and security token of the seed and every secret issued since start
   * (created keys, AssumeRole's secrets and tokens; deleted and expired ones too; kept across reset),
   * for secret scans of what tests leave behind.
   */
  secrets(): string[];
  /** Temporary credentials issued from now on expire after `seconds` (whatever DurationSeconds says); null restores DurationSeconds. */
  setStsLifetime(seconds: number | null): void;
  stsLifetime(): number | null;
  /** How long GenerateCredentialReport's report is "being made" (0: ready at once); default 1000 ms. */
  setReportGenerationMs(ms: number): void;
  credentialReports(): CredentialReportStatus;
  /** Forgets every account's credential report (the next GenerateCredentialReport starts a new one); returns how many accounts had one. */
  discardCredentialReports(): number;
  /** The CloudSSO portal's device authorizations (with their user codes) and access tokens (without the tokens); null without a `cloudSso` seed. */
  cloudSso(): CloudSsoStatus | null;
  /**
   * Device-code and access-token lifetimes and the poll interval for what the portal issues from now
   * on (null: the seed's again); null without a `cloudSso` seed.
   */
  setCloudSsoTiming(changes: Partial<CloudSsoTiming> | null): CloudSsoTiming | null;
}

export interface CredentialReportStatus {
  generationMs: number;
  reports: { accountId: string; generatedTime: string | null; generating: boolean }[];
}

function keyJson(k: KeyRecord): KeySnapshot {
  return { accessKeyId: k.accessKeyId, status: k.status, createDate: k.createDate, lastUsedDate: k.lastUsedDate ?? null };
}

function snapshot(rt: Runtime): StateSnapshot {
  return {
    now: isoSeconds(rt.now()),
    clockOffsetMs: rt.clockOffset,
    accounts: rt.state.accounts.map((a) => {
      const byRegion: Record<string, number> = {};
      let total = 0;
      for (const [region, list] of a.lbsByRegion) {
        byRegion[region] = list.length;
        total += list.length;
      }
      return {
        accountId: a.accountId,
        rootAccessKeys: a.rootKeys.map(keyJson),
        users: a.userList.map((u) => ({
          userName: u.userName,
          userId: u.userId,
          displayName: u.displayName,
          createDate: u.createDate,
          policies: [...u.policies],
          accessKeys: u.keys.map(keyJson),
        })),
        stsTokens: a.stsCredentials.map((c) => ({
          accessKeyId: c.accessKeyId,
          roleName: c.roleName,
          roleId: c.roleId,
          roleSessionName: c.roleSessionName,
          expiration: c.expiration,
        })),
        roles: a.roleList.map((r) => ({
          roleName: r.roleName,
          roleId: r.roleId,
          arn: roleArn(a.accountId, r),
          maxSessionDuration: r.maxSessionDuration,
          policies: [...r.policies],
          trust: { account: r.trust.account, users: [...r.trust.users], roles: [...r.trust.roles], externalId: r.trust.externalId ?? null },
        })),
        loadBalancers: { total, byRegion },
      };
    }),
  };
}

export function createControl(rt: Runtime, portal?: { status(): CloudSsoStatus; setTiming(changes: Partial<CloudSsoTiming> | null): CloudSsoTiming }): EmulatorControl {
  return {
    addFault: (spec) => rt.faults.add(parseFaultSpec(spec)).id,
    listFaults: () => rt.faults.list(),
    removeFault: (id) => rt.faults.remove(id),
    clearFaults: () => rt.faults.clear(),
    setClockOffset: (ms) => {
      if (!Number.isFinite(ms)) {
        throw new TypeError('offsetMs must be a finite number');
      }
      rt.clockOffset = Math.trunc(ms);
    },
    clockOffsetMs: () => rt.clockOffset,
    now: () => rt.now(),
    reset: () => rt.reset(),
    state: () => snapshot(rt),
    setKeyStatus: (id, status) => {
      const key = rt.state.keys.get(id);
      if (!key) {
        return false;
      }
      key.status = status;
      return true;
    },
    requests: (since = 0) => rt.requests.since(since),
    setRateLimit: (spec) => {
      rt.limiter = new RateLimiter(parseRateLimitSpec(spec));
      return rt.limiter.status();
    },
    rateLimit: () => rt.limiter?.status() ?? { ...NO_RATE_LIMIT },
    clearRateLimit: () => {
      const last = rt.limiter?.status() ?? { ...NO_RATE_LIMIT };
      rt.limiter = undefined;
      return last;
    },
    secrets: () => [...rt.secrets],
    setStsLifetime: (seconds) => {
      if (seconds !== null && (!Number.isInteger(seconds) || seconds < 1 || seconds > 43200)) {
        throw new TypeError('"seconds" must be an integer from 1 to 43200, or null');
      }
      rt.state.settings.stsLifetimeSeconds = seconds ?? undefined;
    },
    stsLifetime: () => rt.state.settings.stsLifetimeSeconds ?? null,
    setReportGenerationMs: (ms) => {
      if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) {
        throw new TypeError('"generationMs" must be an integer from 0 to 600000');
      }
      rt.state.settings.reportGenerationMs = ms;
    },
    credentialReports: () => {
      const now = rt.now();
      return {
        generationMs: rt.state.settings.reportGenerationMs,
        reports: [...rt.state.reports].map(([accountId, r]) => {
          settle(r, now);
          return { accountId, generatedTime: r.ready?.generatedTime ?? null, generating: r.pending !== undefined };
        }),
      };
    },
    discardCredentialReports: () => {
      const n = rt.state.reports.size;
      rt.state.reports.clear();
      return n;
    },
    cloudSso: () => portal?.status() ?? null,
    setCloudSsoTiming: (changes) => {
      if (changes) {
        for (const [key, value] of Object.entries(changes)) {
          if (!['deviceCodeSeconds', 'intervalSeconds', 'accessTokenSeconds'].includes(key) || !Number.isInteger(value) || (value as number) < 1 || (value as number) > 86400) {
            throw new TypeError(`"${key}" is not a timing of the portal, or not an integer from 1 to 86400`);
          }
        }
      }
      return portal?.setTiming(changes) ?? null;
    },
  };
}

/**
 * The CloudSSO directory (from the seed, with defaults) and what its sign-in portal keeps between
 * requests: device authorizations waiting for a person, and the access tokens it issued. Sessions
 * belong to one EmulatorState, so `POST /__emulator/reset` forgets them with everything else.
 */
import * as crypto from 'crypto';
import { safeEqual } from './signature';
import type { SeedCloudSso } from './seedTypes';
import type { EmulatorState } from './state';
import { isoSeconds, randomString } from './util';

export const DEFAULT_CLIENT_ID = 'app-vaz16tltdxs96audqf35';
export const DEVICE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

export interface AccessConfiguration {
  id: string;
  name: string;
  description: string;
  policies: string[];
  sessionDuration: number;
}

export interface DirectoryUser {
  userName: string;
  password: string;
  /** Access configuration ids by account id, in seed order. */
  assignments: Map<string, string[]>;
}

export interface Directory {
  directoryId: string;
  clientId: string;
  /** In seed order. */
  accessConfigurations: Map<string, AccessConfiguration>;
  /** By lower-case user name. */
  users: Map<string, DirectoryUser>;
  displayNames: Map<string, string>;
  deviceCodeSeconds: number;
  intervalSeconds: number;
  accessTokenSeconds: number;
  pageSize: number;
}

export function directoryFromSeed(s: SeedCloudSso): Directory {
  return {
    directoryId: s.directoryId ?? 'd-emulator',
    clientId: s.clientId ?? DEFAULT_CLIENT_ID,
    accessConfigurations: new Map(
      (s.accessConfigurations ?? []).map((a) => [
        a.id,
        { id: a.id, name: a.name, description: a.description ?? '', policies: [...new Set(a.policies ?? [])], sessionDuration: a.sessionDuration ?? 3600 },
      ]),
    ),
    users: new Map(
      (s.users ?? []).map((u) => [
        u.userName.toLowerCase(),
        { userName: u.userName, password: u.password, assignments: new Map((u.assignments ?? []).map((a) => [a.accountId, [...a.accessConfigurations]])) },
      ]),
    ),
    displayNames: new Map(Object.entries(s.accountDisplayNames ?? {})),
    deviceCodeSeconds: s.deviceCodeSeconds ?? 600,
    intervalSeconds: s.intervalSeconds ?? 5,
    accessTokenSeconds: s.accessTokenSeconds ?? 28800,
    pageSize: s.pageSize ?? 100,
  };
}

/** An answer other than 2xx: `{ErrorCode, ErrorMessage, RequestId}` with this HTTP status. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PortalError';
  }
}

export const PortalErrors = {
  invalidParameter: (name: string, problem = 'is missing or not valid'): PortalError => new PortalError(400, `InvalidParameter.${name}`, `The parameter ${name} ${problem}.`),
  invalidDeviceCode: (): PortalError => new PortalError(400, 'InvalidDeviceCodeError', 'The device code is invalid or has expired. Sign in again.'),
  pending: (): PortalError => new PortalError(400, 'AuthorizationPending', 'The device is pending.'),
  slowDown: (interval: number): PortalError =>
    new PortalError(400, 'SlowDown', `Polling too fast: wait ${interval} seconds (the Interval) between token requests.`),
  deniedByUser: (): PortalError => new PortalError(400, 'AccessDenied', 'The user denied the authorization request.'),
  tokenInvalid: (why: string): PortalError => new PortalError(401, 'AccessTokenInvalid', `The access token is ${why}. Sign in again.`),
  notAssigned: (what: string): PortalError => new PortalError(403, 'AccessDenied', `You are not assigned to ${what}.`),
};

export type DeviceStatus = 'pending' | 'approved' | 'denied' | 'used';

export interface DeviceAuthorization {
  deviceCode: string;
  /** `XXXX-XXXX`. */
  userCode: string;
  codeChallenge: string;
  expiresAtMs: number;
  status: DeviceStatus;
  /** Who approved or denied it. */
  user?: DirectoryUser;
  lastPollMs?: number;
}

export interface AccessToken {
  user: DirectoryUser;
  expiresAtMs: number;
}

// Consonants only (RFC 8628 §6.1): no vowels, so no words, and nothing to confuse with digits.
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

/** What a person types: case, spaces and the dash do not matter. */
export function normalizeUserCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function s256(verifier: string): string {
  return crypto.createHash('sha256').update(verifier, 'utf8').digest('base64url');
}

export class SsoSessions {
  private readonly devices = new Map<string, DeviceAuthorization>();
  private readonly byUserCode = new Map<string, DeviceAuthorization>();
  private readonly tokens = new Map<string, AccessToken>();

  constructor(
    readonly directory: Directory,
    private readonly secrets: Set<string>,
  ) {
    // The approval page's passwords are secrets of the seed: a scan must find them if they leak.
    for (const u of directory.users.values()) {
      secrets.add(u.password);
    }
  }

  startDevice(nowMs: number, codeChallenge: string): DeviceAuthorization {
    this.forgetExpired(nowMs);
    let userCode: string;
    do {
      userCode = `${randomString(4, USER_CODE_ALPHABET)}-${randomString(4, USER_CODE_ALPHABET)}`;
    } while (this.byUserCode.has(normalizeUserCode(userCode)));
    const device: DeviceAuthorization = {
      deviceCode: crypto.randomBytes(32).toString('base64url'),
      userCode,
      codeChallenge,
      expiresAtMs: nowMs + this.directory.deviceCodeSeconds * 1000,
      status: 'pending',
    };
    this.devices.set(device.deviceCode, device);
    this.byUserCode.set(normalizeUserCode(userCode), device);
    return device;
  }

  /**
   * One `/token` poll, in this order: unknown or expired code, PKCE, then the state. A used code is
   * unknown (one token per code); only a pending answer can be "slow down", as in RFC 8628.
   */
  poll(nowMs: number, deviceCode: string, codeVerifier: string | undefined): { token: string; expiresIn: number } {
    const device = this.devices.get(deviceCode);
    if (!device || device.status === 'used' || nowMs >= device.expiresAtMs) {
      throw PortalErrors.invalidDeviceCode();
    }
    if (codeVerifier === undefined) {
      throw PortalErrors.invalidParameter('CodeVerifier');
    }
    if (!safeEqual(s256(codeVerifier), device.codeChallenge)) {
      throw PortalErrors.invalidParameter('CodeVerifier', 'does not match the CodeChallenge of the device authorization');
    }
    if (device.status === 'denied') {
      throw PortalErrors.deniedByUser();
    }
    if (device.status === 'pending') {
      const last = device.lastPollMs;
      device.lastPollMs = nowMs;
      if (last !== undefined && nowMs - last < this.directory.intervalSeconds * 1000) {
        throw PortalErrors.slowDown(this.directory.intervalSeconds);
      }
      throw PortalErrors.pending();
    }
    device.status = 'used';
    this.byUserCode.delete(normalizeUserCode(device.userCode));
    const token = crypto.randomBytes(48).toString('base64url');
    this.secrets.add(token);
    this.tokens.set(token, { user: device.user!, expiresAtMs: nowMs + this.directory.accessTokenSeconds * 1000 });
    return { token, expiresIn: this.directory.accessTokenSeconds };
  }

  /** The device authorization a person's code names, if it still waits for a decision. */
  pendingByUserCode(nowMs: number, typed: string): DeviceAuthorization | undefined {
    const device = this.byUserCode.get(normalizeUserCode(typed));
    return device && device.status === 'pending' && nowMs < device.expiresAtMs ? device : undefined;
  }

  /** The user whose name and password these are (the name in any case), or undefined. */
  signIn(userName: string, password: string): DirectoryUser | undefined {
    const user = this.directory.users.get(userName.trim().toLowerCase());
    return user && safeEqual(password, user.password) ? user : undefined;
  }

  decide(device: DeviceAuthorization, user: DirectoryUser, approve: boolean): void {
    device.status = approve ? 'approved' : 'denied';
    device.user = user;
  }

  /** The signed-in user of an `Authorization: Bearer …` header. */
  bearer(nowMs: number, authorization: string | undefined): DirectoryUser {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) {
      throw PortalErrors.tokenInvalid('missing (send Authorization: Bearer <AccessToken>)');
    }
    const found = this.tokens.get(m[1]);
    if (!found) {
      throw PortalErrors.tokenInvalid('invalid');
    }
    if (nowMs >= found.expiresAtMs) {
      throw PortalErrors.tokenInvalid('expired');
    }
    return found.user;
  }

  /** For the control API: no device codes, no tokens. */
  status(nowMs: number): CloudSsoStatus {
    return {
      deviceAuthorizations: [...this.devices.values()].map((d) => ({
        userCode: d.userCode,
        status: nowMs >= d.expiresAtMs && d.status !== 'used' ? 'expired' : d.status,
        userName: d.user?.userName ?? null,
        expiresAt: isoSeconds(d.expiresAtMs),
      })),
      accessTokens: [...this.tokens.values()].map((t) => ({ userName: t.user.userName, expiresAt: isoSeconds(t.expiresAtMs), expired: nowMs >= t.expiresAtMs })),
    };
  }

  private forgetExpired(nowMs: number): void {
    if (this.devices.size < 1000) {
      return;
    }
    for (const [code, d] of this.devices) {
      if (nowMs >= d.expiresAtMs) {
        this.devices.delete(code);
        this.byUserCode.delete(normalizeUserCode(d.userCode));
      }
    }
  }
}

export interface CloudSsoStatus {
  deviceAuthorizations: { userCode: string; status: DeviceStatus | 'expired'; userName: string | null; expiresAt: string }[];
  accessTokens: { userName: string; expiresAt: string; expired: boolean }[];
}

const sessionsByState = new WeakMap<EmulatorState, SsoSessions>();

/** The portal's sessions of this state (a reset makes a new state, so new, empty sessions). */
export function sessionsOf(state: EmulatorState, directory: Directory): SsoSessions {
  let s = sessionsByState.get(state);
  if (!s) {
    s = new SsoSessions(directory, state.secrets);
    sessionsByState.set(state, s);
  }
  return s;
}

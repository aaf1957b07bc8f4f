import { CloudSsoError, createPkce, type AccessToken, type CloudSsoPortal, type DeviceAuthorization } from '../../aliyun/cloudSsoPortal';
import { portalErrorMessage } from '../../aliyun/cloudSsoProtocol';
import { UserCancelled } from '../../util/errors';

/** A device authorization in progress, with the PKCE verifier that must go with its token request. */
export interface StartedLogin {
  readonly authorization: DeviceAuthorization;
  readonly verifier: string;
}

/** The portal answered "slow down": wait this much longer between polls (RFC 8628 §3.5). */
const SLOW_DOWN_STEP_MS = 5_000;
/** Polls that may fail in a row (portal unreachable or throttling) before the sign-in fails. */
const MAX_PASSING_FAILURES = 3;

export async function startDeviceLogin(portal: CloudSsoPortal): Promise<StartedLogin> {
  const { verifier, challenge } = createPkce();
  const authorization = await portal.startDeviceAuthorization(challenge);
  return { authorization, verifier };
}

export interface WaitOptions {
  readonly signal?: AbortSignal;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Polls at the given interval (slowing down by 5 s on 'slowDown', and on an unreachable or
 * throttling portal up to twice in a row) until approved; throws CloudSsoError (denied /
 * expiredCode / …) or UserCancelled when `signal` aborts; gives up at the device code's expiry.
 */
export async function waitForApproval(portal: CloudSsoPortal, login: StartedLogin, options: WaitOptions = {}): Promise<AccessToken> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, options.signal));
  const { authorization, verifier } = login;
  const endsAt = now() + authorization.expiresInSeconds * 1000;
  let intervalMs = Math.max(1, authorization.intervalSeconds) * 1000;
  let failures = 0;
  for (;;) {
    await sleep(intervalMs);
    if (options.signal?.aborted) {
      throw new UserCancelled();
    }
    if (now() >= endsAt) {
      throw new CloudSsoError('expiredCode', 'token', portalErrorMessage('expiredCode', 'token', { host: portal.host }));
    }
    let answer: Awaited<ReturnType<CloudSsoPortal['pollToken']>>;
    try {
      answer = await portal.pollToken(authorization.deviceCode, verifier);
      failures = 0;
    } catch (error) {
      // A network blip during minutes of waiting should not throw away the person's approval.
      if (error instanceof CloudSsoError && (error.kind === 'unreachable' || error.kind === 'throttled') && ++failures < MAX_PASSING_FAILURES) {
        answer = 'slowDown';
      } else {
        throw error;
      }
    }
    if (options.signal?.aborted) {
      throw new UserCancelled();
    }
    if (answer === 'slowDown') {
      intervalMs += SLOW_DOWN_STEP_MS;
    } else if (answer !== 'pending') {
      return answer;
    }
  }
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

import type { AccessToken } from '../../aliyun/cloudSsoPortal';
import { Emitter, type Disposable, type Event } from '../../util/events';
import type { Log } from '../../util/log';
import type { StateStore } from '../activeProfile';
import type { SecretStore } from '../profileStorage';

/** What is known of a directory's sign-in without its token. */
export interface SignIn {
  readonly signInUrl: string;
  /** ISO 8601 */
  readonly expiresAt: string;
}

const TOKEN_PREFIX = 'alibabaCloud.cloudSso.token.';
/** Sign-in URLs used before: not secret, so globalState; the token never goes there. */
const KNOWN_URLS_KEY = 'alibabaCloud.cloudSso.signInUrls';
const MAX_KNOWN = 20;
/** A token this close to its end is not handed out: a request with it could arrive after it ended. */
const END_MARGIN_MS = 60_000;

interface StoredSignIn {
  readonly accessToken: string;
  readonly expiresAt: string;
}

/** The key of one sign-in's token: the URL as given, lower-cased scheme and host (the path matters: it names the directory). */
export function signInKey(signInUrl: string): string {
  return TOKEN_PREFIX + signInUrl.trim();
}

/**
 * CloudSSO access tokens, one per directory sign-in URL, in secret storage only (SharedSecrets, as
 * the profiles' secrets): never in globalState, settings or files. Each entry holds the token and
 * when it ends; the list of URLs used before is kept in globalState, without tokens.
 */
export class CloudSsoSignIns implements Disposable {
  private readonly changed = new Emitter<string>();
  /** A sign-in was saved or ended, in this window or another (the URL). */
  readonly onDidChange: Event<string> = this.changed.event;
  private readonly subscription: Disposable;
  private readonly now: () => number;

  constructor(
    private readonly secrets: SecretStore,
    private readonly state: StateStore,
    private readonly log: Log,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(TOKEN_PREFIX)) {
        this.changed.fire(e.key.slice(TOKEN_PREFIX.length));
      }
    });
  }

  /** A token that still works (not within 1 minute of its end), else undefined. */
  async token(signInUrl: string): Promise<string | undefined> {
    return (await this.current(signInUrl)).token;
  }

  /** What is known without the secret: when the sign-in ends; undefined when never signed in or signed out. */
  async signIn(signInUrl: string): Promise<SignIn | undefined> {
    return (await this.current(signInUrl)).signIn;
  }

  /** Both from one read of secret storage: the sign-in (when it ends) and its token while it still works. */
  async current(signInUrl: string): Promise<{ signIn?: SignIn; token?: string }> {
    const stored = await this.read(signInUrl);
    if (!stored) {
      return {};
    }
    const works = Date.parse(stored.expiresAt) - END_MARGIN_MS > this.now();
    return { signIn: { signInUrl: signInUrl.trim(), expiresAt: stored.expiresAt }, token: works ? stored.accessToken : undefined };
  }

  async save(signInUrl: string, token: AccessToken): Promise<void> {
    const url = signInUrl.trim();
    const entry: StoredSignIn = { accessToken: token.accessToken, expiresAt: token.expiresAt };
    await this.secrets.store(signInKey(url), JSON.stringify(entry));
    await this.remember(url);
    // onDidChange follows from secret storage's own event, in this window and the others.
    this.log.info(`[cloudsso] signed in at ${hostOf(url)} until ${token.expiresAt}`);
  }

  async signOut(signInUrl: string): Promise<void> {
    const url = signInUrl.trim();
    await this.secrets.delete(signInKey(url));
    this.log.info(`[cloudsso] signed out at ${hostOf(url)}`);
  }

  /** Sign-in URLs used before (remembered, not secret), most recent first. */
  async knownSignInUrls(): Promise<string[]> {
    const list = this.state.get<unknown>(KNOWN_URLS_KEY);
    return Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string' && u !== '') : [];
  }

  private async remember(url: string): Promise<void> {
    const known = await this.knownSignInUrls();
    await this.state.update(KNOWN_URLS_KEY, [url, ...known.filter((u) => u !== url)].slice(0, MAX_KNOWN));
  }

  private async read(signInUrl: string): Promise<StoredSignIn | undefined> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(signInKey(signInUrl));
    } catch (error) {
      this.log.warn(`[cloudsso] reading the sign-in of ${hostOf(signInUrl)} failed: ${(error as Error).name}`);
      return undefined;
    }
    if (!raw) {
      return undefined;
    }
    try {
      const parsed = JSON.parse(raw) as Partial<StoredSignIn>;
      if (typeof parsed.accessToken === 'string' && parsed.accessToken && typeof parsed.expiresAt === 'string' && !Number.isNaN(Date.parse(parsed.expiresAt))) {
        return { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt };
      }
    } catch {
      // fall through: a damaged entry reads as "not signed in"
    }
    this.log.warn(`[cloudsso] the stored sign-in of ${hostOf(signInUrl)} could not be read; sign in again`);
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** host[:port] of a sign-in URL, for the log and messages (the path may name the directory; the host is enough). */
export function hostOf(signInUrl: string): string {
  try {
    return new URL(signInUrl).host;
  } catch {
    return '?';
  }
}

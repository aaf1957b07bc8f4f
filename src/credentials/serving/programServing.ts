import { createHash } from 'node:crypto';
import { Emitter, type Disposable } from '../../util/events';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';
import type { StateStore } from '../activeProfile';
import { DEFAULT_REGION, type Profile } from '../profile';
import type { SecretStore } from '../profileStorage';
import type { ActiveProfileSource, CredentialsFor } from '../profileSessions';
import { CredentialsServer, ServeRefusal, type Serving } from './credentialsServer';
import { endpointVariables } from './programEnvironment';
import { servedCredentials, servedProfile, type ServedProfile, type ServingSources } from './servedCredentials';
import { DOORS_KEY, openDoors, type Door } from './servingDoors';

export type { Door } from './servingDoors';

export interface ServingState {
  readonly serving: boolean;
  /** What the person turned on in this workspace (each with its own consent). */
  readonly doors: readonly Door[];
  /** Requests answered with credentials since the endpoint started in this window. */
  readonly served: number;
  /** Requests refused (nothing to serve) since then. */
  readonly refused: number;
}

export interface ProgramServingDeps {
  readonly active: ActiveProfileSource;
  readonly store: { get(id: string): Promise<Profile | undefined> };
  readonly credentialsFor: CredentialsFor;
  /** Secret storage: the port and path secret, kept so a reload of the window keeps terminals' address working. */
  readonly secrets: Pick<SecretStore, 'get' | 'store' | 'delete'>;
  /** This workspace's state: which doors are open, which role serves an AccessKey profile (nothing secret). */
  readonly state: StateStore;
  /** Names this workspace (its folder or workspace file), so each workspace keeps its own address. */
  readonly workspaceKey: string;
  readonly log: Log;
  readonly now?: () => number;
}

const ROLES_KEY = 'alibabaCloud.programs.roles';
const ENDPOINT_KEY_PREFIX = 'alibabaCloud.programs.endpoint.';

/**
 * The credentials endpoint of this window: started when the person opens a door (terminals or
 * debug sessions, each after its own consent), restarted at the same address after a reload,
 * stopped and its address forgotten when the last door closes or serving is stopped. It serves
 * what the active profile yields (servedCredentials) and follows profile switches.
 */
export class ProgramServing implements Disposable {
  private server?: CredentialsServer;
  private readonly changed = new Emitter<ServingState>();
  /** Serving started or stopped, a door opened or closed, a role was chosen. */
  readonly onDidChange = this.changed.event;
  private readonly answered = new Emitter<ServingState>();
  /** After each request the endpoint answered. */
  readonly onDidAnswer = this.answered.event;
  private readonly needsRole = new Emitter<Profile>();
  /** A program asked while the active profile was an AccessKey profile without a chosen role. */
  readonly onNeedsRole = this.needsRole.event;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sources: ServingSources;

  constructor(private readonly deps: ProgramServingDeps) {
    this.sources = { get: (id) => deps.store.get(id), credentialsFor: deps.credentialsFor, roleFor: (id) => this.roleFor(id), now: deps.now };
  }

  state(): ServingState {
    return { serving: !!this.server?.current, doors: this.doors(), served: this.server?.requestsServed ?? 0, refused: this.server?.requestsRefused ?? 0 };
  }

  doors(): Door[] {
    return openDoors(this.deps.state);
  }

  isOpen(door: Door): boolean {
    return this.doors().includes(door);
  }

  /** The endpoint's address while it serves (never logged, never returned to other extensions). */
  url(): string | undefined {
    return this.server?.current?.url;
  }

  roleFor(accessKeyProfileId: string): string | undefined {
    return this.deps.state.get<Record<string, string>>(ROLES_KEY)?.[accessKeyProfileId];
  }

  async chooseRole(accessKeyProfileId: string, roleProfileId: string): Promise<void> {
    await this.deps.state.update(ROLES_KEY, { ...this.deps.state.get<Record<string, string>>(ROLES_KEY), [accessKeyProfileId]: roleProfileId });
    this.changed.fire(this.state());
  }

  /** Whose credentials the active profile (or `profile`) would serve, without obtaining them. */
  async served(profile?: Profile): Promise<ServedProfile | undefined> {
    const active = profile ?? (await this.deps.active.current());
    return active ? servedProfile(active, this.sources) : undefined;
  }

  /** The variables that point a program at the endpoint, while it serves. */
  async variables(): Promise<{ variables: Record<string, string>; profileName?: string } | undefined> {
    const url = this.url();
    if (!url) {
      return undefined;
    }
    const served = await this.served();
    const profile = served && (served.kind === 'needsRole' ? served.key : served.profile);
    return { variables: endpointVariables(url, profile?.regionId ?? DEFAULT_REGION), profileName: profile?.name };
  }

  /** At start-up: serve again, at the same address, where a door was left open. */
  restore(): Promise<void> {
    return this.serialize(async () => {
      if (this.doors().length > 0) {
        await this.start();
      }
    });
  }

  /** Opens a door (its consent already given) and makes sure the endpoint serves. */
  open(door: Door): Promise<Serving> {
    return this.serialize(async () => {
      if (!this.isOpen(door)) {
        await this.deps.state.update(DOORS_KEY, [...this.doors(), door]);
      }
      return this.start();
    });
  }

  /** Closes a door; with none left, serving stops and the address is forgotten. */
  close(door: Door): Promise<void> {
    return this.serialize(async () => {
      if (!this.isOpen(door)) {
        return;
      }
      const left = this.doors().filter((d) => d !== door);
      await this.deps.state.update(DOORS_KEY, left);
      if (left.length === 0) {
        await this.shutDown();
      } else {
        this.changed.fire(this.state());
      }
    });
  }

  /** Stop Serving: every door closed, the endpoint stopped, its address forgotten (a new one next time). */
  stop(): Promise<void> {
    return this.serialize(async () => {
      await this.deps.state.update(DOORS_KEY, []);
      await this.shutDown();
    });
  }

  private async start(): Promise<Serving> {
    const running = this.server?.current;
    if (running) {
      return running;
    }
    const previous = await this.remembered();
    const server = new CredentialsServer({
      source: () => this.serve(),
      log: this.deps.log,
      previous,
      now: this.deps.now,
      onAnswer: () => this.answered.fire(this.state()),
    });
    const serving = await server.start();
    this.server = server;
    if (previous?.port !== serving.port || previous?.pathSecret !== serving.pathSecret) {
      await Promise.resolve(this.deps.secrets.store(this.endpointKey, JSON.stringify({ port: serving.port, pathSecret: serving.pathSecret }))).catch((error: unknown) => {
        this.deps.log.warn(`[serve] the address could not be kept for a reload of this window (${error instanceof Error ? error.name : 'error'}); terminals will need relaunching after one`);
      });
    }
    this.changed.fire(this.state());
    return serving;
  }

  private async shutDown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
    await Promise.resolve(this.deps.secrets.delete(this.endpointKey)).catch((error: unknown) => {
      this.deps.log.warn(`[serve] the old address could not be removed from secret storage (${error instanceof Error ? error.name : 'error'}); it stays unusable while nothing listens there`);
    });
    this.changed.fire(this.state());
  }

  private async serve() {
    const active = await this.deps.active.current();
    if (!active) {
      throw new ServeRefusal('NoActiveProfile', t('No Alibaba Cloud profile is active in VS Code.'));
    }
    try {
      return await servedCredentials(active, this.sources);
    } catch (error) {
      if (error instanceof ServeRefusal && error.code === 'RoleNotChosen') {
        this.needsRole.fire(active);
      }
      throw error;
    }
  }

  /** The port and path secret of this workspace's last endpoint, if well-formed. */
  private async remembered(): Promise<{ port: number; pathSecret: string } | undefined> {
    try {
      const raw = await this.deps.secrets.get(this.endpointKey);
      const parsed = raw ? (JSON.parse(raw) as { port?: unknown; pathSecret?: unknown }) : undefined;
      if (parsed && Number.isInteger(parsed.port) && (parsed.port as number) > 0 && (parsed.port as number) < 65536
        && typeof parsed.pathSecret === 'string' && /^[A-Za-z0-9_-]{22,}$/.test(parsed.pathSecret)) {
        return { port: parsed.port as number, pathSecret: parsed.pathSecret };
      }
    } catch {
      // unreadable: a new address
    }
    return undefined;
  }

  private get endpointKey(): string {
    return ENDPOINT_KEY_PREFIX + createHash('sha256').update(this.deps.workspaceKey).digest('hex').slice(0, 16);
  }

  private serialize<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  dispose(): void {
    void this.server?.stop();
    this.server = undefined;
    this.changed.dispose();
    this.answered.dispose();
    this.needsRole.dispose();
  }
}

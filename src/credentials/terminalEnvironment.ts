import { Emitter, type Disposable, type Event } from '../util/events';
import { t } from '../util/l10n';
import type { Log } from '../util/log';
import { maskAccessKeyId } from '../util/mask';
import type { ActiveProfile, StateStore } from './activeProfile';
import type { Profile } from './profile';
import { storedCredentials, type CredentialsFor } from './profileSessions';
import type { ProfileStore } from './profileStore';

/** The variables the Alibaba Cloud SDKs and the aliyun CLI read. */
export const TerminalVariables = {
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  securityToken: 'ALIBABA_CLOUD_SECURITY_TOKEN',
  regionId: 'ALIBABA_CLOUD_REGION_ID',
} as const;

const ALL = Object.values(TerminalVariables);

/** The part of vscode.EnvironmentVariableCollection we use. */
export interface EnvironmentCollection {
  persistent: boolean;
  description: unknown;
  replace(variable: string, value: string): void;
  delete(variable: string): void;
  clear(): void;
  forEach?(callback: (variable: string) => unknown): void;
}

/** What new terminals get: the credentials themselves, or the address of the credentials endpoint. */
export type TerminalMode = 'variables' | 'endpoint';

/** The credentials endpoint for programs, as terminals use it: its variables while it serves. */
export interface TerminalEndpoint {
  variables(): Promise<{ readonly variables: Readonly<Record<string, string>>; readonly profileName?: string } | undefined>;
  readonly onDidChange: Event<unknown>;
}

export interface TerminalEnvironmentState {
  readonly enabled: boolean;
  readonly mode?: TerminalMode;
  /** The profile whose credentials new terminals get; undefined when off or when there is none. */
  readonly profileId?: string;
  readonly profileName?: string;
  readonly variables: string[];
}

const ENABLED_KEY = 'alibabaCloud.terminalEnvironment';
const MODE_KEY = 'alibabaCloud.terminalEnvironment.mode';

/** Where VS Code runs (vscode.UIKind), and the two terminal settings that decide whether it saves terminals for revival. */
export interface TerminalRevivalSettings {
  readonly uiKind: 'desktop' | 'web';
  /** `terminal.integrated.persistentSessionReviveProcess`: `onExit` (default), `onExitAndWindowClose` or `never`. */
  readonly reviveProcess: string | undefined;
  /** `terminal.integrated.enablePersistentSessions` (default true). */
  readonly persistentSessions: boolean | undefined;
}

/**
 * Where VS Code writes the secret to disk, or undefined when it does not. When it quits (or the
 * page closes) with revival on, VS Code stores each terminal's launch env, our variables included,
 * in workspace storage (`terminal.integrated.bufferState`: ptyService.ts serializeTerminalState,
 * localTerminalBackend.ts persistTerminalState). No mutator option keeps them out
 * (applyAtShellIntegration passes them as VSCODE_ENV_REPLACE in that same env, and the saved
 * options carry every collection), and `persistent = false` concerns only the collection itself.
 */
export function terminalRevivalStorage(settings: TerminalRevivalSettings): 'desktop' | 'web' | undefined {
  if (settings.persistentSessions === false || settings.reviveProcess === 'never') {
    return undefined;
  }
  return settings.uiKind;
}

export interface TerminalConsentWords {
  readonly message: string;
  readonly detail: string;
  readonly action: string;
}

/** What the person agrees to when turning "Use in Terminal" on: for the whole workspace, and what VS Code keeps on disk. */
export function terminalConsentWords(profileName: string, revival: TerminalRevivalSettings): TerminalConsentWords {
  const parts = [
    t('From now on, every terminal opened in this workspace gets the AccessKey ID and secret (and STS token) of the active profile as ALIBABA_CLOUD_* variables, whoever opens it: you, a task, a debugger or another extension, and every program run in it. Turning this on is your consent for the whole workspace; it follows profile switches until you choose Stop Using in Terminal.'),
  ];
  switch (terminalRevivalStorage(revival)) {
    case 'desktop':
      parts.push(t('When VS Code quits with terminals open, it saves their environment, the secret included, in this workspace\'s storage on this computer, to revive them the next time the workspace opens. To keep the secret off the disk, set terminal.integrated.persistentSessionReviveProcess to "never".'));
      break;
    case 'web':
      parts.push(t('When this page closes with terminals open, VS Code may save their environment, the secret included, in the browser\'s storage for this workspace, to revive them later. To keep the secret out of it, set terminal.integrated.persistentSessionReviveProcess to "never".'));
      break;
  }
  return {
    message: t('Give every new terminal in this workspace the credentials of profile "{0}"?', profileName),
    detail: parts.join('\n\n'),
    action: t('Use in Terminals'),
  };
}

/**
 * "Use in terminal": puts the active profile's credentials into the environment of new
 * integrated terminals, and follows profile switches and edits. Opt-in per workspace. The
 * collection is not persistent (VS Code does not store it; after a restart we apply it again from
 * SecretStorage), but terminals VS Code revives keep their environment on disk: see
 * terminalRevivalStorage.
 */
/** A profile's credentials for terminals, and word when a role profile's were renewed. */
export interface TerminalCredentials {
  readonly credentialsFor: CredentialsFor;
  readonly onDidChange?: Event<unknown>;
}

export class TerminalEnvironment implements Disposable {
  private readonly changed = new Emitter<TerminalEnvironmentState>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: Disposable[];
  private generation = 0;
  private applied: Promise<TerminalEnvironmentState>;
  private lastLogged = '';
  private endpoint?: TerminalEndpoint;

  constructor(
    private readonly collection: EnvironmentCollection,
    store: ProfileStore,
    private readonly active: ActiveProfile,
    private readonly state: StateStore,
    private readonly log: Log,
    /** Where a profile's credentials come from (a role profile's are temporary, and renewed: then this fires). */
    private readonly credentials: TerminalCredentials = { credentialsFor: storedCredentials(store) },
  ) {
    collection.persistent = false;
    collection.clear(); // whatever an older version may have left
    this.subscriptions = [
      active.onDidChange(() => void this.refresh()),
      store.onDidChange(() => void this.refresh()),
      // A renewal changes the variables themselves; the endpoint's address stays the same.
      ...(credentials.onDidChange ? [credentials.onDidChange(() => void (this.enabled && this.mode === 'variables' && this.refresh()))] : []),
    ];
    this.applied = this.enabled ? this.apply() : Promise.resolve({ enabled: false, variables: [] });
  }

  get enabled(): boolean {
    return this.state.get<boolean>(ENABLED_KEY) === true;
  }

  get mode(): TerminalMode {
    return this.state.get<string>(MODE_KEY) === 'endpoint' ? 'endpoint' : 'variables';
  }

  /** Where the endpoint mode reads its variables from (the endpoint may start after the terminals are set up). */
  attachEndpoint(endpoint: TerminalEndpoint): Disposable {
    this.endpoint = endpoint;
    const subscription = endpoint.onDidChange(() => void (this.enabled && this.mode === 'endpoint' && this.refresh()));
    if (this.enabled && this.mode === 'endpoint') {
      void this.refresh();
    }
    return {
      dispose: () => {
        subscription.dispose();
        this.endpoint = undefined;
      },
    };
  }

  /** The state after the last change has been applied. */
  current(): Promise<TerminalEnvironmentState> {
    return this.applied;
  }

  /** Turns it on for this workspace once `ask` (the consent modal, which throws when declined) agreed to what it says. */
  async enable(ask: (words: TerminalConsentWords) => PromiseLike<void>, revival: TerminalRevivalSettings): Promise<TerminalEnvironmentState> {
    const profile = await this.active.current();
    await ask(terminalConsentWords(profile?.name ?? '', revival));
    if (this.mode === 'endpoint') {
      this.collection.clear(); // the endpoint's variables go
    }
    await this.state.update(MODE_KEY, undefined);
    await this.state.update(ENABLED_KEY, true);
    return this.refresh();
  }

  /** New terminals get the endpoint's address instead of credentials (the caller asked the endpoint's own consent). */
  async enableEndpoint(): Promise<TerminalEnvironmentState> {
    if (this.mode !== 'endpoint') {
      this.collection.clear(); // the credentials themselves go
    }
    await this.state.update(MODE_KEY, 'endpoint');
    await this.state.update(ENABLED_KEY, true);
    return this.refresh();
  }

  async disable(): Promise<TerminalEnvironmentState> {
    await this.state.update(ENABLED_KEY, false);
    await this.state.update(MODE_KEY, undefined);
    return this.refresh();
  }

  private refresh(): Promise<TerminalEnvironmentState> {
    this.applied = this.enabled ? this.apply() : Promise.resolve(this.clear());
    return this.applied;
  }

  private clear(): TerminalEnvironmentState {
    this.generation++;
    this.collection.clear();
    this.collection.description = undefined;
    if (this.lastLogged) {
      this.lastLogged = '';
      this.log.info('[profiles] new terminals no longer get Alibaba Cloud credentials');
    }
    const state = { enabled: false, variables: [] };
    this.changed.fire(state);
    return state;
  }

  private async apply(): Promise<TerminalEnvironmentState> {
    if (this.mode === 'endpoint') {
      return this.applyEndpoint();
    }
    const generation = ++this.generation;
    const profile = await this.active.current();
    const secrets = profile ? await this.credentials.credentialsFor(profile).catch((error: unknown) => {
      this.log.warn(`[profiles] terminals get no credentials: ${error instanceof Error ? error.name : 'error'}`);
      return undefined;
    }) : undefined;
    if (generation !== this.generation) {
      return this.applied; // a later change is being applied
    }
    if (!profile || !secrets) {
      ALL.forEach((v) => this.collection.delete(v));
      this.collection.description = undefined;
      const state = { enabled: true, mode: 'variables' as const, variables: [] };
      this.changed.fire(state);
      return state;
    }
    this.collection.replace(TerminalVariables.accessKeyId, secrets.accessKeyId);
    this.collection.replace(TerminalVariables.accessKeySecret, secrets.accessKeySecret);
    if (secrets.securityToken) {
      this.collection.replace(TerminalVariables.securityToken, secrets.securityToken);
    } else {
      this.collection.delete(TerminalVariables.securityToken);
    }
    this.collection.replace(TerminalVariables.regionId, profile.regionId);
    this.collection.description = describe(profile, secrets.accessKeyId);
    const variables = ALL.filter((v) => v !== TerminalVariables.securityToken || !!secrets.securityToken);
    const logged = `${profile.id}|${secrets.accessKeyId}|${profile.regionId}`;
    if (logged !== this.lastLogged) {
      this.lastLogged = logged;
      this.log.info(`[profiles] new terminals get profile "${profile.name}" (${maskAccessKeyId(secrets.accessKeyId)})`);
    }
    const state = { enabled: true, mode: 'variables' as const, profileId: profile.id, profileName: profile.name, variables };
    this.changed.fire(state);
    return state;
  }

  private async applyEndpoint(): Promise<TerminalEnvironmentState> {
    const generation = ++this.generation;
    const served = await this.endpoint?.variables().catch(() => undefined);
    if (generation !== this.generation) {
      return this.applied;
    }
    const previous = new Set<string>();
    this.collection.forEach?.((name) => previous.add(name));
    const names = Object.keys(served?.variables ?? {});
    previous.forEach((name) => names.includes(name) || this.collection.delete(name));
    for (const [name, value] of Object.entries(served?.variables ?? {})) {
      this.collection.replace(name, value);
    }
    this.collection.description = served ? t('Alibaba Cloud credentials endpoint: temporary credentials of profile "{0}" for the aliyun CLI and SDKs', served.profileName ?? '') : undefined;
    const logged = served ? `endpoint|${served.profileName}` : 'endpoint|none';
    if (logged !== this.lastLogged) {
      this.lastLogged = logged;
      this.log.info(served ? `[profiles] new terminals get the credentials endpoint (profile "${served.profileName}")` : '[profiles] new terminals get no credentials endpoint: it is not serving');
    }
    const state = { enabled: true, mode: 'endpoint' as const, profileName: served?.profileName, variables: names };
    this.changed.fire(state);
    return state;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

function describe(profile: Profile, accessKeyId: string): string {
  return t('Alibaba Cloud profile "{0}" ({1}, {2}) for the aliyun CLI and SDKs', profile.name, maskAccessKeyId(accessKeyId), profile.regionId);
}

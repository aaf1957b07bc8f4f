import { AliyunError, outcomeUnknown } from '../../aliyun/errors';
import type { RamService } from '../../aliyun/ramService';
import type { NewAccessKey } from '../../aliyun/types';
import { errorMessage, SafeError } from '../../util/errors';
import { sentences, t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';

/** The RAM calls the flow makes. */
export type NewRamUserRam = Pick<RamService,
  'createUser' | 'getUser' | 'deleteUser' | 'attachPolicyToUser' | 'detachPolicyFromUser' | 'listPoliciesForUser'
  | 'createAccessKey' | 'listAccessKeys' | 'deleteAccessKey'>;

export interface NewRamUserPlan {
  readonly userName: string;
  readonly displayName: string;
  /** System policies, checked (see newRamUserInput.ts). */
  readonly policies: readonly string[];
}

/** What exists in the cloud because of this flow. */
export interface NewRamUserState {
  userCreated: boolean;
  /** Policies attached so far, in the plan's order. */
  attached: string[];
  /** The new key; `secretSaved` false when its secret reached nowhere (the key is of no use). */
  key?: { accessKeyId: string; secretSaved: boolean };
  /** A create's answer was lost and the keys could not be listed: a key may exist. */
  keyUnknown?: boolean;
}

export type NewRamUserStep = 'createUser' | 'attachPolicy' | 'createKey' | 'handOver' | 'remove';

/** A step failed: the message says what failed and what exists now. */
export class NewRamUserFailure extends SafeError {
  constructor(
    readonly step: NewRamUserStep,
    readonly reason: string,
    message: string,
    /** Something of ours is in the cloud: offer to finish or remove it. */
    readonly recoverable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NewRamUserFailure';
  }
}

export interface NewRamUserHooks {
  /** Hands the secret over (profile, CSV); true when it was kept somewhere. A throw means it was not. */
  handOver(key: NewAccessKey): Promise<boolean>;
  onStep?(step: NewRamUserStep, detail?: string): void;
  log?(line: string): void;
}

const codeOf = (error: unknown) => (error instanceof AliyunError ? error.code : undefined);

/**
 * A RAM user with its policies and an AccessKey: create the user, attach each policy, create the
 * key, hand its secret over. `run` again finishes what is missing; `remove` undoes what exists,
 * in the order RAM allows (keys, then policies, then the user).
 */
export class NewRamUser {
  readonly state: NewRamUserState = { userCreated: false, attached: [] };

  constructor(private readonly ram: NewRamUserRam, readonly plan: NewRamUserPlan, private readonly hooks: NewRamUserHooks) {}

  /** Whether anything of this flow is in the cloud. */
  get anythingCreated(): boolean {
    return this.state.userCreated;
  }

  /** The key, once its secret is kept; throws NewRamUserFailure at the first step that fails. */
  async run(): Promise<{ accessKeyId: string }> {
    const { displayName } = this.plan;
    if (!this.state.userCreated) {
      this.hooks.onStep?.('createUser');
      await this.step('createUser', () => this.createUser(displayName));
    }
    for (const policy of this.plan.policies.filter((p) => !this.state.attached.includes(p))) {
      this.hooks.onStep?.('attachPolicy', policy);
      await this.step('attachPolicy', () => this.attach(policy), policy);
    }
    if ((this.state.key && !this.state.key.secretSaved) || this.state.keyUnknown) {
      // A key whose secret is lost is of no use, and would take one of the user's two places.
      await this.step('createKey', () => this.deleteUnusableKeys());
    }
    if (!this.state.key) {
      this.hooks.onStep?.('createKey');
      const created = await this.step('createKey', () => this.createKey());
      const key = { accessKeyId: created.accessKeyId, secretSaved: false };
      this.state.key = key;
      this.hooks.onStep?.('handOver');
      key.secretSaved = await this.step('handOver', () => this.hooks.handOver(created));
      if (!key.secretSaved) {
        throw this.failure('handOver', t('the secret was not saved anywhere'));
      }
    }
    return { accessKeyId: this.state.key.accessKeyId };
  }

  /** Deletes the keys, detaches the policies and deletes the user; throws NewRamUserFailure with what is left. */
  async remove(): Promise<void> {
    if (!this.state.userCreated) {
      return;
    }
    const userName = this.plan.userName;
    // The user is this flow's own, so every key and policy it has came from here (also those a lost answer hid).
    await this.step('remove', async () => {
      for (const key of await this.ram.listAccessKeys(userName)) {
        await this.ram.deleteAccessKey(key.accessKeyId, userName);
        this.hooks.log?.(`[ram] deleted ${maskAccessKeyId(key.accessKeyId)} of ${userName}`);
      }
      this.state.key = undefined;
      this.state.keyUnknown = false;
      const attached = await this.ram.listPoliciesForUser(userName);
      for (const policy of [...attached].reverse()) {
        await this.ram.detachPolicyFromUser(policy.policyType === 'Custom' ? 'Custom' : 'System', policy.policyName, userName);
        this.state.attached = this.state.attached.filter((p) => p !== policy.policyName);
      }
      this.state.attached = [];
      await this.ram.deleteUser(userName);
      this.state.userCreated = false;
      this.hooks.log?.(`[ram] removed the new RAM user ${userName}`);
    });
  }

  /** What exists now, in sentences. */
  describe(): string {
    const s = this.state;
    if (!s.userCreated) {
      return t('Nothing was created.');
    }
    const missing = this.plan.policies.filter((p) => !s.attached.includes(p));
    return sentences(
      t('RAM user {0} exists now.', this.plan.userName),
      s.attached.length ? t('Attached: {0}.', s.attached.join(', ')) : t('No policy is attached yet.'),
      missing.length ? t('Not attached: {0}.', missing.join(', ')) : '',
      s.key
        ? s.key.secretSaved
          ? t('Its AccessKey {0} was created and its secret saved.', s.key.accessKeyId)
          : t('Its AccessKey {0} was created, but its secret was lost and cannot be shown again: the key is of no use and should be deleted.', s.key.accessKeyId)
        : s.keyUnknown
          ? t('An AccessKey may have been created (the answer was lost); its secret did not arrive.')
          : t('It has no AccessKey yet.'),
    );
  }

  /** The user is new, so every key it has was made here; those without a kept secret go. */
  private async deleteUnusableKeys(): Promise<void> {
    const userName = this.plan.userName;
    const keep = this.state.key?.secretSaved ? this.state.key.accessKeyId : undefined;
    for (const key of await this.ram.listAccessKeys(userName)) {
      if (key.accessKeyId !== keep) {
        await this.ram.deleteAccessKey(key.accessKeyId, userName);
        this.hooks.log?.(`[ram] deleted the unusable key ${maskAccessKeyId(key.accessKeyId)} of ${userName}`);
      }
    }
    this.state.key = undefined;
    this.state.keyUnknown = false;
  }

  private async createUser(displayName: string): Promise<void> {
    const userName = this.plan.userName;
    try {
      await this.ram.createUser(userName, displayName);
    } catch (error) {
      if (!outcomeUnknown(error)) {
        throw error;
      }
      // The answer was lost; the user may exist all the same.
      const exists = await this.ram.getUser(userName).then(() => true, () => false);
      if (!exists) {
        throw error;
      }
    }
    this.state.userCreated = true;
    this.hooks.log?.(`[ram] created the RAM user ${userName}`);
  }

  private async attach(policy: string): Promise<void> {
    try {
      await this.ram.attachPolicyToUser('System', policy, this.plan.userName);
    } catch (error) {
      // Attached by an earlier try whose answer was lost.
      if (codeOf(error) !== 'EntityAlreadyExists.User.Policy') {
        throw error;
      }
    }
    this.state.attached.push(policy);
    this.hooks.log?.(`[ram] attached ${policy} to ${this.plan.userName}`);
  }

  /** Never repeated: after a lost answer the user's keys tell whether one was made (the user is new, so it is ours). */
  private async createKey(): Promise<NewAccessKey> {
    const userName = this.plan.userName;
    try {
      return await this.ram.createAccessKey(userName);
    } catch (error) {
      if (outcomeUnknown(error)) {
        const keys = await this.ram.listAccessKeys(userName).catch(() => undefined);
        if (!keys) {
          this.state.keyUnknown = true;
        } else if (keys.length > 0) {
          this.state.key = { accessKeyId: keys[keys.length - 1].accessKeyId, secretSaved: false };
          this.hooks.log?.(`[ram] CreateAccessKey answer lost; ${maskAccessKeyId(this.state.key.accessKeyId)} was made without its secret`);
        }
      }
      throw error;
    }
  }

  private async step<T>(step: NewRamUserStep, op: () => Promise<T>, policy?: string): Promise<T> {
    try {
      return await op();
    } catch (error) {
      if (error instanceof NewRamUserFailure) {
        throw error;
      }
      throw this.failure(step, this.reason(step, error, policy), error);
    }
  }

  private reason(step: NewRamUserStep, error: unknown, policy?: string): string {
    const code = codeOf(error);
    if (step === 'createUser' && code === 'EntityAlreadyExists.User') {
      return t('a RAM user named {0} already exists; pick another name', this.plan.userName);
    }
    if (step === 'attachPolicy' && code === 'EntityNotExist.Policy') {
      return t('Alibaba Cloud has no system policy named {0} (names are case-sensitive)', policy ?? '');
    }
    return errorMessage(error);
  }

  private failure(step: NewRamUserStep, raw: string, cause?: unknown): NewRamUserFailure {
    // The reason sits inside a sentence of its own.
    const reason = raw.replace(/[.。\s]+$/u, '');
    const what: Record<NewRamUserStep, string> = {
      createUser: t('Creating RAM user {0} failed: {1}.', this.plan.userName, reason),
      attachPolicy: t('Attaching a policy to RAM user {0} failed: {1}.', this.plan.userName, reason),
      createKey: t('Creating the AccessKey of RAM user {0} failed: {1}.', this.plan.userName, reason),
      handOver: t('The secret of the new AccessKey of RAM user {0} was not kept: {1}.', this.plan.userName, reason),
      remove: t('Removing RAM user {0} failed: {1}.', this.plan.userName, reason),
    };
    return new NewRamUserFailure(step, reason, sentences(what[step], this.describe()), this.anythingCreated, { cause });
  }
}

import type { IdentityType } from '../aliyun/types';
import type { Profile } from '../credentials/profile';
import { isRootResult, RootGuard } from '../credentials/rootGuard';
import type { TestResults } from '../credentials/testResults';
import { UserCancelled } from '../util/errors';
import { sentences, t } from '../util/l10n';
import type { CommandContext } from './context';

// One guard per window: the answer lasts until VS Code (or the extension) restarts.
const guards = new WeakMap<TestResults, RootGuard>();

export function rootGuardOf(ctx: Pick<CommandContext, 'results'>): RootGuard {
  let guard = guards.get(ctx.results);
  if (!guard) {
    guard = new RootGuard();
    guards.set(ctx.results, guard);
  }
  return guard;
}

/**
 * Before a change to the cloud made with a root profile, asks once per session whether to go on
 * with the key that can do everything (on top of the change's own question). `identityType`, when
 * the caller already asked STS, counts even before the profile was tested. `createRamUser`, when
 * given, is offered instead: it starts the RAM user flow, and the change does not happen.
 */
export async function confirmRootUse(
  ctx: CommandContext, profile: Pick<Profile, 'id' | 'name'> | undefined, preapproved: boolean, identityType?: IdentityType, createRamUser?: () => void,
): Promise<void> {
  if (!profile) {
    return;
  }
  const guard = rootGuardOf(ctx);
  const root = identityType ? identityType === 'Account' : isRootResult(ctx.results.get(profile.id));
  if (guard.decide(profile.id, root) === 'proceed') {
    return;
  }
  const answer = await ctx.consent.ask({
    message: t('Profile "{0}" holds the account\'s root AccessKey. Change the cloud with it?', profile.name),
    detail: sentences(
      t('A root AccessKey can do everything in the account; Alibaba Cloud recommends a RAM user with only the permissions the work needs.'),
      t('You are asked once per session for each root profile.'),
    ),
    action: t('Continue with Root Key'),
    alternative: createRamUser ? t('Create a RAM User for This Work…') : undefined,
    preapproved,
  });
  if (answer === 'alternative') {
    createRamUser?.();
    throw new UserCancelled();
  }
  guard.agree(profile.id);
}

import * as assert from 'node:assert/strict';
import type { CommandContext } from '../../src/commands/context';
import { createConsent } from '../../src/commands/consent';
import { askBeforeResume, askBeforeRotation } from '../../src/commands/ram/rotationQuestions';
import type { CredentialTestResult } from '../../src/credentials/credentialCheck';
import type { Profile } from '../../src/credentials/profile';
import { TestResults } from '../../src/credentials/testResults';
import { UserCancelled } from '../../src/util/errors';
import { FakeMemento } from './fakes';

// Rotate AccessKey and Finish / Roll Back change keys: with a root profile signing the calls, the
// root guard asks first (once per session), whichever profile that is.

const profile = (id: string, name: string, accessKeyId: string): Profile =>
  ({ id, name, kind: 'AccessKey', accessKeyId, regionId: 'cn-hangzhou' } as unknown as Profile);

const boss = profile('root', 'boss', 'LTAI5tRepRoot00000000001');
const dev = profile('user', 'dev', 'LTAI5tRepUser00000000001');
const ops = profile('user2', 'ops', 'LTAI5tRepUser00000000002');

const tested = (p: Profile, identityType: 'Account' | 'RAMUser'): CredentialTestResult => ({
  profileId: p.id, accessKeyId: (p as { accessKeyId: string }).accessKeyId, ok: true, testedAt: '2026-12-06T00:00:00Z',
  identity: { identityType, accountId: '3800000000000008', principalId: 'p', arn: 'acs:ram::3800000000000008:x' },
} as unknown as CredentialTestResult);

const ROOT_QUESTION = (name: string) => `Profile "${name}" holds the account's root AccessKey. Change the cloud with it?`;

/** A fake consent that records every question and answers with the question's own button. */
async function setup({ testMode = false, refuse = [] as string[], profiles = [boss, dev, ops] } = {}) {
  const results = new TestResults(new FakeMemento());
  await results.set(tested(boss, 'Account'));
  await results.set(tested(dev, 'RAMUser'));
  await results.set(tested(ops, 'RAMUser'));
  const asked: string[] = [];
  const consent = createConsent(testMode, async (message, _detail, action) => {
    asked.push(message);
    return refuse.some((r) => message.startsWith(r)) ? undefined : action;
  });
  const store = { get: async (id: string) => profiles.find((p) => p.id === id) };
  return { ctx: { results, consent, store } as unknown as CommandContext, asked };
}

const rotation = (active: Profile | undefined, rotated: Profile, preapproved = false) => ({ active, profile: rotated, roles: [], preapproved });
const entry = (rotated: Profile, manager: Profile) => ({ profileId: rotated.id, managerProfileId: manager.id, profileName: rotated.name, oldAccessKeyId: 'LTAI5tRepOld000000000001' });

describe('questions before a rotation changes keys', () => {
  it('Rotate AccessKey: the root guard asks about the active root profile that signs the calls, before the rotation\'s own question', async () => {
    const { ctx, asked } = await setup();
    await askBeforeRotation(ctx, rotation(boss, dev));
    assert.deepEqual(asked, [ROOT_QUESTION('boss'), 'Replace the AccessKey of profile "dev" with a new one?']);
  });

  it('Rotate AccessKey: a root profile rotating its own key (nothing else active) is asked about itself', async () => {
    for (const active of [undefined, boss]) {
      const { ctx, asked } = await setup();
      await askBeforeRotation(ctx, rotation(active, boss));
      assert.deepEqual(asked, [ROOT_QUESTION('boss'), 'Replace the AccessKey of profile "boss" with a new one?']);
    }
  });

  it('Rotate AccessKey: a RAM user signing the calls is not asked about root, even when the rotated key is root\'s', async () => {
    const { ctx, asked } = await setup();
    await askBeforeRotation(ctx, rotation(dev, boss));
    await askBeforeRotation(ctx, rotation(undefined, ops));
    assert.deepEqual(asked, ['Replace the AccessKey of profile "boss" with a new one?', 'Replace the AccessKey of profile "ops" with a new one?']);
  });

  it('Rotate AccessKey: "no" to the root guard stops before the rotation is even asked; "yes" lasts the session', async () => {
    const refused = await setup({ refuse: [ROOT_QUESTION('boss')] });
    await assert.rejects(askBeforeRotation(refused.ctx, rotation(boss, dev)), UserCancelled);
    assert.deepEqual(refused.asked, [ROOT_QUESTION('boss')]);
    const agreed = await setup();
    await askBeforeRotation(agreed.ctx, rotation(boss, dev));
    await askBeforeRotation(agreed.ctx, rotation(boss, ops));
    assert.deepEqual(agreed.asked.filter((m) => m === ROOT_QUESTION('boss')).length, 1, 'asked once per session');
  });

  it('Rotate AccessKey: confirm from arguments answers in Test mode only', async () => {
    const test = await setup({ testMode: true });
    await askBeforeRotation(test.ctx, rotation(boss, dev, true));
    assert.deepEqual(test.asked, []);
    const prod = await setup({ refuse: [''] });
    await assert.rejects(askBeforeRotation(prod.ctx, rotation(boss, dev, true)), UserCancelled);
    assert.deepEqual(prod.asked, [ROOT_QUESTION('boss')], 'in production the root guard asks whatever the arguments say');
  });

  it('Finish and Roll Back: the root guard asks about the root profile that started the rotation', async () => {
    for (const how of ['finish', 'rollback'] as const) {
      const person = await setup();
      await askBeforeResume(person.ctx, { entry: entry(dev, boss), how, fromCode: false, preapproved: false });
      assert.deepEqual(person.asked, [ROOT_QUESTION('boss')], `${how} chosen in a dialog: only the root guard`);
      const code = await setup();
      await askBeforeResume(code.ctx, { entry: entry(dev, boss), how, fromCode: true, preapproved: false });
      assert.deepEqual(code.asked, [
        how === 'finish' ? 'Finish the rotation of profile "dev"?' : 'Roll back the rotation of profile "dev"?',
        ROOT_QUESTION('boss'),
      ], `${how} from code: its own question, then the root guard`);
    }
  });

  it('Finish and Roll Back: with the starting profile gone, the rotated root profile signs and is asked about', async () => {
    const { ctx, asked } = await setup({ profiles: [boss, dev] });
    await askBeforeResume(ctx, { entry: { ...entry(boss, ops) }, how: 'finish', fromCode: false, preapproved: false });
    assert.deepEqual(asked, [ROOT_QUESTION('boss')]);
  });

  it('Finish and Roll Back: a RAM user that started it is not asked about; "no" to the guard stops it', async () => {
    const user = await setup();
    await askBeforeResume(user.ctx, { entry: entry(boss, dev), how: 'rollback', fromCode: false, preapproved: false });
    assert.deepEqual(user.asked, []);
    const refused = await setup({ refuse: [ROOT_QUESTION('boss')] });
    await assert.rejects(askBeforeResume(refused.ctx, { entry: entry(dev, boss), how: 'finish', fromCode: false, preapproved: false }), UserCancelled);
  });
});

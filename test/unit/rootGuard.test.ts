import * as assert from 'node:assert/strict';
import type { CommandContext } from '../../src/commands/context';
import { createConsent } from '../../src/commands/consent';
import { confirmRootUse } from '../../src/commands/rootGuard';
import type { CredentialTestResult } from '../../src/credentials/credentialCheck';
import { isRootResult, RootGuard } from '../../src/credentials/rootGuard';
import { TestResults } from '../../src/credentials/testResults';
import { UserCancelled } from '../../src/util/errors';
import { FakeMemento } from './fakes';

const tested = (profileId: string, identityType: 'Account' | 'RAMUser'): CredentialTestResult => ({
  profileId, accessKeyId: 'LTAI5tRepRoot00000000001', ok: true, testedAt: '2026-12-06T00:00:00Z',
  identity: { identityType, accountId: '3800000000000008', principalId: 'p', arn: 'acs:ram::3800000000000008:root' },
} as unknown as CredentialTestResult);

describe('root key guard', () => {
  it('knows a root profile from its last test only', () => {
    assert.equal(isRootResult(tested('a', 'Account')), true);
    assert.equal(isRootResult(tested('a', 'RAMUser')), false);
    assert.equal(isRootResult(undefined), false, 'untested: not marked');
  });

  it('asks once per profile and session, never for a RAM user', () => {
    const guard = new RootGuard();
    assert.equal(guard.decide('root', true), 'ask');
    assert.equal(guard.decide('root', true), 'ask', 'deciding does not count as an answer');
    guard.agree('root');
    assert.equal(guard.decide('root', true), 'proceed');
    assert.equal(guard.decide('other-root', true), 'ask', 'per profile');
    assert.equal(guard.decide('user', false), 'proceed');
    assert.equal(new RootGuard().decide('root', true), 'ask', 'a new session asks again');
  });

  async function setup(answer: string | undefined, testMode = false) {
    const results = new TestResults(new FakeMemento());
    await results.set(tested('root', 'Account'));
    await results.set(tested('user', 'RAMUser'));
    const asked: string[] = [];
    const buttons: Array<string | undefined> = [];
    const consent = createConsent(testMode, async (message, _detail, _action, alternative) => {
      asked.push(message);
      buttons.push(alternative);
      return answer;
    });
    return { ctx: { results, consent } as unknown as CommandContext, asked, buttons };
  }

  it('asks before the first change with a root profile, then not again; a RAM user is not asked', async () => {
    const { ctx, asked } = await setup('Continue with Root Key');
    await confirmRootUse(ctx, { id: 'user', name: 'dev' }, false);
    assert.equal(asked.length, 0);
    await confirmRootUse(ctx, { id: 'root', name: 'boss' }, false);
    await confirmRootUse(ctx, { id: 'root', name: 'boss' }, false);
    assert.deepEqual(asked, ['Profile "boss" holds the account\'s root AccessKey. Change the cloud with it?']);
  });

  it('stops the change when the person does not continue, and asks again next time', async () => {
    const { ctx, asked } = await setup(undefined);
    await assert.rejects(confirmRootUse(ctx, { id: 'root', name: 'boss' }, false), UserCancelled);
    await assert.rejects(confirmRootUse(ctx, { id: 'root', name: 'boss' }, false), UserCancelled);
    assert.equal(asked.length, 2);
  });

  it('counts an identity the caller just learnt from STS, even untested; arguments answer only in Test mode', async () => {
    const prod = await setup(undefined);
    await assert.rejects(confirmRootUse(prod.ctx, { id: 'untested', name: 'new' }, true, 'Account'), UserCancelled, 'confirm: true is not an answer in production');
    const test = await setup(undefined, true);
    await confirmRootUse(test.ctx, { id: 'untested', name: 'new' }, true, 'Account');
    assert.equal(test.asked.length, 0);
    await confirmRootUse(test.ctx, { id: 'root', name: 'boss' }, false, 'RAMUser');
    assert.equal(test.asked.length, 0, 'STS said RAM user: the old test result does not count');
  });

  it('offers a RAM user instead: choosing it starts that flow, calls the change off, and does not count as agreeing', async () => {
    const { ctx, asked, buttons } = await setup('Create a RAM User for This Work…');
    let started = 0;
    await assert.rejects(confirmRootUse(ctx, { id: 'root', name: 'boss' }, false, undefined, () => started++), UserCancelled);
    assert.equal(started, 1);
    assert.deepEqual(buttons, ['Create a RAM User for This Work…']);
    await assert.rejects(confirmRootUse(ctx, { id: 'root', name: 'boss' }, false, undefined, () => started++), UserCancelled);
    assert.equal(asked.length, 2, 'asked again: the person did not agree to use the root key');
    await assert.rejects(confirmRootUse(ctx, { id: 'root', name: 'boss' }, false), UserCancelled, 'without the offer the same answer is no answer');
    assert.deepEqual(buttons.slice(2), [undefined]);
    assert.equal(started, 2);
  });
});

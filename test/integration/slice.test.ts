import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CredentialTestResult } from '../../src/credentials/credentialCheck';
import type { Profile } from '../../src/credentials/profile';
import { activateExtension, addProfile, control, EXTENSION_ID, seed } from './helpers';

const test = (profile: Profile) =>
  vscode.commands.executeCommand<CredentialTestResult>('alibabaCloud.testCredentials', { profileId: profile.id });

describe('First slice: add, select and test a profile in the real VS Code against the emulator', () => {
  before(async () => {
    await activateExtension();
    await control('POST', 'reset');
  });
  afterEach(async () => {
    await control('DELETE', 'faults');
  });

  it('registers every command its package.json contributes', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (extension?.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.length > 20, `only ${contributed.length} commands contributed`);
    assert.deepEqual(contributed.filter((id) => !all.has(id)), [], 'contributed but not registered');
  });

  it('adds a profile and makes it active', async () => {
    const profile = await addProfile('alice', seed.alice.id, seed.alice.secret);
    assert.equal(profile.accessKeyId, seed.alice.id);
    assert.equal(profile.kind, 'AccessKey');
    assert.equal(profile.regionId, 'cn-hangzhou');
    assert.ok(!JSON.stringify(profile).includes(seed.alice.secret), 'the returned profile carries the secret');
    // With no profile argument the command tests the active profile: the one just added.
    const result = await vscode.commands.executeCommand<CredentialTestResult>('alibabaCloud.testCredentials');
    assert.equal(result.profileId, profile.id);
  });

  it('trims a pasted key with outer whitespace and rejects one with a space inside', async () => {
    const trimmed = await addProfile('pasted', `  ${seed.alice.id}\n`, `\t${seed.alice.secret}  `);
    assert.equal(trimmed.accessKeyId, seed.alice.id);
    assert.equal((await test(trimmed)).ok, true, 'the trimmed key should work');
    const rejected = await vscode.commands.executeCommand<Profile | undefined>('alibabaCloud.addProfile', {
      name: 'inner-space', accessKeyId: 'LTAI5tItAli ce00000000001', accessKeySecret: seed.alice.secret,
    });
    assert.equal(rejected, undefined, 'a key with an inner space was stored');
  });

  it('switches the active profile', async () => {
    const a = await addProfile('switch-a', seed.alice.id, seed.alice.secret);
    const b = await addProfile('switch-b', seed.root.id, seed.root.secret);
    const chosen = await vscode.commands.executeCommand<Profile>('alibabaCloud.selectProfile', { profileId: a.id });
    assert.equal(chosen.id, a.id);
    assert.equal((await vscode.commands.executeCommand<CredentialTestResult>('alibabaCloud.testCredentials')).profileId, a.id);
    await vscode.commands.executeCommand('alibabaCloud.selectProfile', { name: b.name });
    assert.equal((await vscode.commands.executeCommand<CredentialTestResult>('alibabaCloud.testCredentials')).profileId, b.id);
  });

  it('a good RAM user key passes both stages', async () => {
    const result = await test(await addProfile('good', seed.alice.id, seed.alice.secret));
    assert.equal(result.ok, true, result.summary);
    assert.equal(result.identity?.identityType, 'RAMUser');
    assert.equal(result.identity?.accountId, seed.accountId);
    assert.match(result.summary, /RAM user alice of account 1234567890123456/);
    assert.match(result.summary, /SLB works: \d+ regions, 2 load balancers in cn-hangzhou/);
  });

  it('a root key passes with the advice to use a RAM user\'s key', async () => {
    const result = await test(await addProfile('root', seed.root.id, seed.root.secret));
    assert.equal(result.ok, true, result.summary);
    assert.equal(result.identity?.identityType, 'Account');
    assert.match(result.summary, /recommends using a RAM user's AccessKey/);
  });

  it('a wrong secret says the secret does not match, with the key masked', async () => {
    const result = await test(await addProfile('wrong-secret', seed.alice.id, 'it-secret-alice-WRONG-0000001'));
    assert.equal(result.ok, false);
    assert.equal(result.failureKind, 'wrongSecret');
    assert.equal(result.identityCheck.code, 'SignatureDoesNotMatch');
    assert.match(result.summary, /secret does not match the AccessKey ID LTAI\*\*\*\*0001/);
    assert.ok(!result.summary.includes(seed.alice.id));
  });

  it('a disabled key says it is disabled', async () => {
    const result = await test(await addProfile('disabled', seed.bob.id, seed.bob.secret));
    assert.equal(result.ok, false);
    assert.equal(result.failureKind, 'disabledKey');
    assert.equal(result.identityCheck.code, 'InvalidAccessKeyId.Inactive');
    assert.match(result.summary, /is disabled/);
  });

  it('a deleted key says Alibaba Cloud does not know it', async () => {
    const result = await test(await addProfile('deleted', 'LTAI5tItDeletedKey000001', 'it-secret-deleted-not-real-001'));
    assert.equal(result.ok, false);
    assert.equal(result.failureKind, 'unknownKey');
    assert.equal(result.identityCheck.code, 'InvalidAccessKeyId.NotFound');
    assert.match(result.summary, /deleted, or it is mistyped/);
  });

  it('a key without SLB permission passes stage one and names the missing policy', async () => {
    const result = await test(await addProfile('no-slb', seed.carol.id, seed.carol.secret));
    assert.equal(result.ok, false);
    assert.equal(result.identityCheck.ok, true);
    assert.equal(result.identity?.identityType, 'RAMUser');
    assert.equal(result.failureKind, 'noPermission');
    assert.match(result.summary, /slb:DescribeRegions/);
    assert.match(result.summary, /AliyunSLBReadOnlyAccess/);
  });

  it('rides out one throttled answer on a read', async () => {
    const profile = await addProfile('throttled', seed.alice.id, seed.alice.secret);
    await control('POST', 'faults', { action: 'GetCallerIdentity', type: 'throttle', times: 1, retryAfterMs: 200 });
    const result = await test(profile);
    assert.equal(result.ok, true, result.summary);
  });

  it('says when something other than the API answers', async () => {
    const profile = await addProfile('html', seed.alice.id, seed.alice.secret);
    await control('POST', 'faults', { product: 'sts', type: 'html', times: 0 });
    const result = await test(profile);
    assert.equal(result.ok, false);
    assert.equal(result.failureKind, 'badResponse');
    assert.match(result.summary, /not an Alibaba Cloud API response/);
  });
});

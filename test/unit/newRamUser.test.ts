import * as assert from 'node:assert/strict';
import type { NewAccessKey } from '../../src/aliyun/types';
import { NewRamUser, NewRamUserFailure, type NewRamUserHooks } from '../../src/credentials/keys/newRamUser';
import { checkPolicies, checkPolicyName, checkRamDisplayName, checkRamUserName, SUGGESTED_POLICIES } from '../../src/credentials/keys/newRamUserInput';
import { FakeCloud } from './ramFakes';

const ADMIN = { id: 'LTAI5tNewUserAdmin000001', secret: 'unit-secret-newuser-not-real-1' };

function world() {
  const cloud = new FakeCloud();
  cloud.addKey(cloud.addUser('admin', true), ADMIN.id, ADMIN.secret);
  const { ram } = cloud.session({ accessKeyId: ADMIN.id, accessKeySecret: ADMIN.secret });
  const handed: NewAccessKey[] = [];
  const steps: string[] = [];
  let keep = true;
  const hooks: NewRamUserHooks = {
    handOver: async (key) => {
      handed.push(key);
      return keep;
    },
    onStep: (step, detail) => steps.push(detail ? `${step}:${detail}` : step),
  };
  const flow = (policies = ['AliyunSLBReadOnlyAccess', 'AliyunRAMReadOnlyAccess'], userName = 'deployer') =>
    new NewRamUser(ram, { userName, displayName: 'Deployer', policies }, hooks);
  /** The calls made since the last look, without the admin's own. */
  const callsSince = (() => {
    let seen = 0;
    return () => {
      const out = cloud.calls.slice(seen);
      seen = cloud.calls.length;
      return out;
    };
  })();
  return { cloud, handed, steps, flow, callsSince, discardSecrets: () => { keep = false; }, keepSecrets: () => { keep = true; } };
}

async function failure(promise: Promise<unknown>): Promise<NewRamUserFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof NewRamUserFailure, `not a NewRamUserFailure: ${String(error)}`);
    return error;
  }
  assert.fail('it did not fail');
}

describe('new RAM user: names checked as RAM checks them', () => {
  it('takes 1–64 letters, digits and . @ _ - as a user name', () => {
    assert.deepEqual(checkRamUserName(' deploy.bot_1-a@corp '), { ok: true, value: 'deploy.bot_1-a@corp' });
    assert.equal(checkRamUserName('x'.repeat(64)).ok, true);
    assert.match(String((checkRamUserName('x'.repeat(65)) as { message: string }).message), /at most 64/);
    for (const bad of ['', '  ', 'has space', 'slash/name', 'ünïcode', '中文', 'a+b']) {
      assert.equal(checkRamUserName(bad).ok, false, `"${bad}" passed`);
    }
  });

  it('takes 1–128 letters, digits, Chinese, spaces and . @ _ - as a display name', () => {
    assert.deepEqual(checkRamDisplayName('部署 Bot 1.0'), { ok: true, value: '部署 Bot 1.0' });
    assert.equal(checkRamDisplayName('d'.repeat(128)).ok, true);
    for (const bad of ['', 'd'.repeat(129), 'semi;colon', 'emoji 🙂', 'tab\there']) {
      assert.equal(checkRamDisplayName(bad).ok, false, `"${bad}" passed`);
    }
  });

  it('refuses an empty permission list and malformed policy names, and drops repeats', () => {
    assert.match(String((checkPolicies([]) as { message: string }).message), /at least one permission/);
    assert.equal(checkPolicies(undefined).ok, false);
    assert.deepEqual(checkPolicies(['AliyunSLBReadOnlyAccess', 'AliyunSLBReadOnlyAccess', 'My-Policy']), { ok: true, value: ['AliyunSLBReadOnlyAccess', 'My-Policy'] });
    assert.equal(checkPolicies(['ok', 'not ok']).ok, false);
    assert.equal(checkPolicies([42]).ok, false);
    assert.equal(checkPolicyName('p'.repeat(129)).ok, false);
    assert.equal(checkPolicyName('under_score').ok, false);
  });

  it('offers each suggested policy with a sentence, and marks the broad ones', () => {
    assert.ok(SUGGESTED_POLICIES.length >= 5);
    for (const p of SUGGESTED_POLICIES) {
      assert.equal(checkPolicyName(p.name).ok, true, p.name);
      assert.ok(p.description().length > 10, p.name);
    }
    assert.deepEqual(SUGGESTED_POLICIES.filter((p) => p.broad).map((p) => p.name).sort(), ['AdministratorAccess', 'AliyunRAMFullAccess']);
  });
});

describe('new RAM user: the steps and their recovery', () => {
  it('creates the user, attaches each policy, creates one key and hands it over, in that order', async () => {
    const w = world();
    const result = await w.flow().run();
    assert.deepEqual(w.callsSince(), ['CreateUser', 'AttachPolicyToUser', 'AttachPolicyToUser', 'CreateAccessKey']);
    assert.deepEqual(w.steps, ['createUser', 'attachPolicy:AliyunSLBReadOnlyAccess', 'attachPolicy:AliyunRAMReadOnlyAccess', 'createKey', 'handOver']);
    const user = w.cloud.users.get('deployer');
    assert.equal(user?.displayName, 'Deployer');
    assert.deepEqual(user?.policies, ['AliyunSLBReadOnlyAccess', 'AliyunRAMReadOnlyAccess']);
    assert.deepEqual(user?.keys.map((k) => k.accessKeyId), [result.accessKeyId]);
    assert.deepEqual(w.handed.map((k) => k.accessKeyId), [result.accessKeyId]);
  });

  it('a name that is taken creates nothing and offers no recovery', async () => {
    const w = world();
    w.cloud.addUser('deployer');
    const f = await failure(w.flow().run());
    assert.equal(f.step, 'createUser');
    assert.equal(f.recoverable, false);
    assert.match(f.message, /a RAM user named deployer already exists/);
    assert.match(f.message, /Nothing was created/);
    assert.deepEqual(w.callsSince(), ['CreateUser']);
  });

  it('an unknown policy stops after the user: it says which are attached, and Remove undoes them in RAM\'s order', async () => {
    const w = world();
    const flow = w.flow(['AliyunSLBReadOnlyAccess', 'AliyunNoSuchPolicy', 'AliyunRAMReadOnlyAccess']);
    const f = await failure(flow.run());
    assert.equal(f.step, 'attachPolicy');
    assert.equal(f.recoverable, true);
    assert.match(f.message, /no system policy named AliyunNoSuchPolicy/);
    assert.match(f.message, /RAM user deployer exists now/);
    assert.match(f.message, /Attached: AliyunSLBReadOnlyAccess\./);
    assert.match(f.message, /Not attached: AliyunNoSuchPolicy, AliyunRAMReadOnlyAccess\./);
    assert.match(f.message, /no AccessKey yet/);
    assert.deepEqual(flow.state, { userCreated: true, attached: ['AliyunSLBReadOnlyAccess'] });
    w.callsSince();
    await flow.remove();
    assert.deepEqual(w.callsSince(), ['ListAccessKeys', 'ListPoliciesForUser', 'DetachPolicyFromUser', 'DeleteUser']);
    assert.equal(w.cloud.users.has('deployer'), false);
    assert.equal(flow.describe(), 'Nothing was created.');
  });

  it('a refused key: Finish makes only the key; a repeated attach counts as attached', async () => {
    const w = world();
    w.cloud.fault('CreateAccessKey', 'before', 'limitExceeded', 'LimitExceeded.User.AccessKey');
    // An attach happens but its answer is lost: Finish must not stop at "already attached".
    w.cloud.fault('AttachPolicyToUser', 'after', 'timeout', 'Timeout');
    const flow = w.flow();
    const first = await failure(flow.run());
    assert.equal(first.step, 'attachPolicy');
    assert.deepEqual(flow.state.attached, []);
    const second = await failure(flow.run());
    assert.equal(second.step, 'createKey');
    assert.deepEqual(flow.state.attached, ['AliyunSLBReadOnlyAccess', 'AliyunRAMReadOnlyAccess']);
    assert.match(second.message, /Creating the AccessKey of RAM user deployer failed/);
    assert.match(second.message, /no AccessKey yet/);
    w.callsSince();
    const done = await flow.run();
    assert.deepEqual(w.callsSince(), ['CreateAccessKey']);
    assert.deepEqual(w.cloud.users.get('deployer')?.keys.map((k) => k.accessKeyId), [done.accessKeyId]);
  });

  it('a key whose answer was lost is named as unusable; Finish deletes it before making another', async () => {
    const w = world();
    w.cloud.fault('CreateAccessKey', 'after', 'unreachable', 'ECONNRESET');
    const flow = w.flow(['AliyunSLBReadOnlyAccess']);
    const f = await failure(flow.run());
    const lost = w.cloud.users.get('deployer')?.keys[0].accessKeyId;
    assert.ok(lost);
    assert.equal(f.step, 'createKey');
    assert.deepEqual(flow.state.key, { accessKeyId: lost, secretSaved: false });
    assert.match(f.message, new RegExp(`AccessKey ${lost} was created, but its secret was lost`));
    assert.equal(w.handed.length, 0);
    assert.deepEqual(w.callsSince(), ['CreateUser', 'AttachPolicyToUser', 'CreateAccessKey', 'ListAccessKeys']);
    const done = await flow.run();
    assert.deepEqual(w.callsSince(), ['ListAccessKeys', 'DeleteAccessKey', 'CreateAccessKey']);
    assert.notEqual(done.accessKeyId, lost);
    assert.deepEqual(w.cloud.users.get('deployer')?.keys.map((k) => k.accessKeyId), [done.accessKeyId]);
  });

  it('a secret kept nowhere is said so; Remove deletes the key, then the policies, then the user', async () => {
    const w = world();
    w.discardSecrets();
    const flow = w.flow();
    const f = await failure(flow.run());
    const key = w.handed[0].accessKeyId;
    assert.equal(f.step, 'handOver');
    assert.match(f.message, /was not kept: the secret was not saved anywhere\./);
    assert.match(f.message, new RegExp(`AccessKey ${key} was created, but its secret was lost`));
    w.callsSince();
    await flow.remove();
    assert.deepEqual(w.callsSince(), ['ListAccessKeys', 'DeleteAccessKey', 'ListPoliciesForUser', 'DetachPolicyFromUser', 'DetachPolicyFromUser', 'DeleteUser']);
    assert.equal(w.cloud.users.has('deployer'), false);
    assert.equal(w.cloud.findKey(key), undefined);
  });

  it('a removal that fails half-way says what is left, and can be tried again', async () => {
    const w = world();
    w.cloud.fault('CreateAccessKey', 'before', 'serverError', 'InternalError');
    const flow = w.flow();
    await failure(flow.run());
    w.cloud.fault('DeleteUser', 'before', 'serverError', 'InternalError');
    const f = await failure(flow.remove());
    assert.equal(f.step, 'remove');
    assert.match(f.message, /Removing RAM user deployer failed/);
    assert.match(f.message, /RAM user deployer exists now/);
    assert.match(f.message, /No policy is attached yet/);
    assert.deepEqual(w.cloud.users.get('deployer')?.policies, []);
    await flow.remove();
    assert.equal(w.cloud.users.has('deployer'), false);
  });

  it('a user made although the create\'s answer was lost counts as created', async () => {
    const w = world();
    w.cloud.fault('CreateUser', 'after', 'timeout', 'Timeout');
    const flow = w.flow(['AliyunSLBReadOnlyAccess']);
    await flow.run();
    assert.deepEqual(w.callsSince(), ['CreateUser', 'GetUser', 'AttachPolicyToUser', 'CreateAccessKey']);
    assert.equal(flow.state.userCreated, true);
  });

  it('no permission to create users: nothing made, nothing to recover', async () => {
    const cloud = new FakeCloud();
    cloud.addKey(cloud.addUser('reader', false), 'LTAI5tNewUserReader00001', 'unit-secret-reader-not-real-01');
    const { ram } = cloud.session({ accessKeyId: 'LTAI5tNewUserReader00001', accessKeySecret: 'unit-secret-reader-not-real-01' });
    const flow = new NewRamUser(ram, { userName: 'deployer', displayName: 'd', policies: ['AliyunSLBReadOnlyAccess'] }, { handOver: async () => true });
    const f = await failure(flow.run());
    assert.equal(f.step, 'createUser');
    assert.equal(f.recoverable, false);
    assert.match(f.message, /NoPermission/);
    assert.equal(cloud.users.has('deployer'), false);
  });
});

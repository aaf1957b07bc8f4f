import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CredentialTestResult } from '../../src/credentials/credentialCheck';
import type { Profile } from '../../src/credentials/profile';
import type { TerminalEnvironmentState } from '../../src/credentials/terminalEnvironment';
import type { SetDefaultRegionResult } from '../../src/commands/profiles/setDefaultRegion';
import { activateExtension, control } from './helpers';
import {
  addTracked, api, created, deleteTracked, eventually, listProfiles, prof, run, TYPED_SECRETS, uniqueName,
} from './profilesFixtures';

const test = (profileId: string) => run<CredentialTestResult>('testCredentials', { profileId });

describe('Profiles: commands end to end', () => {
  before(activateExtension);
  afterEach(() => control('DELETE', 'faults'));
  after(deleteTracked);

  it('adds an STS token profile with its expiry and an environment label, and it works', async () => {
    const p = await addTracked({
      name: uniqueName('prof-sts'), accessKeyId: prof.sts.id, accessKeySecret: prof.sts.secret, securityToken: prof.sts.token,
      expiration: '2099-01-01T00:00:00Z', label: 'prod', regionId: 'cn-beijing',
    });
    assert.equal(p.kind, 'StsToken');
    assert.equal(p.expiration, '2099-01-01T00:00:00.000Z');
    assert.equal(p.label, 'prod');
    assert.equal(p.source, 'manual');
    assert.ok(!JSON.stringify(p).includes(prof.sts.token), 'the returned profile carries the token');
    const result = await test(p.id);
    assert.equal(result?.ok, true, result?.summary);
    assert.equal(result?.identity?.identityType, 'AssumedRoleUser');
  });

  it('refuses bad input with the reason, and stores nothing', async () => {
    const before = (await listProfiles()).length;
    const bad: Array<Record<string, unknown>> = [
      { accessKeyId: prof.sts.id, accessKeySecret: prof.sts.secret }, // STS. without its token
      { accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret, securityToken: 'stray-token' }, // token on a permanent key
      { accessKeyId: prof.sts.id, accessKeySecret: prof.sts.secret, securityToken: prof.sts.token, expiration: '2001-01-01T00:00:00Z' },
      { accessKeyId: prof.sts.id, accessKeySecret: prof.sts.secret, securityToken: prof.sts.token, expiration: 'soon' },
      { accessKeyId: prof.pat1.id, accessKeySecret: 'prof-secret pat' },
      { accessKeyId: prof.pat1.id, accessKeySecret: '' },
      { accessKeyId: 'L'.repeat(200), accessKeySecret: prof.pat1.secret },
      { accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret, regionId: 'Hangzhou' },
      { accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret, label: 'a'.repeat(40) },
    ];
    for (const args of bad) {
      const added = await run<Profile>('addProfile', { name: uniqueName('prof-bad'), activate: false, ...args });
      assert.equal(added, undefined, `accepted ${JSON.stringify({ ...args, accessKeySecret: '…', securityToken: '…' })}`);
    }
    assert.equal((await listProfiles()).length, before);
  });

  it('replaces a wrong secret through Edit, and the key works again', async () => {
    const p = await addTracked({ name: uniqueName('prof-edit'), accessKeyId: prof.pat1.id, accessKeySecret: TYPED_SECRETS[0] });
    const failed = await test(p.id);
    assert.equal(failed?.failureKind, 'wrongSecret');
    const edited = await run<Profile>('editProfile', { profileId: p.id, accessKeySecret: ` ${prof.pat1.secret}\n` });
    assert.equal(edited?.accessKeyId, prof.pat1.id);
    assert.equal((await test(p.id))?.ok, true);
  });

  it('edits the key, the label and the STS expiry; a new key forgets the old key\'s age', async () => {
    const p = await addTracked({ name: uniqueName('prof-edit2'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret, label: 'dev' });
    assert.equal((await test(p.id))?.ok, true);
    // After a passing test the extension learns the key's creation date (ListAccessKeys).
    const aged = await eventually('the key age', async () => (await listProfiles()).find((x) => x.id === p.id && x.keyCreatedAt));
    assert.equal(Date.parse(aged.keyCreatedAt!), Date.parse(prof.pat1.created));

    const switched = await run<Profile>('editProfile', { profileId: p.id, accessKeyId: prof.pat2.id, accessKeySecret: prof.pat2.secret, label: '' });
    assert.equal(switched?.accessKeyId, prof.pat2.id);
    assert.equal(switched?.label, undefined);
    assert.equal(switched?.keyCreatedAt, undefined);
    assert.equal((await test(p.id))?.ok, true);

    const sts = await run<Profile>('editProfile', { profileId: p.id, accessKeyId: prof.sts.id, accessKeySecret: prof.sts.secret, securityToken: prof.sts.token });
    assert.equal(sts?.kind, 'StsToken');
    const expiry = await run<Profile>('editProfile', { profileId: p.id, expiration: '2098-06-01T00:00:00Z' });
    assert.equal(expiry?.expiration, '2098-06-01T00:00:00.000Z');
    assert.equal(await run('editProfile', { profileId: p.id, accessKeyId: prof.sts.id }), undefined, 'a new ID without its secret was taken');
    assert.equal(await run('editProfile', { profileId: p.id, accessKeySecret: prof.sts.secret }), undefined, 'an STS secret without its token was taken');
  });

  it('renames, refusing a name another profile has, and allows a change of case', async () => {
    const a = await addTracked({ name: uniqueName('prof-ren-a'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret });
    const b = await addTracked({ name: uniqueName('prof-ren-b'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret });
    assert.equal(await run('renameProfile', { profileId: a.id, newName: b.name.toUpperCase() }), undefined);
    const upper = await run<Profile>('renameProfile', { profileId: a.id, newName: a.name.toUpperCase() });
    assert.equal(upper?.name, a.name.toUpperCase());
    const renamed = await run<Profile>('renameProfile', { profileId: a.id, newName: `${a.name}-renamed` });
    assert.equal(renamed?.id, a.id);
    assert.ok((await listProfiles()).some((p) => p.id === a.id && p.name === `${a.name}-renamed`));
  });

  it('duplicates a profile with its secret under a new name', async () => {
    const original = await addTracked({ name: uniqueName('prof-dup'), accessKeyId: prof.pat2.id, accessKeySecret: prof.pat2.secret, label: 'test', regionId: 'cn-shanghai' });
    const copy = await run<Profile>('duplicateProfile', { profileId: original.id });
    assert.ok(copy);
    created.add(copy.id);
    assert.notEqual(copy.id, original.id);
    assert.equal(copy.name, `${original.name} copy`);
    assert.deepEqual([copy.accessKeyId, copy.label, copy.regionId, copy.source], [prof.pat2.id, 'test', 'cn-shanghai', `copy:${original.name}`]);
    assert.equal((await test(copy.id))?.ok, true, 'the copy has no working secret');
    const named = await run<Profile>('duplicateProfile', { profileId: original.id, newName: `${original.name}-2` });
    assert.ok(named);
    created.add(named.id);
    assert.equal(named.name, `${original.name}-2`);
  });

  it('deletes only when confirmed, and the secret goes with it', async () => {
    const p = await addTracked({ name: uniqueName('prof-del'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret });
    assert.equal(await run('deleteProfile', { profileId: p.id, confirm: false }), undefined);
    assert.ok((await listProfiles()).some((x) => x.id === p.id), 'deleted without confirmation');
    assert.deepEqual(await run('deleteProfile', { profileId: p.id, confirm: true }), { deleted: p.id });
    created.delete(p.id);
    assert.ok(!(await listProfiles()).some((x) => x.id === p.id));
    assert.equal(await test(p.id), undefined, 'a deleted profile can still be tested');
  });

  it('sets the default region from SLB DescribeRegions, in English', async () => {
    const p = await addTracked({ name: uniqueName('prof-region'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret });
    await run('selectProfile', { profileId: p.id });
    const { last } = await control('GET', 'requests?since=0') as { last: number };
    const result = await run<SetDefaultRegionResult>('setDefaultRegion', { profileId: p.id, regionId: 'cn-chengdu' });
    assert.equal(result?.profile.regionId, 'cn-chengdu');
    assert.equal(result?.regionsFrom, 'service');
    assert.equal(result?.localName, 'China (Chengdu)', 'the regions were not asked for in English');
    const { requests } = await control('GET', `requests?since=${last}`) as { requests: Array<{ action: string; accessKeyId: string; code: string }> };
    assert.ok(requests.some((r) => r.action === 'DescribeRegions' && r.accessKeyId === 'LTAI****0001' && r.code === 'OK'));
    assert.equal(await run('setDefaultRegion', { profileId: p.id, regionId: 'xx-nowhere-1' }), undefined, 'a region SLB does not offer was taken');
    assert.equal((await listProfiles()).find((x) => x.id === p.id)?.regionId, 'cn-chengdu');
  });

  it('falls back to the built-in regions when SLB cannot be asked', async () => {
    const p = await addTracked({ name: uniqueName('prof-offline'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret });
    await control('POST', 'faults', { action: 'DescribeRegions', accessKeyId: prof.pat1.id, type: 'status', status: 400, code: 'UnsupportedOperation', times: 0 });
    const result = await run<SetDefaultRegionResult>('setDefaultRegion', { profileId: p.id, regionId: 'eu-central-1' });
    assert.equal(result?.regionsFrom, 'builtIn');
    assert.equal(result?.profile.regionId, 'eu-central-1');
    // ap-southeast-7 exists in SLB but not in the built-in list: offline it cannot be checked, so it is refused.
    assert.equal(await run('setDefaultRegion', { profileId: p.id, regionId: 'ap-southeast-7' }), undefined);
  });

  it('copies the AccessKey ID, never the secret', async () => {
    const p = await addTracked({ name: uniqueName('prof-copy'), accessKeyId: prof.quinn.id, accessKeySecret: prof.quinn.secret });
    assert.equal(await run<string>('copyAccessKeyId', { profileId: p.id }), prof.quinn.id);
    assert.equal(await vscode.env.clipboard.readText(), prof.quinn.id);
  });

  it('selects per workspace, and a Profiles view node works as the argument', async () => {
    const a = await addTracked({ name: uniqueName('prof-sel-a'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret });
    const b = await addTracked({ name: uniqueName('prof-sel-b'), accessKeyId: prof.pat2.id, accessKeySecret: prof.pat2.secret });
    await run('selectProfile', { profileId: a.id });
    assert.equal((await run<CredentialTestResult>('testCredentials'))?.profileId, a.id);
    // A tree node carries `profileId` (and more): the commands take it as it is.
    const node = { id: `profile/${b.id}`, profileId: b.id, profile: b };
    assert.equal((await run<Profile>('selectProfile', node))?.id, b.id);
    assert.equal((await run<CredentialTestResult>('testCredentials'))?.profileId, b.id);
  });

  it('keeps every profile when many commands write at once', async () => {
    const base = uniqueName('prof-conc');
    const seeds = await Promise.all([0, 1].map((i) => addTracked({ name: `${base}-seed${i}`, accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret })));
    const results = await Promise.all([
      ...[0, 1, 2, 3, 4, 5].map((i) => run<Profile>('addProfile', { name: `${base}-${i}`, accessKeyId: prof.pat2.id, accessKeySecret: prof.pat2.secret, activate: false })),
      run<Profile>('renameProfile', { profileId: seeds[0].id, newName: `${base}-renamed` }),
      run<Profile>('duplicateProfile', { profileId: seeds[1].id, newName: `${base}-dup` }),
      run<Profile>('editProfile', { profileId: seeds[1].id, label: 'staging' }),
    ]);
    results.forEach((r) => r && created.add(r.id));
    const names = new Set((await listProfiles()).map((p) => p.name));
    for (const name of [0, 1, 2, 3, 4, 5].map((i) => `${base}-${i}`).concat(`${base}-renamed`, `${base}-dup`, `${base}-seed1`)) {
      assert.ok(names.has(name), `${name} was lost`);
    }
    assert.equal((await listProfiles()).find((p) => p.id === seeds[1].id)?.label, 'staging');
  });
});

describe('Profiles: status bar and Profiles view', () => {
  before(activateExtension);
  after(deleteTracked);

  const statusBar = async () => (await api()).profiles.statusBar.snapshot();
  const until = (what: string, check: (s: Awaited<ReturnType<typeof statusBar>>) => boolean) =>
    eventually(what, async () => {
      const snapshot = await statusBar();
      return check(snapshot) ? snapshot : undefined;
    });

  it('shows name and region, warns for prod, turns red after a failed test; the tooltip tells who, how old, masked', async () => {
    const p = await addTracked({ name: uniqueName('prof-bar'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret, label: 'prod', regionId: 'cn-shanghai' });
    await run('selectProfile', { profileId: p.id });
    const prodBar = await until('the prod colour', (s) => s.text === `$(cloud) ${p.name} · cn-shanghai`);
    assert.equal(prodBar.background, 'statusBarItem.warningBackground');
    assert.ok(prodBar.tooltip.includes('LTAI****0001'), prodBar.tooltip);
    assert.ok(!prodBar.tooltip.includes(prof.pat1.id), 'the tooltip shows the whole AccessKey ID');

    assert.equal((await test(p.id))?.ok, true);
    const tested = await until('identity and key age in the tooltip', (s) => s.tooltip.includes('Key age') && s.tooltip.includes('Identity'));
    assert.match(tested.tooltip, /Identity: RAM user pat of account 3300000000000003/);
    assert.match(tested.tooltip, /Key age: \d+ (days|months|years) \\?\(created /);
    assert.equal(tested.background, 'statusBarItem.warningBackground');

    await run('editProfile', { profileId: p.id, accessKeySecret: TYPED_SECRETS[0] });
    assert.equal((await test(p.id))?.ok, false);
    const failed = await until('the error colour', (s) => s.background === 'statusBarItem.errorBackground');
    assert.match(failed.tooltip, /Last test failed/);
    for (const secret of [prof.pat1.secret, TYPED_SECRETS[0]]) {
      assert.ok(!failed.tooltip.includes(secret));
    }
  });

  it('shows an STS token\'s expiry in the tooltip', async () => {
    const p = await addTracked({ name: uniqueName('prof-bar-sts'), accessKeyId: prof.sts.id, accessKeySecret: prof.sts.secret, securityToken: prof.sts.token, expiration: '2099-01-01T00:00:00Z' });
    await run('selectProfile', { profileId: p.id });
    const bar = await until('the STS expiry', (s) => s.text.includes(p.name));
    assert.match(bar.tooltip, /STS token: expires in \d+ years/);
    assert.equal(bar.background, undefined);
  });

  it('marks the active profile in the Profiles view', async () => {
    const a = await addTracked({ name: uniqueName('prof-view-a'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret, label: 'dev' });
    const b = await addTracked({ name: uniqueName('prof-view-b'), accessKeyId: prof.pat2.id, accessKeySecret: prof.pat2.secret });
    await run('selectProfile', { profileId: b.id });
    const rows = await (await api()).profiles.view.snapshot();
    const rowA = rows.find((r) => r.id === `profile/${a.id}`);
    const rowB = rows.find((r) => r.id === `profile/${b.id}`);
    assert.deepEqual([rowA?.contextValue, rowA?.icon, rowA?.description], ['profile', 'key', 'cn-hangzhou · LTAI****0001 · dev']);
    assert.deepEqual([rowB?.contextValue, rowB?.icon, rowB?.description], ['profile:active', 'pass-filled', 'active · cn-hangzhou · LTAI****0002']);
    assert.equal(rows.filter((r) => r.contextValue === 'profile:active').length, 1);
  });
});

describe('Profiles: use in terminal', () => {
  let dir: string;
  const terminals: vscode.Terminal[] = [];
  before(async () => {
    await activateExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profiles-env-'));
  });
  after(async () => {
    await run('stopUsingInTerminal');
    terminals.forEach((t) => t.dispose());
    fs.rmSync(dir, { recursive: true, force: true });
    await deleteTracked();
  });

  /** The environment a NEW terminal gets: `env` written by the shell to a file we asked for. */
  async function newTerminalEnv(): Promise<Record<string, string>> {
    const file = path.join(dir, `env-${terminals.length}.txt`);
    const terminal = vscode.window.createTerminal({ name: 'profiles env probe', shellPath: '/bin/sh', shellArgs: ['-c', `env > '${file}.tmp' && mv '${file}.tmp' '${file}'`] });
    terminals.push(terminal);
    const text = await eventually('the terminal\'s env dump', () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined), 15000);
    fs.rmSync(file, { force: true });
    const ours = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_REGION_ID'];
    return Object.fromEntries(text.split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]).filter(([k]) => ours.includes(k)));
  }

  it('gives new terminals the active profile, follows a switch, and stops when asked', async () => {
    const ak = await addTracked({ name: uniqueName('prof-term-ak'), accessKeyId: prof.pat1.id, accessKeySecret: prof.pat1.secret, regionId: 'cn-shanghai' });
    const sts = await addTracked({ name: uniqueName('prof-term-sts'), accessKeyId: prof.sts.id, accessKeySecret: prof.sts.secret, securityToken: prof.sts.token, regionId: 'cn-beijing' });
    await run('selectProfile', { profileId: ak.id });
    const on = await run<TerminalEnvironmentState>('useInTerminal', { confirm: true });
    assert.equal(on?.profileId, ak.id);
    assert.deepEqual(await newTerminalEnv(), {
      ALIBABA_CLOUD_ACCESS_KEY_ID: prof.pat1.id,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: prof.pat1.secret,
      ALIBABA_CLOUD_REGION_ID: 'cn-shanghai',
    });

    await run('selectProfile', { profileId: sts.id });
    await eventually('the switch to reach the terminal environment', async () => {
      const env = await newTerminalEnv();
      return env.ALIBABA_CLOUD_ACCESS_KEY_ID === prof.sts.id ? env : undefined;
    }).then((env) => assert.deepEqual(env, {
      ALIBABA_CLOUD_ACCESS_KEY_ID: prof.sts.id,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: prof.sts.secret,
      ALIBABA_CLOUD_SECURITY_TOKEN: prof.sts.token,
      ALIBABA_CLOUD_REGION_ID: 'cn-beijing',
    }));

    const off = await run<TerminalEnvironmentState>('stopUsingInTerminal');
    assert.equal(off?.enabled, false);
    assert.deepEqual(await newTerminalEnv(), {});
    assert.equal(process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, undefined, 'the extension host\'s own environment was changed');
  });
});

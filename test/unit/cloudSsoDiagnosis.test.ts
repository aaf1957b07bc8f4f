import * as assert from 'node:assert/strict';
import { ClientError } from '@alicloud/openapi-core';
import { portalErrorMessage } from '../../src/aliyun/cloudSsoProtocol';
import { CloudSsoError, type CloudSsoErrorKind, type PortalStep } from '../../src/aliyun/cloudSsoPortal';
import { toAliyunError } from '../../src/aliyun/errors';
import type { CallerIdentity, TemporaryCredentials } from '../../src/aliyun/types';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import { testCloudSsoProfile, type CloudSsoTestInput } from '../../src/credentials/cloudSso/cloudSsoCheck';
import { SignInExpiredError } from '../../src/credentials/cloudSso/cloudSsoCredentials';
import type { CredentialTestResult } from '../../src/credentials/credentialCheck';
import type { CloudSsoDefinition, Profile } from '../../src/credentials/profile';
import { resultActions } from '../../src/credentials/testActions';
import { FakeSlb, fakeSession } from './slbFakes';

const ACCOUNT = '1234567890123456';
const URL_A = 'http://127.0.0.1:9100/start/login';
const TOKEN = 'sso-diag-token-not-real-000000001';
const CREDS: TemporaryCredentials = { accessKeyId: 'STS.NUSsoDiag00000000001', accessKeySecret: 'sso-diag-sts-secret-not-real-01', securityToken: 'sso-diag-sts-token', expiration: '2100-01-01T00:00:00Z' };
const SSO: CloudSsoDefinition = { signInUrl: URL_A, accountId: ACCOUNT, accountName: 'shop', accessConfigurationId: 'ac-readonly01', accessConfigurationName: 'ReadOnly' };
const PROFILE = {
  id: 'p-sso', name: 'shop / ReadOnly', kind: 'CloudSSO', accessKeyId: '', regionId: 'cn-shanghai', source: 'cloudsso', createdAt: '2025-01-01T00:00:00Z', sso: SSO,
} as Profile & { sso: CloudSsoDefinition };
const ASSUMED: CallerIdentity = {
  identityType: 'AssumedRoleUser', accountId: ACCOUNT, principalId: '300:alice', roleId: '300', arn: `acs:ram::${ACCOUNT}:assumed-role/AliyunReservedSSO-ReadOnly/alice@corp.example`,
};
const ALL = { editProfile: true, enableAccessKey: true, cloudSso: true };

function portalError(kind: CloudSsoErrorKind, step: PortalStep = 'cloud-credentials', status?: number, code?: string): CloudSsoError {
  return new CloudSsoError(kind, step, portalErrorMessage(kind, step, { host: '127.0.0.1:9100', status, code }), status, code);
}

interface Setup {
  token?: string;
  endsAt?: string;
  portal?: (token: string, accountId: string, acId: string) => Promise<TemporaryCredentials>;
  session?: CloudSession;
}

async function run(setup: Setup): Promise<{ result: CredentialTestResult; stages: string[]; asked: string[]; used: string[] }> {
  const stages: string[] = [];
  const asked: string[] = [];
  const used: string[] = [];
  const input: CloudSsoTestInput = {
    profile: PROFILE,
    signIns: {
      current: async (url) => ({
        token: url === URL_A ? setup.token : undefined,
        signIn: url === URL_A && setup.endsAt ? { signInUrl: url, expiresAt: setup.endsAt } : undefined,
      }),
    },
    portal: (url) => ({
      cloudCredentials: async (token, accountId, acId) => {
        asked.push(`${url} ${accountId} ${acId} ${token === TOKEN ? 'token' : 'other token'}`);
        return (setup.portal ?? (async () => CREDS))(token, accountId, acId);
      },
    }),
    clients: {
      session: (credentials) => {
        used.push(`${credentials.accessKeyId} ${credentials.securityToken === CREDS.securityToken ? 'with token' : 'no token'}`);
        return setup.session ?? fakeSession({ identity: ASSUMED, slb: FakeSlb.withCounts({ 'cn-shanghai': 3 }, ['cn-shanghai']) });
      },
    },
    now: () => Date.parse('2026-12-07T00:00:00Z'),
  };
  const result = await testCloudSsoProfile(input, { progress: { report: (s) => stages.push(s) } });
  return { result, stages, asked, used };
}

describe('CloudSSO diagnosis: Test Credentials for a CloudSSO profile', () => {
  it('works: the sign-in, the portal\'s credentials for the account and access configuration, then who they are and SLB', async () => {
    const { result, stages, asked, used } = await run({ token: TOKEN, endsAt: '2026-12-07T08:00:00Z' });
    assert.equal(result.ok, true, result.summary);
    assert.deepEqual(stages, ['signIn', 'cloudSso', 'identity', 'slb']);
    assert.deepEqual(asked, [`${URL_A} ${ACCOUNT} ac-readonly01 token`]);
    assert.deepEqual(used, ['STS.NUSsoDiag00000000001 with token']);
    assert.equal(result.accessKeyId, '', 'the temporary key is not the profile\'s');
    assert.equal(result.identity?.identityType, 'AssumedRoleUser');
    assert.match(result.summary, /^Signed in to CloudSSO at 127\.0\.0\.1:9100 until /);
    assert.match(result.summary, /CloudSSO gives credentials for account shop \(1234567890123456\) with access configuration ReadOnly \(ac-readonly01\)\./);
    assert.match(result.summary, /role session AliyunReservedSSO-ReadOnly\/alice@corp\.example of account 1234567890123456/);
    assert.deepEqual([result.signInCheck?.ok, result.cloudSsoCheck?.ok], [true, true]);
    assert.deepEqual(resultActions(result, ALL), []);
    assert.ok(!JSON.stringify(result).includes(TOKEN) && !JSON.stringify(result).includes(CREDS.accessKeySecret), 'a secret is in the result');
  });

  it('no sign-in on this computer, or one that has ended: nothing is sent; Sign In Again', async () => {
    const never = await run({});
    assert.equal(never.result.ok, false);
    assert.deepEqual([never.result.failedStage, never.result.cloudSsoCause, never.result.signInCheck?.ok], ['signIn', 'signInExpired', false]);
    assert.deepEqual(never.asked, [], 'the portal was asked without a sign-in');
    assert.deepEqual(never.stages, ['signIn']);
    assert.match(never.result.summary, /^Profile "shop \/ ReadOnly" \(CloudSSO, account shop \(1234567890123456\), access configuration ReadOnly \(ac-readonly01\)\) does not work\./);
    assert.match(never.result.summary, /You are not signed in to CloudSSO at 127\.0\.0\.1:9100 on this computer\. Sign In Again/);
    assert.deepEqual(resultActions(never.result, ALL), ['signInAgain', 'showLog']);
    assert.deepEqual(resultActions(never.result, { ...ALL, cloudSso: false }), ['showLog'], 'no button for a command that is not there');
    const ended = await run({ endsAt: '2026-12-06T20:00:00Z' });
    assert.match(ended.result.summary, /Your CloudSSO sign-in at 127\.0\.0\.1:9100 ended at /);
  });

  it('the portal refuses the token (401): the sign-in ended early or was revoked; Sign In Again', async () => {
    for (const error of [portalError('signInExpired', 'cloud-credentials', 401, 'AccessTokenInvalid'), new SignInExpiredError(URL_A, { profileName: PROFILE.name })]) {
      const { result } = await run({ token: TOKEN, portal: async () => Promise.reject(error) });
      assert.deepEqual([result.failedStage, result.cloudSsoCause, result.signInCheck?.ok, result.cloudSsoCheck?.ok], ['cloudSso', 'signInExpired', true, false]);
      assert.match(result.summary, /Sign In Again/);
      assert.deepEqual(resultActions(result, ALL), ['signInAgain', 'showLog']);
    }
  });

  it('not assigned to the account or access configuration (403): names both and offers Switch CloudSSO Account…', async () => {
    const { result } = await run({ token: TOKEN, portal: async () => Promise.reject(portalError('notAssigned', 'cloud-credentials', 403, 'AccessDenied')) });
    assert.deepEqual([result.failedStage, result.cloudSsoCause, result.cloudSsoStep], ['cloudSso', 'notAssigned', 'cloud-credentials']);
    assert.match(result.summary, /CloudSSO refused getting the temporary credentials \(HTTP 403 AccessDenied\): you are not assigned/);
    assert.match(result.summary, /This profile uses account shop \(1234567890123456\) with access configuration ReadOnly \(ac-readonly01\)\. Switch CloudSSO Account…/);
    assert.deepEqual(resultActions(result, ALL), ['switchCloudSso', 'editProfile', 'showLog']);
  });

  it('the portal cannot be reached, answers like no portal, or asks to slow down: each its own fix', async () => {
    const down = (await run({ token: TOKEN, portal: async () => Promise.reject(new CloudSsoError('unreachable', 'cloud-credentials', portalErrorMessage('unreachable', 'cloud-credentials', { host: '127.0.0.1:9100', detail: 'ECONNREFUSED' }))) })).result;
    assert.deepEqual([down.cloudSsoCause, down.failureKind, down.endpoint], ['unreachable', 'unreachable', '127.0.0.1:9100']);
    assert.match(down.summary, /could not be reached while getting the temporary credentials \(ECONNREFUSED\)/);
    assert.match(down.summary, /Check the network or proxy/);
    assert.deepEqual(resultActions(down, ALL), ['testAgain', 'openSettings', 'showLog']);
    const wrong = (await run({ token: TOKEN, portal: async () => Promise.reject(portalError('wrongUrl', 'cloud-credentials', 404)) })).result;
    assert.equal(wrong.cloudSsoCause, 'wrongUrl');
    assert.match(wrong.summary, /does not answer like a CloudSSO sign-in portal/);
    assert.match(wrong.summary, /The sign-in URL of this profile is http:\/\/127\.0\.0\.1:9100\/start\/login.*Edit the profile/);
    assert.deepEqual(resultActions(wrong, ALL), ['editProfile', 'openSettings', 'showLog']);
    const slow = (await run({ token: TOKEN, portal: async () => Promise.reject(portalError('throttled', 'cloud-credentials', 429)) })).result;
    assert.match(slow.summary, /Test again in a minute/);
    const odd = (await run({ token: TOKEN, portal: async () => Promise.reject(new TypeError('boom')) })).result;
    assert.deepEqual([odd.cloudSsoCause, odd.failedStage], ['other', 'cloudSso']);
    assert.match(odd.summary, /failed: TypeError/);
  });

  it('the access configuration lacks a permission: names the action, the system policy to add to it, and Switch', async () => {
    const slb = FakeSlb.withCounts({ 'cn-shanghai': 3 });
    slb.failures.set('DescribeRegions', toAliyunError(new ClientError({
      statusCode: 403, code: 'Forbidden.RAM', requestId: 'R', message: 'x',
      data: { Code: 'Forbidden.RAM', Message: 'no', RequestId: 'R' },
      accessDeniedDetail: { AuthAction: 'slb:DescribeRegions', AuthPrincipalType: 'AssumedRoleUser', NoPermissionType: 'ImplicitDeny' },
    }), { product: 'slb', action: 'DescribeRegions', endpoint: 'slb.aliyuncs.com', accessKeyId: CREDS.accessKeyId }));
    const { result } = await run({ token: TOKEN, session: fakeSession({ identity: ASSUMED, slb }) });
    assert.equal(result.ok, false);
    assert.deepEqual([result.failedStage, result.failureKind, result.cloudSsoCheck?.ok], ['slb', 'noPermission', true]);
    assert.equal(result.suggestedPolicy, 'AliyunSLBReadOnlyAccess');
    assert.match(result.summary, /Access configuration ReadOnly \(ac-readonly01\) does not allow slb:DescribeRegions in account shop \(1234567890123456\)\. A CloudSSO administrator adds the system policy AliyunSLBReadOnlyAccess/);
    assert.deepEqual(resultActions(result, ALL), ['copyPolicy', 'switchCloudSso', 'openDocs']);
  });
});

import * as assert from 'node:assert/strict';
import { debugDecision, envFileKeys, usesAlibabaSdk, withEndpointVariables, type DebugSituation } from '../../src/credentials/serving/debugSessions';

const s = (over: Partial<DebugSituation>): DebugSituation => ({
  type: 'node', request: 'launch', setting: undefined, doorOpen: false, serving: false, askedBefore: false, declinedHere: false, ...over,
});

describe('debug sessions: when the endpoint\'s variables are added', () => {
  it('adds them to launch configurations of the supported types once the person agreed here', () => {
    for (const type of ['node', 'pwa-node', 'python', 'debugpy', 'go', 'java']) {
      assert.equal(debugDecision(s({ type, doorOpen: true, serving: true })), 'add', type);
    }
    assert.equal(debugDecision(s({ type: 'cppdbg', doorOpen: true, serving: true })), 'skip', 'a type whose env is not a map of the process environment');
    assert.equal(debugDecision(s({ request: 'attach', doorOpen: true, serving: true })), 'skip', 'an attached process has its environment already');
  });

  it('the setting set to false wins over everything', () => {
    assert.equal(debugDecision(s({ setting: false, doorOpen: true, serving: true })), 'skip');
  });

  it('the setting set to true is a wish, not the consent: the person is asked (once per window if they decline)', () => {
    assert.equal(debugDecision(s({ setting: true })), 'ask');
    assert.equal(debugDecision(s({ setting: true, declinedHere: true })), 'skip');
  });

  it('unset: asked once per workspace, and only if it depends on an Alibaba Cloud SDK (the caller looks)', () => {
    assert.equal(debugDecision(s({})), 'askIfSdk');
    assert.equal(debugDecision(s({ askedBefore: true })), 'skip');
  });

  it('agreed, but the endpoint did not start: said, the session runs without', () => {
    assert.equal(debugDecision(s({ doorOpen: true, serving: false })), 'notServing');
  });
});

describe('debug sessions: a launch configuration\'s own values win', () => {
  const vars = { ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:1/x', ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' };

  it('adds what the configuration leaves out, keeps what it sets in env or its env file', () => {
    const own = envFileKeys('# comment\nexport ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIfromEnvFile\n\nOTHER = 1\n');
    assert.deepEqual([...own], ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'OTHER']);
    const result = withEndpointVariables({ ALIBABA_CLOUD_REGION_ID: 'eu-central-1', DEBUG: '1' }, vars, own);
    assert.deepEqual(result.env, { ALIBABA_CLOUD_REGION_ID: 'eu-central-1', DEBUG: '1', ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:1/x' });
    assert.deepEqual(result.added, ['ALIBABA_CLOUD_CREDENTIALS_URI']);
    assert.deepEqual(result.kept.sort(), ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_REGION_ID']);
  });

  it('a variable set to null (removed by the configuration) stays removed', () => {
    assert.equal(withEndpointVariables({ ALIBABA_CLOUD_CREDENTIALS_URI: null }, vars, new Set()).env.ALIBABA_CLOUD_CREDENTIALS_URI, null);
  });
});

describe('debug sessions: which workspaces depend on an Alibaba Cloud SDK', () => {
  it('reads package.json, requirements.txt, go.mod and pom.xml', () => {
    assert.equal(usesAlibabaSdk('package.json', JSON.stringify({ dependencies: { '@alicloud/credentials': '^2' } })), true);
    assert.equal(usesAlibabaSdk('package.json', JSON.stringify({ devDependencies: { '@alicloud/sts20150401': '1' } })), true);
    assert.equal(usesAlibabaSdk('package.json', JSON.stringify({ dependencies: { express: '4' }, description: '@alicloud/x' })), false);
    assert.equal(usesAlibabaSdk('package.json', '{ not json'), false);
    assert.equal(usesAlibabaSdk('requirements.txt', 'requests==2\nalibabacloud_sts20150401>=1.1\n'), true);
    assert.equal(usesAlibabaSdk('requirements.txt', 'aliyun-python-sdk-core\n'), true);
    assert.equal(usesAlibabaSdk('requirements.txt', '# alibabacloud later\nflask\n'), false);
    assert.equal(usesAlibabaSdk('go.mod', 'require github.com/alibabacloud-go/sts-20150401/v2 v2.0.0'), true);
    assert.equal(usesAlibabaSdk('go.mod', 'require github.com/aliyun/alibaba-cloud-sdk-go v1.62.0'), true);
    assert.equal(usesAlibabaSdk('pom.xml', '<dependency><groupId>com.aliyun</groupId><artifactId>sts20150401</artifactId></dependency>'), true);
    assert.equal(usesAlibabaSdk('pom.xml', '<groupId>com.example</groupId>'), false);
  });
});

import * as assert from 'node:assert/strict';
import { CloudClientFactory } from '../../src/aliyun/clientFactory';
import type { EndpointSettings } from '../../src/aliyun/endpoints';
import { AliyunError } from '../../src/aliyun/errors';
import type { ClientOptions, SdkModule } from '../../src/aliyun/types';
import { MemoryLog } from './fakes';

const CREDENTIALS = { accessKeyId: 'LTAI5tFactory0000000001', accessKeySecret: 'factory-secret-not-real-0001' };
const IDENTITY = { identityType: 'RAMUser' as const, accountId: '1', principalId: '2', arn: 'acs:ram::1:user/pat' };

/** An SDK that records which endpoint each client was made for, and answers every call. */
function setup(endpoints: EndpointSettings) {
  const made: string[] = [];
  let loads = 0;
  const record = (options: ClientOptions) => made.push(`${options.endpoint.protocol}://${options.endpoint.host}`);
  const sdk = {
    createStsApi: (o: ClientOptions) => (record(o), { getCallerIdentity: async () => IDENTITY }),
    createRamApi: (o: ClientOptions) => (record(o), { listUsers: async () => ({ users: [], truncated: false }) }),
    createSlbApi: (o: ClientOptions) => (record(o), { describeLoadBalancers: async () => ({ loadBalancers: [], totalCount: 0 }) }),
  } as unknown as SdkModule;
  const log = new MemoryLog();
  const factory = new CloudClientFactory(() => ({ endpoints, connectTimeoutMs: 100, readTimeoutMs: 100 }), log, () => (loads++, sdk));
  return { factory, made, log, loads: () => loads };
}

const refused = (code: string, pattern: RegExp) => (e: unknown) =>
  e instanceof AliyunError && e.code === code && e.kind === 'invalidInput' && pattern.test(e.message);

describe('CloudClientFactory: endpoints it will not use', () => {
  it('fails the first call of a plain-HTTP override to another computer, naming the setting, and sends nothing', async () => {
    const { factory, made, log, loads } = setup({ sts: 'http://sts.example.internal:8080' });
    const session = factory.session(CREDENTIALS, 'cn-hangzhou');
    await assert.rejects(session.sts.getCallerIdentity(), refused('InsecureEndpoint', /alibabaCloud\.allowInsecureEndpoints/));
    assert.deepEqual(made, [], 'a client was made for the refused endpoint');
    assert.equal(loads(), 0, 'the SDK was loaded');
    assert.throws(() => session.endpoint('sts'), refused('InsecureEndpoint', /http:\/\/sts\.example\.internal:8080/));
    assert.ok(log.lines.some((l) => l.startsWith('warn') && l.includes('GetCallerIdentity refused before sending')));
    // Products without an override still work.
    await session.ram.listUsers();
    assert.deepEqual(made, ['https://ram.aliyuncs.com']);
  });

  it('refuses an unusable override instead of using Alibaba Cloud\'s endpoint', async () => {
    const { factory, made } = setup({ ram: 'ram.example/path' });
    await assert.rejects(factory.session(CREDENTIALS, 'cn-hangzhou').ram.listUsers(), refused('InvalidEndpointSetting', /alibabaCloud\.endpoints/));
    assert.deepEqual(made, []);
  });

  it('uses a plain-HTTP override to another computer when allowed, with one warning in the log', async () => {
    const { factory, made, log } = setup({ sts: 'http://10.0.0.5:8080', allowInsecure: true });
    await factory.session(CREDENTIALS, 'cn-hangzhou').sts.getCallerIdentity();
    await factory.session(CREDENTIALS, 'cn-beijing').sts.getCallerIdentity();
    assert.deepEqual(made, ['http://10.0.0.5:8080', 'http://10.0.0.5:8080']);
    assert.equal(log.lines.filter((l) => l.startsWith('warn') && l.includes('plain HTTP to 10.0.0.5:8080')).length, 1);
  });

  it('uses a loopback emulator over plain HTTP without a warning', async () => {
    const { factory, made, log } = setup({ sts: 'http://127.0.0.1:9000' });
    await factory.session(CREDENTIALS, 'cn-hangzhou').sts.getCallerIdentity();
    assert.deepEqual(made, ['http://127.0.0.1:9000']);
    assert.ok(!log.lines.some((l) => l.includes('plain HTTP')));
  });

  it('builds no SLB host from a region that is not a region ID; the scan reports it per region', async () => {
    const { factory, made } = setup({});
    const session = factory.session(CREDENTIALS, 'cn-hangzhou');
    await assert.rejects(session.slb.describeLoadBalancers('evil.example.com#'), refused('InvalidRegionId', /not a region ID/));
    const scan = await session.slb.scanRegions(['cn-chengdu', 'evil.example.com#']);
    assert.ok(scan[0].loadBalancers, 'a good region failed');
    assert.ok(refused('InvalidRegionId', /not a region ID/)(scan[1].error));
    assert.deepEqual(made, ['https://slb.cn-chengdu.aliyuncs.com']);
  });
});

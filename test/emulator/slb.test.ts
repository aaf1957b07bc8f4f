import * as assert from 'assert';
import { RunningEmulator, startEmulator } from './server';
import { ACCOUNT, HANGZHOU_LBS, K, assertErrorBody, rejects, slb, testSeed } from './helpers';
import { CENTRAL_SLB_REGIONS } from './regions';

interface Region {
  RegionId: string;
  LocalName: string;
  RegionEndpoint: string;
}
interface Lb {
  LoadBalancerId: string;
  LoadBalancerName: string;
  LoadBalancerStatus: string;
  Address: string;
  AddressType: string;
  NetworkType: string;
  RegionId: string;
  CreateTime: string;
  CreateTimeStamp: number;
  Bandwidth: number;
}
interface LbPage {
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
  RequestId: string;
  LoadBalancers: { LoadBalancer: Lb[] };
}

describe('emulator: SLB 2014-05-15', () => {
  let emu: RunningEmulator;
  const describeLbs = async (query: Record<string, string | number>, cred = K.bob): Promise<LbPage> =>
    (await slb(emu, cred, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou', ...query })) as unknown as LbPage;

  before(async () => {
    emu = await startEmulator({ seed: testSeed() });
  });
  after(async () => {
    await emu.close();
  });

  describe('DescribeRegions', () => {
    it('lists 20+ regions whose endpoints follow the central/regional rule', async () => {
      const body = await slb(emu, K.bob, 'DescribeRegions', { AcceptLanguage: 'en-US' });
      const regions = (body.Regions as { Region: Region[] }).Region;
      assert.ok(regions.length >= 20, `${regions.length} regions`);
      for (const r of regions) {
        const expected = CENTRAL_SLB_REGIONS.has(r.RegionId) ? 'slb.aliyuncs.com' : `slb.${r.RegionId}.aliyuncs.com`;
        assert.strictEqual(r.RegionEndpoint, expected, r.RegionId);
        assert.ok(r.LocalName.length > 0);
      }
      const byId = new Map(regions.map((r) => [r.RegionId, r]));
      assert.strictEqual(byId.get('cn-hangzhou')?.RegionEndpoint, 'slb.aliyuncs.com');
      assert.strictEqual(byId.get('cn-hangzhou')?.LocalName, 'China (Hangzhou)');
      assert.strictEqual(byId.get('eu-central-1')?.RegionEndpoint, 'slb.eu-central-1.aliyuncs.com');
      assert.strictEqual(byId.get('cn-zhangjiakou')?.RegionEndpoint, 'slb.cn-zhangjiakou.aliyuncs.com');
    });

    it('LocalName follows AcceptLanguage (default zh-CN)', async () => {
      const name = async (lang?: string): Promise<string | undefined> => {
        const body = await slb(emu, K.bob, 'DescribeRegions', lang ? { AcceptLanguage: lang } : {});
        return (body.Regions as { Region: Region[] }).Region.find((r) => r.RegionId === 'ap-northeast-1')?.LocalName;
      };
      assert.strictEqual(await name(), '日本（东京）');
      assert.strictEqual(await name('en-US'), 'Japan (Tokyo)');
      assert.strictEqual(await name('ja'), '日本 (東京)');
    });
  });

  describe('DescribeLoadBalancers', () => {
    it('defaults to page 1 of size 10 with TotalCount and the documented fields', async () => {
      const page = await describeLbs({});
      assert.strictEqual(page.PageNumber, 1);
      assert.strictEqual(page.PageSize, 10);
      assert.strictEqual(page.TotalCount, HANGZHOU_LBS);
      assert.strictEqual(page.LoadBalancers.LoadBalancer.length, 10);
      const lb = page.LoadBalancers.LoadBalancer[0];
      assert.strictEqual(lb.LoadBalancerId, 'lb-bptest000000000000');
      assert.strictEqual(lb.RegionId, 'cn-hangzhou');
      assert.strictEqual(lb.CreateTime, '2023-05-06T07:08:09Z');
      assert.strictEqual(lb.CreateTimeStamp, Date.parse('2023-05-06T07:08:09Z'));
      assert.strictEqual(typeof lb.Bandwidth, 'number');
    });

    it('pages through every load balancer with the right totals (both schemes)', async () => {
      for (const signatureAlgorithm of [undefined, 'v2']) {
        const ids = new Set<string>();
        for (let pageNumber = 1; ; pageNumber++) {
          const page = (await slb(emu, K.alice, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou', PageNumber: pageNumber, PageSize: 7 }, { signatureAlgorithm })) as unknown as LbPage;
          assert.strictEqual(page.TotalCount, HANGZHOU_LBS);
          assert.strictEqual(page.PageNumber, pageNumber);
          page.LoadBalancers.LoadBalancer.forEach((lb) => ids.add(lb.LoadBalancerId));
          if (pageNumber * 7 >= page.TotalCount) {
            assert.strictEqual(page.LoadBalancers.LoadBalancer.length, HANGZHOU_LBS - (pageNumber - 1) * 7);
            break;
          }
          assert.strictEqual(page.LoadBalancers.LoadBalancer.length, 7);
        }
        assert.strictEqual(ids.size, HANGZHOU_LBS);
      }
      const beyond = await describeLbs({ PageNumber: 9, PageSize: 10 });
      assert.strictEqual(beyond.TotalCount, HANGZHOU_LBS);
      assert.deepStrictEqual(beyond.LoadBalancers.LoadBalancer, []);
    });

    it('filters by LoadBalancerId, LoadBalancerName, Address, LoadBalancerStatus, NetworkType, AddressType', async () => {
      const ids = (p: LbPage): string[] => p.LoadBalancers.LoadBalancer.map((l) => l.LoadBalancerId).sort();
      assert.deepStrictEqual(ids(await describeLbs({ LoadBalancerId: 'lb-bptest000000000003,lb-bptest000000000007' })), [
        'lb-bptest000000000003',
        'lb-bptest000000000007',
      ]);
      assert.deepStrictEqual(ids(await describeLbs({ LoadBalancerName: 'web-4' })), ['lb-bptest000000000004']);
      assert.deepStrictEqual(ids(await describeLbs({ Address: '47.96.0.10' })), ['lb-bptest000000000009']);
      assert.strictEqual((await describeLbs({ LoadBalancerStatus: 'inactive', PageSize: 50 })).TotalCount, 5);
      assert.deepStrictEqual(ids(await describeLbs({ NetworkType: 'classic' })), ['lb-bptest000000000000']);
      assert.strictEqual((await describeLbs({ NetworkType: 'vpc', PageSize: 50 })).TotalCount, HANGZHOU_LBS - 1);
      assert.strictEqual((await describeLbs({ AddressType: 'intranet', PageSize: 50 })).TotalCount, 8);
      assert.strictEqual((await describeLbs({ LoadBalancerId: 'lb-none' })).TotalCount, 0);
    });

    it('RegionId is required → 400 MissingRegionId', async () => {
      const e = await rejects(slb(emu, K.bob, 'DescribeLoadBalancers', {}), { code: 'MissingRegionId', statusCode: 400 });
      assert.strictEqual(e.data?.Message, 'RegionId is mandatory for this action.');
      assertErrorBody(e, 'MissingRegionId');
      // The gateway checks required parameters before authorization.
      await rejects(slb(emu, K.carol, 'DescribeLoadBalancers', {}), { code: 'MissingRegionId' });
    });

    it('PageSize outside 1–100 and PageNumber 0 → 400 InvalidParameter; an unknown region → 404 InvalidRegionId.NotFound', async () => {
      const bad: Record<string, string | number>[] = [{ PageSize: 101 }, { PageSize: 0 }, { PageNumber: 0 }, { PageSize: 'ten' }];
      for (const q of bad) {
        await rejects(describeLbs(q), { code: 'InvalidParameter', statusCode: 400 });
      }
      assert.strictEqual((await describeLbs({ PageSize: 100 })).LoadBalancers.LoadBalancer.length, HANGZHOU_LBS);
      await rejects(slb(emu, K.bob, 'DescribeLoadBalancers', { RegionId: 'xx-nowhere-1' }), { code: 'InvalidRegionId.NotFound', statusCode: 404 });
    });

    it('an empty region of a real region answers TotalCount 0', async () => {
      const page = (await slb(emu, K.bob, 'DescribeLoadBalancers', { RegionId: 'cn-chengdu' })) as unknown as LbPage;
      assert.strictEqual(page.TotalCount, 0);
      assert.deepStrictEqual(page.LoadBalancers.LoadBalancer, []);
    });
  });

  describe('DescribeLoadBalancerAttribute', () => {
    it('returns listeners with both Protocal and Protocol spellings and the backend servers', async () => {
      const body = await slb(emu, K.bob, 'DescribeLoadBalancerAttribute', { RegionId: 'eu-central-1', LoadBalancerId: 'lb-gwtest000000000001' });
      assert.strictEqual(body.LoadBalancerId, 'lb-gwtest000000000001');
      assert.strictEqual(body.LoadBalancerName, 'frankfurt-web');
      assert.strictEqual(body.RegionId, 'eu-central-1');
      assert.deepStrictEqual(body.ListenerPorts, { ListenerPort: [80, 443] });
      assert.deepStrictEqual(body.ListenerPortsAndProtocal, {
        ListenerPortAndProtocal: [
          { ListenerPort: 80, ListenerProtocal: 'http' },
          { ListenerPort: 443, ListenerProtocal: 'https' },
        ],
      });
      assert.deepStrictEqual(body.ListenerPortsAndProtocol, {
        ListenerPortAndProtocol: [
          { ListenerPort: 80, ListenerProtocol: 'http', ListenerForward: 'on', ForwardPort: 443, Description: '' },
          { ListenerPort: 443, ListenerProtocol: 'https', ListenerForward: 'off', ForwardPort: 0, Description: '' },
        ],
      });
      const servers = (body.BackendServers as { BackendServer: Record<string, unknown>[] }).BackendServer;
      assert.strictEqual(servers.length, 1);
      assert.strictEqual(servers[0].ServerId, 'i-gwtest0001');
      assert.strictEqual(servers[0].Weight, 80);
      assert.strictEqual(servers[0].ServerIp, '192.168.1.10');
      assert.strictEqual(servers[0].Type, 'ecs');
      assert.strictEqual(typeof body.EndTimeStamp, 'number');
    });

    it('unknown id, another region, another account → 400 InvalidLoadBalancerId.NotFound; no id → MissingLoadBalancerId', async () => {
      const e = await rejects(slb(emu, K.bob, 'DescribeLoadBalancerAttribute', { LoadBalancerId: 'lb-nope' }), {
        code: 'InvalidLoadBalancerId.NotFound',
        statusCode: 400,
      });
      assert.strictEqual(e.data?.Message, 'LoadBalancerId does not exist.');
      await rejects(slb(emu, K.bob, 'DescribeLoadBalancerAttribute', { RegionId: 'cn-hangzhou', LoadBalancerId: 'lb-gwtest000000000001' }), {
        code: 'InvalidLoadBalancerId.NotFound',
      });
      await rejects(slb(emu, K.otherRoot, 'DescribeLoadBalancerAttribute', { LoadBalancerId: 'lb-gwtest000000000001' }), {
        code: 'InvalidLoadBalancerId.NotFound',
      });
      await rejects(slb(emu, K.bob, 'DescribeLoadBalancerAttribute', { RegionId: 'eu-central-1' }), { code: 'MissingLoadBalancerId', statusCode: 400 });
    });
  });

  describe('permissions', () => {
    it('a user without SLB policies → 403 Forbidden.RAM (with AccessDeniedDetail)', async () => {
      for (const cred of [K.carol, K.dave1]) {
        const e = await rejects(slb(emu, cred, 'DescribeLoadBalancers', { RegionId: 'cn-hangzhou' }), { code: 'Forbidden.RAM', statusCode: 403 });
        assert.strictEqual(e.data?.Message, "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
        assert.strictEqual(e.accessDeniedDetail?.AuthAction, 'slb:DescribeLoadBalancers');
        assert.strictEqual(e.accessDeniedDetail?.AuthPrincipalOwnerId, ACCOUNT);
      }
      await rejects(slb(emu, K.carol, 'DescribeRegions'), { code: 'Forbidden.RAM', statusCode: 403 });
    });

    it('root and AliyunSLBFullAccess/ReadOnly users may describe; other accounts see only their own', async () => {
      for (const cred of [K.root, K.alice, K.bob]) {
        assert.strictEqual((await describeLbs({}, cred)).TotalCount, HANGZHOU_LBS);
      }
      assert.strictEqual((await describeLbs({}, K.otherRoot)).TotalCount, 0);
    });

    it('an unknown SLB action → 404 InvalidApi.NotFound', async () => {
      await rejects(slb(emu, K.root, 'CreateLoadBalancer', { RegionId: 'cn-hangzhou' }), { code: 'InvalidApi.NotFound', statusCode: 404 });
    });
  });
});

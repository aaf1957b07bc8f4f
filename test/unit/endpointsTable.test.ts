import * as assert from 'node:assert/strict';
import { defaultEndpoint } from '../../src/aliyun/endpoints';
import type { Product } from '../../src/aliyun/errors';

// Transcribed from the team's reference "Alibaba Cloud RAM / STS / SLB — emulator reference"
// (shared/reference/alibaba-cloud-api.md), which is prose, not a table to parse, and not in this
// repository. Update both together.

/** §4 SLB (CLB) 2014-05-15 → Endpoints: "These legacy regions map to central `slb.aliyuncs.com`". */
const SLB_CENTRAL = ['cn-hangzhou', 'cn-shanghai', 'cn-qingdao', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'us-west-1', 'us-east-1'];
/** §4 → Endpoints: "These regions are regional" (`ap-southeast-2/3/5/6` written out). */
const SLB_REGIONAL = [
  'cn-zhangjiakou', 'cn-huhehaote', 'cn-wulanchabu', 'cn-chengdu', 'cn-heyuan', 'cn-guangzhou', 'ap-northeast-1',
  'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-5', 'ap-southeast-6', 'ap-south-1', 'eu-central-1', 'eu-west-1', 'me-east-1',
];
const REGIONS = [...SLB_CENTRAL, ...SLB_REGIONAL];

/**
 * The host the reference gives for a product, region and VPC switch; undefined where it names none.
 * §2 RAM: `https://ram.aliyuncs.com` (global), VPC `ram.vpc-proxy.aliyuncs.com`.
 * §3 STS: `https://sts.aliyuncs.com`; no VPC endpoint is named.
 * §4 SLB: `slb.aliyuncs.com` for the legacy regions, else `slb.<RegionId>.aliyuncs.com`; VPC `slb-vpc.<region>.aliyuncs.com`.
 * IMS: the reference names no endpoint; `ims.aliyuncs.com` (the SDK's) is used with and without VPC.
 */
function expectedHost(product: Product, regionId: string, vpc: boolean): string | undefined {
  switch (product) {
    case 'ram':
      return vpc ? 'ram.vpc-proxy.aliyuncs.com' : 'ram.aliyuncs.com';
    case 'sts':
      return vpc ? undefined : 'sts.aliyuncs.com';
    case 'slb':
      if (vpc) {
        return `slb-vpc.${regionId}.aliyuncs.com`;
      }
      return SLB_CENTRAL.includes(regionId) ? 'slb.aliyuncs.com' : `slb.${regionId}.aliyuncs.com`;
    case 'ims':
      return 'ims.aliyuncs.com';
  }
}

const PRODUCTS: readonly Product[] = ['ram', 'sts', 'slb'];

describe('default endpoints: every product × region × VPC switch of the API reference', () => {
  it('lists the 24 regions of the reference, each once', () => {
    assert.equal(REGIONS.length, 24);
    assert.equal(new Set(REGIONS).size, REGIONS.length);
  });

  for (const product of PRODUCTS) {
    for (const vpc of [false, true]) {
      const expected = (regionId: string): string | undefined => expectedHost(product, regionId, vpc);
      if (expected(REGIONS[0]) === undefined) {
        it(`${product}${vpc ? ' (VPC)' : ''}: the reference names no host, so only HTTPS on an aliyuncs.com host of the product is checked`, () => {
          for (const regionId of REGIONS) {
            const { host, protocol } = defaultEndpoint(product, regionId, vpc);
            assert.equal(protocol, 'https', regionId);
            assert.match(host, new RegExp(`^${product}[.-][a-z0-9.-]*aliyuncs\\.com$`), regionId);
          }
        });
        continue;
      }
      it(`${product}${vpc ? ' (VPC)' : ''}: the reference's host over HTTPS in every region`, () => {
        const wrong = REGIONS.map((regionId) => ({ regionId, got: defaultEndpoint(product, regionId, vpc), want: { host: expected(regionId), protocol: 'https' } }))
          .filter(({ got, want }) => got.host !== want.host || got.protocol !== want.protocol)
          .map(({ regionId, got, want }) => `${regionId}: ${got.protocol}://${got.host}, the reference says ${want.protocol}://${want.host}`);
        assert.deepEqual(wrong, [], `rows that disagree with the reference:\n${wrong.join('\n')}`);
      });
    }
  }
});

import * as assert from 'node:assert/strict';
import { defaultEndpoint, EndpointRefused, isLoopbackHost, isValidRegionId, parseEndpoint, resolveEndpoint } from '../../src/aliyun/endpoints';
import { checkRegionId } from '../../src/credentials/profile';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REGIONS, slbEndpoint } from '../emulator/regions';

describe('endpoints', () => {
  it('uses the central SLB endpoint for the older regions and a regional one for the rest', () => {
    assert.equal(defaultEndpoint('slb', 'cn-hangzhou').host, 'slb.aliyuncs.com');
    assert.equal(defaultEndpoint('slb', 'us-east-1').host, 'slb.aliyuncs.com');
    assert.equal(defaultEndpoint('slb', 'cn-chengdu').host, 'slb.cn-chengdu.aliyuncs.com');
    assert.equal(defaultEndpoint('slb', 'eu-central-1').host, 'slb.eu-central-1.aliyuncs.com');
  });
  it('uses VPC endpoints when asked', () => {
    assert.equal(defaultEndpoint('slb', 'cn-hangzhou', true).host, 'slb-vpc.cn-hangzhou.aliyuncs.com');
    assert.equal(defaultEndpoint('ram', undefined, true).host, 'ram.vpc-proxy.aliyuncs.com');
  });
  it('defaults to HTTPS on the global RAM and STS endpoints', () => {
    assert.deepEqual(defaultEndpoint('ram', 'cn-beijing'), { host: 'ram.aliyuncs.com', protocol: 'https' });
    assert.deepEqual(defaultEndpoint('sts', 'cn-beijing'), { host: 'sts.aliyuncs.com', protocol: 'https' });
  });
  it('parses overrides with and without a scheme', () => {
    assert.deepEqual(parseEndpoint('http://127.0.0.1:8080'), { host: '127.0.0.1:8080', protocol: 'http' });
    assert.deepEqual(parseEndpoint(' ram.example.internal '), { host: 'ram.example.internal', protocol: 'https' });
    assert.deepEqual(parseEndpoint('https://slb.example:443/'), { host: 'slb.example:443', protocol: 'https' });
  });
  it('rejects overrides with paths, credentials or bad ports', () => {
    assert.equal(parseEndpoint('http://a.example/path'), undefined);
    assert.equal(parseEndpoint('http://user:pw@a.example'), undefined);
    assert.equal(parseEndpoint('a.example:99999'), undefined);
    assert.equal(parseEndpoint('ftp://a.example'), undefined);
  });
  it('refuses an unusable override instead of sending the request to Alibaba Cloud', () => {
    assert.throws(() => resolveEndpoint('ram', undefined, { ram: 'not a host/x' }),
      (e: unknown) => e instanceof EndpointRefused && e.code === 'InvalidEndpointSetting' && /alibabaCloud\.endpoints/.test(e.message));
    // The value itself is never echoed: a mistyped one may carry a password.
    assert.throws(() => resolveEndpoint('sts', undefined, { sts: 'http://user:hunter2@sts.example' }), (e: Error) => !e.message.includes('hunter2'));
    assert.equal(resolveEndpoint('slb', 'cn-chengdu', { slb: 'http://127.0.0.1:9' }).host, '127.0.0.1:9');
  });
  it('allows plain HTTP only to this computer unless alibabaCloud.allowInsecureEndpoints says so', () => {
    for (const local of ['http://127.0.0.1:8080', 'http://127.3.2.1', 'http://localhost:9000', 'http://LOCALHOST', 'http://[::1]:8080', 'http://[0:0:0:0:0:0:0:1]']) {
      assert.equal(resolveEndpoint('ram', undefined, { ram: local }).protocol, 'http', local);
    }
    for (const remote of ['http://10.0.0.5:8080', 'http://ram.example.internal', 'http://128.0.0.1', 'http://127.0.0.1.nip.io', 'http://[::2]', 'http://localhost.example.com']) {
      assert.throws(() => resolveEndpoint('ram', undefined, { ram: remote }),
        (e: unknown) => e instanceof EndpointRefused && e.code === 'InsecureEndpoint' && /alibabaCloud\.allowInsecureEndpoints/.test(e.message), remote);
      assert.deepEqual(resolveEndpoint('ram', undefined, { ram: remote, allowInsecure: true }), parseEndpoint(remote), remote);
    }
    assert.equal(resolveEndpoint('ram', undefined, { ram: 'https://10.0.0.5' }).host, '10.0.0.5', 'HTTPS anywhere is fine');
  });
  it('knows the loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.255.255.255:1', 'localhost', '[::1]', '::1', '[::1]:443', '[0::1]']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ['127.0.0.256', '127.1', '0.0.0.0', '[::]', '[::ffff:127.0.0.1]', '[1::1]', 'localhost1', '10.127.0.1', '']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
  it('builds hosts only from region IDs, and refuses anything else', () => {
    for (const bad of ['evil.example.com#', 'cn-hangzhou/../', 'CN-HANGZHOU', 'Cn-hangzhou', '', ' cn-hangzhou', 'cn-hangzhou.evil.com', 'cn-hangzhou:443', 'cn', 'cn-', 'cn_hangzhou']) {
      assert.equal(isValidRegionId(bad), false, bad);
      if (bad === bad.trim()) {
        assert.equal(checkRegionId(bad).ok, false, bad); // the input box trims; storage and hosts do not
      }
      for (const vpc of [false, true]) {
        assert.throws(() => defaultEndpoint('slb', bad, vpc), (e: unknown) => e instanceof EndpointRefused && e.code === 'InvalidRegionId', bad);
      }
      assert.throws(() => resolveEndpoint('sts', bad, { vpc: true }), EndpointRefused, bad);
      assert.throws(() => resolveEndpoint('slb', bad, { slb: 'http://127.0.0.1:1' }), EndpointRefused, 'the region travels in the request, override or not');
    }
    for (const good of ['cn-hangzhou', 'ap-southeast-1', 'us-west-1', 'eu-central-1', 'cn-hangzhou-finance', 'me-east-1']) {
      assert.equal(isValidRegionId(good), true, good);
      assert.deepEqual(checkRegionId(good), { ok: true, value: good });
      assert.match(defaultEndpoint('slb', good, true).host, new RegExp(`^slb-vpc\\.${good}\\.aliyuncs\\.com$`));
    }
    assert.equal(defaultEndpoint('slb', undefined).host, 'slb.aliyuncs.com', 'no region: the central endpoint');
  });
  it('agrees with the RegionEndpoint DescribeRegions gives for every region', () => {
    assert.ok(REGIONS.length > 20);
    for (const { regionId } of REGIONS) {
      assert.equal(defaultEndpoint('slb', regionId).host, slbEndpoint(regionId), regionId);
    }
  });
  it('sends every region to the override (emulator, private endpoint) and ignores the VPC switch then', () => {
    for (const regionId of ['cn-hangzhou', 'cn-chengdu', 'me-east-1']) {
      assert.deepEqual(resolveEndpoint('slb', regionId, { slb: 'http://127.0.0.1:8080', vpc: true }), { host: '127.0.0.1:8080', protocol: 'http' });
    }
    assert.equal(resolveEndpoint('sts', 'cn-chengdu', { vpc: true }).host, 'sts-vpc.cn-chengdu.aliyuncs.com');
  });
  it('declares the endpoint settings machine-scoped and restricted in untrusted workspaces', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const properties = manifest.contributes.configuration.properties;
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['alibabaCloud.endpoints', 'alibabaCloud.useVpcEndpoints', 'alibabaCloud.allowInsecureEndpoints']) {
      assert.equal(properties[key].scope, 'machine', `${key} is not machine-scoped`);
      assert.ok(restricted.includes(key), `${key} is not restricted in untrusted workspaces`);
    }
    assert.equal(properties['alibabaCloud.allowInsecureEndpoints'].default, false);
  });
});

import * as assert from 'node:assert/strict';
import { defaultEndpoint, parseEndpoint, resolveEndpoint } from '../../src/aliyun/endpoints';
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
  it('falls back to the real endpoint when an override is unusable', () => {
    assert.equal(resolveEndpoint('ram', undefined, { ram: 'not a host/x' }).host, 'ram.aliyuncs.com');
    assert.equal(resolveEndpoint('slb', 'cn-chengdu', { slb: 'http://127.0.0.1:9' }).host, '127.0.0.1:9');
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
    for (const key of ['alibabaCloud.endpoints', 'alibabaCloud.useVpcEndpoints']) {
      assert.equal(properties[key].scope, 'machine', `${key} is not machine-scoped`);
      assert.ok(restricted.includes(key), `${key} is not restricted in untrusted workspaces`);
    }
  });
});

// Seed part for the SLB and Test Credentials integration tests (issue 5): its own account, keys
// prefixed LTAI5tSlb…, load balancers in many regions, one region with more than two pages.
const ACCOUNT = '5000000000000000';
const ids = (n) => String(n).padStart(4, '0');

// cn-shanghai: 230 instances (three pages of 100); a few other regions with some; the rest none.
const shanghai = Array.from({ length: 230 }, (_, i) => ({
  regionId: 'cn-shanghai',
  loadBalancerId: `lb-slbsh${ids(i)}`,
  loadBalancerName: `shop-api-${ids(i)}`,
  loadBalancerStatus: i % 17 === 0 ? 'inactive' : 'active',
  addressType: i % 3 === 0 ? 'intranet' : 'internet',
  networkType: i % 5 === 0 ? 'classic' : 'vpc',
  loadBalancerSpec: i % 2 === 0 ? 'slb.s1.small' : 'slb.s2.medium',
}));

const few = (regionId, n, prefix) => Array.from({ length: n }, (_, i) => ({
  regionId,
  loadBalancerId: `lb-slb${prefix}${ids(i)}`,
  loadBalancerName: `${regionId}-lb-${i}`,
}));

export default {
  accounts: [{
    accountId: ACCOUNT,
    rootAccessKeys: [{ accessKeyId: 'LTAI5tSlbRoot00000000001', accessKeySecret: 'slb-secret-root-not-real-00001', status: 'Active' }],
    users: [
      { userName: 'slb-reader', policies: ['AliyunSLBReadOnlyAccess'],
        accessKeys: [{ accessKeyId: 'LTAI5tSlbReader000000001', accessKeySecret: 'slb-secret-reader-not-real-001', status: 'Active' }] },
      { userName: 'slb-ram-admin', policies: ['AliyunRAMFullAccess'],
        accessKeys: [{ accessKeyId: 'LTAI5tSlbRamAdmin0000001', accessKeySecret: 'slb-secret-ramadmin-not-real-1', status: 'Active' }] },
      { userName: 'slb-disabled', policies: ['AliyunSLBReadOnlyAccess'],
        accessKeys: [{ accessKeyId: 'LTAI5tSlbDisabled0000001', accessKeySecret: 'slb-secret-disabled-not-real-1', status: 'Inactive' }] },
      { userName: 'slb-nobody', policies: [],
        accessKeys: [{ accessKeyId: 'LTAI5tSlbNobody000000001', accessKeySecret: 'slb-secret-nobody-not-real-001', status: 'Active' }] },
    ],
    stsTokens: [
      { accessKeyId: 'STS.SlbValidToken0000001', accessKeySecret: 'slb-secret-sts-not-real-000001', securityToken: 'slb-token-valid-not-real-0001',
        expiration: '2099-01-01T00:00:00Z', roleName: 'SlbReadOnlyRole', roleSessionName: 'slb-it', policies: ['AliyunSLBReadOnlyAccess'] },
      { accessKeyId: 'STS.SlbExpiredToken00001', accessKeySecret: 'slb-secret-sts-not-real-000002', securityToken: 'slb-token-expired-not-real-01',
        expiration: '2024-01-01T00:00:00Z', roleName: 'SlbReadOnlyRole', roleSessionName: 'slb-it-old', policies: ['AliyunSLBReadOnlyAccess'] },
    ],
    loadBalancers: [
      ...shanghai,
      {
        regionId: 'cn-hangzhou', loadBalancerId: 'lb-slbweb0001', loadBalancerName: 'web-frontend', address: '47.100.200.1',
        addressType: 'internet', networkType: 'vpc', vpcId: 'vpc-slbweb01', vSwitchId: 'vsw-slbweb01', loadBalancerSpec: 'slb.s3.large',
        masterZoneId: 'cn-hangzhou-h', slaveZoneId: 'cn-hangzhou-i', tags: [{ tagKey: 'env', tagValue: 'prod' }],
        listeners: [
          { port: 80, protocol: 'http', listenerForward: 'on', forwardPort: 443 },
          { port: 443, protocol: 'https' },
        ],
        backendServers: [
          { serverId: 'i-slbweb0001', weight: 100, serverIp: '192.168.0.5', type: 'ecs' },
          { serverId: 'i-slbweb0002', weight: 0, serverIp: '192.168.0.6', type: 'ecs' },
        ],
      },
      { regionId: 'cn-hangzhou', loadBalancerId: 'lb-slbidle001', loadBalancerName: 'idle', addressType: 'intranet' },
      ...few('cn-beijing', 1, 'bj'),
      ...few('cn-chengdu', 4, 'cd'),
      ...few('ap-southeast-1', 3, 'sg'),
      ...few('eu-central-1', 1, 'fra'),
      ...few('us-east-1', 1, 'va'),
      ...few('me-east-1', 2, 'dxb'),
    ],
  }],
};

// The benchmark's account: 5,000 RAM users with two AccessKeys each (10,000 keys of every age and
// last use), 1,000 load balancers in cn-hangzhou and a few in other regions.
import type { SeedFile } from '../emulator/server';

export const BENCH_USERS = 5000;
export const BENCH_KEYS_PER_USER = 2;
export const BENCH_HZ_LBS = 1000;
export const BENCH_OTHER_REGIONS = ['cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-qingdao', 'cn-zhangjiakou', 'cn-chengdu',
  'cn-hongkong', 'ap-southeast-1', 'ap-northeast-1', 'us-west-1', 'us-east-1', 'eu-central-1', 'eu-west-1'];
export const BENCH_ACCOUNT = '1999999999999999';
/** The account's root key: what the benchmark signs with. A test value, not a real secret. */
export const BENCH_ROOT = { accessKeyId: 'LTAI5tBenchRootKey000001', accessKeySecret: 'bench-secret-root-not-real-001' };

const day = (n: number) => new Date(Date.UTC(2026, 10, 30) - n * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

export function benchSeed(): SeedFile {
  return {
    accounts: [{
      accountId: BENCH_ACCOUNT,
      rootAccessKeys: [{ ...BENCH_ROOT, status: 'Active', createDate: day(30) }],
      users: Array.from({ length: BENCH_USERS }, (_, i) => ({
        userName: `user${String(i).padStart(5, '0')}`,
        userId: String(3000000000000000 + i),
        accessKeys: Array.from({ length: BENCH_KEYS_PER_USER }, (_, k) => ({
          accessKeyId: `LTAI5tBench${String(i).padStart(5, '0')}K${k}00000000`,
          accessKeySecret: `bench-secret-${i}-${k}-not-real-0000`,
          status: (i + k) % 7 === 0 ? 'Inactive' : 'Active',
          createDate: day((i * 7 + k * 200) % 400),
          ...((i + k) % 5 === 0 ? {} : { lastUsedDate: day((i * 3 + k) % 200) }),
        })),
      })),
      loadBalancers: [
        ...Array.from({ length: BENCH_HZ_LBS }, (_, i) => ({ regionId: 'cn-hangzhou', loadBalancerId: `lb-hz${String(i).padStart(6, '0')}` })),
        ...BENCH_OTHER_REGIONS.flatMap((regionId, r) => Array.from({ length: 30 }, (_, i) => ({ regionId, loadBalancerId: `lb-r${r}x${String(i).padStart(4, '0')}` }))),
      ],
    }],
  } as SeedFile;
}

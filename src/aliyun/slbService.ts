import { Limiter } from '../util/concurrency';
import type { ApiCaller } from './call';
import type { LoadBalancer, LoadBalancerDetail, LoadBalancersPage, SlbApi, SlbRegion } from './types';

/** The largest page DescribeLoadBalancers allows. */
export const SLB_MAX_PAGE_SIZE = 100;
/** Pages of one region fetched at once, after the first page told the total. */
export const PAGE_PARALLELISM = 4;
/**
 * Requests in flight at once in "Find in all regions": one pool for every region's pages, so a
 * region with many pages does not hold back the others, and the whole scan takes about
 * (pages of all regions ÷ this) round trips.
 */
export const SCAN_PARALLELISM = 10;

/** One region of an all-region scan: its instances, or why they could not be listed. */
export interface RegionScan {
  readonly regionId: string;
  readonly loadBalancers?: LoadBalancer[];
  readonly error?: unknown;
  /** Not scanned: the scan was cancelled first. */
  readonly cancelled?: boolean;
}

/** DescribeRegions' `AcceptLanguage` for VS Code's display language (the service defaults to Chinese). */
export function acceptLanguageFor(language: string): string {
  const lower = language.toLowerCase();
  return lower.startsWith('zh') ? 'zh-CN' : lower.startsWith('ja') ? 'ja' : 'en-US';
}

class ScanCancelled extends Error {}

/** Every page of a region: the first tells the total, then the others (as `page` schedules them). */
async function allPages(page: (pageNumber: number) => Promise<LoadBalancersPage>): Promise<LoadBalancer[]> {
  const first = await page(1);
  const pages = Math.ceil(first.totalCount / SLB_MAX_PAGE_SIZE);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
  // An instance created or deleted between two pages shifts the others: never show one twice.
  const seen = new Set<string>();
  return [first, ...rest].flatMap((p) => p.loadBalancers).filter((lb) => !seen.has(lb.loadBalancerId) && !!seen.add(lb.loadBalancerId));
}

export interface SlbService {
  /** `acceptLanguage` (`en-US`, `zh-CN`, `ja`) picks the language of the regions' local names. */
  describeRegions(acceptLanguage?: string): Promise<SlbRegion[]>;
  describeLoadBalancers(regionId: string, pageNumber?: number, pageSize?: number): Promise<LoadBalancersPage>;
  /** Every instance of a region: the first page gives the total, the rest load in parallel, bounded. */
  listAllLoadBalancers(regionId: string): Promise<LoadBalancer[]>;
  /**
   * Every instance of every given region, regions in parallel (bounded). A region that fails is
   * reported with its error instead of failing the scan; `onRegion` sees each region as it lands.
   */
  scanRegions(regionIds: readonly string[], onRegion?: (scan: RegionScan) => void, cancelled?: () => boolean): Promise<RegionScan[]>;
  describeLoadBalancerAttribute(regionId: string, loadBalancerId: string): Promise<LoadBalancerDetail>;
}

/** SLB endpoints differ by region, so the service asks for the API (and its caller) per region. */
export type SlbApiForRegion = (regionId: string | undefined) => { api: () => SlbApi; caller: ApiCaller };

export class AliyunSlbService implements SlbService {
  constructor(private readonly forRegion: SlbApiForRegion, private readonly homeRegion: string | undefined) {}

  describeRegions(acceptLanguage?: string): Promise<SlbRegion[]> {
    const { api, caller } = this.forRegion(this.homeRegion);
    return caller.read('DescribeRegions', () => api().describeRegions(acceptLanguage));
  }

  describeLoadBalancers(regionId: string, pageNumber = 1, pageSize = SLB_MAX_PAGE_SIZE): Promise<LoadBalancersPage> {
    const { api, caller } = this.forRegion(regionId);
    return caller.read('DescribeLoadBalancers', () => api().describeLoadBalancers(regionId, pageNumber, pageSize));
  }

  listAllLoadBalancers(regionId: string): Promise<LoadBalancer[]> {
    const pool = new Limiter(PAGE_PARALLELISM);
    return allPages((page) => pool.run(() => this.describeLoadBalancers(regionId, page, SLB_MAX_PAGE_SIZE)));
  }

  scanRegions(regionIds: readonly string[], onRegion?: (scan: RegionScan) => void, cancelled?: () => boolean): Promise<RegionScan[]> {
    const pool = new Limiter(SCAN_PARALLELISM);
    return Promise.all(regionIds.map(async (regionId) => {
      let scan: RegionScan;
      try {
        // Checked when the region's first request gets its turn, so a cancel stops the regions still queued.
        const loadBalancers = await allPages((page) => pool.run(() =>
          (cancelled?.() ? Promise.reject(new ScanCancelled()) : this.describeLoadBalancers(regionId, page, SLB_MAX_PAGE_SIZE))));
        scan = { regionId, loadBalancers };
      } catch (error) {
        scan = error instanceof ScanCancelled ? { regionId, cancelled: true } : { regionId, error };
      }
      onRegion?.(scan);
      return scan;
    }));
  }

  describeLoadBalancerAttribute(regionId: string, loadBalancerId: string): Promise<LoadBalancerDetail> {
    const { api, caller } = this.forRegion(regionId);
    return caller.read('DescribeLoadBalancerAttribute', () => api().describeLoadBalancerAttribute(regionId, loadBalancerId));
  }
}

import { mapBounded } from '../util/concurrency';
import type { ApiCaller } from './call';
import type { LoadBalancer, LoadBalancerDetail, LoadBalancersPage, SlbApi, SlbRegion } from './types';

/** The largest page DescribeLoadBalancers allows. */
export const SLB_MAX_PAGE_SIZE = 100;
/** Pages of one region fetched at once, after the first page told the total. */
const PAGE_PARALLELISM = 4;
/** Regions scanned at once by "Find in all regions"; with the pages above, at most 20 requests in flight. */
export const REGION_PARALLELISM = 5;

/** One region of an all-region scan: its instances, or why they could not be listed. */
export interface RegionScan {
  readonly regionId: string;
  readonly loadBalancers?: LoadBalancer[];
  readonly error?: unknown;
  /** Not scanned: the scan was cancelled first. */
  readonly cancelled?: boolean;
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

  async listAllLoadBalancers(regionId: string): Promise<LoadBalancer[]> {
    const first = await this.describeLoadBalancers(regionId, 1, SLB_MAX_PAGE_SIZE);
    const pages = Math.ceil(first.totalCount / SLB_MAX_PAGE_SIZE);
    const rest = await mapBounded(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2),
      PAGE_PARALLELISM,
      (page) => this.describeLoadBalancers(regionId, page, SLB_MAX_PAGE_SIZE),
    );
    // An instance created or deleted between two pages shifts the others: never show one twice.
    const seen = new Set<string>();
    return [first, ...rest].flatMap((p) => p.loadBalancers).filter((lb) => !seen.has(lb.loadBalancerId) && !!seen.add(lb.loadBalancerId));
  }

  scanRegions(regionIds: readonly string[], onRegion?: (scan: RegionScan) => void, cancelled?: () => boolean): Promise<RegionScan[]> {
    return mapBounded(regionIds, REGION_PARALLELISM, async (regionId) => {
      let scan: RegionScan;
      if (cancelled?.()) {
        scan = { regionId, cancelled: true };
      } else {
        try {
          scan = { regionId, loadBalancers: await this.listAllLoadBalancers(regionId) };
        } catch (error) {
          scan = { regionId, error };
        }
      }
      onRegion?.(scan);
      return scan;
    });
  }

  describeLoadBalancerAttribute(regionId: string, loadBalancerId: string): Promise<LoadBalancerDetail> {
    const { api, caller } = this.forRegion(regionId);
    return caller.read('DescribeLoadBalancerAttribute', () => api().describeLoadBalancerAttribute(regionId, loadBalancerId));
  }
}

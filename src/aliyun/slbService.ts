import { mapBounded } from '../util/concurrency';
import type { ApiCaller } from './call';
import type { LoadBalancer, LoadBalancerDetail, LoadBalancersPage, SlbApi, SlbRegion } from './types';

/** The largest page DescribeLoadBalancers allows. */
export const SLB_MAX_PAGE_SIZE = 100;
/** Pages of one region fetched at once, after the first page told the total. */
const PAGE_PARALLELISM = 4;

export interface SlbService {
  describeRegions(): Promise<SlbRegion[]>;
  describeLoadBalancers(regionId: string, pageNumber?: number, pageSize?: number): Promise<LoadBalancersPage>;
  /** Every instance of a region: the first page gives the total, the rest load in parallel, bounded. */
  listAllLoadBalancers(regionId: string): Promise<LoadBalancer[]>;
  describeLoadBalancerAttribute(regionId: string, loadBalancerId: string): Promise<LoadBalancerDetail>;
}

/** SLB endpoints differ by region, so the service asks for the API (and its caller) per region. */
export type SlbApiForRegion = (regionId: string | undefined) => { api: () => SlbApi; caller: ApiCaller };

export class AliyunSlbService implements SlbService {
  constructor(private readonly forRegion: SlbApiForRegion, private readonly homeRegion: string | undefined) {}

  describeRegions(): Promise<SlbRegion[]> {
    const { api, caller } = this.forRegion(this.homeRegion);
    return caller.read('DescribeRegions', () => api().describeRegions());
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
    return [first, ...rest].flatMap((p) => p.loadBalancers);
  }

  describeLoadBalancerAttribute(regionId: string, loadBalancerId: string): Promise<LoadBalancerDetail> {
    const { api, caller } = this.forRegion(regionId);
    return caller.read('DescribeLoadBalancerAttribute', () => api().describeLoadBalancerAttribute(regionId, loadBalancerId));
  }
}

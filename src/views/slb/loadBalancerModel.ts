import type { RegionScan } from '../../aliyun/slbService';
import type { LoadBalancer, LoadBalancerDetail } from '../../aliyun/types';
import type { StateStore } from '../../credentials/activeProfile';
import type { Profile } from '../../credentials/profile';
import type { ActiveSession, SessionSource } from '../../credentials/profileSessions';
import { Emitter, type Disposable } from '../../util/events';
import type { Log } from '../../util/log';
import { ExpandedRegions, matchesFilter, orderRegions, summarize, type RegionEntry, type RegionsView, type ScanSummary } from './slbRegions';

/** Everything loaded for one session; replaced as a whole when the profile changes, so late answers land nowhere. */
class Cache {
  regions?: Promise<RegionsView>;
  readonly lists = new Map<string, Promise<LoadBalancer[]>>();
  readonly loaded = new Map<string, LoadBalancer[]>();
  readonly details = new Map<string, Promise<LoadBalancerDetail>>();
  scan?: ScanSummary;
  constructor(readonly generation: number) {}
}

/**
 * The Load Balancers view's data for the active profile: regions (DescribeRegions, the profile's
 * region first), every instance of a region (all pages), an instance's listeners and backends, the
 * all-region scan, the filter and the regions the user expanded. Loads on demand and caches until a
 * refresh or a profile switch, failures included (until Retry), so redraws never repeat a failing
 * call; a failure reaches the tree as the rejection of that branch only.
 */
export class LoadBalancerModel implements Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private cache = new Cache(-1);
  /** Sessions up to this generation belong to a profile we switched away from. */
  private retired = -1;
  private newest = -1;
  private filterText: string | undefined;
  private readonly subscription: Disposable;
  private readonly expanded: ExpandedRegions;

  constructor(
    private readonly sessions: SessionSource,
    state: StateStore,
    private readonly acceptLanguage: string,
    private readonly log?: Log,
  ) {
    this.expanded = new ExpandedRegions(state);
    this.subscription = sessions.onDidChange(() => {
      this.retired = this.newest;
      this.cache = new Cache(-1);
      this.changed.fire();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** The active session, with the cache of its generation. */
  private async current(): Promise<{ session: ActiveSession; cache: Cache } | undefined> {
    const session = await this.sessions.active();
    if (!session) {
      return undefined;
    }
    if (session.generation <= this.retired) {
      // A session asked for before the switch: its answers go to a cache nobody reads.
      return { session, cache: new Cache(session.generation) };
    }
    this.newest = Math.max(this.newest, session.generation);
    if (this.cache.generation !== session.generation) {
      this.cache = new Cache(session.generation);
    }
    return { session, cache: this.cache };
  }

  /** The active profile, when it has a session (undefined too when it has no credentials now). */
  async profile(): Promise<Profile | undefined> {
    return (await this.sessions.active().catch(() => undefined))?.profile;
  }

  /** Undefined when there is no usable profile. */
  async regions(): Promise<RegionsView | undefined> {
    const current = await this.current();
    if (!current) {
      return undefined;
    }
    const { session, cache } = current;
    if (!cache.regions) {
      const home = session.profile.regionId;
      cache.regions = session.session.slb.describeRegions(this.acceptLanguage).then((regions) => ({
        profile: session.profile,
        regions: orderRegions(regions, home),
      }));
      cache.regions.catch(() => undefined); // shown by the tree; kept until Retry or Refresh
    }
    return cache.regions;
  }

  /** Drops a failed (or any) region list, so the next look asks again. */
  forgetRegions(): void {
    this.cache.regions = undefined;
    this.changed.fire();
  }

  /** Every instance of a region, all pages. */
  async loadBalancers(regionId: string): Promise<LoadBalancer[]> {
    const current = await this.current();
    if (!current) {
      return [];
    }
    const { session, cache } = current;
    let list = cache.lists.get(regionId);
    if (!list) {
      list = session.session.slb.listAllLoadBalancers(regionId);
      cache.lists.set(regionId, list);
      list.then((lbs) => {
        const first = !cache.loaded.has(regionId);
        cache.loaded.set(regionId, lbs);
        if (first && this.cache === cache) {
          this.log?.debug(`[slb] ${regionId}: ${lbs.length} load balancers`);
          this.changed.fire(); // the region's count can now be shown
        }
      }, () => undefined); // a failure stays until Retry or Refresh, so redraws do not hammer the service
    }
    return list;
  }

  /** The instances of a region if they are loaded already (for counts), without loading them. */
  loaded(regionId: string): readonly LoadBalancer[] | undefined {
    return this.cache.loaded.get(regionId);
  }

  /** Every instance loaded so far, of every region. */
  allLoaded(): LoadBalancer[] {
    return [...this.cache.loaded.values()].flat();
  }

  async detail(regionId: string, loadBalancerId: string): Promise<LoadBalancerDetail> {
    const current = await this.current();
    if (!current) {
      throw new Error('no profile');
    }
    const { session, cache } = current;
    const key = `${regionId}/${loadBalancerId}`;
    let detail = cache.details.get(key);
    if (!detail) {
      detail = session.session.slb.describeLoadBalancerAttribute(regionId, loadBalancerId);
      cache.details.set(key, detail);
      detail.catch(() => undefined);
    }
    return detail;
  }

  /** Drops what was loaded (or failed) for a region, so the next look loads it again. */
  forgetRegion(regionId: string): void {
    this.cache.lists.delete(regionId);
    this.cache.loaded.delete(regionId);
    this.changed.fire();
  }

  forgetDetail(regionId: string, loadBalancerId: string): void {
    this.cache.details.delete(`${regionId}/${loadBalancerId}`);
    this.changed.fire();
  }

  /** Reloads everything on next look; a scan is forgotten too (it would be stale). */
  refresh(): void {
    this.cache = new Cache(-1);
    this.changed.fire();
  }

  // --- Find in all regions -------------------------------------------------------------------

  get scan(): ScanSummary | undefined {
    return this.cache.scan;
  }

  /**
   * Lists every region's instances, regions in parallel (bounded by the service), and keeps what
   * it finds for the tree. `onRegion` reports progress.
   */
  async scanAllRegions(onRegion?: (done: number, total: number) => void, cancelled?: () => boolean): Promise<ScanSummary | undefined> {
    const view = await this.regions();
    const current = await this.current();
    if (!view || !current) {
      return undefined;
    }
    const { session, cache } = current;
    const ids = view.regions.map((r) => r.regionId);
    let done = 0;
    const scans = await session.session.slb.scanRegions(ids, (scan) => {
      if (scan.loadBalancers) {
        cache.lists.set(scan.regionId, Promise.resolve(scan.loadBalancers));
        cache.loaded.set(scan.regionId, scan.loadBalancers);
      }
      onRegion?.(++done, ids.length);
    }, cancelled);
    const summary = summarize(scans, view.profile.regionId);
    if (this.cache === cache) {
      cache.scan = summary;
      this.log?.info(`[slb] scanned ${summary.scanned} of ${summary.total} regions: ${summary.loadBalancers} load balancers in ${summary.found.length} regions, ${summary.failed.length} failed`);
      this.changed.fire();
    }
    return summary;
  }

  /** Retry of one region that failed during the scan. */
  async rescanRegion(regionId: string): Promise<void> {
    const cache = this.cache;
    const before = cache.scan;
    if (!before) {
      return;
    }
    cache.lists.delete(regionId);
    let scan: RegionScan;
    try {
      scan = { regionId, loadBalancers: await this.loadBalancers(regionId) };
    } catch (error) {
      scan = { regionId, error };
    }
    if (this.cache === cache && cache.scan === before) {
      const others: RegionScan[] = [
        ...before.found.filter((f) => f.regionId !== regionId).map((f) => ({ regionId: f.regionId, loadBalancers: cache.loaded.get(f.regionId) ?? [] })),
        ...before.failed.filter((f) => f.regionId !== regionId).map((f) => ({ regionId: f.regionId, error: f.error })),
      ];
      const home = (await this.profile())?.regionId ?? '';
      const summary = summarize([...others, scan], home);
      // Regions scanned empty are not in found/failed; keep the totals of the first scan.
      cache.scan = { ...summary, scanned: before.scanned, total: before.total, cancelled: before.cancelled };
      this.changed.fire();
    }
  }

  /** Back to every region. */
  clearScan(): void {
    if (this.cache.scan) {
      this.cache.scan = undefined;
      this.changed.fire();
    }
  }

  // --- Filter --------------------------------------------------------------------------------

  get filter(): string | undefined {
    return this.filterText;
  }

  setFilter(text: string | undefined): void {
    const cleaned = text?.trim() || undefined;
    if (cleaned !== this.filterText) {
      this.filterText = cleaned;
      this.changed.fire();
    }
  }

  /** Name, id or address contains the filter text (case-insensitive). */
  matches(lb: LoadBalancer): boolean {
    return matchesFilter(lb, this.filterText);
  }

  // --- Expanded regions (workspace state; not secret) ------------------------------------------

  isExpanded(profileId: string, region: RegionEntry): boolean {
    return this.expanded.isExpanded(profileId, region);
  }

  setExpanded(profileId: string, regionId: string, expanded: boolean, homeRegionId: string): Promise<void> {
    return this.expanded.setExpanded(profileId, regionId, expanded, homeRegionId);
  }
}

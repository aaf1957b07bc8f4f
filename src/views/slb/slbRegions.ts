import type { RegionScan } from '../../aliyun/slbService';
import type { LoadBalancer, SlbRegion } from '../../aliyun/types';
import type { StateStore } from '../../credentials/activeProfile';
import type { Profile } from '../../credentials/profile';

// What the Load Balancers view knows about regions: their order, the scan's summary, the filter
// rule, and which regions the person expanded. Plain data and functions; the model keeps the state.

export interface RegionEntry {
  readonly regionId: string;
  readonly localName: string;
  /** The profile's own region: listed first. */
  readonly home: boolean;
}

export interface RegionsView {
  readonly profile: Profile;
  readonly regions: readonly RegionEntry[];
}

export interface ScanSummary {
  /** Regions with at least one instance, the profile's region first, then by count. */
  readonly found: ReadonlyArray<{ readonly regionId: string; readonly count: number }>;
  readonly failed: ReadonlyArray<{ readonly regionId: string; readonly error: unknown }>;
  readonly scanned: number;
  readonly total: number;
  readonly loadBalancers: number;
  readonly cancelled: boolean;
}

const EXPANDED_KEY = 'alibabaCloud.slb.expandedRegions';

/** The regions the person expanded, per profile, in workspace state (not secret). */
export class ExpandedRegions {
  constructor(private readonly state: StateStore) {}

  isExpanded(profileId: string, region: RegionEntry): boolean {
    const remembered = this.state.get<Record<string, string[]>>(EXPANDED_KEY)?.[profileId];
    return remembered ? remembered.includes(region.regionId) : region.home;
  }

  async setExpanded(profileId: string, regionId: string, expanded: boolean, homeRegionId: string): Promise<void> {
    const all = { ...(this.state.get<Record<string, string[]>>(EXPANDED_KEY) ?? {}) };
    // Until the user expands or collapses something, the profile's region counts as expanded.
    const current = new Set(all[profileId] ?? [homeRegionId]);
    if (expanded === current.has(regionId) && all[profileId]) {
      return;
    }
    if (expanded) {
      current.add(regionId);
    } else {
      current.delete(regionId);
    }
    all[profileId] = [...current];
    await this.state.update(EXPANDED_KEY, all);
  }
}

/** The profile's region first (added if DescribeRegions does not list it, so its error shows), then the service's order. */
export function orderRegions(regions: readonly SlbRegion[], home: string): RegionEntry[] {
  const entries = regions.map((r) => ({ regionId: r.regionId, localName: r.localName || r.regionId, home: r.regionId === home }));
  const homeEntry = entries.find((r) => r.home) ?? { regionId: home, localName: home, home: true };
  return [homeEntry, ...entries.filter((r) => !r.home)];
}

export function matchesFilter(lb: LoadBalancer, filter: string | undefined): boolean {
  if (!filter) {
    return true;
  }
  const needle = filter.toLowerCase();
  return [lb.loadBalancerName, lb.loadBalancerId, lb.address].some((v) => (v ?? '').toLowerCase().includes(needle));
}

export function summarize(scans: readonly RegionScan[], home: string): ScanSummary {
  const found = scans
    .filter((s) => s.loadBalancers && s.loadBalancers.length > 0)
    .map((s) => ({ regionId: s.regionId, count: s.loadBalancers?.length ?? 0 }))
    .sort((a, b) => Number(b.regionId === home) - Number(a.regionId === home) || b.count - a.count || a.regionId.localeCompare(b.regionId));
  return {
    found,
    failed: scans.filter((s) => s.error !== undefined).map((s) => ({ regionId: s.regionId, error: s.error })),
    scanned: scans.filter((s) => !s.cancelled).length,
    total: scans.length,
    loadBalancers: found.reduce((n, r) => n + r.count, 0),
    cancelled: scans.some((s) => s.cancelled),
  };
}

import type { LoadBalancersView } from '../../views/slb/loadBalancersView';
import { findInAllRegions } from './findInAllRegions';

/** Refresh: drops what was loaded; after Find in All Regions, scans again. */
export async function refreshLoadBalancers(view: LoadBalancersView): Promise<void> {
  const rescan = view.model.scan !== undefined;
  view.model.refresh();
  if (rescan) {
    await findInAllRegions(view, { quiet: true });
  }
}

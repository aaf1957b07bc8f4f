import type { LoadBalancersView } from '../../views/slb/loadBalancersView';

/** Show All Regions: leaves the result of Find in All Regions. */
export async function showAllRegions(view: LoadBalancersView): Promise<void> {
  view.model.clearScan();
}

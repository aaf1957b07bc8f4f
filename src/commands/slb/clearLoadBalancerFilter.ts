import type { LoadBalancersView } from '../../views/slb/loadBalancersView';

/** Clear Filter: every instance again. */
export async function clearLoadBalancerFilter(view: LoadBalancersView): Promise<void> {
  view.model.setFilter(undefined);
}

import type { RamExplorer } from '../../views/ram/ramExplorer';

/** Clear Filter: every user and role again. */
export async function clearUserFilter(explorer: RamExplorer): Promise<void> {
  explorer.model.setFilter('');
}

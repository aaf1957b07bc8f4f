import type { RamExplorer } from '../../views/ram/ramExplorer';

/** Refresh: forget everything the RAM view loaded and ask again. */
export async function refreshRam(explorer: RamExplorer): Promise<void> {
  explorer.refresh();
}

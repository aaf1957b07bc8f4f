import type { TreeNode } from '../tree/treeNode';
import type { HealthSettings } from './keyHealth';
import type { RamExplorerModel } from './ramModel';

/** What nodes need from the view: the model, the settings, and one instance per node id. */
export interface RamTreeContext {
  readonly model: RamExplorerModel;
  healthSettings(): HealthSettings;
  /**
   * The same node object for the same id within a generation, so a branch can be refreshed alone;
   * a new one when `current` says the kept one shows outdated data.
   */
  node<T extends TreeNode>(id: string, make: () => T, current?: (kept: T) => boolean): T;
  now(): Date;
}

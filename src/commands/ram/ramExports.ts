import type { DeleteReminder } from '../../credentials/keys/rotationReminders';
import { summarize, type RotationSummary } from '../../credentials/keys/rotationTypes';
import type { RamExplorer } from '../../views/ram/ramExplorer';
import type { CommandContext } from '../context';
import { offerUnfinishedRotations } from './rotationStartup';

/** What activate() exposes of the RAM feature, for the integration tests (no secrets in any of it). */
export interface RamExports {
  /** The RAM view: `provider` (the tree the view shows) and `model`. */
  readonly explorer: RamExplorer;
  /** Unfinished rotations, without their secrets. */
  rotations(): Promise<RotationSummary[]>;
  /** Old keys waiting to be deleted. */
  deleteReminders(): DeleteReminder[];
  /** What activation runs: finds unfinished rotations and due reminders, and offers them. */
  checkOnStartup(): Promise<{ rotations: RotationSummary[]; reminders: DeleteReminder[] }>;
}

export function ramExports(ctx: CommandContext): RamExports {
  return {
    explorer: ctx.ram,
    rotations: async () => (await ctx.rotations.list()).map(summarize),
    deleteReminders: () => ctx.reminders.all(),
    checkOnStartup: () => offerUnfinishedRotations(ctx),
  };
}

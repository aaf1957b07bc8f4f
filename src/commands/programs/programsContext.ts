import type { ProgramServing } from '../../credentials/serving/programServing';
import type { CommandContext } from '../context';

/** What the commands for the person's programs work with: the command context and this window's credentials endpoint. */
export interface ProgramsContext extends CommandContext {
  readonly serving: ProgramServing;
}

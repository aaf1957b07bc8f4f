import type { CommandContext } from '../context';
import { setKeyStatus, type KeyChangeResult } from './keyTarget';

/** Enable AccessKey: a disabled key works again. */
export function enableAccessKey(ctx: CommandContext, arg?: unknown, options?: unknown): Promise<KeyChangeResult> {
  return setKeyStatus(ctx, arg, options, 'Active');
}

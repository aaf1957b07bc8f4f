import type { CommandContext } from '../context';
import { setKeyStatus, type KeyChangeResult } from './keyTarget';

/** Disable AccessKey: every call with it fails until it is enabled again. */
export function disableAccessKey(ctx: CommandContext, arg?: unknown, options?: unknown): Promise<KeyChangeResult> {
  return setKeyStatus(ctx, arg, options, 'Inactive');
}

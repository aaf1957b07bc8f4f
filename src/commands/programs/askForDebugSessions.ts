import type { ServingState } from '../../credentials/serving/programServing';
import { isArgs } from '../args';
import { t } from '../../util/l10n';
import { openDoor } from './openDoor';
import type { ProgramsContext } from './programsContext';

/**
 * The question a debug session's start asks (hidden from the palette): whether debug sessions of
 * this workspace get the credentials endpoint. Always a modal, whoever runs it; its argument only
 * says why it is asked.
 */
export async function askForDebugSessions(pctx: ProgramsContext, args?: { because?: 'sdk' | 'setting' }): Promise<ServingState> {
  const reason = isArgs(args) && args.because === 'sdk'
    ? t('This workspace depends on an Alibaba Cloud SDK, so you are asked once. Later: Alibaba Cloud: Use Credentials in Debug Sessions turns it on, the setting alibabaCloud.programs.debugSessions set to false keeps it off.')
    : undefined;
  await openDoor(pctx, 'debug', undefined, { interactive: true, reason });
  return pctx.serving.state();
}

import { CloudSsoError } from '../../aliyun/cloudSsoPortal';
import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';

/** Where a sign-in failed, for the words: the portal's host and, once known, the code the person saw. */
export interface SignInPlace {
  readonly signInUrl: string;
  readonly host: string;
  readonly userCode?: string;
}

/**
 * A portal failure during sign-in, said plainly with what to do next and that nothing was kept.
 * The portal's own message names the failed step: it is the cause, and the message for other kinds.
 */
export function explainPortalFailure(error: unknown, place: SignInPlace): unknown {
  if (!(error instanceof CloudSsoError)) {
    return error;
  }
  const code = place.userCode ?? '';
  switch (error.kind) {
    case 'denied':
      return new UserFacingError(t('The CloudSSO sign-in with code {0} was denied in the browser. Nothing was saved.', code), { cause: error });
    case 'expiredCode':
      return new UserFacingError(t('The code {0} expired before it was approved. Run Sign In with CloudSSO again for a new code.', code), { cause: error });
    case 'unreachable':
      return new UserFacingError(t('The CloudSSO portal {0} cannot be reached. Check the sign-in URL, your network and proxy, then try again. Nothing was saved.', place.host), { cause: error });
    case 'wrongUrl':
      return new UserFacingError(t('{0} does not answer as a CloudSSO sign-in portal. Copy the user portal sign-in URL from the CloudSSO console (Overview page) and try again. Nothing was saved.', place.signInUrl), { cause: error });
    default:
      return error;
  }
}

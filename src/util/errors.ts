import { t } from './l10n';
import { redact } from './mask';

/** Thrown when the person dismisses a prompt: the command wrapper stays silent. */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UserCancelled';
  }
}

/**
 * An error whose message is written for the person and is safe to show as it is: no secret, no
 * signed URL, AccessKey IDs masked. Every error type of ours extends it; what is not one of them
 * is shown redacted (see errorMessage). The detail for the log goes in `cause` or in fields.
 */
export abstract class SafeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A command's own refusal or explanation ("Name the AccessKey: …"). */
export class UserFacingError extends SafeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

/** What to show the person: a safe error's message, anything else redacted behind "Something went wrong". */
export function errorMessage(error: unknown): string {
  if (error instanceof SafeError) {
    return error.message;
  }
  return t('Something went wrong: {0}', redact(error instanceof Error ? error.message : String(error)));
}

import { UserCancelled } from '../util/errors';

/**
 * One question to the person before a secret leaves secret storage, the cloud changes, or one of
 * their files is rewritten. The palette, a menu, a link and another extension all reach a command
 * the same way, so arguments can fill in every choice but never this answer.
 */
export interface ConsentRequest {
  /** Exactly what will happen, in one sentence. */
  readonly message: string;
  /** What follows from it (who else gets the secret, what cannot be undone). */
  readonly detail: string;
  /** The button that goes ahead; anything else (Cancel, Escape) stops the command. */
  readonly action: string;
  /** The arguments said yes (`confirm: true` and the like). Honoured in Test mode only. */
  readonly preapproved?: boolean;
}

export interface Consent {
  /** Resolves when the person (or, in Test mode only, the arguments) agreed; throws UserCancelled otherwise. */
  ask(request: ConsentRequest): Promise<void>;
  /** True only when the extension runs under a test runner (`ExtensionMode.Test`). */
  readonly testMode: boolean;
}

/** A modal warning with one action button; resolves to the button pressed, if any. */
export type AskModal = (message: string, detail: string, action: string) => PromiseLike<string | undefined>;

/** The extension's consent: the modal in production whatever the arguments say; `testMode` only under a test runner. */
export function createConsent(testMode: boolean, modal: AskModal): Consent {
  return {
    testMode,
    async ask(request) {
      if (testMode && request.preapproved === true) {
        return;
      }
      const choice = await modal(request.message, request.detail, request.action);
      if (choice !== request.action) {
        throw new UserCancelled();
      }
    },
  };
}

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
  /** A second button that does something else instead (the change does not happen). */
  readonly alternative?: string;
}

/** Which button went ahead: the action, or the alternative. */
export type ConsentAnswer = 'agreed' | 'alternative';

export interface Consent {
  /** Resolves when the person (or, in Test mode only, the arguments) agreed or chose the alternative; throws UserCancelled otherwise. */
  ask(request: ConsentRequest): Promise<ConsentAnswer>;
  /** True only when the extension runs under a test runner (`ExtensionMode.Test`). */
  readonly testMode: boolean;
}

/** A modal warning with its action button (and the alternative's); resolves to the button pressed, if any. */
export type AskModal = (message: string, detail: string, action: string, alternative?: string) => PromiseLike<string | undefined>;

/** The extension's consent: the modal in production whatever the arguments say; `testMode` only under a test runner. */
export function createConsent(testMode: boolean, modal: AskModal): Consent {
  return {
    testMode,
    async ask(request) {
      if (testMode && request.preapproved === true) {
        return 'agreed';
      }
      const choice = await modal(request.message, request.detail, request.action, request.alternative);
      if (choice === request.action) {
        return 'agreed';
      }
      if (request.alternative !== undefined && choice === request.alternative) {
        return 'alternative';
      }
      throw new UserCancelled();
    },
  };
}

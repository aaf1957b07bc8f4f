import * as vscode from 'vscode';
import { UserCancelled } from './context';

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

export type AskModal = (message: string, detail: string, action: string) => Thenable<string | undefined>;

const showModal: AskModal = (message, detail, action) => vscode.window.showWarningMessage(message, { modal: true, detail }, action);

/** The extension's consent: a modal in production whatever the arguments say. */
export function createConsent(mode: vscode.ExtensionMode, modal: AskModal = showModal): Consent {
  const testMode = mode === vscode.ExtensionMode.Test;
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

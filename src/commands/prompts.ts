import * as vscode from 'vscode';
import type { Checked } from '../credentials/profile';
import { UserCancelled } from './context';

export interface TextPrompt {
  title: string;
  prompt: string;
  placeHolder?: string;
  value?: string;
  password?: boolean;
  check: (value: string) => Checked;
}

/** An input box that explains a rejection in the box itself and returns the cleaned value. */
export async function askText(p: TextPrompt): Promise<string> {
  const raw = await vscode.window.showInputBox({
    title: p.title,
    prompt: p.prompt,
    placeHolder: p.placeHolder,
    value: p.value,
    password: p.password,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const checked = p.check(value);
      return checked.ok ? undefined : { message: checked.message, severity: vscode.InputBoxValidationSeverity.Error };
    },
  });
  if (raw === undefined) {
    throw new UserCancelled();
  }
  const checked = p.check(raw);
  if (!checked.ok) {
    throw new UserCancelled();
  }
  return checked.value;
}

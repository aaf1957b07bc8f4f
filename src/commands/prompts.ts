import * as vscode from 'vscode';
import { checkLabel, DEFAULT_REGION, isProductionLabel, SUGGESTED_LABELS, type Checked, type CheckedValue } from '../credentials/profile';
import { t } from '../util/l10n';
import { UserCancelled, UserFacingError } from '../util/errors';

export interface TextPrompt {
  title: string;
  prompt: string;
  placeHolder?: string;
  value?: string;
  password?: boolean;
  check: (value: string) => Checked;
}

/** The checked value, or the check's message as an error the person reads (arguments from code). */
export function must<T>(checked: CheckedValue<T>): T {
  if (!checked.ok) {
    throw new UserFacingError(checked.message);
  }
  return checked.value;
}

/** A check of any value as an input box's check: the message, or the value as typed (trimmed). */
export function asTextCheck<T>(check: (value: string) => CheckedValue<T>): (value: string) => Checked {
  return (value) => {
    const checked = check(value);
    return checked.ok ? { ok: true, value: value.trim() } : checked;
  };
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

/** The environment label: the usual ones, "none", or any other word. */
export async function pickLabel(title: string, current?: string): Promise<string | undefined> {
  interface LabelItem extends vscode.QuickPickItem {
    value?: string;
    other?: boolean;
  }
  const items: LabelItem[] = [
    { label: t('No label'), value: '', picked: !current },
    ...SUGGESTED_LABELS.map((l) => ({
      label: l, value: l, picked: l === current,
      description: isProductionLabel(l) ? t('the status bar turns amber as a warning') : undefined,
    })),
    { label: t('Other…'), other: true, description: current && !SUGGESTED_LABELS.includes(current) ? current : undefined },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title, placeHolder: t('Environment label (colours the status bar; a "prod" label warns)'), ignoreFocusOut: true,
  });
  if (!pick) {
    throw new UserCancelled();
  }
  if (pick.other) {
    const value = await askText({ title, prompt: t('Environment label, e.g. dev, test, staging or prod'), value: current, check: checkLabel });
    return value || undefined;
  }
  return pick.value || undefined;
}

/** A region from a list (the service's, or the built-in one offline); the current one first. */
export async function pickRegion(
  title: string, regions: ReadonlyArray<{ regionId: string; localName?: string }>, current?: string, note?: string,
  currentLabel: string = t('current'),
): Promise<string> {
  const sorted = [...regions].sort((a, b) => (a.regionId === current ? -1 : b.regionId === current ? 1 : 0));
  const pick = await vscode.window.showQuickPick(
    sorted.map((r) => ({
      label: r.regionId,
      description: [r.localName && r.localName !== r.regionId ? r.localName : '', r.regionId === current ? currentLabel : ''].filter(Boolean).join(' · '),
    })),
    { title, placeHolder: note ?? t('Default region ({0} if unsure)', DEFAULT_REGION), ignoreFocusOut: true, matchOnDescription: true },
  );
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.label;
}

/** A modal yes/no; programmatic callers pass the answer in their args instead. */
export async function confirmModal(message: string, detail: string, action: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  if (choice !== action) {
    throw new UserCancelled();
  }
}

import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import { UserCancelled } from '../../util/errors';
import type { LoadBalancersView } from '../../views/slb/loadBalancersView';

export interface FilterArgs {
  /** Part of a name, id or address; empty clears the filter. */
  text?: string;
}

export interface FilterResult {
  readonly filter: string | undefined;
  /** Matching instances among those loaded (every region after Find in All Regions). */
  readonly matches: number;
  readonly loaded: number;
}

/** Filter: shows only instances whose name, id or address contains the text. */
export async function filterLoadBalancers(view: LoadBalancersView, args?: FilterArgs): Promise<FilterResult> {
  const { model } = view;
  let text = args?.text;
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: t('Filter Load Balancers'),
      prompt: t('Part of a name, ID or address; empty shows every instance'),
      value: model.filter ?? '',
    });
    if (text === undefined) {
      throw new UserCancelled();
    }
  }
  model.setFilter(text);
  const loaded = model.allLoaded();
  return { filter: model.filter, matches: loaded.filter((lb) => model.matches(lb)).length, loaded: loaded.length };
}

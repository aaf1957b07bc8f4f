import * as vscode from 'vscode';
import { Commands, StatusBarItemId } from '../constants';
import type { ActiveProfile } from '../credentials/activeProfile';
import type { CloudSsoServices } from '../credentials/cloudSso/services';
import { isCloudSsoProfile, isProductionLabel, type Profile } from '../credentials/profile';
import type { ProfileStore } from '../credentials/profileStore';
import type { TerminalEnvironment } from '../credentials/terminalEnvironment';
import type { TestResults } from '../credentials/testResults';
import type { RoleCredentials } from '../credentials/roles/roleCredentials';
import { t } from '../util/l10n';
import { describeExpiry, profileTooltip } from './profiles/profileTooltip';
import { isRootResult } from '../credentials/rootGuard';
import { signInStatus, type SsoTooltip } from './profiles/cloudSsoTooltip';

/** A role's credentials this close to their end turn the item amber (they are renewed before then when all is well). */
const ENDING_MS = 5 * 60 * 1000;

/** "54 min", "2 h 5 min": time left, to the minute. */
function countdown(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes < 60 ? t('{0} min', minutes) : t('{0} h {1} min', Math.floor(minutes / 60), minutes % 60);
}

/** Longest wait setTimeout takes; an expiry further away is re-armed on the next update. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `$(cloud) name · region`; created once, updated from events; click opens the picker. Amber for a
 * prod-labelled profile, red after a failed test or once its STS token has expired.
 */
export class ProfileStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: ProfileStore,
    private readonly active: ActiveProfile,
    private readonly results: TestResults,
    private readonly terminal?: TerminalEnvironment,
    private readonly roles?: RoleCredentials,
    private readonly cloudSso?: Pick<CloudSsoServices, 'signIns' | 'credentials'>,
  ) {
    this.item = vscode.window.createStatusBarItem(StatusBarItemId, vscode.StatusBarAlignment.Left, 50);
    this.item.name = t('Alibaba Cloud Profile');
    this.item.command = Commands.selectProfile;
    this.disposables.push(
      this.item,
      this.store.onDidChange(() => void this.update()),
      active.onDidChange(() => void this.update()),
      results.onDidChange(() => void this.update()),
    );
    if (terminal) {
      this.disposables.push(terminal.onDidChange(() => void this.update()));
    }
    if (roles) {
      this.disposables.push(roles.onDidChange(() => void this.update()));
    }
    if (cloudSso) {
      this.disposables.push(cloudSso.signIns.onDidChange(() => void this.update()), cloudSso.credentials.onDidChange(() => void this.update()));
    }
    void this.update();
  }

  async update(): Promise<void> {
    const profile = await this.active.current();
    if (this.expiryTimer) {
      clearTimeout(this.expiryTimer);
      this.expiryTimer = undefined;
    }
    if (!profile) {
      this.item.text = `$(cloud) ${t('Alibaba Cloud')}`;
      this.item.tooltip = t('No Alibaba Cloud profile. Click to add or import one.');
      this.item.accessibilityInformation = { label: t('Alibaba Cloud profile: none. Click to add one.') };
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    const result = this.results.get(profile.id);
    const tested = result && result.accessKeyId === profile.accessKeyId ? result : undefined;
    const expired = profile.expiration ? describeExpiry(profile.expiration).expired : false;
    const role = profile.role ? this.roles?.state(profile.id) : undefined;
    const sso = await this.ssoTooltip(profile);
    // A CloudSSO profile counts down its directory sign-in (its credentials renew themselves until then).
    const until = sso ? sso.signInEndsAt : role?.expiresAt;
    const left = until !== undefined ? until - Date.now() : undefined;
    const root = isRootResult(tested);
    const ssoStatus = sso ? signInStatus(sso.signInEndsAt) : undefined;
    const ssoText = ssoStatus === 'ended' ? ` · $(error) ${t('Sign in again')}` : ssoStatus === 'ending' ? ` · $(warning) ${countdown(left ?? 0)} · ${t('Sign in again')}` : '';
    const clock = !ssoText && left !== undefined && left > 0 ? ` · $(clock) ${countdown(left)}` : '';
    this.item.text = `$(cloud) ${profile.name} · ${profile.regionId}${root ? ` · $(warning) ${t('root')}` : ''}${clock}${ssoText}`;
    this.item.accessibilityInformation = {
      label: [
        profile.label
          ? t('Alibaba Cloud profile: {0}, region {1}, environment {2}', profile.name, profile.regionId, profile.label)
          : t('Alibaba Cloud profile: {0}, region {1}', profile.name, profile.regionId),
        expired ? t('STS token expired') : '',
        ssoStatus === 'ended' ? t('CloudSSO sign-in ended: sign in again') : ssoStatus === 'ending' ? t('CloudSSO sign-in ends in {0}: sign in again', countdown(left ?? 0)) : '',
        root ? t('the account\'s root AccessKey') : '',
      ].filter(Boolean).join(t(', ')),
    };
    const inTerminal = this.terminal?.enabled ?? false;
    const source = profile.role ? await this.store.get(profile.role.sourceProfileId) : undefined;
    this.item.tooltip = profileTooltip(profile, tested, { inTerminal, footer: t('Click to switch profile'), role: { sourceName: source?.name, state: role }, sso });

    const failed = (tested && !tested.ok) || expired || ssoStatus === 'ended' || (left !== undefined && left <= 0 && role?.lastError !== undefined);
    // Amber near the end of a role's credentials or of a CloudSSO sign-in, or when renewing failed and the old ones still work.
    const ending = ssoStatus === 'ending' || (!sso && left !== undefined && left > 0 && (left < ENDING_MS || role?.lastError !== undefined)) || (sso?.state?.lastError !== undefined && ssoStatus !== 'ended');
    this.item.backgroundColor = failed
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : isProductionLabel(profile.label) || ending || root ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    if (left !== undefined && left > 0) {
      // The countdown moves once a minute (and at the moment it runs out).
      this.expiryTimer = setTimeout(() => void this.update(), Math.min(60_000, left + 1000));
      return;
    }

    if (profile.expiration && !expired) {
      // Turn red when the token runs out, without waiting for another event.
      const wait = Math.min(MAX_TIMER_MS, Date.parse(profile.expiration) - Date.now() + 1000);
      this.expiryTimer = setTimeout(() => void this.update(), wait);
    }
  }

  /** The sign-in and credentials of a CloudSSO profile; undefined for other profiles. */
  private async ssoTooltip(profile: Profile): Promise<SsoTooltip | undefined> {
    if (!isCloudSsoProfile(profile) || !this.cloudSso) {
      return undefined;
    }
    const signIn = await this.cloudSso.signIns.signIn(profile.sso.signInUrl);
    const endsAt = signIn ? Date.parse(signIn.expiresAt) : NaN;
    return { signInEndsAt: Number.isNaN(endsAt) ? undefined : endsAt, state: this.cloudSso.credentials.state(profile.id) };
  }

  /** What the item shows now (tests read it; nothing secret in it). */
  snapshot(): { text: string; tooltip: string; background?: string; accessibilityLabel?: string } {
    const tooltip = this.item.tooltip;
    return {
      text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '',
      background: this.item.backgroundColor?.id,
      accessibilityLabel: this.item.accessibilityInformation?.label,
    };
  }

  dispose(): void {
    if (this.expiryTimer) {
      clearTimeout(this.expiryTimer);
    }
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

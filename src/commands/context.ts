import type * as vscode from 'vscode';
import type { ActiveProfile } from '../credentials/activeProfile';
import type { CloudSsoServices } from '../credentials/cloudSso/services';
import type { KeyRotation } from '../credentials/keys/rotation';
import type { RotationJournal } from '../credentials/keys/rotationJournal';
import type { RotationReminders } from '../credentials/keys/rotationReminders';
import type { ProfileSessions } from '../credentials/profileSessions';
import type { ProfileStore } from '../credentials/profileStore';
import type { TerminalEnvironment } from '../credentials/terminalEnvironment';
import type { TestResults } from '../credentials/testResults';
import type { RamExplorer } from '../views/ram/ramExplorer';
import type { LoadBalancersView } from '../views/slb/loadBalancersView';
import type { Consent } from './consent';

/** What commands work with; built once in extension.ts and handed to each command. */
export interface CommandContext {
  readonly store: ProfileStore;
  readonly active: ActiveProfile;
  readonly results: TestResults;
  /** Where a profile becomes a session: a named one, or the active one (the views' account). */
  readonly sessions: ProfileSessions;
  readonly log: vscode.LogOutputChannel;
  /** The Load Balancers view, for its commands. */
  readonly loadBalancers: LoadBalancersView;
  /** The RAM view, for its commands. */
  readonly ram: RamExplorer;
  /** Unfinished key rotations, in SecretStorage. */
  readonly rotations: RotationJournal;
  /** The rotation state machine over this window's store, journal, sessions and reminders. */
  readonly rotation: KeyRotation;
  /** Old keys disabled by a rotation, waiting to be deleted. */
  readonly reminders: RotationReminders;
  /** "Use in terminal": the active profile's credentials in new terminals. */
  readonly terminal: TerminalEnvironment;
  /** Asks the person before a secret leaves, the cloud changes or a file of theirs is rewritten. */
  readonly consent: Consent;
  /** CloudSSO: the directories' sign-ins (tokens in secret storage), their portals, the profiles' credentials. */
  readonly cloudSso: CloudSsoServices;
}

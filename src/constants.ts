// Typed ids for everything package.json names, in one place.
export const EXTENSION_ID = 'akworks.alibaba-cloud-credentials';

export const Commands = {
  addProfile: 'alibabaCloud.addProfile',
  selectProfile: 'alibabaCloud.selectProfile',
  // Profiles: edit, import, export, terminal
  editProfile: 'alibabaCloud.editProfile',
  renameProfile: 'alibabaCloud.renameProfile',
  duplicateProfile: 'alibabaCloud.duplicateProfile',
  deleteProfile: 'alibabaCloud.deleteProfile',
  setDefaultRegion: 'alibabaCloud.setDefaultRegion',
  copyAccessKeyId: 'alibabaCloud.copyAccessKeyId',
  importProfiles: 'alibabaCloud.importProfiles',
  exportProfile: 'alibabaCloud.exportProfile',
  useInTerminal: 'alibabaCloud.useInTerminal',
  stopUsingInTerminal: 'alibabaCloud.stopUsingInTerminal',
  testCredentials: 'alibabaCloud.testCredentials',
  // CloudSSO: sign in to a directory, pick an account and an access configuration
  cloudSsoSignIn: 'alibabaCloud.cloudSso.signIn',
  cloudSsoSwitch: 'alibabaCloud.cloudSso.switch',
  cloudSsoSignInAgain: 'alibabaCloud.cloudSso.signInAgain',
  cloudSsoSignOut: 'alibabaCloud.cloudSso.signOut',
  showLog: 'alibabaCloud.showLog',
  // Load Balancers view
  slbRefresh: 'alibabaCloud.slb.refresh',
  slbFindInAllRegions: 'alibabaCloud.slb.findInAllRegions',
  slbShowAllRegions: 'alibabaCloud.slb.showAllRegions',
  slbFilter: 'alibabaCloud.slb.filter',
  slbClearFilter: 'alibabaCloud.slb.clearFilter',
  slbCopyId: 'alibabaCloud.slb.copyId',
  slbCopyAddress: 'alibabaCloud.slb.copyAddress',
  slbOpenInConsole: 'alibabaCloud.slb.openInConsole',
  slbCopyConsoleLink: 'alibabaCloud.slb.copyConsoleLink',
  // RAM view and the AccessKey lifecycle
  ramRefresh: 'alibabaCloud.ram.refresh',
  ramCheckAllKeys: 'alibabaCloud.ram.checkAllKeys',
  ramFilterUsers: 'alibabaCloud.ram.filterUsers',
  ramClearFilter: 'alibabaCloud.ram.clearFilter',
  ramCreateAccessKey: 'alibabaCloud.ram.createAccessKey',
  ramCreateRamUserAndKey: 'alibabaCloud.ram.createRamUserAndKey',
  ramDisableAccessKey: 'alibabaCloud.ram.disableAccessKey',
  ramEnableAccessKey: 'alibabaCloud.ram.enableAccessKey',
  ramDeleteAccessKey: 'alibabaCloud.ram.deleteAccessKey',
  ramRotateAccessKey: 'alibabaCloud.ram.rotateAccessKey',
  ramResumeRotation: 'alibabaCloud.ram.resumeRotation',
  ramCopyAccessKeyId: 'alibabaCloud.ram.copyAccessKeyId',
  ramAssumeRoleAsProfile: 'alibabaCloud.ram.assumeRoleAsProfile',
  ramCopyRoleArn: 'alibabaCloud.ram.copyRoleArn',
  ramOpenRoleInConsole: 'alibabaCloud.ram.openRoleInConsole',
  // Credentials for the person's programs: the local endpoint, terminals, debug sessions
  programsUseInDebugSessions: 'alibabaCloud.programs.useInDebugSessions',
  programsAskForDebugSessions: 'alibabaCloud.programs.askForDebugSessions',
  programsServeInTerminals: 'alibabaCloud.programs.serveInTerminals',
  programsChooseRole: 'alibabaCloud.programs.chooseRole',
  programsStopServing: 'alibabaCloud.programs.stopServing',
  // Keys written into files: detection, owners, quick fixes
  leaksScanWorkspace: 'alibabaCloud.leaks.scanWorkspace',
  leaksFindOwner: 'alibabaCloud.leaks.findOwner',
  leaksDisableAccessKey: 'alibabaCloud.leaks.disableAccessKey',
  leaksIgnoreInFile: 'alibabaCloud.leaks.ignoreInFile',
  leaksShowIgnored: 'alibabaCloud.leaks.showIgnored',
  leaksCheckStagedChanges: 'alibabaCloud.leaks.checkStagedChanges',
} as const;

export const Settings = {
  section: 'alibabaCloud',
  endpoints: 'endpoints',
  useVpcEndpoints: 'useVpcEndpoints',
  allowInsecureEndpoints: 'allowInsecureEndpoints',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  consoleSite: 'consoleSite',
  ramKeyAgeWarningDays: 'ram.keyAgeWarningDays',
  ramUnusedKeyWarningDays: 'ram.unusedKeyWarningDays',
  leaksEnabled: 'leaks.enabled',
  leaksScanWorkspaceOnOpen: 'leaks.scanWorkspaceOnOpen',
  programsDebugSessions: 'programs.debugSessions',
  cloudSsoClientId: 'cloudSso.clientId',
} as const;

export const StatusBarItemId = 'alibabaCloud.activeProfile';
export const OutputChannelName = 'Alibaba Cloud';

/** The Load Balancers view and its context keys. */
export const SlbView = {
  id: 'alibabaCloud.loadBalancers',
  filteredContext: 'alibabaCloud.slb.filtered',
  scannedContext: 'alibabaCloud.slb.scanned',
} as const;

/** The RAM view and its context keys. */
export const RamView = {
  id: 'alibabaCloud.ram',
  filteredContext: 'alibabaCloud.ram.filtered',
  rotationPendingContext: 'alibabaCloud.ram.rotationPending',
} as const;

/** The Profiles view and its context keys. */
export const ProfilesView = {
  id: 'alibabaCloud.profiles',
  /** True once the list is known and has at least one profile. */
  hasProfilesContext: 'alibabaCloud.profiles.any',
  /** True while new terminals get the active profile's credentials. */
  terminalContext: 'alibabaCloud.profiles.inTerminal',
} as const;

/** Credentials for the person's programs: the status bar item and the context key. */
export const Programs = {
  statusBarItemId: 'alibabaCloud.programs',
  /** True while the credentials endpoint serves in this window. */
  servingContext: 'alibabaCloud.programs.serving',
} as const;

/** Keys and secrets found in files: where the Problems panel says they come from. */
export const LeakDiagnostics = {
  collection: 'Alibaba Cloud Credentials',
  source: 'Alibaba Cloud Credentials',
} as const;

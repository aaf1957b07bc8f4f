// Typed ids for everything package.json names, in one place.
export const EXTENSION_ID = 'akworks.alibaba-cloud-credentials';

export const Commands = {
  addProfile: 'alibabaCloud.addProfile',
  selectProfile: 'alibabaCloud.selectProfile',
  testCredentials: 'alibabaCloud.testCredentials',
  showLog: 'alibabaCloud.showLog',
} as const;

export const Settings = {
  section: 'alibabaCloud',
  endpoints: 'endpoints',
  useVpcEndpoints: 'useVpcEndpoints',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
} as const;

export const StatusBarItemId = 'alibabaCloud.activeProfile';
export const OutputChannelName = 'Alibaba Cloud';

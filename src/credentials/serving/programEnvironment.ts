import * as os from 'node:os';

/**
 * The variables that make a program's Alibaba Cloud SDK (and the aliyun CLI) ask the credentials
 * endpoint. The SDKs' default chain tries the environment, OIDC, the CLI config, the credentials
 * file and ECS metadata before ALIBABA_CLOUD_CREDENTIALS_URI (`@alicloud/credentials`
 * providers/default.js), so each of those is switched off here or it would silently win.
 */
export function endpointVariables(url: string, regionId: string): Record<string, string> {
  return {
    ALIBABA_CLOUD_CREDENTIALS_URI: url,
    ALIBABA_CLOUD_REGION_ID: regionId,
    // Empty values count as absent to the environment provider (a key from the person's shell profile would win).
    ALIBABA_CLOUD_ACCESS_KEY_ID: '',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: '',
    ALIBABA_CLOUD_SECURITY_TOKEN: '',
    // OIDC needs a role ARN: without one it steps aside.
    ALIBABA_CLOUD_ROLE_ARN: '',
    ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true',
    // An empty credentials file has no [default] section, so the profile provider steps aside.
    ALIBABA_CLOUD_CREDENTIALS_FILE: os.devNull,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
  };
}

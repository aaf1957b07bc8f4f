import * as vscode from 'vscode';
import type { CloudSettings } from './aliyun/clientFactory';
import { DEFAULT_CLOUDSSO_CLIENT_ID } from './aliyun/cloudSsoProtocol';
import type { CloudSsoSettings } from './credentials/cloudSso/services';
import type { ConsoleSiteSetting } from './aliyun/console';
import type { EndpointSettings } from './aliyun/endpoints';
import { Settings } from './constants';


/**
 * Cloud settings from user or machine settings only. Endpoint settings are machine-scoped (VS Code
 * ignores them in workspace settings); we also read only the global value, so a cloned
 * repository can never send our signed requests elsewhere.
 */
export function readCloudSettings(): CloudSettings {
  const config = vscode.workspace.getConfiguration(Settings.section);
  const global = <T>(key: string): T | undefined => {
    const inspected = config.inspect<T>(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
  };
  const overrides = global<Record<string, unknown>>(Settings.endpoints) ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const endpoints: EndpointSettings = {
    ram: str(overrides['ram']),
    sts: str(overrides['sts']),
    slb: str(overrides['slb']),
    ims: str(overrides['ims']),
    vpc: global<boolean>(Settings.useVpcEndpoints) ?? false,
    allowInsecure: global<boolean>(Settings.allowInsecureEndpoints) === true,
  };
  const seconds = global<number>(Settings.requestTimeoutSeconds) ?? 10;
  const readTimeoutMs = Math.min(120, Math.max(1, seconds)) * 1000;
  return { endpoints, readTimeoutMs, connectTimeoutMs: Math.min(readTimeoutMs, 5000) };
}

/**
 * What a CloudSSO portal client is made with: the client id (alibabaCloud.cloudSso.clientId, user
 * or machine settings only, as the endpoints: a cloned repository must not redirect a sign-in),
 * the plain-HTTP permission and the request timeout of the cloud settings.
 */
export function readCloudSsoSettings(): CloudSsoSettings {
  const inspected = vscode.workspace.getConfiguration(Settings.section).inspect<string>(Settings.cloudSsoClientId);
  const value = inspected?.globalValue;
  const clientId = typeof value === 'string' && /^[A-Za-z0-9._-]{1,128}$/.test(value.trim()) ? value.trim() : DEFAULT_CLOUDSSO_CLIENT_ID;
  const cloud = readCloudSettings();
  return { clientId, allowInsecure: cloud.endpoints.allowInsecure === true, timeoutMs: Math.max(cloud.readTimeoutMs, 10_000) };
}

/** Which Alibaba Cloud site's console and docs to open (`alibabaCloud.consoleSite`); not security-relevant. */
export function readConsoleSiteSetting(): ConsoleSiteSetting {
  const value = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.consoleSite);
  return value === 'china' || value === 'international' ? value : 'auto';
}

/**
 * Calls `onChange` when a setting that shapes cloud sessions changes (endpoints, VPC endpoints,
 * plain-HTTP permission, timeout), so sessions built with the old values are dropped.
 */
export function onCloudSettingsChanged(onChange: () => void): vscode.Disposable {
  const keys = [Settings.endpoints, Settings.useVpcEndpoints, Settings.allowInsecureEndpoints, Settings.requestTimeoutSeconds].map((k) => `${Settings.section}.${k}`);
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (keys.some((k) => e.affectsConfiguration(k))) {
      onChange();
    }
  });
}

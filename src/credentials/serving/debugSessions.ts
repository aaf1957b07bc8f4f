/**
 * The debug types whose `env` becomes the launched program's process environment (and whose
 * `envFile` is read the same way): js-debug's `node`/`pwa-node`, the Python extension's
 * `python`/`debugpy`, Go's `go` and the Java debugger's `java`.
 */
export const DEBUG_TYPES: readonly string[] = ['node', 'pwa-node', 'python', 'debugpy', 'go', 'java'];

/** Debug types that read `${workspaceFolder}/.env` when the configuration names no envFile (python.envFile's default). */
export const DEFAULT_ENV_FILE_TYPES: readonly string[] = ['python', 'debugpy'];

export interface DebugSituation {
  readonly type: string;
  readonly request: string;
  /** `alibabaCloud.programs.debugSessions` where it is set, undefined when set nowhere. */
  readonly setting: boolean | undefined;
  /** The person agreed to serving debug sessions in this workspace. */
  readonly doorOpen: boolean;
  readonly serving: boolean;
  /** The one-time question was asked in this workspace. */
  readonly askedBefore: boolean;
  /** The consent was declined in this window: not asked again until a reload. */
  readonly declinedHere: boolean;
}

/**
 * - `add`: add the endpoint's variables;
 * - `ask`: the setting says yes, the consent is missing: ask it;
 * - `askIfSdk`: nothing decided yet: ask once, if the workspace depends on an Alibaba Cloud SDK;
 * - `notServing`: agreed, but the endpoint is not running (it failed to start): say so;
 * - `skip`: leave the configuration as it is.
 */
export type DebugDecision = 'add' | 'ask' | 'askIfSdk' | 'notServing' | 'skip';

export function debugDecision(s: DebugSituation): DebugDecision {
  if (s.request !== 'launch' || !DEBUG_TYPES.includes(s.type) || s.setting === false) {
    return 'skip';
  }
  if (s.doorOpen) {
    return s.serving ? 'add' : 'notServing';
  }
  if (s.declinedHere) {
    return 'skip';
  }
  if (s.setting === true) {
    return 'ask';
  }
  return s.askedBefore ? 'skip' : 'askIfSdk';
}

/** The variable names an env file defines (`KEY=value`, `export KEY=value`; comments and blank lines skipped). */
export function envFileKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(line);
    if (m) {
      keys.add(m[1]);
    }
  }
  return keys;
}

/**
 * The configuration's `env` with the endpoint's variables added, except those it sets itself in
 * `env` or through its env file (`own`): a launch configuration's own values win. An env file's
 * value would lose to one in `env`, so such a variable is not added at all.
 */
export function withEndpointVariables(
  env: Readonly<Record<string, string | null | undefined>> | undefined,
  variables: Readonly<Record<string, string>>,
  own: ReadonlySet<string>,
): { env: Record<string, string | null | undefined>; added: string[]; kept: string[] } {
  const result: Record<string, string | null | undefined> = { ...env };
  const added: string[] = [];
  const kept: string[] = [];
  for (const [name, value] of Object.entries(variables)) {
    if (own.has(name) || (env && name in env)) {
      kept.push(name);
    } else {
      result[name] = value;
      added.push(name);
    }
  }
  return { env: result, added, kept };
}

/** The files that name a project's dependencies, looked for at a workspace folder's root. */
export const SDK_MANIFESTS: readonly string[] = ['package.json', 'requirements.txt', 'go.mod', 'pom.xml'];

/** Whether a dependency manifest names an Alibaba Cloud SDK (or credentials library). */
export function usesAlibabaSdk(fileName: string, text: string): boolean {
  switch (fileName) {
    case 'package.json': {
      try {
        const manifest = JSON.parse(text) as Record<string, unknown>;
        return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].some((field) => {
          const deps = manifest[field];
          return typeof deps === 'object' && deps !== null && Object.keys(deps).some((name) => /^@alicloud\/|^alibabacloud|^aliyun-sdk$/.test(name));
        });
      } catch {
        return false;
      }
    }
    case 'requirements.txt':
      return /^\s*(alibabacloud[-_]|aliyun[-_]python[-_]sdk)/im.test(text);
    case 'go.mod':
      return /github\.com\/(alibabacloud-go\/|aliyun\/alibaba-cloud-sdk-go|aliyun\/credentials-go)/.test(text);
    case 'pom.xml':
      return /<groupId>\s*com\.aliyun\s*<\/groupId>/.test(text);
    default:
      return false;
  }
}

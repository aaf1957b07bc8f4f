import type { Log } from '../util/log';
import { ThrottleGate } from '../util/throttle';
import type { CloudSession, CloudSettings } from './cloudSession';
import { isInsecureEndpoint } from './endpoints';
import type { Product } from './errors';
import type { Credentials, Endpoint, SdkModule } from './types';

export type { CloudSession, CloudSettings } from './cloudSession';

let sdk: SdkModule | undefined;

/** Loads the Alibaba Cloud SDK chunk (dist/sdk.js) the first time a call needs it. */
export function loadSdk(): SdkModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('./sdk') as SdkModule;
  return sdk;
}

export function isSdkLoaded(): boolean {
  return sdk !== undefined;
}

export class CloudClientFactory {
  /** One gate per AccessKey ID, for every session made with it. */
  private readonly gates = new Map<string, ThrottleGate>();
  private readonly warnedInsecure = new Set<string>();

  constructor(
    private readonly settings: () => CloudSettings,
    private readonly log: Log,
    private readonly sdkLoader: () => SdkModule = loadSdk,
  ) {}

  session(credentials: Credentials, regionId: string | undefined): CloudSession {
    let throttle = this.gates.get(credentials.accessKeyId);
    if (!throttle) {
      throttle = new ThrottleGate();
      this.gates.set(credentials.accessKeyId, throttle);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildSession } = require('./cloudSession') as typeof import('./cloudSession');
    return buildSession({
      credentials, regionId, settings: this.settings(), throttle, log: this.log, sdk: this.sdkLoader,
      checked: (product, endpoint) => this.checked(product, endpoint),
    });
  }

  /** A plain-HTTP endpoint to another computer (alibabaCloud.allowInsecureEndpoints) gets one warning per host. */
  private checked(product: Product, endpoint: Endpoint): Endpoint {
    if (isInsecureEndpoint(endpoint) && !this.warnedInsecure.has(endpoint.host)) {
      this.warnedInsecure.add(endpoint.host);
      this.log.warn(`[${product}] requests go over plain HTTP to ${endpoint.host}, as alibabaCloud.allowInsecureEndpoints allows: anyone on the way can read and change them`);
    }
    return endpoint;
  }
}

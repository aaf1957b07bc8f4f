import { componentLog, type Log } from '../util/log';
import type { RetryPolicy } from '../util/retry';
import { ThrottleGate } from '../util/throttle';
import { ApiCaller } from './call';
import { resolveEndpoint, type EndpointSettings } from './endpoints';
import type { Product } from './errors';
import { AliyunRamService, type RamService } from './ramService';
import { AliyunSlbService, type SlbService } from './slbService';
import { AliyunStsService, type StsService } from './stsService';
import type { ClientOptions, Credentials, Endpoint, SdkModule, SlbApi } from './types';

export interface CloudSettings {
  readonly endpoints: EndpointSettings;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** Retry policy of reads; default READ_RETRY. Tests shorten its delays to keep fault runs fast. */
  readonly retry?: RetryPolicy;
}

/** The services for one set of credentials. */
export interface CloudSession {
  readonly ram: RamService;
  readonly sts: StsService;
  readonly slb: SlbService;
  /** Shared by every call made with these credentials (throttling is counted per AccessKey). */
  readonly throttle: ThrottleGate;
  endpoint(product: Product, regionId?: string): Endpoint;
}

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

  constructor(
    private readonly settings: () => CloudSettings,
    private readonly log: Log,
    private readonly sdkLoader: () => SdkModule = loadSdk,
  ) {}

  session(credentials: Credentials, regionId: string | undefined): CloudSession {
    const settings = this.settings();
    const endpoint = (product: Product, region: string | undefined = regionId) => resolveEndpoint(product, region, settings.endpoints);
    const options = (product: Product, region: string | undefined): ClientOptions => ({
      credentials,
      endpoint: endpoint(product, region),
      regionId: region,
      connectTimeoutMs: settings.connectTimeoutMs,
      readTimeoutMs: settings.readTimeoutMs,
      userAgent: 'vscode-alibaba-cloud-credentials',
    });
    let throttle = this.gates.get(credentials.accessKeyId);
    if (!throttle) {
      throttle = new ThrottleGate();
      this.gates.set(credentials.accessKeyId, throttle);
    }
    const caller = (product: Product, region: string | undefined) => new ApiCaller({
      product, endpoint: endpoint(product, region), credentials, log: componentLog(this.log, product), throttle, retry: settings.retry,
    });
    const lazy = <T>(make: () => T): (() => T) => {
      let value: T | undefined;
      return () => (value ??= make());
    };

    const ram = new AliyunRamService(lazy(() => this.sdkLoader().createRamApi(options('ram', regionId))), caller('ram', regionId));
    const sts = new AliyunStsService(lazy(() => this.sdkLoader().createStsApi(options('sts', regionId))), caller('sts', regionId));
    // One client per SLB endpoint host: regions that share the central endpoint share a client.
    const slbClients = new Map<string, { api: () => SlbApi; caller: ApiCaller }>();
    const slb = new AliyunSlbService((region) => {
      const host = endpoint('slb', region).host;
      let entry = slbClients.get(host);
      if (!entry) {
        entry = { api: lazy(() => this.sdkLoader().createSlbApi(options('slb', region))), caller: caller('slb', region) };
        slbClients.set(host, entry);
      }
      return entry;
    }, regionId);
    return { ram, sts, slb, throttle, endpoint };
  }
}

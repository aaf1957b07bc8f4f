import { componentLog, type Log } from '../util/log';
import type { RetryPolicy } from '../util/retry';
import { ThrottleGate } from '../util/throttle';
import { ApiCaller, type CallerOptions } from './call';
import { EndpointRefused, isInsecureEndpoint, resolveEndpoint, type EndpointSettings } from './endpoints';
import { AliyunError, type Product } from './errors';
import { AliyunImsService, type ImsService } from './imsService';
import { AliyunRamService, type RamService } from './ramService';
import { AliyunRoleService, type RoleService } from './roleService';
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
  /** RAM roles and STS AssumeRole. */
  readonly roles: RoleService;
  /** The account's credential report and security summary (IMS). */
  readonly ims: ImsService;
  /** Shared by every call made with these credentials (throttling is counted per AccessKey). */
  readonly throttle: ThrottleGate;
  /** Throws the AliyunError of a refused endpoint (see RefusedCaller). */
  endpoint(product: Product, regionId?: string): Endpoint;
}

/**
 * The caller of a product whose endpoint was refused (an unusable or plain-HTTP override, a region
 * that is not a region ID): every call fails with the reason, before any request or SDK load.
 */
class RefusedCaller extends ApiCaller {
  constructor(options: CallerOptions, private readonly refusal: EndpointRefused, private readonly product: Product, private readonly log: Log) {
    super(options);
  }

  read<T>(action: string): Promise<T> {
    return Promise.reject<T>(this.fail(action));
  }

  write<T>(action: string): Promise<T> {
    return Promise.reject<T>(this.fail(action));
  }

  private fail(action: string): AliyunError {
    const error = refusedError(this.refusal, this.product, action);
    this.log.warn(`${action} refused before sending: ${error.toLogString()}`);
    return error;
  }
}

/** invalidInput: nothing was sent, so a write's outcome is known and there is nothing to retry. */
function refusedError(refusal: EndpointRefused, product: Product, action: string): AliyunError {
  return new AliyunError({ kind: 'invalidInput', code: refusal.code, message: refusal.message, product, action, endpoint: refusal.endpoint });
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

type Resolved = { endpoint: Endpoint; refused?: undefined } | { endpoint?: undefined; refused: EndpointRefused };

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
    const settings = this.settings();
    const resolve = (product: Product, region: string | undefined): Resolved => {
      try {
        return { endpoint: this.checked(product, resolveEndpoint(product, region, settings.endpoints)) };
      } catch (error) {
        if (error instanceof EndpointRefused) {
          return { refused: error };
        }
        throw error;
      }
    };
    const endpoint = (product: Product, region: string | undefined = regionId): Endpoint => {
      const resolved = resolve(product, region);
      if (resolved.refused) {
        throw refusedError(resolved.refused, product, 'ResolveEndpoint');
      }
      return resolved.endpoint;
    };
    let throttle = this.gates.get(credentials.accessKeyId);
    if (!throttle) {
      throttle = new ThrottleGate();
      this.gates.set(credentials.accessKeyId, throttle);
    }
    const gate = throttle;
    /** The lazily made SDK client and the caller of one product and region. */
    const client = <A>(product: Product, region: string | undefined, resolved: Resolved, create: (o: ClientOptions) => A) => {
      const log = componentLog(this.log, product);
      const common = { product, credentials, log, throttle: gate, retry: settings.retry };
      if (resolved.refused) {
        const refused = resolved.refused;
        const caller = new RefusedCaller({ ...common, endpoint: { host: refused.endpoint, protocol: 'https' } }, refused, product, log);
        return { api: (): A => { throw refused; }, caller };
      }
      const at = resolved.endpoint;
      let api: A | undefined;
      return {
        api: () => (api ??= create({
          credentials, endpoint: at, regionId: region, connectTimeoutMs: settings.connectTimeoutMs, readTimeoutMs: settings.readTimeoutMs,
          userAgent: 'vscode-alibaba-cloud-credentials',
        })),
        caller: new ApiCaller({ ...common, endpoint: at }),
      };
    };

    const ramClient = client('ram', regionId, resolve('ram', regionId), (o) => this.sdkLoader().createRamApi(o));
    const stsClient = client('sts', regionId, resolve('sts', regionId), (o) => this.sdkLoader().createStsApi(o));
    const ram = new AliyunRamService(ramClient.api, ramClient.caller);
    const sts = new AliyunStsService(stsClient.api, stsClient.caller);
    const roleClient = client('ram', regionId, resolve('ram', regionId), (o) => this.sdkLoader().createRoleApi(o));
    const roles = new AliyunRoleService(roleClient.api, roleClient.caller, stsClient.api, stsClient.caller);
    const imsClient = client('ims', regionId, resolve('ims', regionId), (o) => this.sdkLoader().createImsApi(o));
    const ims = new AliyunImsService(imsClient.api, imsClient.caller);
    // One client per SLB endpoint host: regions that share the central endpoint share a client.
    const slbClients = new Map<string, { api: () => SlbApi; caller: ApiCaller }>();
    const slb = new AliyunSlbService((region) => {
      const resolved = resolve('slb', region);
      const key = resolved.endpoint ? resolved.endpoint.host : `refused:${resolved.refused.code}:${region}`;
      let entry = slbClients.get(key);
      if (!entry) {
        entry = client('slb', region, resolved, (o) => this.sdkLoader().createSlbApi(o));
        slbClients.set(key, entry);
      }
      return entry;
    }, regionId);
    return { ram, sts, slb, roles, ims, throttle, endpoint };
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

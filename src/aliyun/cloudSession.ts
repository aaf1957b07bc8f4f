import { componentLog, type Log } from '../util/log';
import type { RetryPolicy } from '../util/retry';
import type { ThrottleGate } from '../util/throttle';
import { ApiCaller, type CallerOptions } from './call';
import { EndpointRefused, resolveEndpoint, type EndpointSettings } from './endpoints';
import { AliyunError, type Product } from './errors';
import { AliyunImsService, type ImsService } from './imsService';
import { AliyunRamService, type RamService } from './ramService';
import { AliyunRoleService, type RoleService } from './roleService';
import { AliyunSlbService, type SlbService } from './slbService';
import { AliyunStsService, type StsService } from './stsService';
import type { ClientOptions, Credentials, Endpoint, SdkModule, SlbApi } from './types';

// The services and the call funnel under a session: required by CloudClientFactory on the first
// session, so activation does not load them.

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

export interface SessionInputs {
  readonly credentials: Credentials;
  readonly regionId: string | undefined;
  readonly settings: CloudSettings;
  /** The gate of these credentials' AccessKey, shared with every other session made with it. */
  readonly throttle: ThrottleGate;
  readonly log: Log;
  readonly sdk: () => SdkModule;
  /** Passes an endpoint through, warning once per host when it is plain HTTP. */
  readonly checked: (product: Product, endpoint: Endpoint) => Endpoint;
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

type Resolved = { endpoint: Endpoint; refused?: undefined } | { endpoint?: undefined; refused: EndpointRefused };

/** The services of one set of credentials in one region; each SDK client is made on its first call. */
export function buildSession({ credentials, regionId, settings, throttle: gate, log: baseLog, sdk, checked }: SessionInputs): CloudSession {
  const resolve = (product: Product, region: string | undefined): Resolved => {
    try {
      return { endpoint: checked(product, resolveEndpoint(product, region, settings.endpoints)) };
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
  /** The lazily made SDK client and the caller of one product and region. */
  const client = <A>(product: Product, region: string | undefined, resolved: Resolved, create: (o: ClientOptions) => A) => {
    const log = componentLog(baseLog, product);
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

  const ramClient = client('ram', regionId, resolve('ram', regionId), (o) => sdk().createRamApi(o));
  const stsClient = client('sts', regionId, resolve('sts', regionId), (o) => sdk().createStsApi(o));
  const ram = new AliyunRamService(ramClient.api, ramClient.caller);
  const sts = new AliyunStsService(stsClient.api, stsClient.caller);
  const roleClient = client('ram', regionId, resolve('ram', regionId), (o) => sdk().createRoleApi(o));
  const roles = new AliyunRoleService(roleClient.api, roleClient.caller, stsClient.api, stsClient.caller);
  const imsClient = client('ims', regionId, resolve('ims', regionId), (o) => sdk().createImsApi(o));
  const ims = new AliyunImsService(imsClient.api, imsClient.caller);
  // One client per SLB endpoint host: regions that share the central endpoint share a client.
  const slbClients = new Map<string, { api: () => SlbApi; caller: ApiCaller }>();
  const slb = new AliyunSlbService((region) => {
    const resolved = resolve('slb', region);
    const key = resolved.endpoint ? resolved.endpoint.host : `refused:${resolved.refused.code}:${region}`;
    let entry = slbClients.get(key);
    if (!entry) {
      entry = client('slb', region, resolved, (o) => sdk().createSlbApi(o));
      slbClients.set(key, entry);
    }
    return entry;
  }, regionId);
  return { ram, sts, slb, roles, ims, throttle: gate, endpoint };
}

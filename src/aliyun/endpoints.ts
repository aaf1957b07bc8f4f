import { SafeError } from '../util/errors';
import { t } from '../util/l10n';
import type { Product } from './errors';
import type { Endpoint } from './types';

/** Regions whose SLB API is served by the central endpoint (as the SDK's endpoint map says). */
const SLB_CENTRAL_REGIONS = new Set([
  'cn-hangzhou', 'cn-shanghai', 'cn-qingdao', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong',
  'ap-southeast-1', 'us-west-1', 'us-east-1',
]);

const MAX_REGION = 40;

/** `cn-hangzhou`, `ap-southeast-1`, `cn-hangzhou-finance`: the only shape a region may have before it becomes part of a host name. */
export function isValidRegionId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_REGION && /^[a-z]{2,}(-[a-z0-9]+)+$/.test(value);
}

export interface EndpointSettings {
  /** Overrides per product: `host[:port]` (HTTPS) or `http(s)://host[:port]`. */
  readonly ram?: string;
  readonly sts?: string;
  readonly slb?: string;
  readonly ims?: string;
  /** Use `slb-vpc.<region>.aliyuncs.com` from inside a VPC. */
  readonly vpc?: boolean;
  /** `alibabaCloud.allowInsecureEndpoints`: plain HTTP overrides to hosts other than this computer. */
  readonly allowInsecure?: boolean;
}

/** Why no request may be sent: the message is safe to show and says what to change. */
export class EndpointRefused extends SafeError {
  constructor(
    readonly code: 'InvalidEndpointSetting' | 'InsecureEndpoint' | 'InvalidRegionId',
    message: string,
    /** host[:port] or the setting's name, for the error's `endpoint`. */
    readonly endpoint: string,
  ) {
    super(message);
    this.name = 'EndpointRefused';
  }
}

/** Parses `https://host:port`, `http://host:port` or `host:port`; rejects paths, queries and credentials. */
export function parseEndpoint(value: string): Endpoint | undefined {
  const trimmed = value.trim();
  const match = /^(?:(https?):\/\/)?([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?\/?$/.exec(trimmed);
  if (!match) {
    return undefined;
  }
  const [, scheme, host, port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return undefined;
  }
  return { host: port ? `${host}:${port}` : host, protocol: scheme === 'http' ? 'http' : 'https' };
}

/** `127.0.0.0/8`, `::1` and `localhost`, with or without a port: plain HTTP to these never leaves the computer. */
export function isLoopbackHost(hostAndPort: string): boolean {
  const bracketed = /^\[([0-9a-fA-F:]+)\](?::\d+)?$/.exec(hostAndPort);
  if (bracketed || (hostAndPort.match(/:/g)?.length ?? 0) > 1) {
    return isIpv6Loopback(bracketed ? bracketed[1] : hostAndPort);
  }
  const host = hostAndPort.replace(/:\d+$/, '').toLowerCase();
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return host === 'localhost' || (!!octets && octets.slice(1).every((o) => Number(o) <= 255));
}

/** `::1`, `0:0:0:0:0:0:0:1`, `0::1`: every group zero but a final 1. */
function isIpv6Loopback(address: string): boolean {
  const halves = address.split('::');
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (halves.length > 2 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g)) || (halves.length === 1 ? groups.length !== 8 : groups.length > 7)) {
    return false;
  }
  return groups.length > 0 && Number.parseInt(groups[groups.length - 1], 16) === 1 && groups.slice(0, -1).every((g) => Number.parseInt(g, 16) === 0);
}

function checkedRegion(regionId: string | undefined): string | undefined {
  if (regionId !== undefined && !isValidRegionId(regionId)) {
    throw new EndpointRefused('InvalidRegionId',
      t('"{0}" is not a region ID. Region IDs look like cn-hangzhou or ap-southeast-1.', String(regionId).slice(0, MAX_REGION)), '');
  }
  return regionId;
}

/** Alibaba Cloud's own endpoint; throws EndpointRefused for a region that is not a region ID, so no host is built from it. */
export function defaultEndpoint(product: Product, region: string | undefined, vpc = false): Endpoint {
  const regionId = checkedRegion(region);
  switch (product) {
    case 'ram':
      return { host: vpc ? 'ram.vpc-proxy.aliyuncs.com' : 'ram.aliyuncs.com', protocol: 'https' };
    case 'sts':
      return { host: vpc && regionId ? `sts-vpc.${regionId}.aliyuncs.com` : 'sts.aliyuncs.com', protocol: 'https' };
    case 'ims':
      // No VPC host for IMS is documented: the central endpoint serves both.
      return { host: 'ims.aliyuncs.com', protocol: 'https' };
    case 'slb': {
      if (vpc && regionId) {
        return { host: `slb-vpc.${regionId}.aliyuncs.com`, protocol: 'https' };
      }
      if (!regionId || SLB_CENTRAL_REGIONS.has(regionId)) {
        return { host: 'slb.aliyuncs.com', protocol: 'https' };
      }
      return { host: `slb.${regionId}.aliyuncs.com`, protocol: 'https' };
    }
  }
}

/**
 * The endpoint of one product: the override when there is one, Alibaba Cloud's otherwise. An
 * override that cannot be used throws EndpointRefused instead of quietly sending the request to
 * the real cloud, which the person had set the override to avoid.
 */
export function resolveEndpoint(product: Product, regionId: string | undefined, settings: EndpointSettings): Endpoint {
  checkedRegion(regionId); // also with an override: the region travels in the request
  const override = settings[product];
  if (!override) {
    return defaultEndpoint(product, regionId, settings.vpc ?? false);
  }
  const parsed = parseEndpoint(override);
  if (!parsed) {
    // The value is not echoed: a mistyped one may hold a password (`user:pw@host`).
    throw new EndpointRefused('InvalidEndpointSetting',
      t('The {0} endpoint in the setting alibabaCloud.endpoints is not host[:port] or http(s)://host[:port], so nothing was sent. Correct it, or remove it to use Alibaba Cloud\'s endpoint.', product.toUpperCase()),
      'alibabaCloud.endpoints');
  }
  if (parsed.protocol === 'http' && !isLoopbackHost(parsed.host) && settings.allowInsecure !== true) {
    throw new EndpointRefused('InsecureEndpoint',
      t('The {0} endpoint in the setting alibabaCloud.endpoints, http://{1}, is plain HTTP to another computer, so nothing was sent: anyone on the way could read and change the requests. Use https://, or turn on alibabaCloud.allowInsecureEndpoints if this network is yours.', product.toUpperCase(), parsed.host),
      parsed.host);
  }
  return parsed;
}

/** Plain HTTP to a host other than this computer (allowed only by alibabaCloud.allowInsecureEndpoints). */
export function isInsecureEndpoint(endpoint: Endpoint): boolean {
  return endpoint.protocol === 'http' && !isLoopbackHost(endpoint.host);
}

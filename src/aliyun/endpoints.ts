import type { Product } from './errors';
import type { Endpoint } from './types';

/** Regions whose SLB API is served by the central endpoint (as the SDK's endpoint map says). */
const SLB_CENTRAL_REGIONS = new Set([
  'cn-hangzhou', 'cn-shanghai', 'cn-qingdao', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong',
  'ap-southeast-1', 'us-west-1', 'us-east-1',
]);

export interface EndpointSettings {
  /** Overrides per product: `host[:port]` (HTTPS) or `http(s)://host[:port]`. */
  readonly ram?: string;
  readonly sts?: string;
  readonly slb?: string;
  /** Use `slb-vpc.<region>.aliyuncs.com` from inside a VPC. */
  readonly vpc?: boolean;
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

export function defaultEndpoint(product: Product, regionId: string | undefined, vpc = false): Endpoint {
  switch (product) {
    case 'ram':
      return { host: vpc ? 'ram.vpc-proxy.aliyuncs.com' : 'ram.aliyuncs.com', protocol: 'https' };
    case 'sts':
      return { host: vpc && regionId ? `sts-vpc.${regionId}.aliyuncs.com` : 'sts.aliyuncs.com', protocol: 'https' };
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

export function resolveEndpoint(product: Product, regionId: string | undefined, settings: EndpointSettings): Endpoint {
  const override = settings[product];
  if (override) {
    const parsed = parseEndpoint(override);
    if (parsed) {
      return parsed;
    }
  }
  return defaultEndpoint(product, regionId, settings.vpc ?? false);
}

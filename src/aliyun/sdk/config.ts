import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { ClientOptions } from '../types';

/** One place that turns our options into the SDK's Config; timeouts are always explicit. */
export function toSdkConfig(options: ClientOptions, extra: { signatureAlgorithm?: string } = {}): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: options.credentials.accessKeyId,
    accessKeySecret: options.credentials.accessKeySecret,
    securityToken: options.credentials.securityToken,
    endpoint: options.endpoint.host,
    protocol: options.endpoint.protocol,
    regionId: options.regionId,
    connectTimeout: options.connectTimeoutMs,
    readTimeout: options.readTimeoutMs,
    userAgent: options.userAgent,
    ...extra,
  });
}

// SLB (CLB) 2014-05-15 through openapi-core's callApi, with the action names and request/response
// shapes of the generated `@alicloud/slb20140515` client, so that package can replace this file.
import OpenApi, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';

type Raw = Record<string, unknown>;

export interface DescribeRegionsRequest {
  acceptLanguage?: string;
  regionId?: string;
}

export interface DescribeLoadBalancersRequest {
  regionId: string;
  pageNumber?: number;
  pageSize?: number;
  loadBalancerId?: string;
  loadBalancerName?: string;
  address?: string;
}

export interface DescribeLoadBalancerAttributeRequest {
  regionId?: string;
  loadBalancerId: string;
}

export interface SlbResponse<T> {
  statusCode: number;
  headers: Record<string, string>;
  body: T;
}

/** Bodies are returned as the service sends them (PascalCase), like `callApi` gives them. */
export interface DescribeRegionsResponseBody {
  RequestId: string;
  Regions?: { Region?: Array<{ RegionId: string; LocalName?: string; RegionEndpoint?: string }> };
}

export interface LoadBalancerRaw {
  LoadBalancerId: string;
  LoadBalancerName?: string;
  LoadBalancerStatus?: string;
  Address?: string;
  AddressType?: string;
  NetworkType?: string;
  RegionId?: string;
  VpcId?: string;
  VSwitchId?: string;
  LoadBalancerSpec?: string;
  PayType?: string;
  CreateTime?: string;
  MasterZoneId?: string;
  SlaveZoneId?: string;
  AddressIPVersion?: string;
  InternetChargeType?: string;
  InternetChargeTypeAlias?: string;
  Bandwidth?: number;
  ResourceGroupId?: string;
  DeleteProtection?: string;
  Tags?: { Tag?: Array<{ TagKey?: string; TagValue?: string }> };
}

export interface DescribeLoadBalancersResponseBody {
  RequestId: string;
  TotalCount?: number;
  PageNumber?: number;
  PageSize?: number;
  LoadBalancers?: { LoadBalancer?: LoadBalancerRaw[] };
}

export interface DescribeLoadBalancerAttributeResponseBody extends LoadBalancerRaw {
  RequestId: string;
  ListenerPortsAndProtocol?: { ListenerPortAndProtocol?: Array<{ ListenerPort: number; ListenerProtocol: string; ListenerForward?: string; ForwardPort?: number; Description?: string }> };
  ListenerPortsAndProtocal?: { ListenerPortAndProtocal?: Array<{ ListenerPort: number; ListenerProtocal: string }> };
  BackendServers?: { BackendServer?: Array<{ ServerId: string; Weight?: number; ServerIp?: string; Type?: string; Description?: string }> };
}

function compact(record: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v !== undefined && v !== '') {
      out[k] = String(v);
    }
  }
  return out;
}

export default class SlbClient extends OpenApi {
  private async call<T>(action: string, query: Record<string, string | number | undefined>, runtime?: $dara.RuntimeOptions): Promise<SlbResponse<T>> {
    const params = new $OpenApiUtil.Params({
      action,
      version: '2014-05-15',
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(compact(query)) });
    const result = await this.callApi(params, request, runtime ?? new $dara.RuntimeOptions({})) as Raw;
    return result as unknown as SlbResponse<T>;
  }

  describeRegions(request: DescribeRegionsRequest = {}, runtime?: $dara.RuntimeOptions): Promise<SlbResponse<DescribeRegionsResponseBody>> {
    return this.call('DescribeRegions', { AcceptLanguage: request.acceptLanguage, RegionId: request.regionId }, runtime);
  }

  describeLoadBalancers(request: DescribeLoadBalancersRequest, runtime?: $dara.RuntimeOptions): Promise<SlbResponse<DescribeLoadBalancersResponseBody>> {
    return this.call('DescribeLoadBalancers', {
      RegionId: request.regionId,
      PageNumber: request.pageNumber,
      PageSize: request.pageSize,
      LoadBalancerId: request.loadBalancerId,
      LoadBalancerName: request.loadBalancerName,
      Address: request.address,
    }, runtime);
  }

  describeLoadBalancerAttribute(request: DescribeLoadBalancerAttributeRequest, runtime?: $dara.RuntimeOptions): Promise<SlbResponse<DescribeLoadBalancerAttributeResponseBody>> {
    return this.call('DescribeLoadBalancerAttribute', { RegionId: request.regionId, LoadBalancerId: request.loadBalancerId }, runtime);
  }
}

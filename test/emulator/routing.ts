/**
 * Which product answers a request (by API version), and everything after parsing: routing checks,
 * authentication, gateway-required parameters, authorization, then the action itself.
 */
import { ActionDef, ProductDef, ResponseBody, permissionDenial } from './api';
import { authenticate } from './auth';
import { Errors } from './errors';
import { IMS } from './ims';
import { RAM } from './ram';
import type { Runtime } from './runtime';
import { SLB } from './slb';
import { STS } from './sts';
import type { RequestInfo } from './wire';

/** In port order for `portPerProduct`: the first one's port is `endpoint`. */
export const PRODUCT_LIST: readonly ProductDef[] = [RAM, STS, SLB, IMS];
const PRODUCTS: ReadonlyMap<string, ProductDef> = new Map(PRODUCT_LIST.map((p) => [p.version, p]));

export function productOf(version: string): ProductDef | undefined {
  return PRODUCTS.get(version);
}

export function execute(rt: Runtime, info: RequestInfo): ResponseBody {
  if (info.method !== 'GET' && info.method !== 'POST') {
    throw Errors.unsupportedMethod();
  }
  if (!info.action) {
    throw Errors.missing('Action');
  }
  if (!info.version) {
    throw Errors.missing('Version');
  }
  const def = info.def;
  if (!def) {
    throw Errors.invalidVersion();
  }
  if (info.pathname !== '/' || !Object.prototype.hasOwnProperty.call(def.actions, info.action)) {
    throw Errors.apiNotFound();
  }
  const formatParam = info.params.get('Format');
  if (formatParam !== undefined && !['JSON', 'XML'].includes(formatParam.toUpperCase())) {
    throw Errors.invalidFormat();
  }
  const actionDef: ActionDef = def.actions[info.action];
  const caller = authenticate(rt, info);
  for (const name of actionDef.required ?? []) {
    if (!info.params.get(name)) {
      throw Errors.missing(name);
    }
  }
  const denial = actionDef.authAction ? permissionDenial(caller, actionDef.authAction) : undefined;
  if (denial) {
    throw def.denied(denial);
  }
  return actionDef.handler({ caller, params: info.params, state: rt.state, nowMs: rt.now() });
}

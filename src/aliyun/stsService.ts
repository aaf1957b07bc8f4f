import type { ApiCaller } from './call';
import type { CallerIdentity, StsApi } from './types';

export interface StsService {
  /** Who a key is; needs no permission, so it is the first check of any key. */
  getCallerIdentity(): Promise<CallerIdentity>;
}

export class AliyunStsService implements StsService {
  constructor(private readonly api: () => StsApi, private readonly caller: ApiCaller) {}

  getCallerIdentity(): Promise<CallerIdentity> {
    return this.caller.read('GetCallerIdentity', () => this.api().getCallerIdentity());
  }
}

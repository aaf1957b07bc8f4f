import type { ApiCaller } from './call';
import type { CredentialReportPage, CredentialReportState, ImsApi, SecurityPractice } from './types';

/** The largest page GetCredentialReport allows. */
export const CREDENTIAL_REPORT_MAX_ITEMS = 3501;

/** The account's credential report (IMS 2019-08-15) and its security practice summary. */
export interface ImsService {
  /** Starts a report when none is fresh; `STARTED` while it is being made, `COMPLETE` once one is ready. */
  generateCredentialReport(): Promise<CredentialReportState>;
  getCredentialReport(nextToken?: string, maxItems?: number): Promise<CredentialReportPage>;
  getAccountSecurityPracticeReport(): Promise<SecurityPractice>;
}

export class AliyunImsService implements ImsService {
  constructor(private readonly ims: () => ImsApi, private readonly caller: ApiCaller) {}

  /** Asking again only asks about the same report, so it is retried like a read. */
  generateCredentialReport(): Promise<CredentialReportState> {
    return this.caller.read('GenerateCredentialReport', () => this.ims().generateCredentialReport());
  }

  getCredentialReport(nextToken?: string, maxItems = CREDENTIAL_REPORT_MAX_ITEMS): Promise<CredentialReportPage> {
    return this.caller.read('GetCredentialReport', () => this.ims().getCredentialReport(nextToken, maxItems));
  }

  getAccountSecurityPracticeReport(): Promise<SecurityPractice> {
    return this.caller.read('GetAccountSecurityPracticeReport', () => this.ims().getAccountSecurityPracticeReport());
  }
}

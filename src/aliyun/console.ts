// Links into the Alibaba Cloud console and docs. Accounts live on one of two sites: the China site
// (aliyun.com) or the international site (alibabacloud.com); a console link on the wrong one asks
// the user to sign in to an account they do not have.

export type ConsoleSite = 'china' | 'international';
/** The `alibabaCloud.consoleSite` setting. */
export type ConsoleSiteSetting = 'auto' | ConsoleSite;

/**
 * `auto`: an account whose profile works in a mainland China region (`cn-…`, not Hong Kong) is
 * taken to be a China-site account, any other an international one. The API cannot tell which site
 * an account belongs to, so the setting decides when this guess is wrong.
 */
export function consoleSite(setting: ConsoleSiteSetting | undefined, profileRegionId: string | undefined): ConsoleSite {
  if (setting === 'china' || setting === 'international') {
    return setting;
  }
  return profileRegionId && profileRegionId.startsWith('cn-') && profileRegionId !== 'cn-hongkong' ? 'china' : 'international';
}

const DOMAIN: Record<ConsoleSite, string> = { china: 'aliyun.com', international: 'alibabacloud.com' };

const safe = (part: string) => encodeURIComponent(part);

/** The instance's page in the SLB (CLB) console. */
export function loadBalancerConsoleUrl(site: ConsoleSite, regionId: string, loadBalancerId: string): string {
  return `https://slb.console.${DOMAIN[site]}/slb/${safe(regionId)}/slbs/${safe(loadBalancerId)}`;
}

/** A RAM user's page (its AccessKeys are there), or the users list. */
export function ramUserConsoleUrl(site: ConsoleSite, userName?: string): string {
  return userName
    ? `https://ram.console.${DOMAIN[site]}/users/detail?userName=${safe(userName)}`
    : `https://ram.console.${DOMAIN[site]}/users`;
}

/** A RAM role's page (trust policy, permissions, ARN), or the roles list. */
export function ramRoleConsoleUrl(site: ConsoleSite, roleName?: string): string {
  return roleName
    ? `https://ram.console.${DOMAIN[site]}/roles/detail?roleName=${safe(roleName)}`
    : `https://ram.console.${DOMAIN[site]}/roles`;
}

/** The root account's AccessKey page. */
export function rootAccessKeyConsoleUrl(site: ConsoleSite): string {
  return `https://ram.console.${DOMAIN[site]}/manage/ak`;
}

export type DocTopic = 'accessKey' | 'permissions' | 'sts' | 'endpoints';

const DOCS: Record<DocTopic, string> = {
  accessKey: 'ram/user-guide/create-an-accesskey-pair',
  permissions: 'ram/user-guide/grant-permissions-to-the-ram-user',
  sts: 'ram/product-overview/what-is-sts',
  endpoints: 'slb/classic-load-balancer/developer-reference/api-endpoints',
};

export function docsUrl(site: ConsoleSite, topic: DocTopic): string {
  return site === 'china'
    ? `https://help.aliyun.com/zh/${DOCS[topic]}`
    : `https://www.alibabacloud.com/help/en/${DOCS[topic]}`;
}

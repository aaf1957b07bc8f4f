import type { CallerIdentity } from './types';

/** Who a role's trust policy lets assume it, read from GetRole's AssumeRolePolicyDocument. */
export interface RoleTrust {
  /** `acs:ram::<id>:root` (every user and role of that account), `…:user/<name>`, `…:role/<name>`. */
  readonly principals: readonly string[];
  /** Services (`ecs.aliyuncs.com` …) that may assume it; not people, shown for completeness. */
  readonly services: readonly string[];
  /** The `sts:ExternalId` the caller must pass, when the policy asks for one. */
  readonly externalId?: string;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Undefined when the document is not a trust policy we can read. */
export function parseTrust(document: string | undefined): RoleTrust | undefined {
  if (!document) {
    return undefined;
  }
  let parsed: { Statement?: unknown };
  try {
    parsed = JSON.parse(document) as { Statement?: unknown };
  } catch {
    return undefined;
  }
  const statements = Array.isArray(parsed?.Statement) ? (parsed.Statement as Array<Record<string, unknown>>) : [];
  const principals = new Set<string>();
  const services = new Set<string>();
  let externalId: string | undefined;
  for (const s of statements) {
    const actions = list(s.Action).map((a) => a.toLowerCase());
    if (s.Effect !== 'Allow' || !actions.some((a) => a === 'sts:assumerole' || a === 'sts:*' || a === '*')) {
      continue;
    }
    const principal = (s.Principal ?? {}) as Record<string, unknown>;
    list(principal.RAM).forEach((p) => principals.add(p));
    list(principal.Service).forEach((p) => services.add(p));
    const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown> | undefined>;
    externalId ??= list(condition.StringEquals?.['sts:ExternalId'])[0];
  }
  return { principals: [...principals], services: [...services], externalId };
}

/** The principal a trust policy names for this caller: a RAM user, or the role an assumed identity belongs to. */
export function principalOf(identity: CallerIdentity): string | undefined {
  const assumed = /^acs:ram::(\d+):assumed-role\/([^/]+)\//.exec(identity.arn);
  if (assumed) {
    return `acs:ram::${assumed[1]}:role/${assumed[2].toLowerCase()}`;
  }
  return identity.identityType === 'RAMUser' ? identity.arn : undefined;
}

/** Whether the trust policy names the caller, itself or through its whole account. */
export function trusts(trust: RoleTrust, identity: CallerIdentity): boolean {
  const own = principalOf(identity)?.toLowerCase();
  const account = `acs:ram::${identity.accountId}:root`;
  return trust.principals.some((p) => p.toLowerCase() === own || p === account || p === identity.accountId);
}

/** A statement to add to the role's trust policy so that this caller may assume it. */
export function trustStatementFor(identity: CallerIdentity, externalId: string | undefined): string | undefined {
  const principal = principalOf(identity);
  if (!principal) {
    return undefined;
  }
  return JSON.stringify({
    Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: [principal] },
    ...(externalId ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}),
  }, null, 2);
}

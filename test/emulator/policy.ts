/**
 * Permissions: the system policies the emulator knows, and session policies (the `Policy` of
 * AssumeRole), whose grammar is checked and whose statements are evaluated by action.
 */

export const SYSTEM_POLICIES: Readonly<Record<string, readonly string[]>> = {
  AdministratorAccess: ['*'],
  AliyunRAMFullAccess: ['ram:*', 'ims:*'],
  AliyunRAMReadOnlyAccess: ['ram:Get*', 'ram:List*', 'ims:Get*', 'ims:List*'],
  AliyunSLBFullAccess: ['slb:*'],
  AliyunSLBReadOnlyAccess: ['slb:Describe*'],
  AliyunSTSAssumeRoleAccess: ['sts:AssumeRole'],
};

/** What ListPoliciesFor{User,Role} say about each system policy. */
export const POLICY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  AdministratorAccess: 'Provides full access to Alibaba Cloud services and resources.',
  AliyunRAMFullAccess: 'Provides full access to Resource Access Management (RAM).',
  AliyunRAMReadOnlyAccess: 'Provides read-only access to Resource Access Management (RAM).',
  AliyunSLBFullAccess: 'Provides full access to Server Load Balancer (SLB).',
  AliyunSLBReadOnlyAccess: 'Provides read-only access to Server Load Balancer (SLB).',
  AliyunSTSAssumeRoleAccess: 'Provides access to call the AssumeRole operation of Security Token Service (STS).',
};

const compiled = new Map<string, RegExp>();

/** `*` any run, `?` one character; actions are matched without regard to case, as RAM does. */
function wildcard(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    // Patterns come from the seed and session policies; the cap keeps hostile input from growing it.
    if (compiled.size < 10_000) {
      compiled.set(pattern, re);
    }
  }
  return re.test(value);
}

/** Does one of `policies` (system policy names) allow `authAction` (e.g. `ram:ListUsers`)? */
export function policiesAllow(policies: readonly string[], authAction: string): boolean {
  return policies.some((name) => (SYSTEM_POLICIES[name] ?? []).some((pattern) => wildcard(pattern, authAction)));
}

export interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  /** Conditions are not evaluated: a statement that has one never applies. */
  conditional: boolean;
}

export interface PolicyDocument {
  statements: Statement[];
}

const ACTION_RE = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;

function stringList(value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string' && v !== '')) {
    return undefined;
  }
  return list as string[];
}

/**
 * A policy document as RAM's grammar has it (`{"Version":"1","Statement":[{Effect, Action |
 * NotAction, Resource, Condition?}]}`); undefined when it does not pass.
 */
export function parsePolicyDocument(text: string): PolicyDocument | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return undefined;
  }
  const top = doc as Record<string, unknown>;
  if (top.Version !== '1' || !Array.isArray(top.Statement) || top.Statement.length === 0) {
    return undefined;
  }
  if (Object.keys(top).some((k) => k !== 'Version' && k !== 'Statement')) {
    return undefined;
  }
  const statements: Statement[] = [];
  for (const raw of top.Statement as unknown[]) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return undefined;
    }
    const s = raw as Record<string, unknown>;
    if (Object.keys(s).some((k) => !['Effect', 'Action', 'NotAction', 'Resource', 'Condition'].includes(k))) {
      return undefined;
    }
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
      return undefined;
    }
    if ((s.Action === undefined) === (s.NotAction === undefined)) {
      return undefined;
    }
    const actions = s.Action === undefined ? [] : stringList(s.Action);
    const notActions = s.NotAction === undefined ? [] : stringList(s.NotAction);
    const resources = stringList(s.Resource);
    if (!actions || !notActions || !resources || ![...actions, ...notActions].every((a) => ACTION_RE.test(a))) {
      return undefined;
    }
    if (s.Condition !== undefined && (typeof s.Condition !== 'object' || s.Condition === null || Array.isArray(s.Condition))) {
      return undefined;
    }
    statements.push({ effect: s.Effect, actions, notActions, resources, conditional: s.Condition !== undefined });
  }
  return { statements };
}

/**
 * Resources are not modelled: a statement covers a request when one of its resources is `*` or an
 * ARN of wildcards for the action's service (`acs:slb:*:*:*`), never a named resource.
 */
function coversAnyResource(resources: readonly string[], service: string): boolean {
  return resources.some((r) => {
    if (r === '*') {
      return true;
    }
    const [acs, svc, region, account, rest, ...more] = r.split(':');
    const open = (p: string | undefined): boolean => p === '' || p === '*';
    return acs === 'acs' && more.length === 0 && (svc === '*' || svc?.toLowerCase() === service.toLowerCase()) && open(region) && open(account) && rest === '*';
  });
}

function statementApplies(s: Statement, authAction: string): boolean {
  if (s.conditional || !coversAnyResource(s.resources, authAction.split(':')[0])) {
    return false;
  }
  return s.actions.length > 0 ? s.actions.some((a) => wildcard(a, authAction)) : !s.notActions.some((a) => wildcard(a, authAction));
}

/** An explicit Deny wins; otherwise an Allow; otherwise nothing (an implicit deny). */
export function documentDecision(doc: PolicyDocument, authAction: string): 'allow' | 'deny' | 'none' {
  const applying = doc.statements.filter((s) => statementApplies(s, authAction));
  if (applying.some((s) => s.effect === 'Deny')) {
    return 'deny';
  }
  return applying.some((s) => s.effect === 'Allow') ? 'allow' : 'none';
}

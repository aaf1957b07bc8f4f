// Stores a planned import: every source before the role profiles that use it, whatever the order
// of the entries in the file.
import { DEFAULT_REGION, type CloudSsoDefinition, type Profile, type ProfileSecrets, type RoleDefinition } from '../profile';
import type { NewProfile, ProfileChanges } from '../profileStore';
import { definitionOf } from './cloudSsoEntries';
import type { PlannedImport } from './rolePlan';

/** Where an import stores profiles (the ProfileStore, and the way Add Profile stores a role profile). */
export interface ImportTarget {
  add(profile: NewProfile, secrets: ProfileSecrets): Promise<Profile>;
  update(id: string, changes: ProfileChanges, secrets?: ProfileSecrets): Promise<Profile>;
  addRole(profile: NewProfile): Promise<Profile>;
  addCloudSso(profile: { name: string; regionId: string; source: string; sso: CloudSsoDefinition }): Promise<Profile>;
  /** Forgets the last test of a profile whose credentials changed. */
  clearResults(profileId: string): Promise<void>;
}

/** Role and CloudSSO profiles hold no secret: their entry in secret storage is empty. */
const NO_SECRET: ProfileSecrets = { accessKeySecret: '' };

/** Stores every plan that is not skipped; returns the profile each became. */
export async function applyImport(plans: readonly PlannedImport[], target: ImportTarget): Promise<Map<PlannedImport, Profile>> {
  const stored = new Map<PlannedImport, Promise<Profile>>();
  const store = (plan: PlannedImport): Promise<Profile> => {
    let done = stored.get(plan);
    if (!done) {
      done = storeOne(plan);
      stored.set(plan, done);
    }
    return done;
  };
  const storeOne = async (plan: PlannedImport): Promise<Profile> => {
    const f = plan.found;
    const role = f.role && !plan.keyPart ? f.role : undefined;
    if (f.sso) {
      return storeCloudSso(plan, target);
    }
    if (!role) {
      return storeKey(plan, target);
    }
    const source = plan.source && ('existing' in plan.source ? plan.source.existing : await store(plan.source.planned));
    if (!source) {
      throw new Error(`import: role "${plan.name}" has no source`); // planImport gives every stored role one
    }
    const definition: RoleDefinition = {
      roleArn: role.roleArn, sourceProfileId: source.id, sessionName: role.sessionName, durationSeconds: role.durationSeconds,
      ...(role.externalId ? { externalId: role.externalId } : {}), ...(role.policy ? { policy: role.policy } : {}),
    };
    const regionId = f.regionId ?? source.regionId;
    if (plan.action === 'replace' && plan.existing) {
      const updated = await target.update(plan.existing.id, {
        kind: 'RamRole', accessKeyId: '', role: definition, regionId, source: f.source, expiration: undefined, keyCreatedAt: undefined,
      }, NO_SECRET);
      await target.clearResults(plan.existing.id);
      return updated;
    }
    return target.addRole({ name: plan.name, kind: 'RamRole', accessKeyId: '', regionId, source: f.source, role: definition });
  };
  const results = new Map<PlannedImport, Profile>();
  for (const plan of plans) {
    if (plan.action !== 'skip') {
      results.set(plan, await store(plan));
    }
  }
  return results;
}

async function storeKey(plan: PlannedImport, target: ImportTarget): Promise<Profile> {
  const f = plan.found;
  const kind = f.kind;
  if (plan.action === 'replace' && plan.existing) {
    const keyChanged = plan.existing.accessKeyId !== f.accessKeyId;
    const updated = await target.update(plan.existing.id, {
      accessKeyId: f.accessKeyId, kind, expiration: f.expiration, source: f.source, role: undefined,
      regionId: f.regionId ?? plan.existing.regionId,
      keyCreatedAt: f.keyCreatedAt ?? (keyChanged ? undefined : plan.existing.keyCreatedAt),
    }, f.secrets);
    await target.clearResults(plan.existing.id);
    return updated;
  }
  return target.add({
    name: plan.name, kind, accessKeyId: f.accessKeyId, regionId: f.regionId ?? DEFAULT_REGION,
    expiration: f.expiration, keyCreatedAt: f.keyCreatedAt, source: f.source,
  }, f.secrets);
}

/** A CloudSSO profile: the directory, account and access configuration; its sign-in is stored apart. */
async function storeCloudSso(plan: PlannedImport, target: ImportTarget): Promise<Profile> {
  const f = plan.found;
  const sso = definitionOf(f.sso!);
  if (plan.action === 'replace' && plan.existing) {
    const updated = await target.update(plan.existing.id, {
      kind: 'CloudSSO', accessKeyId: '', sso, role: undefined, regionId: f.regionId ?? plan.existing.regionId, source: f.source,
      expiration: undefined, keyCreatedAt: undefined,
    }, NO_SECRET);
    await target.clearResults(plan.existing.id);
    return updated;
  }
  return target.addCloudSso({ name: plan.name, regionId: f.regionId ?? DEFAULT_REGION, source: f.source, sso });
}

// What the specs share: the emulator's demo data (the UI runner starts it without a seed), what
// one spec leaves for the next (they run in order in one workbench), and the Add Profile flow.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strings } from './l10n.mjs';
import {
  enterText, note, pickQuickItem, quickInputInfo, quickRows, rememberSecret, runCommand, waitForQuickInput, waitForStatusText, waitUntil,
} from './workbench-ui.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** test/emulator/demo-seed.json: the account, its users and keys (fake secrets), its load balancers. */
export const demo = (() => {
  const seed = JSON.parse(readFileSync(path.join(ROOT, 'test', 'emulator', 'demo-seed.json'), 'utf8'));
  const account = seed.accounts[0];
  const user = (userName) => {
    const found = account.users.find((u) => u.userName === userName);
    assert.ok(found, `the demo data has no RAM user ${userName}`);
    return { ...found, accessKeys: (found.accessKeys ?? []).map((k) => ({ status: 'Active', ...k })) };
  };
  const perRegion = {};
  for (const lb of account.loadBalancers) perRegion[lb.regionId] = (perRegion[lb.regionId] ?? 0) + 1;
  return { accountId: account.accountId, users: account.users.map((u) => u.userName), user, loadBalancers: account.loadBalancers, perRegion };
})();

/** `LTAI5tAbcdEfgh1234abcd` → `LTAI****abcd`, as the extension masks IDs. */
export function mask(accessKeyId) {
  return `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`;
}

/** Handed from one spec to the next within the run. */
export const journey = {
  /** Profiles added through the UI: name → { accessKeyId, regionId, label }. */
  profiles: new Map(),
  /** The key made by "Create AccessKey…" and the profile it was saved as. */
  createdKey: undefined,
};

/**
 * Alibaba Cloud: Add Profile… through its five prompts: name, AccessKey ID, secret (password box),
 * default region, environment label. `from: 'palette'` (F1) or `'picker'` (the open status bar
 * picker's "Add Profile…" row). Waits for the status bar to show the new (active) profile.
 */
export async function addProfile(page, { name, accessKeyId, secret, regionId, label, from = 'palette', onRegionStep }) {
  const { tr, command } = strings();
  rememberSecret(secret);
  if (from === 'palette') await runCommand(page, command('alibabaCloud.addProfile'));
  else await pickQuickItem(page, tr('Add Profile…'));
  const title = tr('Add Alibaba Cloud Profile');

  // With a profile already there, a role profile is offered beside a key first.
  const kind = await waitUntil(() => quickInputInfo(page).catch(() => ({ title: '' })), (i) => i.title === title || i.title === `${title} (1/5)`,
    { what: 'the first step of Add Profile' });
  if (kind.title === title) {
    const offered = (await quickRows(page)).map((r) => r.label);
    assert.deepEqual(offered, [tr('AccessKey'), tr('Role')], 'a key or a role');
    await pickQuickItem(page, tr('AccessKey'));
  }
  await waitForQuickInput(page, `${title} (1/5)`);
  const first = await quickInputInfo(page);
  assert.match(first.prompt, new RegExp(escape(tr('A name for this profile'))), 'step 1 asks for a name');
  await enterText(page, name);

  await waitForQuickInput(page, `${title} (2/5)`);
  assert.match((await quickInputInfo(page)).prompt, new RegExp(escape(tr('AccessKey ID (LTAI…, or STS.… for a temporary one)'))));
  await enterText(page, accessKeyId);

  await waitForQuickInput(page, `${title} (3/5)`);
  const secretStep = await quickInputInfo(page);
  assert.equal(secretStep.type, 'password', 'the secret is asked for in a password box');
  assert.match(secretStep.prompt, new RegExp(escape(tr('AccessKey secret (kept in VS Code\'s secret storage, never in a file)'))));
  await enterText(page, secret);

  await waitForQuickInput(page, `${title} (4/5)`);
  const regionStep = await quickInputInfo(page);
  assert.equal(regionStep.placeholder, tr('Default region ({0} if unsure)', 'cn-hangzhou'));
  if (onRegionStep) await onRegionStep();
  await pickQuickItem(page, regionId, { filter: regionId });

  await waitForQuickInput(page, `${title} (5/5)`);
  await pickQuickItem(page, label ?? tr('No label'));

  await waitForStatusText(page, `${name} · ${regionId}`);
  journey.profiles.set(name, { accessKeyId, regionId, label });
  note(`added profile "${name}" (${mask(accessKeyId)}, ${regionId}${label ? `, ${label}` : ''}); the status bar shows it`);
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

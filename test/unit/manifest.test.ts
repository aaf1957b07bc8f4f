import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The manifest, its English strings and README's commands and settings tables must agree.
const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface CommandContribution { command: string; title: string; category?: string; icon?: string }
const commands = manifest.contributes.commands as CommandContribution[];
const hidden = new Set(((manifest.contributes.menus?.commandPalette ?? []) as Array<{ command: string; when?: string }>)
  .filter((m) => m.when === 'false').map((m) => m.command));
const english = (ref: string) => nls[ref.replace(/^%|%$/g, '')] ?? ref;

function section(title: string): string {
  const start = readme.indexOf(`## ${title}\n`);
  assert.ok(start >= 0, `README has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** First cells of a markdown table's rows. */
function firstCells(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---')).map((l) => l.split('|')[1].trim());
}

describe('package.json and README', () => {
  it('gives every command a localized title, the category and a codicon', () => {
    for (const c of commands) {
      assert.match(c.title, /^%[\w.]+%$/, `${c.command}: title is not a %key%`);
      assert.equal(c.category, '%category%', `${c.command}: category`);
      assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, `${c.command}: icon`);
    }
  });

  it('runs only contributed commands (or views\' focus) from the walkthrough\'s buttons, and has a step for a RAM user', () => {
    const known = new Set(commands.map((c) => c.command));
    const steps = manifest.contributes.walkthroughs.flatMap((w: { steps: Array<{ id: string; description: string }> }) => w.steps);
    const links = steps.flatMap((s: { description: string }) => [...english(s.description).matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]));
    assert.ok(links.length >= 5, `only ${links.length} buttons found`);
    assert.deepEqual(links.filter((id: string) => !known.has(id) && !id.endsWith('.focus')), []);
    const ramUser = steps.find((s: { id: string }) => s.id === 'ramUser');
    assert.match(english(ramUser?.description ?? ''), /\(command:alibabaCloud\.ram\.createRamUserAndKey\)/);
  });

  it('lists every command of the palette in README\'s commands table, by its title', () => {
    const rows = firstCells(section('Commands'));
    const expected = commands.filter((c) => !hidden.has(c.command)).map((c) => `${english(c.category ?? '')}: ${english(c.title)}`);
    assert.deepEqual(expected.filter((t) => !rows.includes(t)), [], 'commands missing from README');
    const known = new Set(commands.map((c) => `${english(c.category ?? '')}: ${english(c.title)}`));
    assert.deepEqual(rows.filter((r) => r !== 'Command' && !known.has(r)), [], 'README lists commands package.json does not have');
  });

  it('lists every setting in README\'s settings table with its default', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown; scope?: string; description?: string; markdownDescription?: string }>;
    const rows = section('Settings').split('\n').filter((l) => l.startsWith('| `'));
    for (const [key, spec] of Object.entries(properties)) {
      assert.ok(spec.scope, `${key} has no scope`);
      const description = spec.markdownDescription ?? spec.description ?? '';
      assert.match(description, /^%[\w.]+%$/, `${key}: description is not a %key%`);
      const row = rows.find((r) => r.startsWith(`| \`${key}\` |`));
      assert.ok(row, `README's settings table lacks ${key}`);
      assert.ok(row.includes(`\`${JSON.stringify(spec.default)}\``) || row.includes(`\`${String(spec.default)}\``), `README shows another default for ${key}: ${row}`);
    }
    const documented = rows.map((r) => /^\| `([^`]+)`/.exec(r)?.[1]);
    assert.deepEqual(documented.filter((k) => k && !(k in properties)), [], 'README documents settings that do not exist');
  });

  it('restricts the endpoint settings in untrusted workspaces and scopes them to the machine', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations as string[];
    for (const key of ['alibabaCloud.endpoints', 'alibabaCloud.useVpcEndpoints']) {
      assert.ok(restricted.includes(key));
      assert.equal(manifest.contributes.configuration.properties[key].scope, 'machine');
    }
  });
});

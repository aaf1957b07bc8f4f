import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkHandoffArgs, type HandoffArgs } from '../../src/commands/ram/handoffArgs';
import { UserFacingError } from '../../src/util/errors';
import { useTempDir } from './tempDir';

const ctx = { store: { list: async () => [] } } as unknown as Parameters<typeof checkHandoffArgs>[0];

async function refusal(args: HandoffArgs): Promise<string> {
  try {
    await checkHandoffArgs(ctx, args);
  } catch (error) {
    assert.ok(error instanceof UserFacingError, String(error));
    return error.message;
  }
  assert.fail('not refused');
}

describe('RAM: what code may ask of a new key\'s secret', () => {
  const dir = useTempDir('handoff-args-');

  it('never copies the secret to the clipboard from arguments', async () => {
    assert.match(await refusal({ choice: 'copy' }), /only with the Copy Secret button/);
    assert.match(await refusal({ choice: ['saveAsProfile', 'copy'] }), /only with the Copy Secret button/);
  });

  it('refuses a CSV path where something already is, before the key is made', async () => {
    const file = path.join(dir(), 'AccessKey.csv');
    fs.writeFileSync(file, 'stale');
    assert.match(await refusal({ choice: 'csv', csvPath: file }), /already exists/);
    const dangling = path.join(dir(), 'dangling.csv');
    fs.symlinkSync(path.join(dir(), 'nowhere'), dangling);
    assert.match(await refusal({ choice: 'csv', csvPath: dangling }), /already exists/);
    assert.deepEqual(await checkHandoffArgs(ctx, { choice: ['saveAsProfile', 'csv'], csvPath: path.join(dir(), 'new.csv') }), ['saveAsProfile', 'csv']);
  });
});

// Paths of the import fixtures (test/fixtures/import), from the compiled tests in out/test/unit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceFileError } from '../../src/credentials/importers/types';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'import');

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(fixture(...parts), 'utf8');
}

/** Every secret and token the fixtures hold: no message may ever contain one. */
export const FIXTURE_SECRETS = [
  'prof-secret-pat-not-real-000001', 'prof-secret-pat-not-real-000002', 'prof-secret-root-not-real-00001',
  'prof-secret-quinn-not-real-0001', 'prof-secret-sts-not-real-00001', 'prof-secret-sts-not-real-00002',
  'prof-security-token-not-real-0001', 'prof-security-token-not-real-0002',
];

export function assertNoSecret(text: string): void {
  for (const secret of FIXTURE_SECRETS) {
    if (text.includes(secret)) {
      throw new Error(`a secret leaked into: ${text.replace(secret, '<the secret>')}`);
    }
  }
}

/** Runs `fn`, expecting the SourceFileError a bad file gives; its message must hold no secret. */
export function failure(fn: () => unknown): SourceFileError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SourceFileError, `expected a SourceFileError, got ${String(error)}`);
    assertNoSecret(error.message);
    return error;
  }
  assert.fail('no error');
}

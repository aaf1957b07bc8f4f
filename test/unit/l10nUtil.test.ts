import * as assert from 'node:assert/strict';
import { sentences, t } from '../../src/util/l10n';

describe('l10n helpers outside VS Code', () => {
  it('formats placeholders in order and leaves unknown ones', () => {
    assert.equal(t('{1} before {0}, then {2}', 'a', 'b'), 'b before a, then {2}');
  });
  it('joins sentences with one space in English and skips empty parts', () => {
    assert.equal(sentences('One.', undefined, '', false, ' Two. ', 'Three.'), 'One. Two. Three.');
  });
});

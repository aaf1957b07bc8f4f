import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifestKeys, placeholders, readJson, ROOT, runtimeStrings } from './strings';

const LOCALES = ['zh-cn'];

describe('localization', () => {
  const nls = readJson<Record<string, string>>('package.nls.json');
  const { found, nonLiteral } = runtimeStrings();
  const messages = [...new Set(found.map((f) => f.message))];

  it('finds the strings it checks', () => {
    assert.ok(messages.length > 50, `only ${messages.length} runtime strings found: the extractor is broken`);
    assert.ok(Object.keys(nls).length > 10);
  });

  it('calls t() only with a literal message, so every message can be translated', () => {
    assert.deepEqual(nonLiteral, []);
  });

  it('defines every %key% that package.json uses, and nothing unused', () => {
    const keys = manifestKeys();
    assert.deepEqual(keys.filter((k) => !(k in nls)), [], 'keys used in package.json but missing from package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((k) => !keys.includes(k)).sort(), [], 'keys in package.nls.json that package.json does not use');
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const manifest = readJson<Record<string, string>>(`package.nls.${locale}.json`);
      const bundleFile = `l10n/bundle.l10n.${locale}.json`;
      const bundle = readJson<Record<string, string>>(bundleFile);

      it('translates every package.json string with the same placeholders', () => {
        const missing = Object.keys(nls).filter((k) => !manifest[k]?.trim());
        assert.deepEqual(missing, [], `package.nls.${locale}.json lacks translations`);
        const stale = Object.keys(manifest).filter((k) => !(k in nls));
        assert.deepEqual(stale, [], `package.nls.${locale}.json has keys package.nls.json no longer has`);
        for (const [key, english] of Object.entries(nls)) {
          assert.deepEqual(placeholders(manifest[key]), placeholders(english), `placeholders differ for ${key}`);
        }
      });

      it('translates every runtime string with the same placeholders', () => {
        const missing = messages.filter((m) => !bundle[m]?.trim());
        assert.deepEqual(missing, [], `${bundleFile} lacks translations for these messages`);
        for (const message of messages) {
          assert.deepEqual(placeholders(bundle[message]), placeholders(message), `placeholders differ for "${message}"`);
        }
      });

      it('keeps no translation of a message the code no longer has', () => {
        assert.deepEqual(Object.keys(bundle).filter((m) => !messages.includes(m)), []);
      });

      it('is valid JSON without a byte-order mark', () => {
        for (const file of [`package.nls.${locale}.json`, bundleFile]) {
          assert.notEqual(fs.readFileSync(path.join(ROOT, file))[0], 0xef, `${file} starts with a BOM`);
        }
      });
    });
  }
});

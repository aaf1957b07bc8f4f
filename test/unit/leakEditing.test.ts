import * as assert from 'node:assert/strict';
import { scanLine, scanText } from '../../src/leaks/detector';
import { DocumentLines } from '../../src/leaks/documentLines';
import { envReplacement, envVariableFor, type EnvReplacementInput, type TextEditSpec } from '../../src/leaks/envReference';
import type { KeyIndex } from '../../src/leaks/keyIndex';
import { buildIndex, KEYS, randomString, seededRandom } from './leakFixtures';

/** Applies edits (in original coordinates, as a WorkspaceEdit does) to lines of text. */
function apply(lines: string[], edits: readonly TextEditSpec[]): string {
  const text = lines.join('\n');
  const offset = (line: number, col: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + col;
  const sorted = [...edits].sort((a, b) => offset(b.line, b.start) - offset(a.line, a.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.line, e.start)) + e.text + out.slice(offset(e.line, e.end));
  }
  return out;
}

function replace(languageId: string, path: string, lines: string[], literal: string, secret?: 'accessKeySecret'): { style: string; text: string } {
  const line = lines.findIndex((l) => l.includes(literal));
  const start = lines[line].indexOf(literal);
  const input: EnvReplacementInput = {
    languageId, path, line, lineText: lines[line], start, end: start + literal.length, variable: envVariableFor(secret),
    lineCount: lines.length, lineAt: (i) => lines[i], commentText: `set ${envVariableFor(secret)} in the environment`,
  };
  const r = envReplacement(input);
  return { style: r.style, text: apply(lines, r.edits) };
}

describe('leak detection: editing', () => {
  describe('open documents are rescanned only where they changed', () => {
    let index: KeyIndex;
    before(async () => {
      index = await buildIndex();
    });

    it('gives the same findings as a full scan after random edits, scanning only the edited lines', () => {
      const random = seededRandom(7);
      const pick = () => [KEYS.prod.id, KEYS.dev.secret, 'plain text', `LTAI${randomString(random, 16)}`, ''][Math.floor(random() * 5)];
      let text: string[] = Array.from({ length: 2000 }, (_, i) => (i % 97 === 0 ? `k=${pick()}` : `line ${i} ${randomString(random, 30)}`));
      const doc = new DocumentLines(text.length);
      doc.refresh(text.length, (i) => text[i], (l) => scanLine(index, l));
      for (let round = 0; round < 300; round++) {
        const start = Math.floor(random() * text.length);
        const end = Math.min(text.length - 1, start + Math.floor(random() * 3));
        const inserted = Array.from({ length: 1 + Math.floor(random() * 3) }, () => `x ${pick()} y`);
        text = [...text.slice(0, start), ...inserted, ...text.slice(end + 1)];
        doc.applyEdit({ startLine: start, endLine: end, newLineCount: inserted.length });
        if (round % 3 === 0) {
          const { scanned } = doc.refresh(text.length, (i) => text[i], (l) => scanLine(index, l));
          assert.ok(scanned <= 9, `${scanned} lines scanned for three small edits`);
        }
      }
      doc.refresh(text.length, (i) => text[i], (l) => scanLine(index, l));
      const full = text.flatMap((l, line) => scanLine(index, l).map((f) => ({ ...f, line })));
      assert.deepEqual(doc.findings(), full);
      const opened = new DocumentLines(text.length);
      const { scanned } = opened.refresh(text.length, () => assert.fail('read line by line'), () => assert.fail('scanned line by line'), () => scanText(index, text.join('\r\n')));
      assert.equal(scanned, text.length);
      assert.deepEqual(opened.findings(), full, 'the whole text in one pass finds the same');
    });

    it('reports a change only when findings appear, go or move', () => {
      const text = ['a', `b ${KEYS.prod.id}`, 'c'];
      const refresh = () => doc.refresh(text.length, (i) => text[i], (l) => scanLine(index, l));
      const doc = new DocumentLines(text.length);
      assert.deepEqual(refresh(), { scanned: 3, changed: true });
      text[2] = 'cc';
      doc.applyEdit({ startLine: 2, endLine: 2, newLineCount: 1 });
      assert.deepEqual(refresh(), { scanned: 1, changed: false }, 'typing elsewhere on one line');
      text.splice(0, 0, 'new');
      doc.applyEdit({ startLine: 0, endLine: 0, newLineCount: 2 });
      assert.equal(refresh().changed, true, 'the finding moved down a line');
      assert.deepEqual(doc.findings().map((f) => f.line), [2]);
      text[2] = 'b';
      doc.applyEdit({ startLine: 2, endLine: 2, newLineCount: 1 });
      assert.deepEqual(refresh(), { scanned: 1, changed: true }, 'the key was deleted');
      assert.deepEqual(doc.findings(), []);
    });

    it('starts over when the line count does not add up (a missed event)', () => {
      const text = ['a', `b ${KEYS.prod.id}`];
      const doc = new DocumentLines(5);
      doc.refresh(text.length, (i) => text[i], (l) => scanLine(index, l));
      assert.deepEqual(doc.findings().map((f) => f.line), [1]);
    });
  });

  describe('replace with an environment variable', () => {
    it('reads process.env in JavaScript and TypeScript, replacing the quotes too', () => {
      assert.deepEqual(replace('typescript', '/w/src/a.ts', [`const id = '${KEYS.prod.id}';`], KEYS.prod.id), { style: 'expression', text: 'const id = process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;' });
      assert.equal(replace('javascript', '/w/a.js', [`f(\`${KEYS.dev.secret}\`)`], KEYS.dev.secret, 'accessKeySecret').text, 'f(process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET)');
    });

    it('reads os.environ in Python and imports os where it is missing', () => {
      const lines = ['#!/usr/bin/env python3', 'from __future__ import annotations', 'import json', '', `SECRET = "${KEYS.dev.secret}"`];
      assert.equal(replace('python', '/w/a.py', lines, KEYS.dev.secret, 'accessKeySecret').text,
        ['#!/usr/bin/env python3', 'from __future__ import annotations', 'import os', 'import json', '', 'SECRET = os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"]'].join('\n'));
      assert.equal(replace('python', '/w/a.py', ['import os', `K = '${KEYS.prod.id}'`], KEYS.prod.id).text, 'import os\nK = os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"]');
    });

    it('writes ${env:…} where VS Code or the Serverless Framework read the file, ${…} for Docker Compose', () => {
      assert.equal(replace('jsonc', '/w/.vscode/launch.json', [`  "env": { "KEY": "${KEYS.prod.id}" }`], KEYS.prod.id).text, '  "env": { "KEY": "${env:ALIBABA_CLOUD_ACCESS_KEY_ID}" }');
      assert.equal(replace('yaml', '/w/serverless.yml', [`  key: ${KEYS.prod.id}`], KEYS.prod.id).text, '  key: ${env:ALIBABA_CLOUD_ACCESS_KEY_ID}');
      assert.equal(replace('yaml', '/w/docker-compose.yml', [`      - KEY=${KEYS.prod.id}`], KEYS.prod.id).text, '      - KEY=${ALIBABA_CLOUD_ACCESS_KEY_ID}');
    });

    it('elsewhere removes the value and names the variable in a comment above, or in a placeholder without comments', () => {
      assert.deepEqual(replace('yaml', '/w/config.yml', ['db:', `  key: "${KEYS.prod.id}"`], KEYS.prod.id), {
        style: 'comment', text: 'db:\n  # set ALIBABA_CLOUD_ACCESS_KEY_ID in the environment\n  key: ""',
      });
      assert.equal(replace('properties', '/w/app.properties', [`key=${KEYS.prod.id}`], KEYS.prod.id).text, '# set ALIBABA_CLOUD_ACCESS_KEY_ID in the environment\nkey=');
      assert.equal(replace('plaintext', '/w/.env', [`${KEYS.prod.id}`], KEYS.prod.id).text, '# set ALIBABA_CLOUD_ACCESS_KEY_ID in the environment\n');
      assert.deepEqual(replace('json', '/w/config.json', [`{ "id": "${KEYS.prod.id}" }`], KEYS.prod.id), { style: 'placeholder', text: '{ "id": "<ALIBABA_CLOUD_ACCESS_KEY_ID>" }' });
      assert.equal(replace('go', '/w/main.go', ['package main', `var id = "${KEYS.prod.id}"`], KEYS.prod.id).style, 'comment', 'no "os" import: a comment, not code that does not build');
      assert.equal(replace('shellscript', '/w/run.sh', [`export KEY='${KEYS.prod.id}'`], KEYS.prod.id).text, 'export KEY="${ALIBABA_CLOUD_ACCESS_KEY_ID}"');
    });
  });
});

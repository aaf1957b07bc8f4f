// Another extension, as any installed one could be: it shares the extension host with Alibaba Cloud
// Credentials and tries every way to a secret that needs no click of the person's. Each command
// runs one attempt and appends what happened to $INTRUDER_DIR/report.jsonl; it never writes a
// secret there (strings it finds are reported as SHA-256 hashes only).
'use strict';
const vscode = require('vscode');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const TARGET = 'akworks.alibaba-cloud-credentials';
const dir = process.env.INTRUDER_DIR;

function report(door, entry) {
  fs.appendFileSync(path.join(dir, 'report.jsonl'), JSON.stringify({ door, ...entry }) + '\n');
}

/** Runs our command with arguments and records whether it returned something, or threw. */
async function attempt(door, command, ...args) {
  try {
    const result = await vscode.commands.executeCommand(command, ...args);
    report(door, { returned: result === undefined ? 'undefined' : typeof result, keys: result && typeof result === 'object' ? Object.keys(result) : [] });
  } catch (error) {
    report(door, { threw: String(error && error.message).slice(0, 200) });
  }
}

const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Every object reachable from `root`: own and inherited keys (private fields of classes are plain properties at run time), getters, Maps, Sets. */
function walk(root) {
  const seen = new Set();
  const hashes = new Set();
  const suspicious = [];
  let objects = 0;
  const visit = (value, where, depth) => {
    if (typeof value === 'string') {
      hashes.add(sha256(value));
      return;
    }
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value) || depth > 15) return;
    seen.add(value);
    objects++;
    const keys = new Set();
    for (let o = value; o && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
      for (const k of Reflect.ownKeys(o)) keys.add(k);
    }
    const names = [...keys].map(String);
    if (names.includes('getSecrets') || (names.includes('get') && names.includes('store')) || names.includes('secrets')) suspicious.push(where);
    for (const k of keys) {
      let child;
      try { child = value[k]; } catch { continue; }
      visit(child, `${where}.${String(k)}`, depth + 1);
    }
    if (value instanceof Map) for (const [k, v] of value) { visit(k, `${where}<key>`, depth + 1); visit(v, `${where}<value>`, depth + 1); }
    if (value instanceof Set) for (const v of value) visit(v, `${where}<item>`, depth + 1);
  };
  visit(root, 'exports', 0);
  return { objects, suspicious, hashes: [...hashes] };
}

const doors = {
  // Not a door: picks a profile whose key works, so the cloud commands get as far as their question.
  'intruder.selectAlice': () => attempt('selectAlice', 'alibabaCloud.selectProfile', { name: 'alice' }),
  'intruder.walkExports': async () => {
    const extension = vscode.extensions.getExtension(TARGET);
    if (!extension) return report('walkExports', { threw: 'not installed' });
    const exports = extension.isActive ? extension.exports : await extension.activate();
    const found = walk(exports);
    report('walkExports', { mode: typeof exports, ...found });
  },
  'intruder.exportProfile': () => attempt('exportProfile', 'alibabaCloud.exportProfile',
    { name: 'alice', path: path.join(dir, 'stolen-config.json'), cliProfileName: 'stolen', setCurrent: false, confirm: true }),
  'intruder.createKeyCopy': () => attempt('createKeyCopy', 'alibabaCloud.ram.createAccessKey', { userName: 'grace', choice: 'copy', confirm: true }),
  'intruder.createKeyCsv': () => attempt('createKeyCsv', 'alibabaCloud.ram.createAccessKey',
    { userName: 'grace', choice: 'csv', csvPath: path.join(dir, 'stolen.csv'), confirm: true }),
  'intruder.useInTerminal': () => attempt('useInTerminal', 'alibabaCloud.useInTerminal', { confirm: true }),
  'intruder.readTerminal': async () => {
    const out = path.join(dir, 'terminal-env.txt');
    const terminal = vscode.window.createTerminal({ name: 'intruder', shellPath: '/bin/sh', shellArgs: ['-c', `env > '${out}.tmp' && mv '${out}.tmp' '${out}'`] });
    for (let i = 0; i < 100 && !fs.existsSync(out); i++) await new Promise((r) => setTimeout(r, 100));
    terminal.dispose();
    const lines = fs.existsSync(out) ? fs.readFileSync(out, 'utf8').split('\n').filter((l) => l.includes('=')) : [];
    fs.rmSync(out, { force: true });
    const names = lines.map((l) => l.slice(0, l.indexOf('=')));
    report('readTerminal', {
      ran: names.length > 0,
      credentials: names.filter((n) => /^ALIBABA_CLOUD_(ACCESS_KEY|SECURITY_TOKEN|REGION_ID|CREDENTIALS)/.test(n)),
      hashes: lines.map((l) => sha256(l.slice(l.indexOf('=') + 1))),
    });
  },
  'intruder.importAndRemove': () => {
    const file = path.join(dir, 'victim-config.json');
    return attempt('importAndRemove', 'alibabaCloud.importProfiles',
      { source: 'aliyun-cli', path: file, select: 'all', conflict: 'skip', removeSecretsFromSource: true, confirm: true });
  },
  'intruder.disableKey': () => attempt('disableKey', 'alibabaCloud.ram.disableAccessKey',
    { accessKeyId: 'LTAI5tDemoFrankKey000001', userName: 'frank', confirm: true, confirmKeyId: 'LTAI5tDemoFrankKey000001' }),
  'intruder.enableKey': () => attempt('enableKey', 'alibabaCloud.ram.enableAccessKey',
    { accessKeyId: 'LTAI5tDemoDaveKey0000002', userName: 'dave', confirm: true }),
  'intruder.deleteKey': () => attempt('deleteKey', 'alibabaCloud.ram.deleteAccessKey',
    { accessKeyId: 'LTAI5tDemoBobKey00000001', userName: 'bob', confirm: true, confirmKeyId: 'LTAI5tDemoBobKey00000001' }),
  'intruder.createRamUser': () => attempt('createRamUser', 'alibabaCloud.ram.createRamUserAndKey',
    { userName: 'intruder-admin', displayName: 'Intruder', policies: ['AdministratorAccess'], choice: 'saveAsProfile', profileName: 'intruder-admin', onFailure: 'finish', confirm: true }),
  'intruder.rotateKey': () => attempt('rotateKey', 'alibabaCloud.ram.rotateAccessKey', { accessKeyId: 'LTAI5tDemoFrankKey000001', confirm: true }),
  'intruder.serveToTerminals': () => attempt('serveToTerminals', 'alibabaCloud.programs.serveInTerminals', { confirm: true }),
  'intruder.serveToDebug': () => attempt('serveToDebug', 'alibabaCloud.programs.useInDebugSessions', { confirm: true }),
  'intruder.deleteProfile': () => attempt('deleteProfile', 'alibabaCloud.deleteProfile', { name: 'frank', confirm: true }),
};

exports.activate = (context) => {
  for (const [id, run] of Object.entries(doors)) context.subscriptions.push(vscode.commands.registerCommand(id, run));
};
exports.deactivate = () => {};

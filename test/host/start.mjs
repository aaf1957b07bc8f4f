#!/usr/bin/env node
// `npm start`: try the extension in a real VS Code (code-server) against the local Alibaba Cloud.
// Installs what is missing, builds the extension, starts the emulator with demo data and
// code-server with the extension loaded, prints the URL and a demo AccessKey, and stays in the
// foreground until Ctrl-C. Your VS Code state lives in .vscode-test/demo/ and survives restarts.
//
//   npm start [-- --port N] [-- --emulator FILE]   (or PORT=N npm start; default 8080, or a free
//   port if taken; --emulator runs another emulator script with the same command line)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer, startCodeServer } from './codeServer.mjs';
import { endpointsSetting, startEmulator } from './emulator.mjs';
import { setUp } from './setup.mjs';
import { updateSettingsFile, workbenchUrl } from './workbench.mjs';
import { CACHE_DIR, Cleanup, elapsed, freePort, isPortFree, log, parseArgs, ROOT, warn } from './util.mjs';

const DEFAULT_PORT = 8080;
const opts = parseArgs(process.argv.slice(2), { port: 'value', emulator: 'value' });
const demoDir = path.join(CACHE_DIR, 'demo');
const portFile = path.join(demoDir, 'port');
const cleanup = new Cleanup({ signalExitCode: () => 0 });

/** The first demo user with policies, and its first active AccessKey (fake values). */
function demoCredentials() {
  const file = path.join(ROOT, 'test', 'emulator', 'demo-seed.json');
  try {
    const seed = JSON.parse(readFileSync(file, 'utf8'));
    for (const account of seed.accounts ?? []) {
      for (const user of account.users ?? []) {
        if (!user.policies?.length) continue;
        const key = (user.accessKeys ?? []).find((k) => (k.status ?? 'Active') === 'Active') ?? user.accessKeys?.[0];
        if (key) return { user: user.userName, policies: user.policies, ...key };
      }
    }
  } catch {
    /* reported below */
  }
  return undefined;
}

// The extension's profiles and secrets live in the browser's storage for the page's origin, so
// the same port on every start keeps them: an explicit port, else the last one, else 8080.
async function pickPort() {
  const requested = opts.port ?? process.env.PORT;
  if (requested) {
    const port = Number(requested);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port "${requested}"`);
    if (!(await isPortFree(port))) throw new Error(`port ${port} is in use; pick another with --port N or PORT=N`);
    return port;
  }
  let last;
  try {
    last = Number(readFileSync(portFile, 'utf8').trim()) || undefined;
  } catch { /* first start */ }
  for (const port of [last, DEFAULT_PORT]) if (port && (await isPortFree(port))) return port;
  const port = await freePort();
  log(`port ${last ?? DEFAULT_PORT} is in use; using ${port} (profiles added on the other port are not visible here)`);
  return port;
}

async function main() {
  const started = Date.now();
  const port = await pickPort();
  // What `npm test` installs too, but Chromium and its fonts: the demo opens in the person's browser.
  await setUp({ browser: false });
  const codeServer = await ensureCodeServer();

  if (!existsSync(path.join(ROOT, 'esbuild.mjs'))) throw new Error('esbuild.mjs is missing: cannot build the extension');
  log('building the extension (node esbuild.mjs)');
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });

  const emulator = await startEmulator({ script: opts.emulator, logFile: path.join(demoDir, 'emulator.log') });
  cleanup.add('stop emulator', emulator.stop);

  const userDataDir = path.join(demoDir, 'user-data');
  const workspace = path.join(demoDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const readme = path.join(workspace, 'README.md');
  if (!existsSync(readme)) writeFileSync(readme, '# Alibaba Cloud Credentials demo\n\nA scratch folder for trying the extension against the local emulator.\n');
  // Defaults only where the person has not chosen otherwise; the endpoint follows the emulator.
  updateSettingsFile(path.join(userDataDir, 'User', 'settings.json'), {
    defaults: {
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
    },
  });
  updateSettingsFile(path.join(userDataDir, 'Machine', 'settings.json'), {
    overrides: { 'alibabaCloud.endpoints': endpointsSetting(emulator.endpoint) },
  });

  const server = await startCodeServer({
    dir: demoDir,
    port,
    folder: workspace,
    userDataDir,
    logFile: path.join(demoDir, 'code-server.log'),
    env: { ALIBABA_CLOUD_EMULATOR: emulator.endpoint },
  });
  cleanup.add('stop code-server', server.stop);
  writeFileSync(portFile, `${port}\n`);

  const url = workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: ROOT });
  const creds = demoCredentials();
  const lines = [
    '',
    `VS Code ${codeServer.vscode} (code-server ${codeServer.version}) is running, with the local Alibaba Cloud on ${emulator.endpoint}.`,
    '',
    'Open this URL in your browser (it loads this project as the extension under development):',
    '',
    `  ${url}`,
    '',
    creds
      ? [
          `Then click "Alibaba Cloud" in the status bar, choose "Add Profile…" and enter the demo RAM user "${creds.user}" (${creds.policies.join(', ')}):`,
          `  AccessKey ID:     ${creds.accessKeyId}`,
          `  AccessKey secret: ${creds.accessKeySecret}`,
          '  (fake demo values, accepted only by the local emulator)',
        ].join('\n')
      : 'Demo AccessKeys: see test/emulator/demo-seed.json (users with policies).',
    '',
    `Your profiles and their secrets are kept by your browser for ${server.url}, so use the same browser`,
    `and port next time (this port is remembered). VS Code's settings and the logs (code-server.log,`,
    `emulator.log) are in ${path.relative(ROOT, demoDir)}/. After changing the code, run \`npm run build\` and reload the page.`,
    `Ready in ${elapsed(started)}. Press Ctrl-C to stop.`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  // Stay up until Ctrl-C; if one of the servers dies, say so and stop the other.
  const died = await Promise.race([
    emulator.child.exited.then((e) => ({ name: 'the emulator', ...e })),
    server.child.exited.then((e) => ({ name: 'code-server', ...e })),
  ]);
  if (cleanup.signalled) return; // Ctrl-C: the cleanup stopped it
  warn(`${died.name} stopped unexpectedly (code ${died.code}, signal ${died.signal}); see the logs in ${path.relative(ROOT, demoDir)}/`);
  process.exitCode = 1;
}

try {
  await main();
} catch (err) {
  warn(`npm start failed: ${err?.message ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanup.run();
}
process.exit(cleanup.signalled ? 0 : process.exitCode ?? 1);

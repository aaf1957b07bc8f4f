// The reliability suite's secret scan (finalScan.mjs): the seed's secrets, those the emulator
// issued and those the parts declared, looked for in the browser's storage and every file the run wrote.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finalSecretScan } from './finalScan.mjs';
import { log, ROOT, warn } from './util.mjs';

/** Secrets a part typed that are in no seed (wrong secrets, bad inputs): `<part>.json` in `dir`, an array of strings. */
function declaredSecrets(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => {
    const list = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    if (!Array.isArray(list)) throw new Error(`${path.relative(ROOT, path.join(dir, f))} must hold an array of strings`);
    return list;
  });
}

/**
 * The browser's storage decoded, then every file of the run folder (the Chromium profile, user
 * data with the logs and globalStorage, extensions, workspaces, XDG folders, TMPDIR), of the
 * results folder, and of the CLI files the import/export commands default to. SecretStorage must
 * hold the two keys the VS Code part made (keys.test.ts). Stops the browser, code-server and the
 * emulator itself: the browser is read while open, the files once nothing writes any more.
 */
export async function reliabilitySecretScan({ browser, browserTmp, server, emulator, runDir, seed, resultsDir, declaredSecretsDir }) {
  const home = os.homedir();
  const cliFiles = [path.join(home, '.aliyun'), path.join(home, '.alibabacloud')].filter((p) => existsSync(p));
  const { problems, report } = await finalSecretScan({
    context: browser.context, origin: server.url, userDataDir: path.join(runDir, 'user-data'), browserProfile: path.join(runDir, 'chromium'),
    emulatorEndpoint: emulator.endpoint, seed, extraSecrets: declaredSecrets(declaredSecretsDir), runTimeInSecretStorage: 2,
    stop: async () => {
      await browser.close();
      await server.stop();
      await emulator.stop();
    },
    roots: [runDir, resultsDir, browserTmp, ...cliFiles],
    // The runner's merged seed, and the parts' lists of declared secrets, hold secrets on purpose.
    exclude: [path.join(runDir, 'seed.json'), declaredSecretsDir],
    log, warn,
  });
  return { problems, report: { ...report, leaks: (report.browser?.leaks.length ?? 0) + (report.files?.leaks.length ?? 0) } };
}

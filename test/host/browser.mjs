// Debian's Chromium driven by playwright-core, headless, with a fresh profile per run.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: run node test/host/setup.mjs (it installs Debian\'s chromium), or set CHROMIUM_PATH');
  return found;
}

// Keep the browser offline-friendly and quiet: no GPU, no background fetches, no first-run UI.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--password-store=basic',
];

/**
 * Launch Chromium with a fresh profile in `userDataDir` (fresh profile = empty SecretStorage), and
 * its temporary files in `tmpDir` if given (so a run's secret scan reads them too).
 * Signals are handled by our own cleanup, not playwright's (which would exit the process early).
 */
export async function launchBrowser({ userDataDir, tmpDir, headless = true, viewport = { width: 1440, height: 900 } }) {
  const { chromium } = require('playwright-core');
  mkdirSync(userDataDir, { recursive: true });
  if (tmpDir) mkdirSync(tmpDir, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless,
    args: ARGS,
    env: tmpDir ? { ...process.env, TMPDIR: tmpDir } : undefined,
    viewport,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: () => context.close().catch(() => {}),
  };
}

// A test suite run in one workbench window: the page opens the workbench with the suite as its
// extension tests, Mocha's output comes back through the page, and the run settles with the exit
// code the suite's run() ended with.
import path from 'node:path';
import { createMochaOutputFilter, summaryProblem } from './mochaOutput.mjs';
import { ROOT } from './util.mjs';
import { recordConsole, waitForWorkbench, workbenchUrl } from './workbench.mjs';

// The workbench's own start-up timing warnings (kept in browser-console*.log).
const WINDOW_NOISE = /^\[warn\] Creation of workbench contribution/;

/**
 * Opens `page` on a workbench that runs `testsPath` in its extension host; resolves when `run()`
 * settles, with the exit code and Mocha's summary. Output lines get `prefix`; the console log
 * closes through `cleanup`.
 */
export async function runInWindow({ page, server, folder, testsPath, prefix = '', consoleFile, windowTimeoutMs, cleanup, verbose = false, extensionPath = ROOT }) {
  const consoleLog = recordConsole(page, consoleFile);
  cleanup.add(`close ${path.basename(consoleFile)}`, consoleLog.close);
  const output = createMochaOutputFilter({
    verbose,
    write: (text) => {
      if (!verbose && WINDOW_NOISE.test(text)) return;
      process.stdout.write(`${text.split('\n').map((line) => `${prefix}${line}`).join('\n')}\n`);
    },
  });
  let settle;
  const exited = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  exited.catch(() => {}); // awaited below; this only keeps an early rejection from being "unhandled"
  await page.exposeFunction('codeAutomationLog', (level, message) => output.push(level, message));
  await page.exposeFunction('codeAutomationExit', (code) => settle.resolve(code));
  const name = prefix.trim() || 'the window';
  page.on('crash', () => settle.reject(new Error(`${name}: the workbench page crashed`)));
  server.child.exited.then(({ code, signal }) => settle.reject(new Error(`code-server exited during the run (code ${code}, signal ${signal})`)));
  const timer = setTimeout(() => settle.reject(new Error(`${name} did not finish within ${windowTimeoutMs / 1000} s`)), windowTimeoutMs);
  try {
    await page.goto(workbenchUrl(server.url, { folder, extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath }));
    await waitForWorkbench(page);
    const code = await exited;
    return { code, summary: output.summary() };
  } finally {
    clearTimeout(timer);
  }
}

/** What is wrong with a window's run, or undefined: exit code 0, Mocha's summary seen, no failures, nothing pending, something passed. */
export function windowProblem({ code, summary }) {
  const what = `${summary.passing} passing, ${summary.failing} failing, ${summary.pending} pending`;
  return code !== 0 ? `exit code ${code} (${what})` : summaryProblem(summary);
}

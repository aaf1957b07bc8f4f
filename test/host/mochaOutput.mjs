// What the workbench hands to `window.codeAutomationLog` while running extension tests: the
// extension host's console (Mocha's reporter) mixed with the workbench's own log. Forward the
// former, drop the latter's known noise, and read Mocha's final summary.
import { format } from 'node:util';

// The workbench's own start-up chatter, and errors thrown inside the workbench bundle (failed
// look-ups of online services and the like). Everything is still kept in browser-console.log.
const WORKBENCH_NOISE = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^WARNING: IPC handle/,
  /^Extension host \(.*\) is unresponsive|^Extension host \(.*\) is responsive/,
  /\/static\/out\/vs\/[\w/.-]+\.js:\d+/, // a stack frame in the workbench's own code
];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text) {
  return text.replace(ANSI, '');
}

/** Render what `codeAutomationLog(level, message)` received: `[format, ...args]` or a string. */
export function renderMessage(message) {
  if (Array.isArray(message)) return message.length && typeof message[0] === 'string' ? format(...message) : message.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return typeof message === 'string' ? message : JSON.stringify(message);
}

export function createMochaOutputFilter({ write, verbose = false, color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }) {
  const lines = [];
  return {
    push(level, message) {
      const text = renderMessage(message);
      const plain = stripAnsi(text);
      lines.push(plain);
      if (!verbose && WORKBENCH_NOISE.some((re) => re.test(plain))) return;
      const shown = color ? text : plain;
      const prefix = level === 'error' || level === 'warn' ? `[${level}] ` : '';
      write(prefix ? shown.split('\n').map((line) => prefix + line).join('\n') : shown);
    },
    /** Mocha's last "N passing / N failing / N pending" epilogue, if any. */
    summary() {
      const text = lines.join('\n');
      const last = (re) => {
        const all = [...text.matchAll(re)];
        return all.length ? Number(all[all.length - 1][1]) : 0;
      };
      return {
        seen: /^\s*\d+ passing/m.test(text),
        passing: last(/^\s*(\d+) passing/gm),
        failing: last(/^\s*(\d+) failing/gm),
        pending: last(/^\s*(\d+) pending/gm),
      };
    },
  };
}

/**
 * Why a run with this summary failed, or undefined when it passed. A pending test (it.skip,
 * this.skip(), an it() without a body) counts as a failure: a suite that skips is not green.
 */
export function summaryProblem(summary) {
  if (!summary.seen) return 'no Mocha summary ("N passing") came from the extension host: did the suite run?';
  if (summary.failing > 0 || summary.pending > 0) return `${summary.failing} failing, ${summary.pending} pending (a pending test counts as failed)`;
  if (summary.passing === 0) return 'no test ran (0 passing)';
  return undefined;
}

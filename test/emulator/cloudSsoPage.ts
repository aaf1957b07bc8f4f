/**
 * The portal's approval page, where a person approves or denies a device sign-in: an HTML form
 * (user code, user name, password) posting form-encoded to `device/approve` or `device/deny`.
 *
 * Every link is relative to the page's own path: code-server's openExternal turns a loopback URL
 * into `/proxy/PORT/` (dropping path and query), so an absolute `/device/approve` would leave the
 * proxy. The page is the same wherever it is served; only the relative prefix changes.
 */
import * as path from 'path';
import type { DirectoryUser, SsoSessions } from './cloudSsoState';

/** GET paths that show the page (`/` only without an API action; the server checks that). */
export const PAGE_PATHS: ReadonlySet<string> = new Set(['/', '/device/code', '/start/login', '/device/approve', '/device/deny']);
export const DECISION_PATHS: ReadonlySet<string> = new Set(['/device/approve', '/device/deny']);

export interface PageAnswer {
  status: number;
  html: string;
  /** For the request log: `OK` or why it was refused. */
  code: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `target` relative to the directory the browser resolves links against (the path up to its last `/`). */
export function relativeLink(fromPath: string, target: string): string {
  const dir = fromPath.slice(0, fromPath.lastIndexOf('/') + 1) || '/';
  const rel = path.posix.relative(dir, target);
  return rel === '' ? './' : rel;
}

interface Shown {
  pathname: string;
  directoryId: string;
  userCode: string;
  userName: string;
  notice?: { kind: 'ok' | 'error'; text: string };
  /** False after a decision: nothing left to submit. */
  form: boolean;
}

function render(p: Shown): string {
  const approve = relativeLink(p.pathname, '/device/approve');
  const deny = relativeLink(p.pathname, '/device/deny');
  const notice = p.notice ? `<p class="${p.notice.kind}" role="${p.notice.kind === 'error' ? 'alert' : 'status'}" id="notice">${esc(p.notice.text)}</p>` : '';
  const form = p.form
    ? `<form method="post" action="${esc(approve)}" id="device-form">
<label for="user_code">User code</label>
<input id="user_code" name="user_code" value="${esc(p.userCode)}" autocomplete="off" spellcheck="false" required>
<label for="user_name">User name</label>
<input id="user_name" name="user_name" value="${esc(p.userName)}" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="buttons"><button type="submit" id="approve">Approve</button>
<button type="submit" id="deny" formaction="${esc(deny)}">Deny</button></div>
</form>`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>CloudSSO sign-in (emulator)</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#222}
label{display:block;margin-top:.8rem}input{width:100%;box-sizing:border-box;padding:.4rem}
.buttons{margin-top:1rem;display:flex;gap:.5rem}.ok{color:#1a7f37}.error{color:#b42318}
small{color:#666}
</style></head>
<body>
<h1>Authorize a device</h1>
<p>An application asks to sign in to CloudSSO directory <code>${esc(p.directoryId)}</code>. Check that the code matches the one it shows.</p>
${notice}
${form}
<p><small>Local Alibaba Cloud emulator: no real account is involved.</small></p>
</body></html>
`;
}

/** The page for a GET: the form, the code prefilled from `?user_code=`. */
export function showPage(sessions: SsoSessions, pathname: string, query: URLSearchParams): PageAnswer {
  return {
    status: 200,
    code: 'OK',
    html: render({ pathname, directoryId: sessions.directory.directoryId, userCode: query.get('user_code') ?? '', userName: '', form: true }),
  };
}

/**
 * A POST of the form: the user name and password first (403), then the code (400: mistyped,
 * expired, or decided already), then the decision (200).
 */
export function decide(sessions: SsoSessions, nowMs: number, pathname: string, form: URLSearchParams): PageAnswer {
  const approve = pathname === '/device/approve';
  const userCode = form.get('user_code') ?? '';
  const userName = form.get('user_name') ?? '';
  const base = { pathname, directoryId: sessions.directory.directoryId, userCode, userName };
  const user: DirectoryUser | undefined = sessions.signIn(userName, form.get('password') ?? '');
  if (!user) {
    return {
      status: 403,
      code: 'WrongUserOrPassword',
      html: render({ ...base, form: true, notice: { kind: 'error', text: 'The user name or password is wrong.' } }),
    };
  }
  const device = sessions.pendingByUserCode(nowMs, userCode);
  if (!device) {
    const text = `The code "${userCode}" is not valid: it is mistyped, has expired, or was used already. Start the sign-in again in the application if it has expired.`;
    return { status: 400, code: 'InvalidUserCode', html: render({ ...base, form: true, notice: { kind: 'error', text } }) };
  }
  sessions.decide(device, user, approve);
  const text = approve
    ? `Approved: the application is now signed in as ${user.userName}. You can close this page.`
    : 'Denied: the application will not be signed in. You can close this page.';
  return { status: 200, code: 'OK', html: render({ ...base, userCode: device.userCode, form: false, notice: { kind: 'ok', text } }) };
}

/**
 * The HTTP control API, `/__emulator/*`: unsigned JSON in and out, a thin layer over
 * EmulatorControl (see README.md for the table of requests). It answers on every port.
 */
import type * as http from 'http';
import { URL } from 'url';
import { FaultSpecError, parseFaultSpec, type Fault } from './faults';
import { parseRateLimitSpec } from './rateLimit';
import type { EmulatorControl } from './control';
import { isRecord, isoSeconds } from './util';

export function isControlPath(url: string | undefined): boolean {
  return (url ?? '').startsWith('/__emulator/') || url === '/__emulator';
}

function sendControl(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

const faultJson = (f: Fault): unknown => ({ ...f, remaining: Number.isFinite(f.remaining) ? f.remaining : null });

type Route = (body: unknown, url: URL, path: string) => [number, unknown];

function routes(control: EmulatorControl, lastSeq: () => number): Record<string, Route> {
  const clock = (): [number, unknown] => [200, { offsetMs: control.clockOffsetMs(), now: isoSeconds(control.now()) }];
  return {
    'POST /__emulator/faults': (body) => [200, { id: control.addFault(parseFaultSpec(body)) }],
    'GET /__emulator/faults': () => [200, { faults: control.listFaults().map(faultJson) }],
    'DELETE /__emulator/faults': () => [200, { cleared: control.clearFaults() }],
    'DELETE /__emulator/faults/*': (_b, _u, path) => {
      const id = decodeURIComponent(path.slice('/__emulator/faults/'.length));
      return control.removeFault(id) ? [200, { removed: id }] : [404, { error: `no fault ${id}` }];
    },
    'POST /__emulator/clock': (body) => {
      const offset = isRecord(body) ? body.offsetMs : undefined;
      if (typeof offset !== 'number' || !Number.isFinite(offset)) {
        return [400, { error: '"offsetMs" must be a number' }];
      }
      control.setClockOffset(offset);
      return clock();
    },
    'GET /__emulator/clock': clock,
    'POST /__emulator/reset': () => {
      control.reset();
      return [200, { reset: true }];
    },
    'GET /__emulator/state': () => [200, control.state()],
    'GET /__emulator/secrets': () => [200, { secrets: control.secrets() }],
    'GET /__emulator/requests': (_b, url) => {
      const since = Number(url.searchParams.get('since') ?? '0');
      if (!Number.isInteger(since) || since < 0) {
        return [400, { error: '"since" must be a non-negative integer' }];
      }
      return [200, { last: lastSeq(), requests: control.requests(since) }];
    },
    'POST /__emulator/keys/*/status': (body, _u, path) => {
      const id = decodeURIComponent(path.split('/')[3]);
      const status = isRecord(body) ? body.status : undefined;
      if (status !== 'Active' && status !== 'Inactive') {
        return [400, { error: '"status" must be "Active" or "Inactive"' }];
      }
      return control.setKeyStatus(id, status) ? [200, { accessKeyId: id, status }] : [404, { error: `no AccessKey ${id}` }];
    },
    'POST /__emulator/rate-limit': (body) => [200, control.setRateLimit(parseRateLimitSpec(body))],
    'GET /__emulator/rate-limit': () => [200, control.rateLimit()],
    'DELETE /__emulator/rate-limit': () => [200, control.clearRateLimit()],
    'POST /__emulator/sts-lifetime': (body) => {
      const seconds = isRecord(body) ? body.seconds : undefined;
      if (seconds !== null && (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 43200)) {
        return [400, { error: '"seconds" must be an integer from 1 to 43200 (or null to clear)' }];
      }
      control.setStsLifetime(seconds);
      return [200, { seconds: control.stsLifetime() }];
    },
    'GET /__emulator/sts-lifetime': () => [200, { seconds: control.stsLifetime() }],
    'DELETE /__emulator/sts-lifetime': () => {
      control.setStsLifetime(null);
      return [200, { seconds: null }];
    },
    'POST /__emulator/credential-report': (body) => {
      const ms = isRecord(body) ? body.generationMs : undefined;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 600_000) {
        return [400, { error: '"generationMs" must be an integer from 0 to 600000' }];
      }
      control.setReportGenerationMs(ms);
      return [200, control.credentialReports()];
    },
    'GET /__emulator/credential-report': () => [200, control.credentialReports()],
    'DELETE /__emulator/credential-report': () => [200, { discarded: control.discardCredentialReports() }],
    'GET /__emulator/cloudsso': () => {
      const status = control.cloudSso();
      return status ? [200, status] : [404, { error: 'the seed has no "cloudSso" directory' }];
    },
    'POST /__emulator/cloudsso/timing': (body) => {
      if (!isRecord(body)) {
        return [400, { error: 'the body must be an object of deviceCodeSeconds, intervalSeconds, accessTokenSeconds' }];
      }
      try {
        const timing = control.setCloudSsoTiming(body);
        return timing ? [200, timing] : [404, { error: 'the seed has no "cloudSso" directory' }];
      } catch (err) {
        return [400, { error: err instanceof Error ? err.message : String(err) }];
      }
    },
    'DELETE /__emulator/cloudsso/timing': () => {
      const timing = control.setCloudSsoTiming(null);
      return timing ? [200, timing] : [404, { error: 'the seed has no "cloudSso" directory' }];
    },
    'GET /__emulator/health': () => [200, { ok: true }],
  };
}

/** The table key of a request: paths with an id in them (a key's status, one fault) share one entry. */
function routeKey(method: string, path: string): string {
  if (/^\/__emulator\/keys\/[^/]+\/status$/.test(path)) {
    return `${method} /__emulator/keys/*/status`;
  }
  if (path.startsWith('/__emulator/faults/')) {
    return `${method} /__emulator/faults/*`;
  }
  return `${method} ${path}`;
}

/** A handler for control requests (the body already read). */
export function controlHandler(control: EmulatorControl, lastSeq: () => number): (req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer) => void {
  const table = routes(control, lastSeq);
  return (req, res, rawBody) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = url.pathname.replace(/\/+$/, '');
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown = {};
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        sendControl(res, 400, { error: 'the body is not valid JSON' });
        return;
      }
    }
    const route = table[routeKey(method, path)];
    if (!route) {
      sendControl(res, 404, { error: `no control endpoint ${method} ${url.pathname}` });
      return;
    }
    try {
      const [status, answer] = route(body, url, path);
      sendControl(res, status, answer);
    } catch (err) {
      if (err instanceof FaultSpecError) {
        sendControl(res, 400, { error: err.message });
      } else {
        sendControl(res, 500, { error: err instanceof Error ? err.message : String(err) });
      }
    }
  };
}

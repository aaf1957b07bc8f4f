/**
 * A local Alibaba Cloud for RAM 2015-05-01, STS 2015-04-01, SLB 2014-05-15 and IMS 2019-08-15 on one
 * port (or, with `portPerProduct`, each product on its own port; see ports.ts).
 *
 * A request goes through wire.ts (parsing), the port check, faults, the rate limit, routing.ts
 * (routing, auth.ts, authorization, the action) and back through wire.ts. `/__emulator/*` is an
 * unsigned JSON control API for tests (control.ts, controlHttp.ts; see README.md).
 */
import type * as http from 'http';
import type { Socket } from 'net';
import { performance } from 'perf_hooks';
import demoSeedJson from './demo-seed.json';
import type { ProductDef } from './api';
import { SIGN_IN_PATH, createPortal } from './cloudSso';
import { EmulatorControl, createControl } from './control';
import { controlHandler, isControlPath } from './controlHttp';
import { ApiError, Errors, throttleMessage } from './errors';
import { applyFault } from './faultHttp';
import type { Product } from './faults';
import { closeAll, endpointsOf, listen, wrongPort } from './ports';
import { PRODUCT_LIST, execute, productOf } from './routing';
import { Runtime } from './runtime';
import { SeedFile, ValidatedSeed, loadSeedFile, validateSeed } from './seed';
import { maskKeyId, sleep } from './util';
import { Outgoing, RequestInfo, errorOutgoing, okOutgoing, parseRequest, readBody, send, throttleOutgoing } from './wire';

export * from './seed';
export type { FaultSpec, Fault, FaultType, Product } from './faults';
export type { RateLimitSpec, RateLimitStatus } from './rateLimit';
export type { RequestLogEntry } from './requestLog';
export type { EmulatorControl, KeySnapshot, StateSnapshot } from './control';
export type { CloudSsoStatus } from './cloudSsoState';

export interface EmulatorOptions {
  /** A seed object or the path of a seed file; default: the built-in demo data (demo-seed.json). */
  seed?: SeedFile | string;
  /** Default 0: a free port. Always binds 127.0.0.1. With `portPerProduct`, the first product's (RAM's) port. */
  port?: number;
  /** Each product on its own port (RAM first, then STS, SLB, IMS); default: all on one port. */
  portPerProduct?: boolean;
  /** Delay every API answer by this many ms (benchmarks). */
  latencyMs?: number;
  /** Receives one line per request and seed warnings (the CLI passes stderr). Default: silent. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** `127.0.0.1:PORT`, the form the SDK's `endpoint` takes (protocol http); with `portPerProduct`, RAM's. */
  endpoint: string;
  /** Each product's `127.0.0.1:PORT`; all equal to `endpoint` unless `portPerProduct`. */
  endpoints: Record<Product, string>;
  port: number;
  /** With a `cloudSso` seed: the CloudSSO sign-in URL, `http://127.0.0.1:PORT/start/login` (on `endpoint`'s port). */
  signInUrl?: string;
  control: EmulatorControl;
  /** Seed warnings (unknown fields, unknown policy names). */
  warnings: string[];
  close(): Promise<void>;
}

function resolveSeed(seed: SeedFile | string | undefined): ValidatedSeed {
  if (seed === undefined) {
    return validateSeed(demoSeedJson, 'built-in demo seed (test/emulator/demo-seed.json)');
  }
  if (typeof seed === 'string') {
    return loadSeedFile(seed);
  }
  return validateSeed(seed, 'seed object');
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const validated = resolveSeed(opts.seed);
  const log = opts.log;
  for (const w of validated.warnings) {
    log?.(`seed warning: ${w}`);
  }
  const rt = new Runtime(validated.seed, Date.now(), log);
  const latencyMs = Math.max(0, opts.latencyMs ?? 0);
  const hanging = new Set<Socket>();
  let closing = false;

  const logEntry = (info: RequestInfo, out: Pick<Outgoing, 'code' | 'status'>, durationMs: number, fault?: string): void =>
    rt.requests.record({
      product: info.def?.product ?? null,
      action: info.action ?? null,
      accessKeyId: maskKeyId(info.accessKeyId),
      code: out.code,
      status: out.status,
      durationMs,
      ...(fault ? { fault } : {}),
    });

  /** Answers an API request; `only` is the product of the port it came in on (undefined: every product's port). */
  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer, only: ProductDef | undefined): Promise<void> {
    const started = performance.now();
    const info = parseRequest(req, rawBody, productOf);
    const match = { product: info.def?.product, action: info.action, accessKeyId: info.accessKeyId };
    const exchange = (spent: number, answer?: Outgoing) => ({ req, res, info, spent, answer, nowMs: rt.now(), record: rt.requests.record.bind(rt.requests), hanging });

    if (wrongPort(only, info.def)) {
      // The other product's host has no such API: its gateway refuses before anything else.
      const out = errorOutgoing({ ...info, def: only }, Errors.apiNotFound());
      send(res, info, out, rt.now());
      logEntry(info, out, performance.now() - started);
      return;
    }
    const before = rt.faults.take('before', match);
    if (before && (await applyFault(before, exchange(performance.now() - started)))) {
      return;
    }
    if (rt.limiter?.matches(info.def?.product)) {
      const decision = rt.limiter.take();
      if (!decision.allowed) {
        const out = throttleOutgoing(info, 400, 'Throttling.User', throttleMessage('Throttling.User'), decision.retryAfterMs, decision.limit);
        send(res, info, out, rt.now());
        logEntry(info, out, performance.now() - started, 'rate-limit');
        return;
      }
    }
    if (latencyMs > 0) {
      await sleep(latencyMs);
    }

    const t0 = performance.now();
    let out: Outgoing;
    try {
      out = okOutgoing(info, execute(rt, info));
    } catch (err) {
      if (err instanceof ApiError) {
        out = errorOutgoing(info, err);
      } else {
        log?.(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        out = errorOutgoing(info, Errors.internal());
      }
    }
    const spent = performance.now() - t0;

    const after = rt.faults.take('after', match);
    if (after && (await applyFault(after, exchange(spent, out)))) {
      return;
    }
    send(res, info, out, rt.now());
    logEntry(info, out, spent, after?.id ?? before?.id);
  }

  const portal = validated.seed.cloudSso ? createPortal(rt, validated.seed.cloudSso, log) : undefined;
  const control = createControl(rt, portal);
  const handleControl = controlHandler(control, () => rt.requests.last);
  const listeners = await listen(opts.portPerProduct ? PRODUCT_LIST : undefined, opts.port ?? 0, (only) => (req, res) => {
    // The portal has no API version to route by: it lives on the first port, with RAM when split.
    const portalHere = portal && (only === undefined || only === PRODUCT_LIST[0]) ? portal : undefined;
    readBody(req)
      .then(async (rawBody) => {
        if (isControlPath(req.url)) {
          handleControl(req, res, rawBody);
        } else if (portalHere?.handles(req)) {
          portalHere.handle(req, res, rawBody);
        } else {
          await handleApi(req, res, rawBody, only);
        }
      })
      .catch((err: unknown) => {
        log?.(`request failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('emulator error');
        }
      });
  });
  const port = listeners[0].port;

  return {
    endpoint: `127.0.0.1:${port}`,
    endpoints: endpointsOf(listeners, PRODUCT_LIST),
    port,
    ...(portal ? { signInUrl: `http://127.0.0.1:${port}${SIGN_IN_PATH}` } : {}),
    control,
    warnings: [...validated.warnings],
    close: () => {
      if (closing) {
        return Promise.resolve();
      }
      closing = true;
      for (const s of hanging) {
        s.destroy();
      }
      hanging.clear();
      return closeAll(listeners);
    },
  };
}

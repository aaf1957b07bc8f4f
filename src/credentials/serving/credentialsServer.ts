import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '../../util/log';
import { maskAccessKeyId } from '../../util/mask';
import type { TemporaryCredentials } from '../roles/refreshingCredentials';

/** Why the credentials cannot be served right now; `message` is safe to show to the program. */
export class ServeRefusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ServeRefusal';
  }
}

export interface CredentialsServerOptions {
  /** The active profile's temporary credentials (renewed by their owner); throws ServeRefusal when there are none. */
  readonly source: () => Promise<TemporaryCredentials>;
  readonly log: Log;
  /** Where to listen: the port and path secret of an earlier run of this window, so its terminals keep working. */
  readonly previous?: { readonly port: number; readonly pathSecret: string };
  /** After each request that reached the path secret: served, or refused with a ServeRefusal code. */
  readonly onAnswer?: (answer: { readonly served: boolean; readonly code?: string }) => void;
  readonly now?: () => number;
}

export interface Serving {
  /** `http://127.0.0.1:PORT/<path secret>`: what ALIBABA_CLOUD_CREDENTIALS_URI holds. */
  readonly url: string;
  readonly port: number;
  readonly pathSecret: string;
}

/** 128 bits and more: the URL is the only key to the credentials for other processes of this machine. */
const PATH_SECRET_BYTES = 24;

/**
 * The contract of Alibaba's SDKs and CLI for ALIBABA_CLOUD_CREDENTIALS_URI: `GET` answers
 * `{Code: "Success", AccessKeyId, AccessKeySecret, SecurityToken, Expiration}`. Only on 127.0.0.1,
 * only at a random path, only for requests addressed to this host name (no DNS rebinding from a
 * web page), and only temporary credentials: there is no way to serve a long-lived secret here.
 */
export class CredentialsServer {
  private server?: http.Server;
  private serving?: Serving;
  private served = 0;
  private refused = 0;
  private readonly now: () => number;

  constructor(private readonly options: CredentialsServerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** How many requests got credentials since start. */
  get requestsServed(): number {
    return this.served;
  }

  /** How many requests at the path secret were refused (nothing to serve) since start. */
  get requestsRefused(): number {
    return this.refused;
  }

  get current(): Serving | undefined {
    return this.serving;
  }

  async start(): Promise<Serving> {
    if (this.serving) {
      return this.serving;
    }
    const pathSecret = this.options.previous?.pathSecret ?? randomBytes(PATH_SECRET_BYTES).toString('base64url');
    const server = http.createServer((req, res) => void this.handle(req, res, pathSecret));
    server.keepAliveTimeout = 1000;
    const port = await listen(server, this.options.previous?.port ?? 0).catch(() => listen(server, 0));
    this.server = server;
    this.serving = { url: `http://127.0.0.1:${port}/${pathSecret}`, port, pathSecret };
    this.options.log.info(`[serve] serving credentials to programs on 127.0.0.1:${port}`);
    return this.serving;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.serving = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      this.options.log.info(`[serve] stopped serving credentials (${this.served} request(s) served)`);
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, pathSecret: string): Promise<void> {
    const port = this.serving?.port;
    const path = (req.url ?? '').split('?')[0];
    if (!sameSecret(path, `/${pathSecret}`) || !isOwnHost(req.headers.host, port)) {
      return send(res, 404, { Code: 'NotFound', Message: 'Not found.' });
    }
    if (req.method !== 'GET') {
      return send(res, 405, { Code: 'MethodNotAllowed', Message: 'Only GET is served here.' }, { Allow: 'GET' });
    }
    try {
      const c = await this.options.source();
      const left = Math.round((Date.parse(c.expiration) - this.now()) / 60000);
      this.served++;
      this.options.log.info(`[serve] GET → ${maskAccessKeyId(c.accessKeyId)}, ${left} min left`);
      send(res, 200, { Code: 'Success', AccessKeyId: c.accessKeyId, AccessKeySecret: c.accessKeySecret, SecurityToken: c.securityToken, Expiration: c.expiration });
      this.options.onAnswer?.({ served: true });
    } catch (error) {
      const refusal = error instanceof ServeRefusal ? error : new ServeRefusal('CredentialsUnavailable', 'The credentials could not be obtained; see the Alibaba Cloud output channel in VS Code.');
      this.refused++;
      this.options.log.warn(`[serve] GET refused: ${refusal.code}`);
      send(res, 503, { Code: refusal.code, Message: refusal.message });
      this.options.onAnswer?.({ served: false, code: refusal.code });
    }
  }
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A page in a browser can make a request to 127.0.0.1 under a name of its own choosing; those are refused. */
function isOwnHost(host: string | undefined, port: number | undefined): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function send(res: http.ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (res.destroyed) {
    return; // stopped while the credentials were being obtained
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Where the emulator listens: every product on one port (the default), or each product on a port
 * of its own (`--port-per-product`), where a product's request on another product's port fails as
 * it would on the wrong real host. The control API answers on every port.
 */
import * as http from 'http';
import type { ProductDef } from './api';
import type { Product } from './faults';

export interface Listener {
  /** The product this port serves; undefined = every product. */
  readonly only: ProductDef | undefined;
  readonly server: http.Server;
  readonly port: number;
}

/** The listeners' addresses as `{product: '127.0.0.1:PORT'}`, every product named (one port: all the same). */
export function endpointsOf(listeners: readonly Listener[], products: readonly ProductDef[]): Record<Product, string> {
  const shared = listeners.find((l) => l.only === undefined);
  const out: Partial<Record<Product, string>> = {};
  for (const def of products) {
    const own = listeners.find((l) => l.only === def) ?? shared;
    if (own) {
      out[def.product] = `127.0.0.1:${own.port}`;
    }
  }
  return out as Record<Product, string>;
}

/** True when the request names a product (by its API version) that this port does not serve. */
export function wrongPort(only: ProductDef | undefined, requested: ProductDef | undefined): boolean {
  return only !== undefined && requested !== undefined && requested !== only;
}

function listenOne(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the emulator did not get a TCP port'));
        return;
      }
      resolve(address.port);
    });
  });
}

/**
 * Opens the listeners: one for all products, or one per product in `products` order. `port` is the
 * first listener's (0 = a free one); the others always take free ports, so they never collide.
 * If one fails, those already open are closed and the error is rethrown (EADDRINUSE for `port`).
 */
export async function listen(
  products: readonly ProductDef[] | undefined,
  port: number,
  handler: (only: ProductDef | undefined) => http.RequestListener,
): Promise<Listener[]> {
  const wanted: (ProductDef | undefined)[] = products ? [...products] : [undefined];
  const open: Listener[] = [];
  try {
    for (const only of wanted) {
      const server = http.createServer(handler(only));
      // Longer than the usual 5 s so the SDK's keep-alive agent rarely races an idle-close (ECONNRESET).
      server.keepAliveTimeout = 65_000;
      server.headersTimeout = 66_000;
      server.on('clientError', (_err, socket) => {
        if (!socket.destroyed) {
          socket.destroy();
        }
      });
      const bound = await listenOne(server, open.length === 0 ? port : 0);
      open.push({ only, server, port: bound });
    }
  } catch (err) {
    await closeAll(open);
    throw err;
  }
  return open;
}

export function closeAll(listeners: readonly Listener[]): Promise<void> {
  return Promise.all(
    listeners.map(
      (l) =>
        new Promise<void>((resolve) => {
          l.server.close(() => resolve());
          l.server.closeAllConnections();
        }),
    ),
  ).then(() => undefined);
}

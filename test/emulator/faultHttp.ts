/**
 * What an injected fault does to the HTTP exchange: wait, answer an error, a throttle, an HTML page
 * or half a body, reset the socket, or leave the request hanging.
 */
import type * as http from 'http';
import type { Socket } from 'net';
import { ApiError, defaultErrorFor, throttleMessage } from './errors';
import type { Fault } from './faults';
import type { RequestLogEntry } from './requestLog';
import { maskKeyId, sleep } from './util';
import { Outgoing, RequestInfo, errorOutgoing, send, throttleOutgoing } from './wire';

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n';

export interface FaultExchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  info: RequestInfo;
  /** Server time spent so far (logged). */
  spent: number;
  /** What the action answered (for `when: after`). */
  answer?: Outgoing;
  nowMs: number;
  record: (entry: Omit<RequestLogEntry, 'seq' | 'time'>) => void;
  /** Sockets left hanging, destroyed by close(). */
  hanging: Set<Socket>;
}

/** Applies a fault. Returns true when the request is finished (answered, reset or left hanging). */
export async function applyFault(fault: Fault, x: FaultExchange): Promise<boolean> {
  const { req, res, info, spent } = x;
  const base = {
    product: info.def?.product ?? null,
    action: info.action ?? null,
    accessKeyId: maskKeyId(info.accessKeyId),
    fault: fault.id,
  };
  switch (fault.type) {
    case 'latency':
      await sleep(fault.latencyMs ?? 1000);
      return false;
    case 'status': {
      const status = fault.status ?? 500;
      const d = defaultErrorFor(status);
      const out = errorOutgoing(info, new ApiError(status, fault.code ?? d.code, fault.message ?? d.message));
      send(res, info, out, x.nowMs);
      x.record({ ...base, code: out.code, status, durationMs: spent });
      return true;
    }
    case 'throttle': {
      const status = fault.status ?? 400;
      const code = fault.code ?? 'Throttling.User';
      const out = throttleOutgoing(info, status, code, fault.message ?? throttleMessage(code), fault.retryAfterMs ?? 1000, 100);
      send(res, info, out, x.nowMs);
      x.record({ ...base, code, status, durationMs: spent });
      return true;
    }
    case 'html': {
      const status = fault.status ?? 502;
      if (!res.destroyed) {
        res.writeHead(status, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(HTML_502)), server: 'Tengine' });
        res.end(HTML_502);
      }
      x.record({ ...base, code: 'Fault.html', status, durationMs: spent });
      return true;
    }
    case 'malformed': {
      // The first half of the real answer (or of an error body): JSON that ends mid-value.
      const status = fault.status ?? 200;
      const full = x.answer?.body ?? JSON.stringify({ RequestId: info.requestId, HostId: info.def?.hostId(info.params) ?? '127.0.0.1' });
      const body = Buffer.from(full.slice(0, Math.max(1, Math.floor(full.length / 2))), 'utf8');
      if (!res.destroyed) {
        res.writeHead(status, {
          'content-type': 'application/json;charset=utf-8',
          'content-length': String(body.length),
          'x-acs-request-id': info.requestId,
        });
        res.end(body);
      }
      x.record({ ...base, code: 'Fault.malformed', status, durationMs: spent });
      return true;
    }
    case 'reset': {
      const socket = req.socket;
      if (typeof socket.resetAndDestroy === 'function') {
        socket.resetAndDestroy();
      } else {
        socket.destroy();
      }
      x.record({ ...base, code: 'Fault.reset', status: 0, durationMs: spent });
      return true;
    }
    case 'hang': {
      const socket = req.socket;
      x.hanging.add(socket);
      socket.once('close', () => x.hanging.delete(socket));
      x.record({ ...base, code: 'Fault.hang', status: 0, durationMs: spent });
      return true;
    }
  }
}

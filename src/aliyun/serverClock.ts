import * as http from 'node:http';
import * as https from 'node:https';
import type { Endpoint } from './types';

/**
 * How far the server's clock is from ours, in milliseconds (positive: the server is ahead, so this
 * computer's clock is behind), from the `Date` header of one unsigned request to the endpoint.
 * Alibaba Cloud says only "expired" for a skewed timestamp; this says by how much. Nothing secret
 * is sent. `undefined` when the endpoint does not answer or sends no usable Date header.
 */
export function measureClockSkew(endpoint: Endpoint, timeoutMs = 5000, now: () => number = Date.now): Promise<number | undefined> {
  return new Promise((resolve) => {
    const started = now();
    const get = endpoint.protocol === 'http' ? http.get : https.get;
    let settled = false;
    const done = (value: number | undefined) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    try {
      const request = get(`${endpoint.protocol}://${endpoint.host}/`, { timeout: timeoutMs, headers: { accept: 'application/json' } }, (response) => {
        const received = now();
        const date = Date.parse(String(response.headers.date ?? ''));
        response.resume();
        response.destroy();
        // The header has whole seconds; the middle of the round trip is our best guess of when it was written.
        done(Number.isNaN(date) ? undefined : date - Math.round((started + received) / 2));
      });
      request.on('timeout', () => request.destroy());
      request.on('error', () => done(undefined));
    } catch {
      done(undefined);
    }
  });
}

/** "20 minutes", "45 seconds", "3.5 hours", "2 days": a skew a person can picture. */
export function describeDuration(ms: number): { value: number; unit: 'seconds' | 'minutes' | 'hours' | 'days' } {
  const abs = Math.abs(ms);
  if (abs < 90_000) {
    return { value: Math.round(abs / 1000), unit: 'seconds' };
  }
  if (abs < 90 * 60_000) {
    return { value: Math.round(abs / 60_000), unit: 'minutes' };
  }
  if (abs < 48 * 3_600_000) {
    return { value: Math.round(abs / 360_000) / 10, unit: 'hours' };
  }
  return { value: Math.round(abs / 8_640_000) / 10, unit: 'days' };
}

import * as assert from 'node:assert/strict';
import { ServerError, ThrottlingError, ClientError } from '@alicloud/openapi-core';
import { ApiCaller, TIMEOUT_ATTEMPTS } from '../../src/aliyun/call';
import { AliyunError } from '../../src/aliyun/errors';
import { backoffMs, READ_RETRY } from '../../src/util/retry';
import { mapBounded } from '../../src/util/concurrency';
import { MemoryLog } from './fakes';

const credentials = { accessKeyId: 'LTAI5tAbCdEfGh1234abcd', accessKeySecret: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123' };

function caller(sleeps: number[], log = new MemoryLog()) {
  return new ApiCaller({
    product: 'ram', endpoint: { host: 'ram.aliyuncs.com', protocol: 'https' }, credentials, log,
    sleep: async (ms) => { sleeps.push(ms); },
  });
}

describe('ApiCaller', () => {
  it('retries a read on throttling and honours the server hint', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await caller(sleeps).read('ListUsers', async () => {
      calls++;
      if (calls === 1) {
        throw new ThrottlingError({ statusCode: 400, code: 'Throttling.User', retryAfter: 2500, data: { Code: 'Throttling.User' } });
      }
      return 'ok';
    });
    assert.equal(result, 'ok');
    assert.equal(calls, 2);
    assert.equal(sleeps.length, 1);
    assert.ok(sleeps[0] >= 2500, `waited ${sleeps[0]} ms, less than the hint`);
  });

  it('gives up after the policy\'s attempts with the mapped error', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await assert.rejects(
      caller(sleeps).read('ListUsers', async () => {
        calls++;
        throw new ServerError({ statusCode: 503, code: 'ServiceUnavailable', data: { Code: 'ServiceUnavailable' } });
      }),
      (e: unknown) => e instanceof AliyunError && e.kind === 'serverError',
    );
    assert.equal(calls, READ_RETRY.attempts);
    assert.equal(sleeps.length, READ_RETRY.attempts - 1);
  });

  it('tries a read that timed out only once more: each attempt costs the whole timeout', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await assert.rejects(
      caller(sleeps).read('ListUsers', async () => {
        calls++;
        throw Object.assign(new Error('ReadTimeout(30000). GET http://ram.aliyuncs.com/ failed.'), { name: 'RequestTimeoutError' });
      }),
      (e: unknown) => e instanceof AliyunError && e.kind === 'timeout',
    );
    assert.equal(calls, TIMEOUT_ATTEMPTS);
    assert.ok(TIMEOUT_ATTEMPTS < READ_RETRY.attempts);
  });

  it('never retries a write, even on a transient failure', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await assert.rejects(caller(sleeps).write('CreateAccessKey', async () => {
      calls++;
      throw new ServerError({ statusCode: 500, code: 'InternalError', data: { Code: 'InternalError' } });
    }));
    assert.equal(calls, 1);
    assert.equal(sleeps.length, 0);
  });

  it('does not retry a rejection that will not change', async () => {
    let calls = 0;
    await assert.rejects(caller([]).read('ListUsers', async () => {
      calls++;
      throw new ClientError({ statusCode: 400, code: 'SignatureDoesNotMatch', data: { Code: 'SignatureDoesNotMatch' } });
    }));
    assert.equal(calls, 1);
  });

  it('logs failures with a masked key and never the secret', async () => {
    const log = new MemoryLog();
    await assert.rejects(caller([], log).read('ListUsers', async () => {
      throw new ClientError({ statusCode: 404, code: 'InvalidAccessKeyId.NotFound', data: { Code: 'InvalidAccessKeyId.NotFound', Message: `key ${credentials.accessKeyId}` } });
    }));
    const text = log.lines.join('\n');
    assert.match(text, /LTAI\*\*\*\*abcd/);
    assert.ok(!text.includes(credentials.accessKeyId));
    assert.ok(!text.includes(credentials.accessKeySecret));
  });
});

describe('backoff and bounded parallelism', () => {
  it('grows, stays under the cap and never goes below the hint', () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.ok(backoffMs(policy, 1, undefined, () => 1) <= 100);
    assert.ok(backoffMs(policy, 3, undefined, () => 1) <= 400);
    assert.equal(backoffMs(policy, 10, undefined, () => 1), 1000);
    assert.equal(backoffMs(policy, 1, 700, () => 0), 700);
    assert.equal(backoffMs(policy, 1, 60_000, () => 0), 1000);
  });

  it('mapBounded keeps order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded(Array.from({ length: 20 }, (_, i) => i), 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return n * 2;
    });
    assert.equal(peak, 3);
    assert.deepEqual(out, Array.from({ length: 20 }, (_, i) => i * 2));
  });
});

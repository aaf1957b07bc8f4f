import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { CredentialsServer, ServeRefusal } from '../../src/credentials/serving/credentialsServer';
import type { TemporaryCredentials } from '../../src/credentials/roles/refreshingCredentials';
import { MemoryLog } from './fakes';

const CREDS: TemporaryCredentials = {
  accessKeyId: 'STS.NTestServedKey000001', accessKeySecret: 'ServedTemporarySecret0001', securityToken: 'ServedToken0001', expiration: '2026-12-06T11:00:00Z',
};

/** A raw request, so the test controls the method, path and Host header. */
function request(port: number, { method = 'GET', path = '/', host = `127.0.0.1:${port}` } = {}): Promise<{ status: number; body: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { Host: host } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('credentials endpoint for programs', () => {
  let server: CredentialsServer;
  let log: MemoryLog;
  let source: () => Promise<TemporaryCredentials>;
  beforeEach(() => {
    log = new MemoryLog();
    source = async () => CREDS;
    server = new CredentialsServer({ source: () => source(), log, now: () => Date.parse('2026-12-06T10:00:00Z') });
  });
  afterEach(() => server.stop());

  it('answers GET at its secret path with the SDKs\' contract, logging only the masked key id', async () => {
    const { url, port, pathSecret } = await server.start();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}$/);
    assert.ok(Buffer.from(pathSecret, 'base64url').length * 8 >= 128);
    const { status, body } = await request(port, { path: `/${pathSecret}` });
    assert.equal(status, 200);
    assert.deepEqual(body, { Code: 'Success', AccessKeyId: CREDS.accessKeyId, AccessKeySecret: CREDS.accessKeySecret, SecurityToken: CREDS.securityToken, Expiration: CREDS.expiration });
    assert.equal(server.requestsServed, 1);
    const text = log.lines.join('\n');
    assert.ok(text.includes('STS.****0001, 60 min left'), text);
    assert.ok(!text.includes(CREDS.accessKeySecret) && !text.includes(CREDS.securityToken) && !text.includes(pathSecret));
  });

  it('gives 404 without the path secret and 405 to other methods', async () => {
    const { port, pathSecret } = await server.start();
    for (const path of ['/', `/${pathSecret}x`, `/${pathSecret.slice(1)}`, '/latest/meta-data']) {
      assert.equal((await request(port, { path })).status, 404, path);
    }
    const post = await request(port, { method: 'POST', path: `/${pathSecret}` });
    assert.equal(post.status, 405);
    assert.equal(post.body.Code, 'MethodNotAllowed');
    assert.equal(server.requestsServed, 0);
  });

  it('refuses a request addressed to another host name (a web page rebinding its name to 127.0.0.1)', async () => {
    const { port, pathSecret } = await server.start();
    assert.equal((await request(port, { path: `/${pathSecret}`, host: `evil.example:${port}` })).status, 404);
    assert.equal((await request(port, { path: `/${pathSecret}`, host: `localhost:${port}` })).status, 200);
  });

  it('says why when there is nothing to serve, without detail from elsewhere', async () => {
    const { port, pathSecret } = await server.start();
    source = async () => { throw new ServeRefusal('LongLivedKey', 'The active profile holds a long-lived AccessKey, which is never served.'); };
    const refused = await request(port, { path: `/${pathSecret}` });
    assert.deepEqual([refused.status, refused.body.Code], [503, 'LongLivedKey']);
    source = async () => { throw new Error('socket hang up at https://sts.aliyuncs.com/?Signature=abc'); };
    const failed = await request(port, { path: `/${pathSecret}` });
    assert.equal(failed.status, 503);
    assert.ok(!failed.body.Message.includes('Signature'));
  });

  it('keeps its port and path across a restart (a window reload), so terminals keep working', async () => {
    const first = await server.start();
    await server.stop();
    const again = new CredentialsServer({ source: async () => CREDS, log, previous: first });
    try {
      const second = await again.start();
      assert.deepEqual(second, first);
      assert.equal((await request(second.port, { path: `/${second.pathSecret}` })).status, 200);
    } finally {
      await again.stop();
    }
  });

  it('stops answering at once when stopped', async () => {
    const { port, pathSecret } = await server.start();
    await server.stop();
    await assert.rejects(request(port, { path: `/${pathSecret}` }), /ECONNREFUSED/);
  });
});

import * as assert from 'node:assert/strict';
import { ClientError, ServerError, ThrottlingError } from '@alicloud/openapi-core';
import { AliyunError, policyFor, toAliyunError } from '../../src/aliyun/errors';

const ID = 'LTAI5tAbCdEfGh1234abcd';
const SECRET = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123';
const ctx = { product: 'ram' as const, action: 'ListUsers', endpoint: 'ram.aliyuncs.com', accessKeyId: ID, secrets: [SECRET] };

function clientError(code: string, status: number, message: string, extra: Record<string, unknown> = {}) {
  return new ClientError({
    statusCode: status, code, message: `code: ${status}, ${message} request id: REQ-1`, requestId: 'REQ-1',
    data: { Code: code, Message: message, RequestId: 'REQ-1', ...extra },
    accessDeniedDetail: extra['AccessDeniedDetail'],
  });
}

function assertSafe(e: AliyunError) {
  assert.ok(!e.message.includes(SECRET), 'secret in message');
  assert.ok(!e.message.includes(ID), 'unmasked key id in message');
  assert.ok(!(e.serviceMessage ?? '').includes(ID), 'unmasked key id in service message');
}

describe('toAliyunError', () => {
  const cases: Array<[string, number, string]> = [
    ['InvalidAccessKeyId.NotFound', 404, 'unknownKey'],
    ['InvalidAccessKeyId.Inactive', 400, 'disabledKey'],
    ['SignatureDoesNotMatch', 400, 'wrongSecret'],
    ['InvalidTimeStamp.Expired', 400, 'clockSkew'],
    ['SignatureNonceUsed', 400, 'nonceReused'],
    ['InvalidSecurityToken.Expired', 400, 'tokenExpired'],
    ['EntityNotExist.User', 404, 'notFound'],
    ['LimitExceeded.User.AccessKey', 409, 'limitExceeded'],
    ['DeleteConflict.User.AccessKey', 409, 'conflict'],
    ['MissingRegionId', 400, 'invalidInput'],
  ];
  for (const [code, status, kind] of cases) {
    it(`maps ${code} to ${kind}`, () => {
      const e = toAliyunError(clientError(code, status, `message of ${code} for ${ID}`), ctx);
      assert.equal(e.kind, kind);
      assert.equal(e.code, code);
      assert.equal(e.statusCode, status);
      assert.equal(e.requestId, 'REQ-1');
      assertSafe(e);
    });
  }

  it('names the masked key and suggests re-entering the secret on SignatureDoesNotMatch', () => {
    const e = toAliyunError(clientError('SignatureDoesNotMatch', 400, `server string to sign is:GET&%2F&AccessKeyId%3D${ID}`), ctx);
    assert.match(e.message, /LTAI\*\*\*\*abcd/);
    assert.match(e.message, /stray spaces/);
    assert.ok(!(e.serviceMessage ?? '').includes('AccessKeyId%3D'));
  });

  it('names the denied action and a policy that grants it', () => {
    const e = toAliyunError(clientError('NoPermission', 403, 'You are not authorized to do this action.', {
      AccessDeniedDetail: { AuthAction: 'ram:ListUsers', NoPermissionType: 'ImplicitDeny' },
    }), ctx);
    assert.equal(e.kind, 'noPermission');
    assert.equal(e.deniedAction, 'ram:ListUsers');
    assert.equal(e.suggestedPolicy, 'AliyunRAMReadOnlyAccess');
    assert.match(e.message, /AliyunRAMReadOnlyAccess/);
  });

  it('treats SLB Forbidden.RAM as a missing permission on the called action', () => {
    const e = toAliyunError(clientError('Forbidden.RAM', 403, 'User not authorized'), { ...ctx, product: 'slb', action: 'DescribeRegions' });
    assert.equal(e.kind, 'noPermission');
    assert.equal(e.deniedAction, 'slb:DescribeRegions');
    assert.equal(e.suggestedPolicy, 'AliyunSLBReadOnlyAccess');
  });

  it('keeps the throttling hint and marks it transient', () => {
    const e = toAliyunError(new ThrottlingError({ statusCode: 400, code: 'Throttling.User', retryAfter: 1500, data: { Code: 'Throttling.User' } }), ctx);
    assert.equal(e.kind, 'throttled');
    assert.equal(e.retryAfterMs, 1500);
    assert.equal(e.transient, true);
  });

  it('marks 5xx transient and 4xx not', () => {
    const server = toAliyunError(new ServerError({ statusCode: 503, code: 'ServiceUnavailable', data: { Code: 'ServiceUnavailable' } }), ctx);
    assert.equal(server.kind, 'serverError');
    assert.equal(server.transient, true);
    assert.equal(toAliyunError(clientError('SignatureDoesNotMatch', 400, 'x'), ctx).transient, false);
  });

  it('turns network failures into an actionable message without the signed URL', () => {
    const err = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:1 POST http://127.0.0.1:1/?AccessKeyId=${ID}&Signature=zzz failed.`), { code: 'ECONNREFUSED' });
    const e = toAliyunError(err, ctx);
    assert.equal(e.kind, 'unreachable');
    assert.match(e.message, /ram\.aliyuncs\.com/);
    assert.ok(!e.message.includes('Signature='));
    assertSafe(e);
  });

  it('recognises the SDK read timeout, an HTML error page and a TLS failure', () => {
    const timeout = Object.assign(new Error(`ReadTimeout: 3000. GET /?Signature=abc failed.`), { name: 'RequestTimeoutError' });
    assert.equal(toAliyunError(timeout, ctx).kind, 'timeout');
    assert.ok(!toAliyunError(timeout, ctx).message.includes('Signature'));
    assert.equal(toAliyunError(new SyntaxError('Unexpected token < in JSON'), ctx).kind, 'badResponse');
    assert.equal(toAliyunError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), ctx).kind, 'tls');
  });

  it('leaves the SDK\'s "undefined" strings out', () => {
    const e = toAliyunError(new ServerError({ statusCode: 500, code: 'InternalError', requestId: 'undefined', data: {} }), ctx);
    assert.equal(e.requestId, undefined);
  });
});

describe('policyFor', () => {
  it('suggests read-only policies for reads and full access for writes', () => {
    assert.equal(policyFor('ram:GetUser'), 'AliyunRAMReadOnlyAccess');
    assert.equal(policyFor('ram:CreateAccessKey'), 'AliyunRAMFullAccess');
    assert.equal(policyFor('slb:DescribeLoadBalancers'), 'AliyunSLBReadOnlyAccess');
    assert.equal(policyFor('slb:CreateLoadBalancer'), 'AliyunSLBFullAccess');
  });
});

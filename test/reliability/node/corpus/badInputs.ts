// The bad-input corpus of the reliability suite (issue 7): tables of inputs the product must refuse
// or report, each with a pattern the message must match that names the actual problem. The runner
// is ../badInput.test.ts. Every input that holds a secret holds one of the fakes below, so the runner
// can check that no message repeats it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ImportFormat } from '../../../../src/credentials/importers/types';

export const SECRET = 'FakeSecretQ7x9DoNotShow2kLm';
export const TOKEN = 'CAISFakeStsTokenDoNotShow' + 'Zq09'.repeat(30);
export const ID = 'LTAI5tBadInputCase0001';
export const STS_ID = 'STS.NUBadInputCase0001';
/** Secrets of the profiles already stored before each case: they must survive it. */
export const EXISTING_SECRET = 'ExistingSecretKeepMe7Hq2Rw9';
export const EXISTING_TOKEN = 'CAISExistingTokenKeepMe' + 'Rw92'.repeat(30);
export const ALL_SECRETS = [SECRET, TOKEN, EXISTING_SECRET, EXISTING_TOKEN];

export const FUTURE = '2099-01-01T00:00:00Z';
const FUTURE_SECONDS = Date.parse(FUTURE) / 1000;
const PAST_SECONDS = Date.parse('2020-01-01T00:00:00Z') / 1000;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------------------------------------
// Files given to Import Profiles

export interface FileCase {
  readonly name: string;
  readonly format: ImportFormat;
  /** The file's name in the temporary folder. */
  readonly file?: string;
  /** The bytes to write, or a function that makes the path (a folder, a pipe, a link…). */
  readonly content: string | Buffer | ((file: string) => void);
  /** `file`: the whole file is refused (the command throws); `entry`: it is read, and the entry reported as not importable. */
  readonly refused: 'file' | 'entry';
  readonly message: RegExp;
}

const DEFAULT_FILE: Record<ImportFormat, string> = { 'aliyun-cli': 'config.json', 'credentials-file': 'credentials', csv: 'AccessKey.csv' };
export const fileNameOf = (c: FileCase) => c.file ?? DEFAULT_FILE[c.format];

/** "line L, column C" of `offset` in `text`, counted the way an editor does (1-based). */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}

/** The message for a JSON error at `marker` (plus `shift` characters) in `text`. */
function jsonErrorAt(text: string, marker: string, shift = 0, from = 0): RegExp {
  const at = text.indexOf(marker, from);
  if (at < 0) {
    throw new Error(`corpus: marker ${JSON.stringify(marker)} not found`);
  }
  return new RegExp(`it is not valid JSON \\(the first error is at ${lineColumn(text, at + shift)}\\)`);
}

// aliyun CLI ~/.aliyun/config.json
type Json = Record<string, unknown>;
const cli = (...profiles: unknown[]) => JSON.stringify({ current: 'default', profiles, meta_path: '' }, null, '\t') + '\n';
const ak = (over: Json = {}): Json => ({ name: 'default', mode: 'AK', access_key_id: ID, access_key_secret: SECRET, region_id: 'cn-hangzhou', ...over });
const sts = (over: Json = {}): Json => ak({ mode: 'StsToken', access_key_id: STS_ID, sts_token: TOKEN, sts_expiration: FUTURE_SECONDS, ...over });
const GOOD_CLI = cli(ak());
const ROLE_ARN = /default: its ram_role_arn is not valid\. A role ARN looks like acs:ram::1234567890123456:role\/deployer/;
const SESSION_NAME = /default: its ram_session_name is not valid\. A session name has 2 to 64 characters: letters, digits and \. @ _ -\./;
const DURATION = (n: number) => new RegExp(`default: its expired_seconds is ${esc(String(n))}\\. The duration is a whole number of seconds from 900 to 43200`);
const role = (over: Json = {}): Json => ak({ mode: 'RamRoleArn', ram_role_arn: 'acs:ram::1234567890123456:role/deployer', ram_session_name: 'deploy-session', expired_seconds: 3600, ...over });
const chain = (name: string, source: string, over: Json = {}): Json => ({
  name, mode: 'ChainableRamRoleArn', source_profile: source, ram_role_arn: 'acs:ram::1234567890123456:role/deployer', ram_session_name: `${name}-session`, region_id: 'cn-hangzhou', ...over,
});

function cliSyntax(name: string, broken: string, marker: string, shift = 0): FileCase {
  return { name, format: 'aliyun-cli', content: broken, refused: 'file', message: jsonErrorAt(broken, marker, shift) };
}
const replaced = (from: string, to: string) => {
  if (!GOOD_CLI.includes(from)) {
    throw new Error(`corpus: ${JSON.stringify(from)} not in the CLI config`);
  }
  return GOOD_CLI.replace(from, to);
};
function cliEntry(name: string, profiles: unknown[], message: RegExp): FileCase {
  return { name, format: 'aliyun-cli', content: cli(...profiles), refused: 'entry', message };
}
const NO_KEY = /default: it has no AccessKey ID or no secret in the file\./;

export const ALIYUN_CLI_CASES: FileCase[] = [
  { name: 'an empty file', format: 'aliyun-cli', content: '', refused: 'file', message: /config\.json: it is empty\./ },
  { name: 'only blank lines and tabs', format: 'aliyun-cli', content: '\n\t \r\n\n', refused: 'file', message: /config\.json: it is empty\./ },
  { name: 'cut short inside the secret', format: 'aliyun-cli', content: GOOD_CLI.slice(0, GOOD_CLI.indexOf(SECRET) + 9), refused: 'file', message: /not valid JSON: it ends too early, as if it was cut short/ },
  { name: 'cut short after the first profile', format: 'aliyun-cli', content: cli(ak(), ak({ name: 'dev' })).split('\t\t},')[0] + '\t\t},\n', refused: 'file', message: /not valid JSON: it ends too early/ },
  cliSyntax('a trailing comma after the last field', replaced('"region_id": "cn-hangzhou"\n', '"region_id": "cn-hangzhou",\n'), '\t\t}', 2),
  cliSyntax('a trailing comma after the last profile', replaced('\t\t}\n\t],', '\t\t},\n\t],'), '\t],', 1),
  cliSyntax('a // comment on the first line', '// my keys\n' + GOOD_CLI, '// my keys'),
  cliSyntax('single-quoted keys and values', replaced('"mode": "AK"', '\'mode\': \'AK\''), '\'mode\''),
  cliSyntax('an unquoted key', replaced('"mode": "AK"', 'mode: "AK"'), 'mode:'),
  cliSyntax('NaN as a value', replaced('"mode": "AK"', '"mode": "AK", "sts_expiration": NaN'), 'NaN'),
  cliSyntax('Python\'s True instead of true', replaced('"mode": "AK"', '"mode": "AK", "enabled": True'), 'True'),
  cliSyntax('a raw line break inside the secret', replaced(SECRET, SECRET.slice(0, 10) + '\n' + SECRET.slice(10)), SECRET.slice(0, 10) + '\n', 10),
  cliSyntax('an invalid \\x escape in a value', replaced('"mode": "AK"', '"mode": "A\\x4b"'), '\\x4b', 1),
  { name: 'two JSON documents one after the other', format: 'aliyun-cli', content: GOOD_CLI + GOOD_CLI, refused: 'file', message: jsonErrorAt(GOOD_CLI + GOOD_CLI, '{', 0, GOOD_CLI.length) },
  { name: 'an INI credentials file read as a CLI configuration', format: 'aliyun-cli', content: `[default]\naccess_key_id = ${ID}\naccess_key_secret = ${SECRET}\n`, refused: 'file', message: /the first error is at line 1, column 2\)/ },
  { name: 'a second byte-order mark after the first', format: 'aliyun-cli', content: '\uFEFF\uFEFF' + GOOD_CLI, refused: 'file', message: /the first error is at line 1, column 1\)/ },
  { name: 'a JSON list at the top level', format: 'aliyun-cli', content: JSON.stringify([ak()]), refused: 'file', message: /it has no "profiles" list, so it is not an aliyun CLI configuration/ },
  { name: 'a JSON string at the top level', format: 'aliyun-cli', content: JSON.stringify(SECRET), refused: 'file', message: /it has no "profiles" list/ },
  { name: 'null at the top level', format: 'aliyun-cli', content: 'null', refused: 'file', message: /it has no "profiles" list/ },
  { name: '"profiles" as an object keyed by name', format: 'aliyun-cli', content: JSON.stringify({ current: 'default', profiles: { default: ak() } }), refused: 'file', message: /it has no "profiles" list/ },
  { name: 'no "profiles" at all', format: 'aliyun-cli', content: JSON.stringify({ current: 'default', meta_path: '' }), refused: 'file', message: /it has no "profiles" list/ },
  ...([
    ['EcsRamRole', { ram_role_name: 'ecs-reader' }, /default: its credentials come from the ECS instance's metadata service \(role ecs-reader\)/],
    ['External', { process_command: 'get-creds' }, /default: its credentials come from running a command/],
    ['CredentialsURI', { credentials_uri: 'http://localhost:8080/creds' }, /default: its credentials come from a URL each time/],
    ['OIDC', { oidc_provider_arn: 'acs:ram::1:oidc-provider/x' }, /default: it exchanges an OIDC token for temporary credentials/],
    // A CloudSSO entry is imported when it names its directory, account and access configuration; without them it is refused.
    ['CloudSSO', {}, /default: it has no cloud_sso_sign_in_url: the sign-in URL of the CloudSSO directory/],
    ['OAuth', {}, /default: it signs in through OAuth in the browser/],
    ['BearerToken', { bearer_token: TOKEN }, /default: it holds a bearer token, which RAM, STS and SLB do not accept/],
    ['RsaKeyPair', { private_key: SECRET, key_pair_name: 'kp' }, /default: it signs with an RSA key pair/],
    ['SuperAK', {}, /default: its mode "SuperAK" is unknown to this extension/],
    ['ak', {}, /default: its mode "ak" is unknown to this extension/],
  ] as Array<[string, Json, RegExp]>).map(([mode, extra, message]) => cliEntry(`mode ${mode} (with a key and secret in the file)`, [ak({ mode, ...extra })], message)),
  // Role entries: the key may be fine, the role part is not; nothing of the entry is stored.
  ...([
    ['a user\'s ARN instead of a role\'s', { ram_role_arn: 'acs:ram::1234567890123456:user/alice' }, ROLE_ARN],
    ['an ECS instance ARN', { ram_role_arn: 'acs:ecs:cn-hangzhou:1234567890123456:instance/i-bp1' }, ROLE_ARN],
    ['an AWS IAM role ARN', { ram_role_arn: 'arn:aws:iam::123456789012:role/deployer' }, ROLE_ARN],
    ['a role ARN without the account ID', { ram_role_arn: 'acs:ram:::role/deployer' }, ROLE_ARN],
    ['a role ARN with a space inside', { ram_role_arn: 'acs:ram::1234567890123456:role/de ployer' }, ROLE_ARN],
    ['no ram_role_arn', { ram_role_arn: undefined }, /default: it has no ram_role_arn \(the ARN of the role to assume\)\./],
    ['expired_seconds 899, under STS\'s minimum', { expired_seconds: 899 }, DURATION(899)],
    ['expired_seconds 43201, over the longest a role allows', { expired_seconds: 43201 }, DURATION(43201)],
    ['expired_seconds -3600', { expired_seconds: -3600 }, DURATION(-3600)],
    ['expired_seconds 1800.5', { expired_seconds: 1800.5 }, DURATION(1800.5)],
    ['expired_seconds "1h"', { expired_seconds: '1h' }, /default: its expired_seconds is not valid\. The duration is a whole number of seconds from 900 to 43200/],
    ['a one-letter session name', { ram_session_name: 's' }, SESSION_NAME],
    ['a session name with a space', { ram_session_name: 'deploy session' }, SESSION_NAME],
    ['a 65-character session name', { ram_session_name: 's'.repeat(65) }, SESSION_NAME],
    ['a session name with a slash', { ram_session_name: 'ci/deploy' }, SESSION_NAME],
    ['a one-character external_id', { external_id: 'x' }, /default: its external_id is not valid\. An external ID has 2 to 1224 characters and no spaces\./],
    ['an external_id with a space', { external_id: 'abc 123' }, /default: its external_id is not valid\. An external ID has 2 to 1224 characters/],
  ] as Array<[string, Json, RegExp]>).map(([name, extra, message]) => cliEntry(`RamRoleArn with ${name}`, [role(extra)], message)),
  cliEntry('RamRoleArn without access_key_secret', [role({ access_key_secret: undefined })], NO_KEY),
  cliEntry('ChainableRamRoleArn whose source is not in the file', [chain('default', 'base')], /default: its source profile "base" is not in the file\./),
  cliEntry('ChainableRamRoleArn without source_profile', [chain('default', '')], /default: it has no source_profile: the profile whose credentials assume the role\./),
  cliEntry('ChainableRamRoleArn that is its own source', [chain('default', 'default')], /default: its source profiles go round in a loop \(default → default\); a role chain must end at an AccessKey\./),
  cliEntry('two ChainableRamRoleArn profiles that name each other', [chain('default', 'other'), chain('other', 'default')],
    /default: its source profiles go round in a loop \(default → other → default\)[\s\S]*other: its source profiles go round in a loop \(other → default → other\)/),
  cliEntry('a loop of three, listed backwards', [chain('c3', 'default'), chain('c2', 'c3'), chain('default', 'c2')], /default: its source profiles go round in a loop \(default → c2 → c3 → default\)/),
  cliEntry('ChainableRamRoleArn whose source is an EcsRamRole profile', [chain('default', 'ecs'), { name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'ecs-reader' }],
    /default: its source profile "ecs" cannot be imported: its credentials come from the ECS instance's metadata service/),
  cliEntry('ChainableRamRoleArn whose source has a broken key', [chain('default', 'base'), ak({ name: 'base', access_key_id: 'LTAI5t-BadInput-0001' })],
    /default: its source profile "base" cannot be imported: An AccessKey ID has only letters and digits/),
  cliEntry('ChainableRamRoleArn whose source\'s role ARN is bad', [chain('default', 'base'), role({ name: 'base', ram_role_arn: 'acs:ram::1:role/' })],
    /default: its source profile "base" cannot be imported: its ram_role_arn is not valid/),
  cliEntry('ChainableRamRoleArn with a bad duration over a good-looking chain', [chain('default', 'base', { expired_seconds: 60 }), chain('base', 'missing')], /default: its expired_seconds is 60\./),
  cliEntry('no mode and no AccessKey', [{ name: 'default', region_id: 'cn-hangzhou' }], /default: its mode "\(none\)" is unknown/),
  cliEntry('mode AK without access_key_secret', [ak({ access_key_secret: undefined })], NO_KEY),
  cliEntry('mode AK with an empty access_key_id', [ak({ access_key_id: '' })], NO_KEY),
  cliEntry('access_key_id as a number', [ak({ access_key_id: 12345678901234 })], NO_KEY),
  cliEntry('access_key_secret as a number', [ak({ access_key_secret: 123456789012345 })], NO_KEY),
  cliEntry('access_key_secret null', [ak({ access_key_secret: null })], NO_KEY),
  cliEntry('access_key_secret of spaces only', [ak({ access_key_secret: '     ' })], NO_KEY),
  cliEntry('mode StsToken without sts_token', [sts({ sts_token: undefined })], /default: An AccessKey ID that starts with "STS\." is temporary and works only with its security token/),
  cliEntry('mode StsToken with a permanent LTAI id', [sts({ access_key_id: ID })], /default: A security token goes only with a temporary AccessKey ID/),
  cliEntry('mode StsToken, expired in 2020', [sts({ sts_expiration: PAST_SECONDS })], /default: This time is in the past: the token has already expired/),
  cliEntry('mode StsToken with a 9,000-character token', [sts({ sts_token: TOKEN.repeat(75).slice(0, 9000) })], /default: The security token is too long \(9000 characters; at most 8192\)/),
  cliEntry('mode AK with an STS. id and no token', [ak({ access_key_id: STS_ID })], /default: An AccessKey ID that starts with "STS\." is temporary/),
  cliEntry('a space inside access_key_id', [ak({ access_key_id: 'LTAI5tBad InputCase0001' })], /default: The AccessKey ID contains a space or line break inside it/),
  cliEntry('a hyphen inside access_key_id', [ak({ access_key_id: 'LTAI5t-BadInput-0001' })], /default: An AccessKey ID has only letters and digits/),
  cliEntry('a line break inside access_key_secret', [ak({ access_key_secret: SECRET.slice(0, 12) + '\n' + SECRET.slice(12) })], /default: The AccessKey secret contains a space or line break inside it/),
  cliEntry('a zero-width space inside access_key_secret', [ak({ access_key_secret: SECRET.slice(0, 12) + '\u200B' + SECRET.slice(12) })], /default: The AccessKey secret contains an invisible character \(such as a zero-width space\)/),
  cliEntry('a 5-character secret', [ak({ access_key_secret: 'Ab3dE' })], /default: This AccessKey secret is too short to be real/),
  cliEntry('a 300-character secret', [ak({ access_key_secret: SECRET.repeat(12).slice(0, 300) })], /default: The AccessKey secret is too long \(300 characters; at most 256\)/),
  cliEntry('a 129-character AccessKey ID', [ak({ access_key_id: 'LTAI' + 'x'.repeat(125) })], /default: The AccessKey ID is too long \(129 characters; at most 128\)/),
  cliEntry('a second profile named "default" (the first is a role)', [ak({ mode: 'EcsRamRole', ram_role_name: 'ecs-reader' }), ak()], /default: an earlier profile in the file has the same name "default"; the aliyun CLI only ever uses the first one/),
  cliEntry('"profiles" entries that are not objects', ['default', 42, null, [SECRET]], /#1: entry 1 of "profiles" is a JSON string, not a profile object[\s\S]*#2: entry 2 of "profiles" is a JSON number[\s\S]*#3: entry 3 of "profiles" is a JSON null[\s\S]*#4: entry 4 of "profiles" is a JSON array/),
];

/** A CLI configuration with two profiles named "default": the second is reported, and (when the first is imported) its secret must stay in the file. */
export const DUPLICATE_CLI = cli(ak({ access_key_id: 'LTAI5tFirstDefault0001', access_key_secret: EXISTING_SECRET.split('').reverse().join('') }), ak());
export const DUPLICATE_CLI_MESSAGE = /default: an earlier profile in the file has the same name "default"; the aliyun CLI only ever uses the first one/;

// ~/.alibabacloud/credentials
const ini = (...lines: string[]) => lines.join('\n') + '\n';
const section = (name = 'default', ...extra: string[]) => [`[${name}]`, 'type = access_key', `access_key_id = ${ID}`, `access_key_secret = ${SECRET}`, ...extra];
const iniFile = (name: string, content: string, message: RegExp): FileCase => ({ name, format: 'credentials-file', content, refused: 'file', message });
const iniEntry = (name: string, content: string, message: RegExp): FileCase => ({ name, format: 'credentials-file', content, refused: 'entry', message });
const withType = (type: string, ...extra: string[]) => ini('[default]', `type = ${type}`, `access_key_id = ${ID}`, `access_key_secret = ${SECRET}`, ...extra);
const INI_ROLE = 'acs:ram::1234567890123456:role/deployer';
const ramRole = (...extra: string[]) => withType('ram_role_arn', 'role_session_name = deploy', ...extra);
const POLICY_JSON = /default: its policy is not valid\. The session policy is not JSON/;

export const CREDENTIALS_FILE_CASES: FileCase[] = [
  iniFile('a section header without "]"', ini('[default', 'type = access_key', `access_key_id = ${ID}`, `access_key_secret = ${SECRET}`), /credentials: line 1: a section header "\[…" is not closed with "\]"/),
  iniFile('an empty section name "[ ]"', ini('[ ]', 'type = access_key'), /line 1: a section has no name\./),
  iniFile('text after the section header', ini('[default] prod keys', 'type = access_key'), /line 1: something follows the section header "\[…\]" on the same line; only a comment \(# or ;\) may/),
  iniFile('a doubled "]]" after the header', ini('[default]]', 'type = access_key'), /line 1: something follows the section header/),
  iniFile('a garbage line between the keys', ini(...section().slice(0, 3), 'this line is not a setting', `access_key_secret = ${SECRET}`), /line 4 is not "key = value"; the file looks cut short or damaged/),
  iniFile('a line that starts with "="', ini(...section(), `= ${SECRET}`), /line 5 is not "key = value"/),
  iniFile('a secret wrapped onto the next line', ini(...section().slice(0, 3), `access_key_secret = ${SECRET.slice(0, 13)}`, SECRET.slice(13)), /line 5 is not "key = value"/),
  iniFile('a JSON CLI configuration read as an INI file', GOOD_CLI, /line 1 is not "key = value"/),
  iniFile('a console CSV read as an INI file', `AccessKey ID,AccessKey Secret\n${ID},${SECRET}\n`, /line 1 is not "key = value"/),
  iniFile('a second, broken section after a good one', ini(...section('dev'), '', '[default', `access_key_id = ${ID}`), /line 6: a section header "\[…" is not closed/),
  iniEntry('no access_key_secret', ini(...section().slice(0, 3)), /default: it has no access_key_id or no access_key_secret \(the file may be cut short\)/),
  iniEntry('no access_key_id', ini('[default]', 'type = access_key', `access_key_secret = ${SECRET}`), /default: it has no access_key_id or no access_key_secret/),
  iniEntry('an empty access_key_secret', ini(...section().slice(0, 3), 'access_key_secret ='), /default: it has no access_key_id or no access_key_secret/),
  iniEntry('no type line', ini('[default]', `access_key_id = ${ID}`, `access_key_secret = ${SECRET}`), /default: it has no "type = access_key" line\./),
  iniEntry('type = ecs_ram_role', withType('ecs_ram_role', 'role_name = ecs-reader'), /default: its credentials come from the ECS instance's metadata service \(role ecs-reader\)/),
  iniEntry('type = ram_role_arn without role_arn', withType('ram_role_arn', 'role_session_name = deploy'), /default: it has no role_arn \(the ARN of the role to assume\)\./),
  iniEntry('type = ram_role_arn with a user\'s ARN', ramRole('role_arn = acs:ram::1234567890123456:user/alice'), /default: its role_arn is not valid\. A role ARN looks like acs:ram::/),
  iniEntry('type = ram_role_arn with a session name of one letter', ramRole(`role_arn = ${INI_ROLE}`, 'role_session_name = s'), /default: its role_session_name is not valid\. A session name has 2 to 64 characters/),
  iniEntry('type = ram_role_arn with a policy that is not JSON', ramRole(`role_arn = ${INI_ROLE}`, 'policy = slb:Describe*'), POLICY_JSON),
  iniEntry('type = ram_role_arn with a policy cut short', ramRole(`role_arn = ${INI_ROLE}`, 'policy = {"Version":"1","Statement":[{"Effect":"Allow"'), POLICY_JSON),
  iniEntry('type = ram_role_arn with a policy in single quotes inside', ramRole(`role_arn = ${INI_ROLE}`, 'policy = {\'Version\':\'1\'}'), POLICY_JSON),
  iniEntry('type = ram_role_arn with a policy without Statement', ramRole(`role_arn = ${INI_ROLE}`, 'policy = {"Version":"1"}'), /default: its policy is not valid\. The session policy needs a "Statement" list/),
  iniEntry('type = ram_role_arn with a policy that is a JSON list', ramRole(`role_arn = ${INI_ROLE}`, 'policy = [{"Effect":"Allow"}]'), /default: its policy is not valid\. The session policy needs a "Statement" list/),
  iniEntry('type = ram_role_arn with an empty Statement list', ramRole(`role_arn = ${INI_ROLE}`, 'policy = {"Version":"1","Statement":[]}'), /default: its policy is not valid\. The session policy needs a "Statement" list/),
  iniEntry('type = ram_role_arn with a 3,000-character policy', ramRole(`role_arn = ${INI_ROLE}`, `policy = {"Version":"1","Statement":[${'{"Effect":"Allow","Action":"slb:Describe*","Resource":"*"},'.repeat(52)}{}]}`), /default: its policy is not valid\. A session policy has at most 2048 characters\./),
  iniEntry('type = ram_role_arn without its secret', ini('[default]', 'type = ram_role_arn', `access_key_id = ${ID}`, `role_arn = ${INI_ROLE}`), /default: it has no access_key_id or no access_key_secret/),
  iniEntry('type = rsa_key_pair', withType('rsa_key_pair', `private_key_file = /keys/${SECRET}.pem`), /default: it signs with an RSA key pair/),
  iniEntry('type = bearer', withType('bearer', `bearer_token = ${TOKEN}`), /default: it holds a bearer token/),
  iniEntry('type = oidc_role_arn', withType('oidc_role_arn'), /default: it exchanges an OIDC token for temporary credentials/),
  iniEntry('type = credentials_uri', withType('credentials_uri', 'credentials_uri = http://localhost/creds'), /default: its credentials come from a URL each time/),
  iniEntry('type = chained (unknown)', withType('chained'), /default: its type "chained" is unknown to this extension/),
  iniEntry('enable = false', ini(...section(), 'enable = false'), /default: it is switched off in the file \(enable = false\)/),
  iniEntry('the same section twice', ini(...section(), '', ...section('default').slice(0, 3), 'access_key_secret = OtherSecretOfTheSecondOne9'), /default: the section appears twice \(lines 1 and 6\); keep one of them and import again/),
  iniEntry('type = sts without a token', withType('sts').replace(ID, STS_ID), /default: An AccessKey ID that starts with "STS\." is temporary and works only with its security token/),
  iniEntry('type = access_key with a security_token', ini(...section(), `security_token = ${TOKEN}`), /default: A security token goes only with a temporary AccessKey ID/),
  iniEntry('an inline comment after the secret', ini(...section().slice(0, 3), `access_key_secret = ${SECRET} # prod`), /default: The AccessKey secret contains a space or line break inside it/),
  iniEntry('a zero-width space inside the secret', ini(...section().slice(0, 3), `access_key_secret = ${SECRET.slice(0, 9)}\u200B${SECRET.slice(9)}`), /default: The AccessKey secret contains an invisible character/),
  iniEntry('a soft hyphen inside the AccessKey ID', ini('[default]', 'type = access_key', `access_key_id = LTAI5tBad\u00ADInputCase0001`, `access_key_secret = ${SECRET}`), /default: The AccessKey ID contains an invisible character/),
];

// The console's "Download CSV File"
const ROOT_HEADER = 'AccessKey ID,AccessKey Secret';
const RAM_HEADER = 'User Principal Name,AccessKey ID,AccessKey Secret';
const UPN = 'alice@1234567890123456.onaliyun.com';
const csvFile = (name: string, content: string, message: RegExp): FileCase => ({ name, format: 'csv', content, refused: 'file', message });
const csvEntry = (name: string, content: string, message: RegExp): FileCase => ({ name, format: 'csv', content, refused: 'entry', message });
const COLUMNS = (n: number) => new RegExp(`AccessKey\\.csv: its first line does not name the columns "AccessKey ID" and "AccessKey Secret" \\(it has ${n} columns\\)`);

export const CSV_CASES: FileCase[] = [
  csvFile('an empty file', '', /AccessKey\.csv: it is empty\./),
  csvFile('only blank lines', '\r\n\n  \n', /AccessKey\.csv: it is empty\./),
  csvFile('no header: the key and secret alone', `${ID},${SECRET}\n`, COLUMNS(2)),
  csvFile('a header and no key under it', `${RAM_HEADER}\n`, /it has a header but no key under it; the file looks cut short/),
  csvFile('an unclosed quote in the secret', `${ROOT_HEADER}\n${ID},"${SECRET}\n`, /AccessKey\.csv: line 2: a quoted value is not closed; the file looks cut short/),
  csvFile('an unclosed quote on line 3 after a good row', `${RAM_HEADER}\n${UPN},${ID},${SECRET}\n"bob@1.onaliyun.com,${ID},${SECRET}\n`, /line 3: a quoted value is not closed/),
  csvFile('semicolons instead of commas (Excel in many locales)', `AccessKey ID;AccessKey Secret\n${ID};${SECRET}\n`, COLUMNS(1)),
  csvFile('tabs instead of commas', `AccessKey ID\tAccessKey Secret\n${ID}\t${SECRET}\n`, COLUMNS(1)),
  csvFile('other columns (a RAM user list)', `UserName,DisplayName,CreateDate\nalice,Alice,2024-01-02\n`, COLUMNS(3)),
  csvFile('only the AccessKey ID column', `AccessKey ID\n${ID}\n`, COLUMNS(1)),
  csvFile('a JSON file read as CSV', GOOD_CLI, COLUMNS(1)),
  csvFile('an HTML page saved as .csv', `<!DOCTYPE html>\n<html><body>${ID},${SECRET}</body></html>\n`, COLUMNS(1)),
  csvEntry('a row with too few values', `${RAM_HEADER}\n${UPN},${ID}\n`, /alice@1234567890123456\.onaliyun\.com: line 2 has 2 values where the header has 3; the file looks damaged/),
  csvEntry('an unquoted comma in the secret', `${ROOT_HEADER}\n${ID},${SECRET.slice(0, 10)},${SECRET.slice(10)}\n`, /line 2: line 2 has 3 values where the header has 2/),
  csvEntry('an empty secret cell', `${RAM_HEADER}\n${UPN},${ID},\n`, /alice@1234567890123456\.onaliyun\.com: The AccessKey secret cannot be empty\./),
  csvEntry('an empty AccessKey ID cell', `${RAM_HEADER}\n${UPN},,${SECRET}\n`, /alice@1234567890123456\.onaliyun\.com: The AccessKey ID cannot be empty\./),
  csvEntry('a quoted secret with a line break inside', `${ROOT_HEADER}\n${ID},"${SECRET.slice(0, 8)}\n${SECRET.slice(8)}"\n`, /line 2: The AccessKey secret contains a space or line break inside it/),
  csvEntry('a space inside the AccessKey ID', `${ROOT_HEADER}\nLTAI5t BadInputCase0001,${SECRET}\n`, /line 2: The AccessKey ID contains a space or line break inside it/),
  csvEntry('an STS. id without a token column', `${ROOT_HEADER}\n${STS_ID},${SECRET}\n`, /line 2: An AccessKey ID that starts with "STS\." is temporary and works only with its security token/),
  csvEntry('a 6-character secret', `${ROOT_HEADER}\n${ID},Ab3dEf\n`, /line 2: This AccessKey secret is too short to be real/),
  csvEntry('a full-width (ＬＴＡＩ) AccessKey ID', `${ROOT_HEADER}\nＬＴＡＩ５ｔＢａｄ０００１,${SECRET}\n`, /line 2: An AccessKey ID has only letters and digits/),
  csvEntry('a zero-width space inside the secret', `${RAM_HEADER}\n${UPN},${ID},${SECRET.slice(0, 5)}\u200B${SECRET.slice(5)}\n`, /alice@1234567890123456\.onaliyun\.com: The AccessKey secret contains an invisible character/),
];

// Whole-file problems, before any format is looked at
const padded = (bytes: number) => GOOD_CLI.replace('\n', '\n' + ' '.repeat(bytes - GOOD_CLI.length) + '\n').slice(0, bytes);
export const WHOLE_FILE_CASES: FileCase[] = [
  { name: 'a CLI configuration one byte over 1 MB', format: 'aliyun-cli', content: padded(1024 * 1024 + 1), refused: 'file', message: /config\.json: it is 1024 KB; a credentials file is a few KB, so this is not one/ },
  { name: 'a 3 MB CSV', format: 'csv', content: `${ROOT_HEADER}\n` + `${ID},${SECRET}\n`.repeat(Math.ceil(3 * 1024 * 1024 / 51)), refused: 'file', message: /AccessKey\.csv: it is 3\d{3} KB; a credentials file is a few KB/ },
  { name: 'a PNG image', format: 'csv', file: 'AccessKey.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), refused: 'file', message: /AccessKey\.png: it is a binary file, not text/ },
  { name: 'a NUL byte in an otherwise good INI file', format: 'credentials-file', content: ini(...section()).replace('type', 'ty\u0000pe'), refused: 'file', message: /credentials: it is a binary file, not text/ },
  { name: 'a Latin-1 CSV (not UTF-8)', format: 'csv', content: Buffer.from(`User Principal Name,AccessKey ID,AccessKey Secret\nren\xe9@1.onaliyun.com,${ID},${SECRET}\n`, 'latin1'), refused: 'file', message: /AccessKey\.csv: it is not UTF-8 text/ },
  { name: 'a GBK CSV with a Chinese user name', format: 'csv', content: Buffer.concat([Buffer.from(`${RAM_HEADER}\n`), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(`@1.onaliyun.com,${ID},${SECRET}\n`)]), refused: 'file', message: /it is not UTF-8 text/ },
  { name: 'a UTF-16 LE CSV with its byte-order mark (Excel "Unicode Text")', format: 'csv', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${ROOT_HEADER}\r\n${ID},${SECRET}\r\n`, 'utf16le')]), refused: 'file', message: /AccessKey\.csv: it is UTF-16 text; save it as UTF-8 and try again/ },
  { name: 'a UTF-16 BE CLI configuration with its byte-order mark', format: 'aliyun-cli', content: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(GOOD_CLI, 'utf16le').swap16()]), refused: 'file', message: /config\.json: it is UTF-16 text/ },
  { name: 'a UTF-16 LE file without a byte-order mark', format: 'credentials-file', content: Buffer.from(ini(...section()), 'utf16le'), refused: 'file', message: /credentials: it is UTF-16 text; save it as UTF-8/ },
  { name: 'a file that is not there', format: 'aliyun-cli', content: () => undefined, refused: 'file', message: /config\.json: there is no such file/ },
  { name: 'a folder', format: 'credentials-file', content: (file) => fs.mkdirSync(file), refused: 'file', message: /credentials: it is a folder, not a file/ },
  { name: 'a link to a file that is not there', format: 'aliyun-cli', content: (file) => fs.symlinkSync(path.join(path.dirname(file), 'gone.json'), file), refused: 'file', message: /config\.json: there is no such file/ },
  { name: 'a symbolic-link loop', format: 'aliyun-cli', content: (file) => { fs.symlinkSync(file + '.b', file); fs.symlinkSync(file, file + '.b'); }, refused: 'file', message: /config\.json: it cannot be read \(ELOOP\)/ },
  { name: 'a path through a file ("config.json/config.json")', format: 'aliyun-cli', file: 'config.json/config.json', content: (file) => fs.writeFileSync(path.dirname(file), GOOD_CLI), refused: 'file', message: /config\.json\/config\.json: it cannot be read \(ENOTDIR\)/ },
  { name: 'a named pipe (FIFO)', format: 'credentials-file', content: (file) => execFileSync('mkfifo', [file]), refused: 'file', message: /credentials: it is not a regular file \(it is a device, pipe or socket\)/ },
];

// ---------------------------------------------------------------------------------------------
// Values typed or pasted into the Add Profile boxes (and given to the command as arguments)

export type PastedField = 'name' | 'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'expiration' | 'regionId' | 'label';

export interface PastedCase {
  readonly name: string;
  readonly field: PastedField;
  readonly value: string;
  /** For the token and expiry: the AccessKey ID they go with (default the STS one). */
  readonly permanentId?: boolean;
  readonly message: RegExp;
}

const p = (field: PastedField, name: string, value: string, message: RegExp, permanentId?: boolean): PastedCase => ({ name, field, value, message, permanentId });
const ID_SPACE = /The AccessKey ID contains a space or line break inside it\. Paste it again without them\./;
const ID_CHARS = /An AccessKey ID has only letters and digits \(an STS one starts with "STS\."\)/;
const SECRET_SPACE = /The AccessKey secret contains a space or line break inside it/;
const INVISIBLE = (what: string) => new RegExp(`The ${what} contains an invisible character \\(such as a zero-width space\\) inside it`);
const EXPIRY_FORM = /Enter the expiry as a date and time, e\.g\. 2030-01-31T12:00:00Z/;
const NOT_REGION = (v: string) => new RegExp(`"${esc(v)}" is not a region ID\\. Region IDs look like cn-hangzhou`);

export const PASTED_CASES: PastedCase[] = [
  p('accessKeyId', 'empty', '', /The AccessKey ID cannot be empty\./),
  p('accessKeyId', 'spaces only', '   \t ', /The AccessKey ID cannot be empty\./),
  p('accessKeyId', 'a space inside', 'LTAI5tBad InputCase0001', ID_SPACE),
  p('accessKeyId', 'a line break inside', 'LTAI5tBadInput\nCase0001', ID_SPACE),
  p('accessKeyId', 'a tab inside', 'LTAI5tBadInput\tCase0001', ID_SPACE),
  p('accessKeyId', 'a no-break space inside', 'LTAI5tBadInput\u00A0Case0001', ID_SPACE),
  p('accessKeyId', 'a zero-width space inside', 'LTAI5tBadInput\u200BCase0001', INVISIBLE('AccessKey ID')),
  p('accessKeyId', 'a right-to-left mark inside', 'LTAI5tBadInput\u200FCase0001', INVISIBLE('AccessKey ID')),
  p('accessKeyId', '129 characters', 'LTAI' + 'a1'.repeat(62) + 'b', /The AccessKey ID is too long \(129 characters; at most 128\)/),
  p('accessKeyId', '5 characters', 'LTAI5', /This AccessKey ID is too short to be real/),
  p('accessKeyId', 'hyphens and underscores', 'LTAI5t_Bad-Input-0001', ID_CHARS),
  p('accessKeyId', '"STS." alone', 'STS.', ID_CHARS),
  p('accessKeyId', 'full-width letters', 'ＬＴＡＩ５ｔＢａｄＩｎｐｕｔ', ID_CHARS),
  p('accessKeyId', 'the whole CSV line "id,secret"', `${ID},${SECRET}`, ID_CHARS),
  p('accessKeyId', 'the id and the secret with a space between', `${ID} ${SECRET}`, ID_SPACE),
  p('accessKeyId', 'a label with it ("AccessKeyId: LTAI…")', `AccessKeyId: ${ID}`, ID_SPACE),
  p('accessKeyId', 'an environment line (export ALIBABA_CLOUD_ACCESS_KEY_ID=…)', `ALIBABA_CLOUD_ACCESS_KEY_ID=${ID}`, ID_CHARS),
  p('accessKeySecret', 'empty', '', /The AccessKey secret cannot be empty\./),
  p('accessKeySecret', 'a space inside', `${SECRET.slice(0, 10)} ${SECRET.slice(10)}`, SECRET_SPACE),
  p('accessKeySecret', 'a line break inside (pasted across lines)', `${SECRET.slice(0, 10)}\r\n${SECRET.slice(10)}`, SECRET_SPACE),
  p('accessKeySecret', 'a zero-width space inside', `${SECRET.slice(0, 10)}\u200B${SECRET.slice(10)}`, INVISIBLE('AccessKey secret')),
  p('accessKeySecret', 'a soft hyphen inside', `${SECRET.slice(0, 10)}\u00AD${SECRET.slice(10)}`, INVISIBLE('AccessKey secret')),
  p('accessKeySecret', 'a terminal escape character inside', `${SECRET.slice(0, 10)}\u001b[0m${SECRET.slice(10)}`, INVISIBLE('AccessKey secret')),
  p('accessKeySecret', '7 characters', SECRET.slice(0, 7), /This AccessKey secret is too short to be real/),
  p('accessKeySecret', '257 characters', SECRET.repeat(10).slice(0, 257), /The AccessKey secret is too long \(257 characters; at most 256\)/),
  p('securityToken', 'empty, with an STS. id', '', /An AccessKey ID that starts with "STS\." is temporary and works only with its security token\. Paste the token too/),
  p('securityToken', 'a line break inside (wrapped when copied)', `${TOKEN.slice(0, 60)}\n${TOKEN.slice(60)}`, /The security token contains a space or line break inside it/),
  p('securityToken', 'a zero-width space inside', `${TOKEN.slice(0, 60)}\u200B${TOKEN.slice(60)}`, INVISIBLE('security token')),
  p('securityToken', '8,193 characters', TOKEN.repeat(70).slice(0, 8193), /The security token is too long \(8193 characters; at most 8192\)/),
  p('securityToken', 'given with a permanent LTAI id', TOKEN, /A security token goes only with a temporary AccessKey ID \(one that starts with "STS\."\)\. Leave the token empty for a permanent key/, true),
  p('expiration', '"tomorrow"', 'tomorrow', EXPIRY_FORM),
  p('expiration', 'a time in 2020', '2020-01-01T00:00:00Z', /This time is in the past: the token has already expired\. Get a new STS token/),
  p('expiration', 'February 30th', '2030-02-30T00:00:00Z', /There is no 2030-02-30 in the calendar/),
  p('expiration', 'month 13', '2030-13-01T00:00:00Z', /There is no 2030-13-01 in the calendar/),
  p('expiration', 'hour 25', '2030-01-31T25:00:00Z', EXPIRY_FORM),
  p('expiration', 'seconds since 1970', String(FUTURE_SECONDS), EXPIRY_FORM),
  p('expiration', 'a US-style date', '01/31/2099', EXPIRY_FORM),
  p('expiration', 'a date with a written month', '31 Jan 2099', EXPIRY_FORM),
  p('name', 'empty', '', /Give the profile a name\./),
  p('name', 'spaces only', '    ', /Give the profile a name\./),
  p('name', '65 characters', 'n'.repeat(65), /The name is too long \(at most 64 characters\)/),
  p('name', 'a line break inside', 'dev\nprod', /The name cannot contain line breaks or tabs/),
  p('name', 'a tab inside', 'dev\tprod', /The name cannot contain line breaks or tabs/),
  p('name', 'the name of an existing profile in other case', 'DEFAULT', /A profile named "DEFAULT" already exists\./),
  p('name', 'only a zero-width space', '\u200B', /The name cannot contain invisible or control characters \(such as a zero-width space\)/),
  p('name', 'an existing name with a zero-width space inside', 'de\u200Bfault', /The name cannot contain invisible or control characters/),
  p('name', 'a right-to-left override inside', 'prod\u202Eved', /The name cannot contain invisible or control characters/),
  p('regionId', 'empty', '', /Choose a region, e\.g\. cn-hangzhou\./),
  p('regionId', 'a space instead of a hyphen', 'cn hangzhou', NOT_REGION('cn hangzhou')),
  p('regionId', 'upper case', 'CN-HANGZHOU', NOT_REGION('CN-HANGZHOU')),
  p('regionId', 'the city alone', 'hangzhou', NOT_REGION('hangzhou')),
  p('regionId', 'an underscore', 'cn_hangzhou', NOT_REGION('cn_hangzhou')),
  p('regionId', 'an endpoint host', 'slb.cn-hangzhou.aliyuncs.com', NOT_REGION('slb.cn-hangzhou.aliyuncs.com')),
  p('regionId', '45 characters', 'cn-' + 'a'.repeat(42), /"cn-a{37}" is not a region ID/),
  p('label', '33 characters', 'production-eu-central-frankfurt-1', /The environment label is too long \(at most 32 characters\), e\.g\. dev, test or prod/),
  p('label', 'a line break inside', 'prod\neu', /The environment label cannot contain line breaks or tabs/),
  p('label', 'a zero-width space inside ("pro\u200Bd")', 'pro\u200Bd', /The environment label cannot contain invisible or control characters/),
];

/** Values that are accepted after the surrounding white space is cut: the cut value is what is stored. */
export interface TrimmedCase {
  readonly name: string;
  readonly field: PastedField;
  readonly value: string;
  readonly stored: string;
}
export const TRIMMED_CASES: TrimmedCase[] = [
  { name: 'an AccessKey ID with spaces and a line break around it', field: 'accessKeyId', value: `  ${ID}\n`, stored: ID },
  { name: 'a secret with the line break a terminal copy adds', field: 'accessKeySecret', value: `${SECRET}\r\n`, stored: SECRET },
  { name: 'a secret with a byte-order mark in front', field: 'accessKeySecret', value: `\uFEFF${SECRET}`, stored: SECRET },
  { name: 'a token with white space around it', field: 'securityToken', value: `\t${TOKEN} `, stored: TOKEN },
  { name: 'a name with spaces around it', field: 'name', value: '  staging  ', stored: 'staging' },
  { name: 'a region with a line break after it', field: 'regionId', value: 'cn-beijing\n', stored: 'cn-beijing' },
  { name: 'an expiry with a space before it', field: 'expiration', value: ' 2099-01-31T12:00:00Z', stored: '2099-01-31T12:00:00.000Z' },
];

// ---------------------------------------------------------------------------------------------
// The emulator's seed file

export interface SeedCase {
  readonly name: string;
  /** Changes a valid seed into the bad one (or returns a whole other document). */
  readonly mutate: (seed: SeedDoc) => unknown;
  readonly message: RegExp;
}

// Plain JSON, as a seed file holds it (the validator's job is to check exactly this).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SeedDoc = any;

export function validSeed(): SeedDoc {
  return {
    accounts: [{
      accountId: '1234567890123456',
      rootAccessKeys: [{ accessKeyId: 'LTAI5tSeedRoot000001', accessKeySecret: SECRET }],
      users: [
        { userName: 'alice', userId: '200000000000001', accessKeys: [{ accessKeyId: 'LTAI5tSeedAlice00001', accessKeySecret: SECRET, status: 'Active', createDate: '2024-01-02T03:04:05Z' }], policies: ['AliyunSLBReadOnlyAccess'] },
        { userName: 'bob', accessKeys: [{ accessKeyId: 'LTAI5tSeedBob0000001', accessKeySecret: SECRET }] },
      ],
      loadBalancers: [{ regionId: 'cn-hangzhou', loadBalancerId: 'lb-seed0001', listeners: [{ port: 80, protocol: 'http' }], backendServers: [{ serverId: 'i-seed0001', weight: 100 }], bandwidth: 5 }],
      stsTokens: [{ accessKeyId: 'STS.SeedToken000001', accessKeySecret: SECRET, securityToken: TOKEN, roleName: 'reader', expiration: '2099-01-01T00:00:00Z' }],
    }],
  };
}

const seedCase = (name: string, mutate: (s: SeedDoc) => unknown, message: RegExp): SeedCase => ({ name, mutate, message });
const A = (s: SeedDoc) => s.accounts[0];
const U = (s: SeedDoc, i = 0) => A(s).users[i];
const K = (s: SeedDoc) => U(s).accessKeys[0];
const LB = (s: SeedDoc) => A(s).loadBalancers[0];
const T = (s: SeedDoc) => A(s).stsTokens[0];
const key = (id: string) => ({ accessKeyId: id, accessKeySecret: SECRET });

export const SEED_CASES: SeedCase[] = [
  seedCase('a list at the top level', (s) => [s], /\(top level\) must be a JSON object/),
  seedCase('no "accounts"', () => ({ description: 'empty' }), /"accounts" must be an array/),
  seedCase('"accounts" empty', () => ({ accounts: [] }), /"accounts" must contain at least one account/),
  seedCase('an account that is a string', () => ({ accounts: ['1234567890123456'] }), /accounts\[0\] must be a JSON object/),
  seedCase('no accountId', (s) => { delete A(s).accountId; }, /accounts\[0\]\.accountId is required/),
  seedCase('a non-numeric accountId', (s) => { A(s).accountId = 'acme-prod'; }, /accounts\[0\]\.accountId must be a numeric string such as "1234567890123456" \(got "acme-prod"\)/),
  seedCase('a numeric (not string) accountId', (s) => { A(s).accountId = 1234567890123456; }, /accounts\[0\]\.accountId must be a non-empty string/),
  seedCase('an accountId of 33 digits', (s) => { A(s).accountId = '1'.repeat(33); }, /accounts\[0\]\.accountId must be a numeric string/),
  seedCase('two accounts with one id', (s) => { s.accounts.push({ accountId: '1234567890123456' }); }, /accounts\[1\]\.accountId "1234567890123456" appears twice/),
  seedCase('one AccessKey id for two users', (s) => { U(s, 1).accessKeys[0].accessKeyId = 'LTAI5tSeedAlice00001'; }, /accounts\[0\]\.users\[1\]\.accessKeys\[0\] "LTAI5tSeedAlice00001" is already used by accounts\[0\]\.users\[0\]\.accessKeys\[0\]/),
  seedCase('a user key with the root key\'s id', (s) => { K(s).accessKeyId = 'LTAI5tSeedRoot000001'; }, /accounts\[0\]\.users\[0\]\.accessKeys\[0\] "LTAI5tSeedRoot000001" is already used by accounts\[0\]\.rootAccessKeys\[0\]/),
  seedCase('one AccessKey id in two accounts', (s) => { s.accounts.push({ accountId: '2234567890123456', rootAccessKeys: [key('LTAI5tSeedBob0000001')] }); }, /accounts\[1\]\.rootAccessKeys\[0\] "LTAI5tSeedBob0000001" is already used by accounts\[0\]\.users\[1\]\.accessKeys\[0\]/),
  seedCase('two STS tokens with one AccessKey id', (s) => { A(s).stsTokens.push({ ...T(s), securityToken: TOKEN + 'b' }); }, /accounts\[0\]\.stsTokens\[1\] "STS\.SeedToken000001" is already used by accounts\[0\]\.stsTokens\[0\]/),
  seedCase('no accessKeySecret', (s) => { delete U(s, 0).accessKeys[0].accessKeySecret; }, /accounts\[0\]\.users\[0\]\.accessKeys\[0\]\.accessKeySecret is required/),
  seedCase('an empty accessKeySecret', (s) => { K(s).accessKeySecret = ''; }, /accounts\[0\]\.users\[0\]\.accessKeys\[0\]\.accessKeySecret must be a non-empty string/),
  seedCase('no accessKeyId', (s) => { delete A(s).rootAccessKeys[0].accessKeyId; }, /accounts\[0\]\.rootAccessKeys\[0\]\.accessKeyId is required/),
  seedCase('an STS. id among a user\'s keys', (s) => { K(s).accessKeyId = 'STS.NotHere00001'; }, /accounts\[0\]\.users\[0\]\.accessKeys\[0\]\.accessKeyId must not start with "STS\." \(put STS credentials in "stsTokens"\)/),
  seedCase('a hyphen in an AccessKey id', (s) => { K(s).accessKeyId = 'LTAI5t-Seed-0001'; }, /accounts\[0\]\.users\[0\]\.accessKeys\[0\]\.accessKeyId must contain letters and digits only/),
  seedCase('status "Disabled"', (s) => { K(s).status = 'Disabled'; }, /accounts\[0\]\.users\[0\]\.accessKeys\[0\]\.status must be one of "Active", "Inactive" \(got "Disabled"\)/),
  seedCase('status as a boolean', (s) => { K(s).status = true; }, /accounts\[0\]\.users\[0\]\.accessKeys\[0\]\.status must be a string/),
  seedCase('createDate in month 13', (s) => { K(s).createDate = '2024-13-01T00:00:00Z'; }, /accounts\[0\]\.users\[0\]\.accessKeys\[0\]\.createDate must be an ISO 8601 date-time such as "2024-01-02T03:04:05Z" \(got "2024-13-01T00:00:00Z"\)/),
  seedCase('lastUsedDate without a time', (s) => { K(s).lastUsedDate = '2024-01-02'; }, /accounts\[0\]\.users\[0\]\.accessKeys\[0\]\.lastUsedDate must be an ISO 8601 date-time/),
  seedCase('user createDate without a time zone', (s) => { U(s).createDate = '2024-01-02T03:04:05'; }, /accounts\[0\]\.users\[0\]\.createDate must be an ISO 8601 date-time/),
  seedCase('a space in a user name', (s) => { U(s).userName = 'alice smith'; }, /accounts\[0\]\.users\[0\]\.userName must be 1-64 characters from A-Z a-z 0-9 \. @ - _ \(got "alice smith"\)/),
  seedCase('a 65-character user name', (s) => { U(s).userName = 'u'.repeat(65); }, /accounts\[0\]\.users\[0\]\.userName must be 1-64 characters/),
  seedCase('a Chinese user name', (s) => { U(s).userName = '张三'; }, /accounts\[0\]\.users\[0\]\.userName must be 1-64 characters from A-Z/),
  seedCase('an empty user name', (s) => { U(s).userName = ''; }, /accounts\[0\]\.users\[0\]\.userName must be a non-empty string/),
  seedCase('two users "alice" and "Alice"', (s) => { U(s, 1).userName = 'Alice'; }, /accounts\[0\]\.users\[1\]\.userName "Alice" appears twice in this account \(user names are case-insensitive\)/),
  seedCase('a non-numeric userId', (s) => { U(s).userId = 'u-200'; }, /accounts\[0\]\.users\[0\]\.userId must be a numeric string \(got "u-200"\)/),
  seedCase('two users with one userId', (s) => { U(s, 1).userId = '200000000000001'; }, /accounts\[0\]\.users\[1\]\.userId "200000000000001" appears twice in this account/),
  seedCase('three keys for one user', (s) => { U(s).accessKeys.push(key('LTAI5tSeedAlice00002'), key('LTAI5tSeedAlice00003')); }, /accounts\[0\]\.users\[0\]\.accessKeys has 3 keys; a RAM user may have at most 2 \(raise it with "limits\.accessKeysPerUser"\)/),
  seedCase('three root keys', (s) => { A(s).rootAccessKeys.push(key('LTAI5tSeedRoot000002'), key('LTAI5tSeedRoot000003')); }, /accounts\[0\]\.rootAccessKeys has 3 keys; the limit is 2 \(raise it with "limits\.rootAccessKeys"\)/),
  seedCase('a key over a lowered per-user limit', (s) => { A(s).limits = { accessKeysPerUser: 0 }; }, /accounts\[0\]\.users\[0\]\.accessKeys has 1 keys; a RAM user may have at most 0/),
  seedCase('a negative limit', (s) => { A(s).limits = { accessKeysPerUser: -1 }; }, /accounts\[0\]\.limits\.accessKeysPerUser must be an integer from 0 to 100/),
  seedCase('a fractional user limit', (s) => { A(s).limits = { users: 1.5 }; }, /accounts\[0\]\.limits\.users must be an integer from 0 to 1000000/),
  seedCase('more users than limits.users', (s) => { A(s).limits = { users: 1 }; }, /accounts\[0\]\.users has 2 users; "limits\.users" is 1/),
  seedCase('"users" as an object', (s) => { A(s).users = { alice: {} }; }, /accounts\[0\]\.users must be an array/),
  seedCase('"policies" as a string', (s) => { U(s).policies = 'AdministratorAccess'; }, /accounts\[0\]\.users\[0\]\.policies must be an array/),
  seedCase('an empty policy name', (s) => { U(s).policies = ['']; }, /accounts\[0\]\.users\[0\]\.policies\[0\] must be a policy name/),
  seedCase('a load balancer region "Hangzhou"', (s) => { LB(s).regionId = 'Hangzhou'; }, /accounts\[0\]\.loadBalancers\[0\]\.regionId does not look like a region id such as "cn-hangzhou" \(got "Hangzhou"\)/),
  seedCase('two load balancers with one id', (s) => { A(s).loadBalancers.push({ regionId: 'cn-beijing', loadBalancerId: 'lb-seed0001' }); }, /accounts\[0\]\.loadBalancers\[1\]\.loadBalancerId "lb-seed0001" is already used by accounts\[0\]\.loadBalancers\[0\]/),
  seedCase('listener port 70000', (s) => { LB(s).listeners[0].port = 70000; }, /accounts\[0\]\.loadBalancers\[0\]\.listeners\[0\]\.port must be an integer from 1 to 65535/),
  seedCase('a listener without a port', (s) => { delete LB(s).listeners[0].port; }, /accounts\[0\]\.loadBalancers\[0\]\.listeners\[0\]\.port is required/),
  seedCase('listener protocol "ftp"', (s) => { LB(s).listeners[0].protocol = 'ftp'; }, /accounts\[0\]\.loadBalancers\[0\]\.listeners\[0\]\.protocol must be one of "http", "https", "tcp", "udp" \(got "ftp"\)/),
  seedCase('backend weight 101', (s) => { LB(s).backendServers[0].weight = 101; }, /accounts\[0\]\.loadBalancers\[0\]\.backendServers\[0\]\.weight must be an integer from 0 to 100/),
  seedCase('bandwidth "5M"', (s) => { LB(s).bandwidth = '5M'; }, /accounts\[0\]\.loadBalancers\[0\]\.bandwidth must be an integer \(-1 for pay-by-traffic\)/),
  seedCase('load balancer status "running"', (s) => { LB(s).loadBalancerStatus = 'running'; }, /accounts\[0\]\.loadBalancers\[0\]\.loadBalancerStatus must be one of "active", "inactive", "locked" \(got "running"\)/),
  seedCase('an STS token id without "STS."', (s) => { T(s).accessKeyId = 'LTAI5tSeedToken0001'; }, /accounts\[0\]\.stsTokens\[0\]\.accessKeyId must start with "STS\." as real STS AccessKey ids do/),
  seedCase('two STS tokens with one security token', (s) => { A(s).stsTokens.push({ ...T(s), accessKeyId: 'STS.SeedToken000002' }); }, /accounts\[0\]\.stsTokens\[1\]\.securityToken is used by another STS token/),
  seedCase('an STS token without securityToken', (s) => { delete T(s).securityToken; }, /accounts\[0\]\.stsTokens\[0\]\.securityToken is required/),
  seedCase('a role name with a slash', (s) => { T(s).roleName = 'team/reader'; }, /accounts\[0\]\.stsTokens\[0\]\.roleName must be 1-64 characters from A-Z a-z 0-9 \. @ - _/),
  seedCase('an STS expiration "in an hour"', (s) => { T(s).expiration = 'in an hour'; }, /accounts\[0\]\.stsTokens\[0\]\.expiration must be an ISO 8601 date-time such as .* \(got "in an hour"\)/),
  seedCase('a non-numeric roleId', (s) => { T(s).roleId = 'role-1'; }, /accounts\[0\]\.stsTokens\[0\]\.roleId must be a numeric string/),
];

/** Seed files (read with loadSeedFile): the message names the file and the problem. */
export interface SeedFileCase {
  readonly name: string;
  readonly content?: string;
  readonly message: RegExp;
}
const SEED_JSON = JSON.stringify(validSeed(), null, 2);
export const SEED_FILE_CASES: SeedFileCase[] = [
  { name: 'a seed file that is not there', message: /invalid seed seed file .*seed\.json: the file does not exist/ },
  { name: 'a seed file cut short inside a secret', content: SEED_JSON.slice(0, SEED_JSON.indexOf(SECRET) + 6), message: /invalid seed seed file .*seed\.json: is not valid JSON \(Unterminated string at line \d+, column \d+\)/ },
  { name: 'a seed file with a trailing comma', content: SEED_JSON.replace(/\n}$/, ',\n}'), message: /seed\.json: is not valid JSON \(.* at line \d+, column \d+\)/ },
  // V8 quotes the text around an unexpected token: a secret typed without quotes must not show.
  { name: 'a seed file with a secret typed without quotes', content: SEED_JSON.replace(`"${SECRET}"`, SECRET), message: /seed\.json: is not valid JSON \(Unexpected token '.'\)$/ },
  { name: 'a seed file that is empty', content: '', message: /seed\.json: is not valid JSON \(Unexpected end of JSON input\)/ },
];

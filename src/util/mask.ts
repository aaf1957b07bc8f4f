/** `LTAI5tAbcdEfgh1234abcd` → `LTAI****abcd`. Short or odd ids keep only their last two characters. */
export function maskAccessKeyId(id: string | undefined): string {
  if (!id) {
    return '****';
  }
  const trimmed = id.trim();
  if (trimmed.startsWith('STS.') && trimmed.length > 12) {
    return `STS.****${trimmed.slice(-4)}`;
  }
  if (trimmed.length >= 12) {
    return `${trimmed.slice(0, 4)}****${trimmed.slice(-4)}`;
  }
  return `****${trimmed.slice(-2)}`;
}

// Things that look like AccessKey IDs (LTAI…, STS.…) inside free text, e.g. a service message.
// Linear: a match can only start after a non-word character, so each run of letters is tried once.
const ACCESS_KEY_ID_IN_TEXT = /\b(?:LTAI[A-Za-z0-9]{8,}|STS\.[A-Za-z0-9]{8,})\b/g;

// A query string: the whole run of non-space characters from `?` on. Matching the run and testing
// it afterwards keeps this linear; one regex with the names inside backtracks on every `?`.
const QUERY_RUN = /\/?\?[^\s"']*/g;
const SIGNED_QUERY_NAME = /(?:Signature|AccessKeyId|SecurityToken)=/;
// A literal, so the search is linear; everything after it is dropped by slicing, not by `.*$`.
const STRING_TO_SIGN = /server string to sign is:/i;

// Fewer characters than this of a secret's base64 could match unrelated text.
const MIN_BASE64_FRAGMENT = 8;

/** encodeURIComponent, plus the characters RFC 3986 reserves that it leaves alone. */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The characters of the secret's base64 that do not depend on the bytes around it, for each of
 * the three alignments it can have inside a longer encoded value (e.g. `Basic id:secret`).
 */
function base64Fragments(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const fragment = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
    if (fragment.length >= MIN_BASE64_FRAGMENT) {
      out.push(fragment, fragment.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return out;
}

/** The secret as written plainly, URL-encoded and base64-encoded; longest first, so a whole form wins over its fragment. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.toString('base64');
  const encoded = [encodeURIComponent(secret), rfc3986(secret)];
  const forms = [
    secret,
    ...encoded,
    // Some encoders write the hex digits in lower case.
    ...encoded.map((e) => e.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())),
    base64,
    base64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    ...base64Fragments(bytes),
  ];
  return [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

/**
 * Makes a service or network message safe to show or log: masks AccessKey IDs, drops the
 * string-to-sign that SignatureDoesNotMatch echoes, and drops query strings of signed URLs.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) {
      for (const form of secretForms(secret)) {
        out = out.split(form).join('****');
      }
    }
  }
  const signing = out.search(STRING_TO_SIGN);
  if (signing >= 0) {
    out = out.slice(0, signing) + 'server string to sign is: (omitted)';
  }
  out = out.replace(QUERY_RUN, (run) => {
    const mark = run.startsWith('/') ? '/?' : '?';
    return SIGNED_QUERY_NAME.test(run) ? `${mark}(signed query omitted)` : run;
  });
  out = out.replace(ACCESS_KEY_ID_IN_TEXT, (m) => maskAccessKeyId(m));
  return out;
}

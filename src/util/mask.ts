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
const ACCESS_KEY_ID_IN_TEXT = /\b(?:LTAI[A-Za-z0-9]{8,}|STS\.[A-Za-z0-9]{8,})\b/g;

/**
 * Makes a service or network message safe to show or log: masks AccessKey IDs, drops the
 * string-to-sign that SignatureDoesNotMatch echoes, and drops query strings of signed URLs.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) {
      out = out.split(secret).join('****');
    }
  }
  out = out.replace(/server string to sign is:.*$/is, 'server string to sign is: (omitted)');
  out = out.replace(/(\/?\?)[^\s"']*(Signature|AccessKeyId|SecurityToken)=[^\s"']*/g, '$1(signed query omitted)');
  out = out.replace(ACCESS_KEY_ID_IN_TEXT, (m) => maskAccessKeyId(m));
  return out;
}

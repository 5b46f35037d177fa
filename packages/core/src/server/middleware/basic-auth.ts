import { timingSafeEqual, createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { LsmlError } from '../../errors/index.js';

export interface AuthOptions {
  user: string;
  pass: string;
  webhookSecret: string | undefined;
  webhookAuth: 'required' | 'none';
}

/** Compares hashes so neither length nor content leaks through timing. */
function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function credentialsMatch(header: string | undefined, options: AuthOptions): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  // Both halves are always compared, so a wrong user costs the same time as a wrong password.
  const userOk = safeEqual(decoded.slice(0, colon), options.user);
  const passOk = safeEqual(decoded.slice(colon + 1), options.pass);
  return userOk && passOk;
}

/**
 * HTTP basic auth for every route, /health included: Label Studio checks /health first and
 * tells the user their credentials are wrong on a 401 there. Label Studio's own webhooks carry
 * no credentials, so /webhook also accepts the webhook secret (header `X-Webhook-Secret` or
 * `?secret=`), or nothing at all when `webhookAuth` is `none`.
 */
export function basicAuth(options: AuthOptions): MiddlewareHandler {
  return async function lsmlBasicAuth(c, next) {
    const path = c.req.path;
    if (credentialsMatch(c.req.header('authorization'), options)) return next();
    if (path === '/webhook') {
      if (options.webhookAuth === 'none') return next();
      const given = c.req.header('x-webhook-secret') ?? c.req.query('secret');
      if (options.webhookSecret && given !== undefined && safeEqual(given, options.webhookSecret))
        return next();
      c.header('WWW-Authenticate', 'Basic realm="lsml", charset="UTF-8"');
      throw new LsmlError(
        'UNAUTHORIZED',
        options.webhookSecret
          ? 'Webhook rejected: add ?secret=<WEBHOOK_SECRET> to the webhook URL in Label Studio, or send basic auth credentials'
          : 'Webhook rejected: Label Studio webhooks carry no credentials; set WEBHOOK_SECRET on the backend and add ?secret=<it> to the webhook URL (or WEBHOOK_AUTH=none)',
      );
    }
    c.header('WWW-Authenticate', 'Basic realm="lsml", charset="UTF-8"');
    throw new LsmlError(
      'UNAUTHORIZED',
      'Authentication required: the backend expects the basic auth login and password set in BASIC_AUTH_USER / BASIC_AUTH_PASS',
    );
  };
}

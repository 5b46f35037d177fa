import { LsmlError } from '../errors/index.js';
import { describeUrl } from './describe-url.js';
import type { FetchPolicy } from './fetch-policy.js';
import { readBodyBounded } from './fetch-to-file.js';
import type { ExchangeToken } from './label-studio-auth.js';
import { requestWithPolicy } from './request-with-policy.js';

/**
 * Exchanges a personal access token for an access token at Label Studio's
 * `POST /api/token/refresh/` (`{"refresh": …}` → `{"access": …}`), under `policy` (the same
 * bounds and address rules as every request; the refresh token travels in the body, to
 * Label Studio's origin only).
 */
export function tokenExchange(base: URL, policy: () => FetchPolicy): ExchangeToken {
  return async (refresh) => {
    const target = new URL('api/token/refresh/', base);
    const rules = { ...policy(), auth: undefined };
    const controller = new AbortController();
    let text: string;
    try {
      const { response } = await requestWithPolicy(target, rules, controller, {
        method: 'POST',
        json: { refresh },
        idempotent: true,
      });
      text = (await readBodyBounded(response, target, rules, controller)).toString('utf8');
    } catch (error) {
      throw explain(error, target);
    }
    let access: unknown;
    try {
      access = (JSON.parse(text) as { access?: unknown }).access;
    } catch {
      access = undefined;
    }
    if (typeof access !== 'string' || access === '')
      throw new LsmlError(
        'DATA_FETCH_FAILED',
        `${describeUrl(target)} answered without an access token: is LABEL_STUDIO_URL a Label Studio?`,
      );
    return access;
  };
}

function explain(error: unknown, target: URL): unknown {
  if (!(error instanceof LsmlError)) return error;
  if (error.code === 'DATA_UNAUTHORIZED')
    return new LsmlError(
      'DATA_UNAUTHORIZED',
      `Label Studio refused the personal access token in LABEL_STUDIO_API_KEY (revoked or expired): create a new one under Account & Settings → Personal Access Token (${error.message})`,
      { cause: error, ...(error.details ? { details: error.details } : {}) },
    );
  if (error.code === 'DATA_NOT_FOUND')
    return new LsmlError(
      'DATA_UNAUTHORIZED',
      `${describeUrl(target)} does not exist: this Label Studio predates personal access tokens; use a legacy token (Account & Settings → Legacy Token), or set LABEL_STUDIO_TOKEN_KIND=legacy if the key is one`,
      { cause: error, ...(error.details ? { details: error.details } : {}) },
    );
  return error;
}

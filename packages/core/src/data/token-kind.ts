/**
 * Label Studio's two kinds of API key: a legacy token (40 hex characters, sent as
 * `Authorization: Token <key>`, never expires) and a personal access token (a JWT refresh token,
 * exchanged at `/api/token/refresh/` for short-lived access tokens sent as `Bearer <access>`).
 */
export type TokenKind = 'legacy' | 'personal';

/** What can be read from a key without asking Label Studio. */
export interface TokenFacts {
  kind: TokenKind;
  /** The JWT's `token_type` claim (`refresh` for a personal access token; `access` if one was pasted instead). */
  jwtType: string | undefined;
  /** The JWT's `exp`, in ms. */
  expiresAt: number | undefined;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The claims of a JWT (signature unchecked: only Label Studio can check it), or undefined when `token` is not one. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as unknown;
    if (typeof header !== 'object' || header === null) return undefined;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return undefined;
    return claims as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Reads a key's kind from its shape: a JWT (three base64url parts with JSON header and claims)
 * is a personal access token, anything else a legacy token. `override`
 * (`LABEL_STUDIO_TOKEN_KIND`) wins, for a key whose shape misleads.
 *
 * @example
 * readToken('9105a1d897e52286aaaa…').kind; // 'legacy'
 * readToken('eyJhbGciOi….eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIs….sig').kind; // 'personal'
 */
export function readToken(key: string, override?: TokenKind): TokenFacts {
  const claims = jwtClaims(key);
  const jwtType = typeof claims?.token_type === 'string' ? claims.token_type : undefined;
  const exp = typeof claims?.exp === 'number' ? claims.exp * 1000 : undefined;
  return {
    kind: override ?? (claims === undefined ? 'legacy' : 'personal'),
    jwtType,
    expiresAt: exp,
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims the fake puts in its tokens (the ones Label Studio's simplejwt tokens carry). */
export interface JwtClaims {
  token_type: 'refresh' | 'access';
  exp: number;
  iat: number;
  jti: string;
  user_id: number;
  [claim: string]: unknown;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed with HS256, as Label Studio issues personal access and access tokens. */
export function signJwt(claims: JwtClaims, secret: string): string {
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createHmac('sha256', secret).update(head).digest('base64url');
  return `${head}.${signature}`;
}

/** The claims of `token` when its signature is `secret`'s, else undefined (expiry is the caller's). */
export function verifyJwt(token: string, secret: string): JwtClaims | undefined {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return undefined;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return undefined;
  }
}

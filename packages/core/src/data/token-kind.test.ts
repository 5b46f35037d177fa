import { describe, expect, it } from 'vitest';
import { readToken } from './token-kind.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: unknown) =>
  `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;

describe('readToken', () => {
  it('reads a 40-hex legacy token as legacy, and a JWT as a personal access token', () => {
    expect(readToken('9105a1d897e52286aaaaaaaaaaaaaaaaaaaaaaaa')).toEqual({
      kind: 'legacy',
      jwtType: undefined,
      expiresAt: undefined,
    });
    expect(readToken(jwt({ token_type: 'refresh', exp: 2_000_000_000 }))).toEqual({
      kind: 'personal',
      jwtType: 'refresh',
      expiresAt: 2_000_000_000_000,
    });
    // A JWT without token_type is still one; an access token pasted instead is told apart.
    expect(readToken(jwt({ exp: 1 })).kind).toBe('personal');
    expect(readToken(jwt({ token_type: 'access' })).jwtType).toBe('access');
  });

  it('does not take three dotted parts that are not JSON for a JWT', () => {
    expect(readToken('abc.def.ghi').kind).toBe('legacy');
    expect(readToken(`${part({ alg: 'none' })}.${part([1, 2])}.x`).kind).toBe('legacy');
    expect(readToken('a+b.c/d.e').kind).toBe('legacy');
  });

  it('lets LABEL_STUDIO_TOKEN_KIND win over the shape', () => {
    expect(readToken(jwt({ token_type: 'refresh' }), 'legacy').kind).toBe('legacy');
    expect(readToken('opaque-key', 'personal').kind).toBe('personal');
  });
});

import { randomBytes } from 'node:crypto';
import { signJwt, verifyJwt, type JwtClaims } from './jwt.js';

/** How the fake authenticates, like an organization's Access Token Settings. */
export interface TokenOptions {
  /** Seconds an access token lives (Label Studio: minutes). Default 300. */
  accessTtlSeconds?: number;
  /** Legacy tokens accepted. Default true. */
  legacyTokens?: boolean;
  /** Personal access tokens (and `/api/token/refresh/`) exist. Default true; false plays an LS that predates them. */
  personalTokens?: boolean;
  /** The fake's clock in ms (tests move it to expire access tokens). Default `Date.now`. */
  now?: () => number;
}

/** Why a request is refused: the status and the `detail` Label Studio answers. */
export interface Refusal {
  status: 401;
  detail: string;
  code?: string;
}

const NOT_VALID = { detail: 'Given token not valid for any token type', code: 'token_not_valid' };

/**
 * The tokens of one fake user: a legacy token (`Authorization: Token <key>`), a personal access
 * token (a JWT refresh token, exchanged at `POST /api/token/refresh/` for short-lived access
 * tokens sent as `Authorization: Bearer <access>`), and the access tokens issued from it.
 */
export class FakeTokens {
  readonly legacy = randomBytes(20).toString('hex');
  readonly personal: string;
  /** Access tokens issued so far. */
  refreshes = 0;
  private readonly secret = randomBytes(16).toString('hex');
  private generation = 0;
  private personalRevoked = false;

  constructor(private readonly options: TokenOptions = {}) {
    this.personal = this.refreshToken(100 * 365 * 24 * 3600);
  }

  /** A personal access token that expired `secondsAgo` ago (or one valid for `-secondsAgo`). */
  expiredPersonal(secondsAgo = 60): string {
    return this.refreshToken(-secondsAgo);
  }

  /** Every access token issued so far stops working (the next request gets a 401). */
  revokeAccessTokens(): void {
    this.generation += 1;
  }

  /** The personal access token is revoked: refreshing it fails from now on. */
  revokePersonal(): void {
    this.personalRevoked = true;
  }

  get personalEnabled(): boolean {
    return this.options.personalTokens !== false;
  }

  /** `POST /api/token/refresh/`: an access token for a valid refresh token, else the refusal. */
  refresh(token: unknown): { access: string } | Refusal {
    const claims = typeof token === 'string' ? verifyJwt(token, this.secret) : undefined;
    if (claims?.token_type !== 'refresh' || claims.exp * 1000 <= this.now() || this.personalRevoked)
      return { status: 401, detail: 'Token is invalid or expired', code: 'token_not_valid' };
    this.refreshes += 1;
    const iat = Math.floor(this.now() / 1000);
    const access = signJwt(
      {
        token_type: 'access',
        exp: iat + (this.options.accessTtlSeconds ?? 300),
        iat,
        jti: randomBytes(8).toString('hex'),
        user_id: 1,
        generation: this.generation,
      },
      this.secret,
    );
    return { access };
  }

  /** Checks an Authorization header the way Label Studio's authentication classes do. */
  check(header: string | undefined): Refusal | undefined {
    if (header === undefined || header === '')
      return { status: 401, detail: 'Authentication credentials were not provided.' };
    const [scheme, value = ''] = header.split(/\s+/, 2);
    if (scheme === 'Token') {
      if (value === this.legacy && this.options.legacyTokens !== false) return undefined;
      if (value === this.legacy)
        return {
          status: 401,
          detail:
            'Authentication token no longer valid: legacy token authentication has been disabled for this organization',
        };
      return { status: 401, detail: 'Invalid token.' };
    }
    if (scheme === 'Bearer' && this.personalEnabled) {
      const claims = verifyJwt(value, this.secret);
      if (claims?.token_type !== 'access') return { status: 401, ...NOT_VALID };
      if (claims.exp * 1000 <= this.now()) return { status: 401, ...NOT_VALID };
      if (claims.generation !== this.generation) return { status: 401, ...NOT_VALID };
      return undefined;
    }
    return { status: 401, detail: 'Authentication credentials were not provided.' };
  }

  private refreshToken(validForSeconds: number): string {
    const iat = Math.floor(this.now() / 1000);
    const claims: JwtClaims = {
      token_type: 'refresh',
      exp: iat + validForSeconds,
      iat,
      jti: randomBytes(8).toString('hex'),
      user_id: 1,
    };
    return signJwt(claims, this.secret);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

import { LsmlError } from '../errors/index.js';
import { readToken, type TokenFacts, type TokenKind } from './token-kind.js';

/** Exchanges a personal access token for an access token (`POST /api/token/refresh/`). */
export type ExchangeToken = (refreshToken: string) => Promise<string>;

/** Refresh this long before an access token's `exp`: clocks drift and requests take time. */
const EARLY_MS = 30_000;

/**
 * The `Authorization` header for one Label Studio key, of either kind. A legacy token is sent
 * as is; a personal access token is exchanged for an access token, reused until shortly before
 * its `exp`, and exchanged again when Label Studio refuses it (once per refusal, see
 * {@link LabelStudioAuth.rejected}). Concurrent requests share one exchange.
 *
 * @example
 * const auth = new LabelStudioAuth(key, undefined, exchange);
 * await auth.header(); // 'Token 9105…' or 'Bearer eyJ…'
 */
export class LabelStudioAuth {
  readonly facts: TokenFacts;
  private access: { header: string; expiresAt: number | undefined } | undefined;
  private exchanging: Promise<string> | undefined;

  constructor(
    private readonly key: string,
    override: TokenKind | undefined,
    private readonly exchange: ExchangeToken,
    private readonly now: () => number = Date.now,
  ) {
    this.facts = readToken(key, override);
  }

  get kind(): TokenKind {
    return this.facts.kind;
  }

  /** Refreshes done so far (the doctor reports that one worked). */
  exchanges = 0;

  async header(): Promise<string> {
    if (this.kind === 'legacy') return `Token ${this.key}`;
    // An access token pasted as the key: usable until it expires, never refreshable.
    if (this.facts.jwtType === 'access') return `Bearer ${this.key}`;
    const access = this.access;
    if (access && (access.expiresAt === undefined || access.expiresAt - EARLY_MS > this.now()))
      return access.header;
    this.exchanging ??= this.refresh().finally(() => {
      this.exchanging = undefined;
    });
    return this.exchanging;
  }

  /**
   * Label Studio answered 401 to a request sent with `header`: forgets that access token so the
   * next {@link header} exchanges anew. True when a retry can help (a personal access token
   * whose access token Label Studio no longer takes); false for a legacy token.
   */
  rejected(header: string): boolean {
    if (this.kind === 'legacy' || this.facts.jwtType === 'access') return false;
    if (this.access?.header === header) this.access = undefined;
    return true;
  }

  private async refresh(): Promise<string> {
    const { expiresAt } = this.facts;
    if (expiresAt !== undefined && expiresAt <= this.now()) {
      throw new LsmlError(
        'DATA_UNAUTHORIZED',
        `LABEL_STUDIO_API_KEY is a personal access token that expired on ${new Date(expiresAt).toISOString()}: create a new one in Label Studio (Account & Settings → Personal Access Token)`,
      );
    }
    const token = await this.exchange(this.key);
    this.exchanges += 1;
    const exp = readToken(token).expiresAt;
    const header = `Bearer ${token}`;
    this.access = { header, expiresAt: exp };
    return header;
  }
}

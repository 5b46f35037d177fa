import type { ResolveAll } from './address-guard.js';
import type { LabelStudioAuth } from './label-studio-auth.js';
import type { RetryPolicy } from './retry-policy.js';

/** The rules every request to Label Studio or a file host follows. */
export interface FetchPolicy {
  /** The Label Studio origin (`http://ls:8080`); only requests to it carry the token. */
  labelStudioOrigin: string | undefined;
  /**
   * The one origin the private-address guard lets through: Label Studio as the operator named it
   * (`LABEL_STUDIO_URL`), since it usually lives on a private network. Never a `/setup` hostname:
   * anyone who can reach `/setup` could name any host on the backend's network.
   */
  exemptOrigin: string | undefined;
  /** The Label Studio key in force (either kind); its header goes to `labelStudioOrigin` only. */
  auth: LabelStudioAuth | undefined;
  maxBytes: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  blockPrivateAddresses: boolean;
  maxRedirects: number;
  /** How 429 and 5xx answers are retried. Default {@link RETRY_DEFAULTS}. */
  retry?: RetryPolicy | undefined;
  signal?: AbortSignal | undefined;
  /** How host names resolve (tests stand in a DNS server here). Default `dns.lookup`. */
  resolve?: ResolveAll | undefined;
}

/** A request other than a plain GET. */
export interface RequestInit {
  method?: 'GET' | 'POST';
  /** A JSON body. */
  json?: unknown;
  /**
   * Safe to send twice. A GET always is; a POST is retried after a 5xx only when marked so:
   * the server may have acted before failing, and a second import would store a prediction twice.
   */
  idempotent?: boolean;
}

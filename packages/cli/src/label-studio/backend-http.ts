/** How a request reaches the backend: `fetch` over the network, or a Hono app's `request` in-process. */
export type SendRequest = (
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<Response>;

/** A backend's answer: status, parsed JSON (undefined when not JSON), the text, and how long it took. */
export interface BackendAnswer {
  status: number;
  json: unknown;
  text: string;
  ms: number;
}

/** Basic auth credentials, as Label Studio sends them when the model is set up with them. */
export interface BasicCredentials {
  user: string;
  pass: string;
}

/**
 * Speaks Label Studio's ML backend protocol to any backend (lsml or not): the same routes and
 * bodies Label Studio sends, with basic auth when given. It only speaks HTTP, so it works as
 * well against a Python backend as against one served in-process.
 *
 * @example
 * const http = BackendHttp.remote('http://localhost:9090');
 * (await http.call('GET', '/health')).json; // { status: 'UP', … }
 */
export class BackendHttp {
  constructor(
    private readonly send: SendRequest,
    /** Where the backend is, for messages: its URL, or "<dir> (in-process)". */
    readonly where: string,
    private readonly credentials?: BasicCredentials | undefined,
  ) {}

  /** A backend at `url`, which may carry a path prefix (`http://host/ml`) as Label Studio allows. */
  static remote(url: string, credentials?: BasicCredentials): BackendHttp {
    const base = url.endsWith('/') ? url : `${url}/`;
    return new BackendHttp(
      (path, init) => fetch(new URL(path.replace(/^\//, ''), base), init),
      url,
      credentials,
    );
  }

  /** The same request with other credentials (or none): what Label Studio would see with those. */
  withCredentials(credentials: BasicCredentials | undefined): BackendHttp {
    return new BackendHttp(this.send, this.where, credentials);
  }

  get hasCredentials(): boolean {
    return this.credentials !== undefined;
  }

  async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    {
      timeoutMs = 120_000,
      headers = {},
    }: { timeoutMs?: number; headers?: Record<string, string> } = {},
  ): Promise<BackendAnswer> {
    const all: Record<string, string> = { 'user-agent': 'lsml', ...headers };
    if (body !== undefined) all['content-type'] = 'application/json';
    if (this.credentials)
      all.authorization = `Basic ${Buffer.from(`${this.credentials.user}:${this.credentials.pass}`).toString('base64')}`;
    const started = performance.now();
    const response = await this.send(path, {
      method,
      headers: all,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text, ms: performance.now() - started };
  }
}

/** The error text of an answer that is not 2xx: the backend's `error` field, else its body, short. */
export function answerError(answer: BackendAnswer): string {
  const said =
    typeof answer.json === 'object' && answer.json !== null && 'error' in answer.json
      ? String(answer.json.error)
      : answer.text.replace(/\s+/g, ' ').trim();
  const short = said.length > 300 ? `${said.slice(0, 300)}…` : said;
  return `HTTP ${answer.status}${short === '' ? '' : `: ${short}`}`;
}

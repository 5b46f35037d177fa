import type { Response } from 'undici';
import { LsmlError } from '../errors/index.js';
import { describeUrl } from './describe-url.js';

const DETAIL_BYTES = 2048;

/**
 * What the server said about a refusal, one short line: Label Studio's `{"detail": …}`, a
 * validation list, or the start of a text body (an S3 "Request has expired" says a lot).
 */
export async function errorDetail(response: Response): Promise<string | undefined> {
  let text = '';
  try {
    // Leaving the loop early cancels the rest of the body.
    for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
      text += Buffer.from(chunk).toString('utf8');
      if (text.length >= DETAIL_BYTES) break;
    }
  } catch {
    return undefined;
  }
  let said: unknown = text;
  try {
    said = JSON.parse(text) as unknown;
  } catch {
    // not JSON: the text itself
  }
  if (typeof said === 'object' && said !== null && 'detail' in said) said = said.detail;
  const line = (
    Array.isArray(said)
      ? said.map(String).join('; ')
      : typeof said === 'string'
        ? said
        : JSON.stringify(said)
  )
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (line === '') return undefined;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * The error for a refused request, with what to do about it. Carries the status
 * (`details.upstream_status`) so callers can tell "try again" from "fix something".
 */
export function statusError(
  url: URL,
  status: number,
  toLabelStudio: boolean,
  detail?: string,
): LsmlError {
  const where = describeUrl(url);
  const said = detail === undefined ? '' : ` (Label Studio said: ${detail})`;
  const details = { upstream_status: status };
  const fromHost = toLabelStudio ? said : detail === undefined ? '' : ` (${detail})`;
  if (status === 404) {
    const hint = hint404(url, toLabelStudio);
    return new LsmlError('DATA_NOT_FOUND', `${where} answered 404 Not Found${hint}${fromHost}`, {
      details,
    });
  }
  if (status === 401 || status === 403) {
    const hint =
      toLabelStudio && /local.files/i.test(detail ?? '')
        ? 'Label Studio does not serve local files: start it with LOCAL_FILES_SERVING_ENABLED=true (and LOCAL_FILES_DOCUMENT_ROOT), or give this backend the folder itself (LOCAL_FILES_SERVING_ENABLED + LOCAL_FILES_DOCUMENT_ROOT)'
        : toLabelStudio
          ? 'check LABEL_STUDIO_API_KEY (a Label Studio access token of a user who can see the project)'
          : 'the file host refused access; for Label Studio files set LABEL_STUDIO_URL to the address the file is served from';
    return new LsmlError('DATA_UNAUTHORIZED', `${where} answered ${status}: ${hint}${fromHost}`, {
      details,
    });
  }
  return new LsmlError('DATA_FETCH_FAILED', `${where} answered ${status}${fromHost}`, { details });
}

/** The HTTP status of a refused request, when `error` is one {@link statusError} made. */
export function upstreamStatus(error: unknown): number | undefined {
  if (!(error instanceof LsmlError)) return undefined;
  const status = error.details?.upstream_status;
  return typeof status === 'number' ? status : undefined;
}

function hint404(url: URL, toLabelStudio: boolean): string {
  if (!toLabelStudio) return '';
  if (/^\/?(.*\/)?tasks\/[^/]+\/presign\/?$/.test(url.pathname))
    return ': Label Studio knows no storage for this cloud URI; connect the bucket to the project (Settings → Cloud Storage → Source Storage)';
  if (url.pathname.includes('/data/'))
    return ': check that LABEL_STUDIO_URL is the Label Studio the task came from (the file is not there)';
  return '';
}

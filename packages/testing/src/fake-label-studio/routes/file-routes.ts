import type { ServerResponse } from 'node:http';
import { sendJson } from '../http-helpers.js';
import { authorized, type FakeRoute } from '../fake-state.js';

/** The bytes every fake upload and local file holds: the start of a PNG. */
export const IMAGE_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

/**
 * Files Label Studio serves: uploads (`/data/upload/…`, token required), local files
 * (`/data/local-files/?d=…`, 403 unless local files serving is on) and cloud storage URIs
 * presigned per task (`/tasks/:id/presign/?fileuri=…`, a 303 to the storage).
 */
export const fileRoutes: FakeRoute = (r) => {
  if (r.method !== 'GET') return false;
  const { pathname } = r.url;
  if (pathname.startsWith('/data/upload/')) {
    if (!authorized(r)) return true;
    if (pathname.endsWith('/missing.png')) sendJson(r.res, 404, { detail: 'Not found.' });
    else sendImage(r.res);
    return true;
  }
  if (pathname === '/data/local-files' || pathname === '/data/local-files/') {
    if (!authorized(r)) return true;
    if (r.state.options.localFiles !== true) {
      r.res.writeHead(403, { 'content-type': 'text/html; charset=utf-8' });
      r.res.end(
        "Serving local files can be dangerous, so it's disabled by default. You can enable it with LOCAL_FILES_SERVING_ENABLED environment variable",
      );
    } else sendImage(r.res);
    return true;
  }
  const presign = /^\/tasks\/([^/]+)\/presign\/$/.exec(pathname);
  if (presign) {
    if (!authorized(r)) return true;
    // Label Studio decodes with Python's urlsafe_b64decode: padding is required.
    const fileuri = r.url.searchParams.get('fileuri') ?? '';
    const uri =
      fileuri.length % 4 === 0 && /^[\w-]*=*$/.test(fileuri)
        ? Buffer.from(fileuri, 'base64url').toString('utf8')
        : '';
    const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!s3) {
      sendJson(r.res, 404, { detail: 'No storage for this URI.' });
      return true;
    }
    r.res.writeHead(303, {
      location: `${r.state.otherOrigin()}/${s3[1] ?? ''}/${s3[2] ?? ''}?task=${presign[1] ?? ''}&X-Amz-Signature=s3cr3t`,
    });
    r.res.end();
    return true;
  }
  return false;
};

function sendImage(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'image/png' });
  res.end(IMAGE_BYTES);
}

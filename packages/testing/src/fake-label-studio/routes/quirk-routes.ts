import { IMAGE_BYTES } from './file-routes.js';
import { sendJson } from '../http-helpers.js';
import { authorized, type FakeRoute } from '../fake-state.js';

/**
 * Misbehaviour to test bounds against: redirects away from and back to Label Studio, a body that
 * stalls, one that is large, requests never answered, and a project the token may not see.
 */
export const quirkRoutes: FakeRoute = (r) => {
  switch (r.path) {
    case '/redirect-away':
      r.res.writeHead(302, { location: `${r.state.otherOrigin()}/public/cat.png` });
      r.res.end();
      return true;
    case '/redirect-home':
      r.res.writeHead(302, { location: '/data/upload/1/home.png' });
      r.res.end();
      return true;
    case '/slow':
      r.res.writeHead(200, { 'content-type': 'image/png' });
      r.res.write(IMAGE_BYTES);
      return true; // never ends: the read timeout must fire
    case '/huge':
      r.res.writeHead(200, { 'content-type': 'application/octet-stream' });
      r.res.end(Buffer.alloc(64 * 1024, 1));
      return true;
    case '/hang':
    case '/api/projects/hang':
      return true; // no headers, ever
    case '/api/projects/forbidden':
      if (!authorized(r)) return true;
      sendJson(r.res, 403, { detail: 'You do not have permission to perform this action.' });
      return true;
    case '/api/projects/huge':
      sendJson(r.res, 200, { label_config: 'x'.repeat(64 * 1024) });
      return true;
    case '/api/projects/stall':
      r.res.writeHead(200, { 'content-type': 'application/json' });
      r.res.write('{"label_config": "');
      return true; // the body never ends: the read timeout must fire
    default:
      return false;
  }
};

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectorService } from './detector-service.js';

// A 64×48 PNG, served over HTTP the way Label Studio and other hosts serve task images.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAQ0lEQVRo3u3PQQkAAAgEsMtkJsMaywp+hcEKLNP1WgQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQErhZSXmjxG8VbewAAAABJRU5ErkJggg==',
  'base64',
);
const TOKEN = 'ls-token';

describe('object_detector: images by URL through the task-data resolver', () => {
  let ctx: Awaited<ReturnType<typeof detectorService>>;
  let server: Server;
  let origin: string;
  const seen: { path: string; authorization: string | undefined }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      const upload = req.url?.startsWith('/data/upload/') === true;
      if (upload && req.headers.authorization !== `Token ${TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    ctx = await detectorService();
  });
  afterAll(async () => {
    await ctx.cleanup();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('detects in an http URL and in a Label Studio upload, as in the same image inline', async () => {
    const inline = await ctx.predict([
      { id: 1, data: { image: `data:image/png;base64,${PNG.toString('base64')}` } },
    ]);
    expect(inline[0]?.result.length).toBeGreaterThan(0);

    const byUrl = await ctx.predict([{ id: 2, data: { image: `${origin}/images/cat.png` } }]);
    expect(byUrl[0]?.result).toEqual(inline[0]?.result);

    // Label Studio's /setup tells the backend where it is and the token for its uploads.
    const setup = await ctx.request('/setup', {
      project: '1.1700000000',
      hostname: origin,
      access_token: TOKEN,
    });
    expect(setup.status, JSON.stringify(setup.body)).toBe(200);
    const upload = await ctx.predict([{ id: 3, data: { image: '/data/upload/1/cat.png' } }]);
    expect(upload[0]?.result).toEqual(inline[0]?.result);

    expect(seen).toEqual([
      { path: '/images/cat.png', authorization: undefined },
      { path: '/data/upload/1/cat.png', authorization: `Token ${TOKEN}` },
    ]);
  });
});

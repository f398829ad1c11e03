// Serves a folder written by vp-contact-frame the way its host should: every file with the headers
// of the folder's own _headers file (so the demo and the tests use exactly what the provider is
// told to configure), GET and HEAD only, nothing outside the folder, no directory listings.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};
/** What a host must not serve: the host configuration itself. */
const PRIVATE = new Set(['/_headers', '/nginx.conf', '/apache.conf']);

/** The headers of a `_headers` file's `/*` block, as [name, value] pairs. */
export function parseHeadersFile(text) {
  const headers = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(' ') && line.trim() !== '') inBlock = line.trim() === '/*';
    else if (inBlock && line.includes(':')) {
      const at = line.indexOf(':');
      headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return headers;
}

/** Starts serving `dir` on `port`; resolves with its url and close(). */
export async function serveFrame({ dir, port = 0, host = 'localhost' }) {
  const headers = Object.fromEntries(parseHeadersFile(await readFile(join(dir, '_headers'), 'utf8')));
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    const file = normalize(join(dir, pathname === '/' ? 'index.html' : pathname));
    try {
      if (!file.startsWith(normalize(dir)) || PRIVATE.has(pathname) || !TYPES[extname(file)]) throw new Error('not served');
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] }).end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Niet gevonden / Not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', (error) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is already in use, so the frame cannot start. Stop the program using it, or choose another port with VP_FRAME_PORT=…`)
          : error,
      ),
    );
    server.listen(port, host, () => {
      resolvePromise({ url: `http://${host}:${server.address().port}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

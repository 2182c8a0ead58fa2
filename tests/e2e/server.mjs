// A tiny static file server for dist/, used by the browser tests (and usable by hand):
//
//   node tests/e2e/server.mjs [--root dist] [--port 8080] [--host 127.0.0.1] [--base /tools/gouji/]
//
// It serves files under `base` only (so a sub-path deployment can be tested), with the right
// MIME types (application/wasm for .wasm, needed by WebAssembly.instantiateStreaming).

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Normalises a base path to the form `/`, `/a/`, `/a/b/`. */
export function normaliseBase(base = '/') {
  const parts = String(base).split('/').filter(Boolean);
  return parts.length ? `/${parts.join('/')}/` : '/';
}

/**
 * Starts serving `root` under `base`. Port 0 picks a free port.
 * Resolves to `{ url, origin, port, close() }`; `url` ends in the base path.
 */
export async function startServer({ root, base = '/', port = 0, host = '127.0.0.1', log = false } = {}) {
  if (!root) throw new Error('startServer: root is required');
  const rootDir = path.resolve(root);
  const basePath = normaliseBase(base);

  const server = createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
      const url = new URL(req.url, 'http://localhost');
      let pathname = decodeURIComponent(url.pathname);
      if (pathname === basePath.slice(0, -1)) {
        return send(301, 'moved', { Location: basePath + url.search });
      }
      if (!pathname.startsWith(basePath)) return send(404, 'not found');
      let rel = pathname.slice(basePath.length);
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(rootDir, rel);
      if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return send(403, 'forbidden');
      let info;
      try {
        info = await stat(file);
      } catch {
        return send(404, 'not found');
      }
      if (!info.isFile()) return send(404, 'not found');
      const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
      if (log) console.log(`${req.method} ${pathname} 200`);
    } catch (err) {
      send(500, String(err));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  const origin = `http://${host}:${actualPort}`;
  return {
    origin,
    url: origin + basePath,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Command-line use.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = opt('root', path.resolve(here, '../../dist'));
  const s = await startServer({
    root,
    base: opt('base', '/'),
    port: Number(opt('port', '8080')),
    host: opt('host', '127.0.0.1'),
    log: args.includes('--log'),
  });
  console.log(`serving ${root} at ${s.url}`);
  const stop = () => s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

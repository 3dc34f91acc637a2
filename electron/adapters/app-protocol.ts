/**
 * The renderer is served from app://ntk/ — never file:// — so the CSP, the
 * sender check and navigation rules have one exact origin to hold on to.
 * resolveAppAsset is pure (tested with fakes); registerAppProtocol wires it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ntk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export type AssetResolution = { status: 200; file: string; mime: string } | { status: 400 | 403 | 404 };

/** Maps an app:// URL to a file under rootDir, refusing anything that escapes it. */
export function resolveAppAsset(rootDir: string, requestUrl: string, exists: (f: string) => boolean = fs.existsSync): AssetResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 403 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { status: 400 };
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, '.' + pathname);
  if (file !== root && !file.startsWith(root + path.sep)) return { status: 403 };
  const mime = MIME[path.extname(file).toLowerCase()];
  if (!mime) return { status: 403 };
  if (!exists(file)) return { status: 404 };
  return { status: 200, file, mime };
}

export const securityHeaders = (mime: string): Record<string, string> => ({
  'Content-Type': mime,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
});

/** Call before app 'ready'. */
export const privilegedSchemes = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
];

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const r = resolveAppAsset(rootDir, request.url);
    if (r.status !== 200) return new Response(null, { status: r.status });
    return new Response(await fs.promises.readFile(r.file), { status: 200, headers: securityHeaders(r.mime) });
  });
}

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset, securityHeaders } from '../../electron/adapters/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const root = path.resolve('/opt/ntk/renderer');
const exists = (f: string) => f.startsWith(root);

describe('app:// asset resolution', () => {
  it('serves index.html for the root and files under the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://ntk/', exists)).toMatchObject({ status: 200, file: path.join(root, 'index.html') });
    expect(resolveAppAsset(root, 'app://ntk/assets/index-abc.js', exists)).toMatchObject({
      status: 200,
      file: path.join(root, 'assets/index-abc.js'),
      mime: 'text/javascript; charset=utf-8',
    });
  });

  it.each([
    'app://ntk/assets/..%2f..%2f..%2fetc%2fshadow.js',
    'app://ntk/..%2f..%2f..%2f..%2fetc%2fpasswd.js',
    'app://ntk/..%5c..%5cwindows.js',
    'app://ntk/%00.js',
  ])('refuses encoded path traversal: %s', (url) => {
    expect(resolveAppAsset(root, url, exists).status).not.toBe(200);
  });

  it.each(['app://ntk/../../etc/passwd.js', 'app://ntk/%2e%2e/%2e%2e/etc/passwd.js', 'app://ntk/a/../../../x.js'])(
    'keeps dot-segments inside the renderer folder: %s',
    (url) => {
      const r = resolveAppAsset(root, url, exists);
      if (r.status === 200) expect(r.file.startsWith(root + path.sep)).toBe(true);
    },
  );

  it('refuses other hosts, other schemes, malformed URLs and unknown file types', () => {
    expect(resolveAppAsset(root, 'app://evil/index.html', exists).status).toBe(403);
    expect(resolveAppAsset(root, 'file:///etc/passwd', exists).status).toBe(403);
    expect(resolveAppAsset(root, 'app://ntk/%E0%A4%A', exists).status).toBe(400);
    expect(resolveAppAsset(root, 'app://ntk/store.ntk', exists).status).toBe(403);
    expect(resolveAppAsset(root, 'app://ntk/missing.js', () => false).status).toBe(404);
  });

  it('sends the strict CSP with every asset', () => {
    const h = securityHeaders('text/html');
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
});

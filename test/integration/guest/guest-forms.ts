import request from 'supertest';

/** A browser-like session: the CSRF cookie and the matching hidden field from a form page. */
export async function formSession(
  baseUrl: string,
  path: string,
): Promise<{ cookie: string; csrf: string }> {
  const res = await request(baseUrl).get(path);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).find((c) => c?.startsWith('pl_csrf=')) ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? '';
  if (!cookie || !csrf) throw new Error(`no CSRF session from ${path} (status ${res.status})`);
  return { cookie, csrf };
}

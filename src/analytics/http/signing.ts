import { createHmac, timingSafeEqual } from 'node:crypto';

/** Export download links are signed and expire (like the DVP API's signed URLs): no token in the link. */
export function signPath(path: string, expires: number, secret: string): string {
  return createHmac('sha256', secret).update(`${path}\n${expires}`).digest('hex');
}

export function signedUrl(path: string, query: URLSearchParams, secret: string, expires: number): string {
  const params = new URLSearchParams(query);
  params.delete('signature');
  params.set('expires', String(expires));
  params.sort();
  const target = `${path}?${params}`;
  return `${target}&signature=${signPath(target, expires, secret)}`;
}

/** True when the URL carries a valid, unexpired signature for exactly this path and query. */
export function verifySignedUrl(url: URL, secret: string, now: number): boolean {
  const signature = url.searchParams.get('signature');
  const expires = Number(url.searchParams.get('expires'));
  if (!signature || !Number.isFinite(expires) || expires < now) return false;
  const params = new URLSearchParams(url.searchParams);
  params.delete('signature');
  params.sort();
  const expected = Buffer.from(signPath(`${url.pathname}?${params}`, expires, secret), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

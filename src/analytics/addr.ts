import { isIP } from 'node:net';

/**
 * The client IP of a Distribution `request.addr`: `ip:port` for direct clients, a bare IP when taken from
 * X-Forwarded-For or X-Real-IP, `[v6]:port` for IPv6 peers. IPv4-mapped IPv6 becomes IPv4. Null when it
 * is not an address at all.
 */
export function clientIp(addr: string): string | null {
  let host = addr.trim();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return null;
    host = host.slice(1, end);
  } else if (host.indexOf(':') > 0 && host.indexOf(':') === host.lastIndexOf(':')) {
    host = host.slice(0, host.indexOf(':'));
  }
  const zone = host.indexOf('%');
  if (zone > 0) host = host.slice(0, zone);
  const version = isIP(host);
  if (version === 0) return null;
  if (version === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
    if (mapped?.[1]) return mapped[1];
    return host.toLowerCase();
  }
  return host;
}

import { isIP } from 'node:net';

/** The host name of `host[:port]` or `[v6]:port`, lower-cased, without brackets or port. */
export function hostnameOf(registry: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(registry);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const colon = registry.lastIndexOf(':');
  const host = colon >= 0 && registry.indexOf(':') === colon ? registry.slice(0, colon) : registry;
  return host.toLowerCase();
}

/** localhost, 127.0.0.0/8 and ::1: the only hosts crowsnest talks plain HTTP to without being asked. */
export function isLoopbackHost(registry: string): boolean {
  const host = hostnameOf(registry);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(host);
  return false;
}

/** Whether plain HTTP may be used: loopback, or listed by host or host:port in `insecureRegistries`. */
export function plainHttpAllowed(registry: string, insecureRegistries: readonly string[]): boolean {
  if (isLoopbackHost(registry)) return true;
  const wanted = registry.toLowerCase();
  const host = hostnameOf(registry);
  return insecureRegistries.some((entry) => {
    const listed = entry
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '');
    return listed === wanted || listed === host;
  });
}

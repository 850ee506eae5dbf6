import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

// bcrypt's own base64 alphabet; Distribution's htpasswd reader only accepts bcrypt hashes.
const bcryptAlphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function bcryptSalt(): string {
  const bytes = randomBytes(22);
  const chars = [...bytes].map((byte) => bcryptAlphabet[byte % 64]);
  // 22 characters carry 132 bits but a salt is 128: the last character must have its low 4 bits clear
  chars[21] = '.Oeu'[bytes[21]! % 4]!;
  return chars.join('');
}

/**
 * A bcrypt hash made by the C library's crypt(3) through Perl. Perl is Essential on Debian and
 * bookworm's libcrypt (libxcrypt) implements `$2b$`; `openssl passwd` has no bcrypt, and Python's
 * `crypt` module is gone in 3.13, so this needs neither a new npm dependency nor apache2-utils.
 */
export function bcryptHash(password: string, cost = 5): string {
  const setting = `$2b$${String(cost).padStart(2, '0')}$${bcryptSalt()}`;
  const hash = execFileSync('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, setting], {
    encoding: 'utf8',
  });
  if (!hash.startsWith(setting.slice(0, 7)) || hash.length !== 60) {
    throw new Error(`crypt(3) did not make a bcrypt hash (got "${hash}"); libcrypt lacks bcrypt support`);
  }
  return hash;
}

/** The lines of an htpasswd file for Distribution's `auth.htpasswd`. */
export function htpasswdFile(users: Record<string, string>): string {
  return Object.entries(users)
    .map(([user, password]) => `${user}:${bcryptHash(password)}\n`)
    .join('');
}

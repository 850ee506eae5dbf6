import { describe, expect, it } from 'vitest';
import { parseOsRelease } from './os-release.js';
import {
  parseAlpineRelease,
  parseDebianVersion,
  parseLsbRelease,
  parseReleaseLine,
  parseSuseRelease,
} from './release-files.js';

describe('parseOsRelease', () => {
  it.each([
    ['ID=debian', 'ID', 'debian'],
    ['VERSION_ID="12"', 'VERSION_ID', '12'],
    ["NAME='Alpine Linux'", 'NAME', 'Alpine Linux'],
    ['PRETTY_NAME="say \\"hi\\" \\$HOME \\\\ \\`x\\`"', 'PRETTY_NAME', 'say "hi" $HOME \\ `x`'],
    // a backslash before any other character stays in double quotes
    ['X="a\\nb"', 'X', 'a\\nb'],
    // single quotes take everything literally
    ["X='a\\\"b'", 'X', 'a\\"b'],
    // adjacent quoted and unquoted parts join, as in a shell word
    ['X="ab"cd\'ef\'', 'X', 'abcdef'],
    ['X=unquoted\\ space', 'X', 'unquoted space'],
    ['X=value # trailing comment', 'X', 'value'],
    ['X="value # not a comment"', 'X', 'value # not a comment'],
    ['  ID=trimmed  ', 'ID', 'trimmed'],
    ['ID="unterminated', 'ID', 'unterminated'],
    ['ID=', 'ID', ''],
  ])('%s', (line, key, value) => {
    expect(parseOsRelease(line).get(key)).toBe(value);
  });

  it('skips comments, blank lines, CRLF endings and lines that are not assignments', () => {
    const fields = parseOsRelease(
      '# comment\r\n\r\nID=ubuntu\r\nnot an assignment\r\n1X=bad\r\nVERSION_ID="22.04"\r\n',
    );
    expect([...fields]).toEqual([
      ['ID', 'ubuntu'],
      ['VERSION_ID', '22.04'],
    ]);
  });

  it('takes the last assignment of a key', () => {
    expect(parseOsRelease('ID=a\nID=b').get('ID')).toBe('b');
  });
});

describe('release files', () => {
  it.each([
    ['alpine-release', parseAlpineRelease, '3.18.4\n', { id: 'alpine', versionId: '3.18.4' }],
    ['alpine-release (junk)', parseAlpineRelease, 'hello\n', undefined],
    ['debian_version', parseDebianVersion, '12.4\n', { id: 'debian', versionId: '12' }],
    ['debian_version (testing)', parseDebianVersion, 'trixie/sid\n', { id: 'debian', codename: 'trixie' }],
    ['debian_version (junk)', parseDebianVersion, '\n', undefined],
    [
      'lsb-release',
      parseLsbRelease,
      'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=16.04\nDISTRIB_CODENAME=xenial\nDISTRIB_DESCRIPTION="Ubuntu 16.04.7 LTS"\n',
      { id: 'ubuntu', versionId: '16.04', codename: 'xenial', prettyName: 'Ubuntu 16.04.7 LTS' },
    ],
    [
      'centos-release',
      parseReleaseLine,
      'CentOS Linux release 7.9.2009 (Core)\n',
      { id: 'centos', versionId: '7', codename: 'Core', prettyName: 'CentOS Linux release 7.9.2009 (Core)' },
    ],
    [
      'redhat-release',
      parseReleaseLine,
      'Red Hat Enterprise Linux Server release 7.9 (Maipo)\n',
      {
        id: 'rhel',
        versionId: '7.9',
        codename: 'Maipo',
        prettyName: 'Red Hat Enterprise Linux Server release 7.9 (Maipo)',
      },
    ],
    [
      'system-release (Amazon Linux 2)',
      parseReleaseLine,
      'Amazon Linux release 2 (Karoo)\n',
      { id: 'amzn', versionId: '2', codename: 'Karoo', prettyName: 'Amazon Linux release 2 (Karoo)' },
    ],
    [
      'system-release (Amazon Linux AMI)',
      parseReleaseLine,
      'Amazon Linux AMI release 2018.03\n',
      { id: 'amzn', versionId: '2018.03', prettyName: 'Amazon Linux AMI release 2018.03' },
    ],
    [
      'fedora-release',
      parseReleaseLine,
      'Fedora release 39 (Thirty Nine)\n',
      {
        id: 'fedora',
        versionId: '39',
        codename: 'Thirty Nine',
        prettyName: 'Fedora release 39 (Thirty Nine)',
      },
    ],
    ['release line (unknown product)', parseReleaseLine, 'Acme OS release 1\n', undefined],
    [
      'SuSE-release (SLES 12 SP5)',
      parseSuseRelease,
      'SUSE Linux Enterprise Server 12 (x86_64)\nVERSION = 12\nPATCHLEVEL = 5\n',
      { id: 'sles', versionId: '12.5', prettyName: 'SUSE Linux Enterprise Server 12' },
    ],
    [
      'SuSE-release (openSUSE)',
      parseSuseRelease,
      'openSUSE 13.2 (x86_64)\nVERSION = 13.2\nCODENAME = Harlequin\n',
      { id: 'opensuse', versionId: '13.2', prettyName: 'openSUSE 13.2' },
    ],
  ])('%s', (_name, parse, text, expected) => {
    expect(parse(text)).toEqual(expected);
  });
});

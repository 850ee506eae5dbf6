import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { type TreeFile, withTree } from '../../test/fixtures/ecosystems/os-tree.js';
import type { Distro } from '../sbom/types.js';
import { detectDistro, distroPatterns } from './detect.js';
import { distroQualifier } from './purl-qualifier.js';

const dpkg = { '/var/lib/dpkg/status': '' };

const debian12 = [
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
  'NAME="Debian GNU/Linux"',
  'VERSION_ID="12"',
  'VERSION="12 (bookworm)"',
  'VERSION_CODENAME=bookworm',
  'ID=debian',
  'HOME_URL="https://www.debian.org/"',
].join('\n');

const cases: [string, Record<string, TreeFile>, Distro | undefined][] = [
  [
    'Debian 12 os-release',
    { '/etc/os-release': debian12, ...dpkg },
    {
      id: 'debian',
      versionId: '12',
      codename: 'bookworm',
      name: 'Debian GNU/Linux',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
    },
  ],
  [
    'os-release as a relative symlink into /usr/lib (followed inside the tree)',
    { '/etc/os-release': { symlink: '../usr/lib/os-release' }, '/usr/lib/os-release': debian12, ...dpkg },
    {
      id: 'debian',
      versionId: '12',
      codename: 'bookworm',
      name: 'Debian GNU/Linux',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
    },
  ],
  [
    'only /usr/lib/os-release',
    { '/usr/lib/os-release': 'ID=fedora\nVERSION_ID=39\n', '/var/lib/rpm/rpmdb.sqlite': '' },
    { id: 'fedora', versionId: '39' },
  ],
  [
    'Ubuntu with ID_LIKE and UBUNTU_CODENAME only',
    {
      '/etc/os-release':
        'NAME="Ubuntu"\nVERSION="18.04.6 LTS (Bionic Beaver)"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="18.04"\nUBUNTU_CODENAME=bionic\n',
      ...dpkg,
    },
    { id: 'ubuntu', versionId: '18.04', codename: 'bionic', name: 'Ubuntu', idLike: ['debian'] },
  ],
  [
    'Debian testing: no VERSION_ID, debian_version fills the codename',
    {
      '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux trixie/sid"\nNAME="Debian GNU/Linux"\nID=debian\n',
      '/etc/debian_version': 'trixie/sid\n',
      ...dpkg,
    },
    { id: 'debian', codename: 'trixie', name: 'Debian GNU/Linux', prettyName: 'Debian GNU/Linux trixie/sid' },
  ],
  [
    'Alpine',
    {
      '/etc/os-release':
        'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.18.4\nPRETTY_NAME="Alpine Linux v3.18"\n',
      '/etc/alpine-release': '3.18.4\n',
      '/lib/apk/db/installed': '',
    },
    { id: 'alpine', versionId: '3.18.4', name: 'Alpine Linux', prettyName: 'Alpine Linux v3.18' },
  ],
  [
    'os-release without ID falls through to the release files',
    { '/etc/os-release': 'NAME=Nothing\n', '/etc/alpine-release': '3.5.2\n', '/lib/apk/db/installed': '' },
    { id: 'alpine', versionId: '3.5.2' },
  ],
  [
    'CentOS 6: centos-release wins over redhat-release',
    {
      '/etc/centos-release': 'CentOS release 6.10 (Final)\n',
      '/etc/redhat-release': { symlink: 'centos-release' },
      '/var/lib/rpm/Packages': '',
    },
    { id: 'centos', versionId: '6', codename: 'Final', prettyName: 'CentOS release 6.10 (Final)' },
  ],
  [
    'Ubuntu 14.04 without os-release: lsb-release wins over debian_version',
    {
      '/etc/lsb-release': 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=14.04\nDISTRIB_CODENAME=trusty\n',
      '/etc/debian_version': 'jessie/sid\n',
      ...dpkg,
    },
    { id: 'ubuntu', versionId: '14.04', codename: 'trusty' },
  ],
  ['Arch', { '/etc/arch-release': '', '/var/lib/pacman/local': { dir: true } }, { id: 'arch' }],
  [
    'Google distroless: os-release and dpkg status.d but no status file',
    {
      '/etc/os-release':
        'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\n',
      '/var/lib/dpkg/status.d/base-files': 'Package: base-files\n',
    },
    { id: 'debian', versionId: '12', name: 'Debian GNU/Linux', prettyName: 'Distroless', distroless: true },
  ],
  ['nothing to go by', { '/etc/hostname': 'x\n' }, undefined],
  ['a dangling os-release link', { '/etc/os-release': { symlink: '/nowhere' } }, undefined],
  ['os-release that is a directory', { '/etc/os-release': { dir: true } }, undefined],
];

describe('detectDistro', () => {
  it.each(cases)('%s', async (_name, files, expected) => {
    expect(await withTree(files, detectDistro)).toEqual(expected);
  });

  it('lists every file it reads as a content pattern', () => {
    const match = picomatch([...distroPatterns], { dot: true });
    for (const path of ['/etc/os-release', '/usr/lib/os-release', '/etc/SuSE-release', '/etc/system-release'])
      expect(match(path)).toBe(true);
  });
});

describe('distroQualifier', () => {
  it.each([
    [{ id: 'debian', versionId: '12', codename: 'bookworm' }, 'debian-12'],
    [{ id: 'alpine', versionId: '3.18.4' }, 'alpine-3.18.4'],
    [{ id: 'debian', codename: 'trixie' }, 'debian-trixie'],
    [{ id: 'arch' }, 'arch'],
    [undefined, undefined],
  ])('%j → %s', (distro, expected) => {
    expect(distroQualifier(distro)).toBe(expected);
  });
});

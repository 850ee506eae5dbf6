import { describe, expect, it } from 'vitest';
import type { Distro } from '../sbom/types.js';
import { osvEcosystem } from './osv-ecosystem.js';

describe('osvEcosystem', () => {
  it.each<[Distro, string | undefined]>([
    [{ id: 'debian', versionId: '12' }, 'Debian:12'],
    [{ id: 'debian', versionId: '11.8' }, 'Debian:11'],
    [{ id: 'debian', codename: 'trixie' }, 'Debian:13'],
    [{ id: 'debian', codename: 'sid' }, 'Debian:unstable'],
    [{ id: 'debian' }, 'Debian'],
    [{ id: 'ubuntu', versionId: '22.04' }, 'Ubuntu:22.04:LTS'],
    [{ id: 'ubuntu', versionId: '23.04' }, 'Ubuntu:23.04'],
    [{ id: 'ubuntu', versionId: '23.10' }, 'Ubuntu:23.10'],
    [{ id: 'alpine', versionId: '3.18.4' }, 'Alpine:v3.18'],
    [{ id: 'alpine', versionId: '3.19_alpha20231016' }, 'Alpine:v3.19'],
    [{ id: 'alpine' }, undefined],
    [{ id: 'almalinux', versionId: '9.3' }, 'AlmaLinux:9'],
    [{ id: 'rocky', versionId: '8.9' }, 'Rocky Linux:8'],
    [{ id: 'rhel', versionId: '9.3' }, 'Red Hat:enterprise_linux:9'],
    [{ id: 'sles', versionId: '15.5' }, 'SUSE:Linux Enterprise Server 15 SP5'],
    [{ id: 'sles', versionId: '15' }, 'SUSE:Linux Enterprise Server 15'],
    [{ id: 'opensuse-leap', versionId: '15.5' }, 'openSUSE:Leap 15.5'],
    [{ id: 'opensuse-tumbleweed', versionId: '20240801' }, 'openSUSE:Tumbleweed'],
    [{ id: 'azurelinux', versionId: '3.0' }, 'Azure Linux:3'],
    [{ id: 'mariner', versionId: '2.0' }, 'Azure Linux:2'],
    [{ id: 'photon', versionId: '5.0' }, 'Photon OS:5.0'],
    [{ id: 'mageia', versionId: '9' }, 'Mageia:9'],
    [{ id: 'wolfi', versionId: '20230201' }, 'Wolfi'],
    [{ id: 'chainguard' }, 'Chainguard'],
    [{ id: 'amzn', versionId: '2023' }, undefined],
    [{ id: 'arch' }, undefined],
    [{ id: 'fedora', versionId: '39' }, undefined],
    [{ id: 'centos', versionId: '7' }, undefined],
  ])('%j → %s', (distro, expected) => {
    expect(osvEcosystem(distro)).toBe(expected);
  });
});

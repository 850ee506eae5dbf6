import { describe, expect, it } from 'vitest';
import type { DistroStatus, DistroStatusKind } from '../../advisories/model.js';
import { evaluateStatuses } from './distro-status.js';

const status = (kind: DistroStatusKind, version?: string): DistroStatus => ({
  ecosystem: 'Debian:12',
  release: 'bookworm',
  package: 'perl',
  status: kind,
  ...(version ? { version } : {}),
});

describe('distro statuses', () => {
  it.each([
    ['fixed above the installed version', status('fixed', '5.36.0-7+deb12u4'), 'affected', 'fixed'],
    ['fixed below the installed version', status('fixed', '5.36.0-7+deb12u1'), 'not-affected', undefined],
    [
      'fixed in exactly the installed version',
      status('fixed', '5.36.0-7+deb12u3'),
      'not-affected',
      undefined,
    ],
    ['fixed without a version', status('fixed'), 'not-affected', undefined],
    ['unfixed', status('unfixed'), 'affected', 'not-fixed'],
    ['no-dsa', status('no-dsa'), 'affected', 'not-fixed'],
    ['postponed', status('postponed'), 'affected', 'not-fixed'],
    ['undetermined', status('undetermined'), 'affected', 'unknown'],
    ['ignored', status('ignored'), 'affected', 'will-not-fix'],
    ['will-not-fix', status('will-not-fix'), 'affected', 'will-not-fix'],
    ['end-of-life', status('end-of-life'), 'affected', 'will-not-fix'],
    ['not-affected', status('not-affected'), 'not-affected', undefined],
  ] as const)('%s', (_name, given, kind, fixState) => {
    const outcome = evaluateStatuses([given], '5.36.0-7+deb12u3');
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === 'affected') expect(outcome.fixState).toBe(fixState);
  });

  it('keeps the fix version and the status it came from', () => {
    const outcome = evaluateStatuses([status('fixed', '1:2.0-1')], '1:1.9-3');
    expect(outcome).toMatchObject({ kind: 'affected', fixed: '1:2.0-1', status: { status: 'fixed' } });
  });

  it('reports an unreadable version instead of calling it not affected', () => {
    expect(evaluateStatuses([status('fixed', '1.0-1')], 'not a version!')).toMatchObject({
      kind: 'not-evaluated',
    });
    expect(evaluateStatuses([status('fixed', '<weird>')], '1.0-1')).toMatchObject({ kind: 'not-evaluated' });
  });

  it('lets "affected" win over other statements of the same record', () => {
    const outcome = evaluateStatuses([status('not-affected'), status('no-dsa')], '1.0-1');
    expect(outcome).toMatchObject({ kind: 'affected', fixState: 'not-fixed' });
  });
});

import type { DistroStatus, DistroStatusKind } from '../../advisories/model.js';
import { schemeFor } from '../../versioning/index.js';
import type { FixState } from '../types.js';

/**
 * What each distro status means for an installed package of that release. The distro's word is final for
 * its own packages: it knows about backports that upstream ranges cannot see.
 *
 * | status | affected? | fix state | why |
 * |---|---|---|---|
 * | fixed (with version) | installed < version | fixed | the distro shipped the fix in that version |
 * | fixed (no version) | no | | nothing to compare: the release is fixed as a whole |
 * | unfixed | yes | not-fixed | open, a fix is expected |
 * | no-dsa | yes | not-fixed | minor issue: no advisory, but a point release may still fix it |
 * | postponed | yes | not-fixed | the fix is deferred to a later update |
 * | undetermined | yes | unknown | the distro has not decided whether the release is affected: shown, not hidden |
 * | ignored, will-not-fix | yes | will-not-fix | the distro decided not to fix it in this release |
 * | end-of-life | yes | will-not-fix | security support for the package ended: the flaw stays |
 * | not-affected | no | | the distro's build or version does not contain the flaw |
 */
const openStates: Partial<Record<DistroStatusKind, FixState>> = {
  unfixed: 'not-fixed',
  'no-dsa': 'not-fixed',
  postponed: 'not-fixed',
  undetermined: 'unknown',
  ignored: 'will-not-fix',
  'will-not-fix': 'will-not-fix',
  'end-of-life': 'will-not-fix',
};

export type StatusOutcome =
  | { kind: 'affected'; fixState: FixState; status: DistroStatus; fixed?: string }
  | { kind: 'not-affected' }
  | { kind: 'not-evaluated'; reason: string };

function evaluateOne(status: DistroStatus, version: string): StatusOutcome {
  if (status.status === 'fixed') {
    if (!status.version) return { kind: 'not-affected' };
    const scheme = schemeFor(status.ecosystem);
    if (!scheme) return { kind: 'not-evaluated', reason: `no version scheme for "${status.ecosystem}"` };
    if (!scheme.isValid(status.version)) {
      return {
        kind: 'not-evaluated',
        reason: `fixed version "${status.version}" is not a ${scheme.name} version`,
      };
    }
    if (!scheme.isValid(version)) {
      return { kind: 'not-evaluated', reason: `"${version}" is not a valid ${scheme.name} version` };
    }
    return scheme.compare(version, status.version) < 0
      ? { kind: 'affected', fixState: 'fixed', status, fixed: status.version }
      : { kind: 'not-affected' };
  }
  const fixState = openStates[status.status];
  return fixState ? { kind: 'affected', fixState, status } : { kind: 'not-affected' };
}

/**
 * The verdict of a record's statuses for one package (a record may state one per release spelling): any
 * "affected" wins, one with a fix first; unreadable versions are reported, never taken as "not affected".
 */
export function evaluateStatuses(statuses: readonly DistroStatus[], version: string): StatusOutcome {
  let best: StatusOutcome | undefined;
  for (const status of statuses) {
    const outcome = evaluateOne(status, version);
    if (outcome.kind === 'affected') {
      if (best?.kind !== 'affected' || (best.fixed === undefined && outcome.fixed !== undefined))
        best = outcome;
    } else if (outcome.kind === 'not-evaluated' && best?.kind !== 'affected') {
      best = outcome;
    } else if (!best) {
      best = outcome;
    }
  }
  return best ?? { kind: 'not-affected' };
}

import type { AffectedRange, RangeEvent } from '../model.js';

/**
 * Turns one AND-ed list of simple comparator constraints (">=1.2", "<2.0", "<=1.9.3", ">1.0", "=1.5") into
 * an OSV ECOSYSTEM range, without comparing versions. OSV has no exclusive lower bound, so ">X" becomes
 * `introduced: X` (a false positive on X itself at worst) and the original constraints are kept beside it.
 */
export function rangeFromConstraints(
  constraints: readonly string[],
): AffectedRange | { exact: string } | undefined {
  let introduced: string | undefined;
  let upper: RangeEvent | undefined;
  let exclusiveLower = false;
  for (const raw of constraints) {
    const m = /^\s*(>=|<=|>|<|==|=)?\s*v?([^\s,]+)\s*$/.exec(raw);
    if (!m) return undefined;
    const [, op = '=', version = ''] = m;
    if (op === '>=' || op === '>') {
      introduced = version;
      exclusiveLower = op === '>';
    } else if (op === '<') upper = { fixed: version };
    else if (op === '<=') upper = { last_affected: version };
    else if (constraints.length === 1) return { exact: version };
    else return undefined;
  }
  const events: RangeEvent[] = [{ introduced: introduced ?? '0' }];
  if (upper) events.push(upper);
  const range: AffectedRange = { type: 'ECOSYSTEM', events };
  if (exclusiveLower) range.database_specific = { constraints: [...constraints] };
  return range;
}

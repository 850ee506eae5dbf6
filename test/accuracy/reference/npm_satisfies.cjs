// Independent reference for npm ranges: node-semver's own `satisfies` (what `npm audit` and the semver CLI
// use), one process for all pairs. Input lines: VERSION<TAB>RANGE. Output: 1 or 0.
const semver = require('semver');
const lines = require('node:fs').readFileSync(0, 'utf8').split('\n').filter(Boolean);
process.stdout.write(
  lines
    .map((line) => {
      const [version, range] = line.split('\t');
      return semver.satisfies(version, range) ? '1' : '0';
    })
    .join('\n') + (lines.length ? '\n' : ''),
);

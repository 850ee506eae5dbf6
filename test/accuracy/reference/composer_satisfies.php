<?php
// Independent reference for FriendsOfPHP entries: Composer's own constraint check. Input lines:
// VERSION<TAB>CONSTRAINT (a branch's constraints joined by spaces, which Composer reads as AND).
// Output: 1 when the version satisfies it, 0 when not, E when Composer cannot read either side.
require '/usr/share/php/Composer/Semver/autoload.php';

use Composer\Semver\Semver;

while (($line = fgets(STDIN)) !== false) {
    [$version, $constraint] = explode("\t", rtrim($line, "\n"), 2);
    try {
        echo Semver::satisfies($version, $constraint) ? 1 : 0, "\n";
    } catch (\Throwable $e) {
        echo "E\n";
    }
}

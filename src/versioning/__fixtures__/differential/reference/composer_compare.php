<?php
// Reference for the composer scheme: Composer's VersionParser::normalize, then its Comparator (which
// compares normalised versions). "E" when Composer rejects a version or it is a named branch.
require '/usr/share/php/Composer/Semver/autoload.php';

use Composer\Semver\Comparator;
use Composer\Semver\VersionParser;

$parser = new VersionParser();
while (($line = fgets(STDIN)) !== false) {
    [$a, $b] = explode("\t", rtrim($line, "\n"), 2);
    try {
        $na = $parser->normalize($a);
        $nb = $parser->normalize($b);
    } catch (\UnexpectedValueException $e) {
        echo "E\n";
        continue;
    }
    if (str_starts_with($na, 'dev-') || str_starts_with($nb, 'dev-')) {
        echo "E\n";
        continue;
    }
    echo Comparator::lessThan($na, $nb) ? -1 : (Comparator::equalTo($na, $nb) ? 0 : 1), "\n";
}

# Reference for the pep440 scheme: packaging.version.Version; "E" when either side is not a version.
import sys

from packaging.version import InvalidVersion, Version

def parse(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None

for line in sys.stdin:
    a, b = (parse(v) for v in line.rstrip("\n").split("\t"))
    print("E" if a is None or b is None else (a > b) - (a < b))

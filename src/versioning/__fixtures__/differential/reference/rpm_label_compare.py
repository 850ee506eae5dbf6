# Reference for the rpm scheme: rpm's own EVR parser (rpm.ver) and rpm.labelCompare, one pair per line.
import sys

import rpm

def evr(text):
    v = rpm.ver(text)
    return (v.e or "0", v.v, v.r)

for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    print(rpm.labelCompare(evr(a), evr(b)))

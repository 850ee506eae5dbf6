# Reference for the alpm scheme: pacman's alpm_pkg_vercmp from libalpm (Debian's pacman has no vercmp binary).
import ctypes
import sys

alpm = ctypes.CDLL("libalpm.so.13")
alpm.alpm_pkg_vercmp.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
alpm.alpm_pkg_vercmp.restype = ctypes.c_int

for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    r = alpm.alpm_pkg_vercmp(a.encode(), b.encode())
    print((r > 0) - (r < 0))

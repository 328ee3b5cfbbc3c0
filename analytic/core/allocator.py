"""Keeping freed memory for reuse: the one process setting the experiments' speed depends on.

A training pass makes a few arrays of (N, n_l) floats per layer and frees them all when the
pass ends: for 1,000 images and 30 units, 240 kB each. glibc's malloc gives blocks that size
to the program as fresh pages (mmap, or a heap it trims back after every large free), and
every fresh page costs a page fault on first touch: a 10-layer pass over 1,000 images faults
about 2,300 times, which doubles its time (``benchmarks/bench_train.py`` measures it). Raising
the two thresholds keeps the freed blocks in the heap, where the next pass finds them.

:func:`keep_freed_memory` is called by the command line before it runs a command, and by the
benchmarks; a program that imports the library decides for itself. It changes nothing but the
allocator's thresholds, and nothing at all where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

#: mallopt's parameter numbers (malloc.h) and the values set: blocks below 32 MiB (glibc's
#: largest allowed threshold) come from the heap, and up to 128 MiB of free heap is kept
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD = 32 << 20
TRIM_THRESHOLD = 128 << 20


@functools.cache
def keep_freed_memory() -> bool:
    """Ask glibc's malloc to keep freed blocks for reuse; whether it applied (False off glibc).

    >>> isinstance(keep_freed_memory(), bool)
    True
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc: macOS, Windows, musl without mallopt
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))

"""The cache workload's peer: python diskcache's default Cache, hit latency.

usage: python3 diskcache_hits.py DIRECTORY ENTRIES BYTES GETS

Puts ENTRIES keys ("item-000000", ...) of BYTES random bytes each into a diskcache.Cache at DIRECTORY (defaults:
values under 32 KB live inside its SQLite file), then times GETS gets of random keys, one at a time, with
time.perf_counter_ns around each Cache.get. Prints one line: diskcache_hit_p50_us=<p50> diskcache_hit_p99_us=<p99>.
Exits 3 when diskcache is not installed.
"""
import os
import random
import sys
import time

try:
    import diskcache
except ImportError:
    print("diskcache is not installed (pip install diskcache)", file=sys.stderr)
    sys.exit(3)


def main():
    directory, entries, size, gets = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(42)
    contents = [os.urandom(size) for _ in range(8)]
    keys = ["item-%06d" % i for i in range(entries)]
    with diskcache.Cache(directory) as cache:
        for i, key in enumerate(keys):
            cache.set(key, contents[i % len(contents)])
        for _ in range(min(gets, 2000)):  # warm up
            cache.get(keys[rng.randrange(entries)])
        durations = []
        clock = time.perf_counter_ns
        for _ in range(gets):
            key = keys[rng.randrange(entries)]
            start = clock()
            value = cache.get(key)
            durations.append(clock() - start)
            if value is None or len(value) != size:
                raise SystemExit("diskcache: a miss on " + key)
    durations.sort()
    p50 = durations[len(durations) // 2] / 1000.0
    p99 = durations[min(len(durations) - 1, int(len(durations) * 0.99))] / 1000.0
    print("diskcache_hit_p50_us=%.1f diskcache_hit_p99_us=%.1f" % (p50, p99))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The peer PlaceKit's clustering is measured against: scikit-learn's KMeans, per authority, with PlaceKit's k rule.

Reads a CSV with the header id,easting,northing,authority (numpy), clusters each authority's homes with
k = max(1, round(n / target)) (half away from zero), capped at the authority's distinct locations, using
KMeans(init='k-means++', n_init=1, algorithm=ALG, random_state=SEED, tol=1e-4, max_iter=300), and prints
key=value lines: homes, authorities, clusters, total inertia (m^2), read seconds, clustering seconds and whole-script
seconds (from interpreter start, imports included).

Install the peer with benchmarks/peers/install.sh (Debian's python3-sklearn); run with /usr/bin/python3.
"""
import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402


def k_rule(n: int, target: int, distinct: int) -> int:
    k = max(1, int(math.floor(n / target + 0.5)))  # n / target >= 0: half away from zero
    return max(1, min(k, distinct))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("csv")
    p.add_argument("--target", type=int, default=450)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--algorithm", choices=["lloyd", "elkan"], default="lloyd")
    a = p.parse_args()
    # k = 1 authorities make elkan fall back to lloyd with a warning; the result is the same.
    warnings.filterwarnings("ignore", category=RuntimeWarning)

    t_read = time.perf_counter()
    cols = np.loadtxt(a.csv, delimiter=",", skiprows=1, usecols=(1, 2, 3), dtype=str, comments=None, ndmin=2)
    xy = cols[:, :2].astype(np.float64)
    codes, authority = np.unique(cols[:, 2], return_inverse=True)
    del cols
    read_seconds = time.perf_counter() - t_read

    t_cluster = time.perf_counter()
    order = np.argsort(authority, kind="stable")
    bounds = np.searchsorted(authority[order], np.arange(len(codes) + 1))
    inertia = 0.0
    clusters = 0
    iterations = 0
    for i in range(len(codes)):
        pts = xy[order[bounds[i]:bounds[i + 1]]]
        n = len(pts)
        distinct = len(np.unique(pts, axis=0))
        k = k_rule(n, a.target, distinct)
        km = KMeans(n_clusters=k, init="k-means++", n_init=1, algorithm=a.algorithm, random_state=a.seed,
                    tol=1e-4, max_iter=300).fit(pts)
        inertia += float(km.inertia_)
        clusters += k
        iterations += int(km.n_iter_)
    cluster_seconds = time.perf_counter() - t_cluster

    print(f"peer=scikit-learn {sklearn.__version__} KMeans(algorithm='{a.algorithm}', init='k-means++', n_init=1)")
    print(f"threads={os.environ.get('OMP_NUM_THREADS', os.cpu_count())}")
    print(f"homes={len(xy)}")
    print(f"authorities={len(codes)}")
    print(f"clusters={clusters}")
    print(f"iterations={iterations}")
    print(f"inertia={inertia!r}")
    print(f"read_seconds={read_seconds:.4f}")
    print(f"cluster_seconds={cluster_seconds:.4f}")
    print(f"script_seconds={time.perf_counter() - T0:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

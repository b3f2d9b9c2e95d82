#!/usr/bin/env python3
"""Times the peers on the graphs our benchmarks use, and prints ours/peer ratios.

    python3 bench/peers.py DIR [--criterion target/criterion]

DIR holds the files written by `cargo run --release --example export_bench_graphs
-- DIR`: edges_N.csv (source,target,weight,sign) and nodes_N.csv (id,s,lambda,
power,z,pagerank,betweenness; our own results). For each size it times

- the Friedkin-Johnsen equilibrium (I - (I - L) W) z = L s with scipy's BiCGSTAB
  at the same tolerance (relative residual 1e-10),
- weighted PageRank with igraph (damping 0.85) on the listening graph (each
  influence edge reversed, weight |w|), as ours runs,
- directed betweenness with igraph at 1,000 people (parallel edges merged,
  normalised by (n-1)(n-2) like networkx),

checks the peers agree with our numbers, and, given criterion's output folder,
prints the ratio of our median time to the peer's median time (< 1: we are faster).
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time


def ensure_packages():
    try:
        import igraph, networkx, numpy, scipy  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet",
                               "networkx", "igraph", "scipy", "numpy"])


ensure_packages()
import igraph  # noqa: E402
import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from scipy.sparse.linalg import bicgstab  # noqa: E402

SIZES = [1_000, 10_000, 100_000]
TOLERANCE = 1e-10


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {k: [r[k] for r in rows] for k in rows[0]} if rows else {}


def median_time(fn, repeats):
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def equilibrium(n, edges, nodes, repeats):
    src = np.array(edges["source"], dtype=np.int64)
    dst = np.array(edges["target"], dtype=np.int64)
    w = np.array(edges["weight"], dtype=float)
    sign = np.array(edges["sign"], dtype=float)
    s = np.array(nodes["s"], dtype=float)
    lam = np.array(nodes["lambda"], dtype=float)
    incoming = np.bincount(dst, weights=w, minlength=n)
    W = sp.csr_matrix((sign * w / incoming[dst], (dst, src)), shape=(n, n))
    A = (sp.identity(n, format="csr") - sp.diags(1.0 - lam) @ W).tocsr()
    b = lam * s
    keyword = "rtol" if tuple(map(int, scipy.__version__.split(".")[:2])) >= (1, 12) else "tol"

    def solve():
        z, info = bicgstab(A, b, atol=0.0, **{keyword: TOLERANCE})
        assert info == 0, f"BiCGSTAB did not converge (info {info})"
        return z

    seconds, z = median_time(solve, repeats)
    agree = float(np.max(np.abs(z - np.array(nodes["z"], dtype=float))))
    return seconds, agree


def pagerank(n, edges, nodes, repeats):
    pairs = list(zip(map(int, edges["target"]), map(int, edges["source"])))
    weights = [float(x) for x in edges["weight"]]
    g = igraph.Graph(n=n, edges=pairs, directed=True)
    seconds, pr = median_time(lambda: g.pagerank(weights=weights, damping=0.85), repeats)
    agree = max(abs(a - float(b)) for a, b in zip(pr, nodes["pagerank"]))
    return seconds, agree


def betweenness(n, edges, nodes, repeats):
    g = igraph.Graph(n=n, edges=list(zip(map(int, edges["source"]), map(int, edges["target"]))),
                     directed=True)
    g.simplify()
    seconds, bc = median_time(lambda: g.betweenness(directed=True), repeats)
    scale = 1.0 / ((n - 1) * (n - 2))
    agree = max(abs(a * scale - float(b)) for a, b in zip(bc, nodes["betweenness"]))
    return seconds, agree


def ours(criterion, group, n):
    """Our median time in seconds from criterion's estimates, or None."""
    path = os.path.join(criterion, group, str(n), "new", "estimates.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"] / 1e9


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="folder of edges_N.csv and nodes_N.csv")
    parser.add_argument("--criterion", help="criterion's output folder, e.g. target/criterion")
    args = parser.parse_args()

    rows = []
    for n in SIZES:
        edges = read_csv(os.path.join(args.dir, f"edges_{n}.csv"))
        nodes = read_csv(os.path.join(args.dir, f"nodes_{n}.csv"))
        repeats = 3 if n >= 100_000 else 7
        t, agree = equilibrium(n, edges, nodes, repeats)
        rows.append(("equilibrium", n, "scipy BiCGSTAB", t, agree))
        t, agree = pagerank(n, edges, nodes, repeats)
        rows.append(("pagerank", n, "igraph pagerank", t, agree))
        if n <= 2_000:
            t, agree = betweenness(n, edges, nodes, 3)
            rows.append(("betweenness", n, "igraph betweenness", t, agree))

    print(f"\n{'benchmark':<12} {'people':>7}  {'peer':<19} {'peer ms':>9} "
          f"{'ours ms':>9} {'ours/peer':>9}  {'max |diff|':>10}")
    for group, n, peer, t, agree in rows:
        mine = ours(args.criterion, group, n) if args.criterion else None
        mine_ms = f"{mine * 1e3:9.2f}" if mine is not None else f"{'-':>9}"
        ratio = f"{mine / t:9.2f}" if mine is not None else f"{'-':>9}"
        print(f"{group:<12} {n:>7}  {peer:<19} {t * 1e3:9.2f} {mine_ms} {ratio}  {agree:10.1e}")

    if args.criterion:
        print(f"\n{'plan, 10 steps with reasons':<28} {'ours ms':>9} {'target ms':>9}")
        for n, target in zip(SIZES, [10, 50, 500]):
            mine = ours(args.criterion, "plan_k10", n)
            if mine is not None:
                print(f"{n:>28} {mine * 1e3:9.2f} {target:>9}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The fair benchmark: ours against the peers, interleaved in one run.

    python3 bench/peers.py DIR [--sizes 1000,10000,100000] [--rounds N]
                           [--server target/release/examples/export_bench_graphs]
                           [--kernels equilibrium,pagerank,betweenness,plan,import]

DIR holds edges_N.csv, nodes_N.csv, people_N.csv and relations_N.csv written by
`export_bench_graphs DIR`. Our side is the same example started as a server
(`--serve DIR`): it builds the same map and times one kernel call when asked. The
driver runs two passes, each in a fresh worker process so the thread limits hold
from the first import:

- one thread: OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, MKL_NUM_THREADS = 1 and
  threadpoolctl's limit of 1 for the peers, COALITION_THREADS=1 for ours;
- all cores: no limits on either side.

In each pass, for each size and kernel, A/B rounds alternate which side goes first
(ours, peer, peer, ours, ...); every call's wall time and CPU time (the whole
process, every thread: time.process_time for the peer, CLOCK_PROCESS_CPUTIME_ID in
our server) are recorded, and the table gives ours/peer of the medians (< 1: we
are faster). Kernels and peers:

- equilibrium: (I - (I - L) W) z = L s, scipy's BiCGSTAB at relative residual 1e-10;
- pagerank: weighted PageRank, igraph (PRPACK), damping 0.85, on the listening graph;
- betweenness: directed, igraph exact, normalised by (n - 1)(n - 2); ours is exact
  up to 2,000 people and sampled with a stated bound above (its largest error
  against igraph's exact values is printed). Skipped above 10,000 people, where
  igraph's exact betweenness takes minutes.
- plan: the whole plan of 10 steps for the map's first advocate, from the map in
  memory: ours is `plan_for` as `coalition plan --steps 10` runs it; the peer is
  bench/plan_peer.py (the same model and choices in scipy; its docstring says what
  ours does besides).
- import: people_N.csv and relations_N.csv into a new map file: ours is our CSV
  importer into a new map (as `coalition import`); the peer is bench/import_peer.py
  (pandas read_csv and to_sql into SQLite, one transaction).

Before timing, each result is checked against ours; any disagreement (z or PageRank
beyond 1e-8, betweenness beyond its bound, a plan's steps, their order or whom to
avoid, an import's row counts) stops the run with an error.
"""

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time

ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "COALITION_THREADS": "1",
}
PEER_PACKAGES = ["numpy", "scipy", "igraph", "threadpoolctl", "pandas"]
AGREE = 1e-8
BETWEENNESS_UP_TO = 10_000
STEPS = 10


def ensure_packages():
    try:
        import igraph, numpy, pandas, scipy, threadpoolctl  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", *PEER_PACKAGES])


class Ours:
    """Our kernels, timed inside the server process."""

    def __init__(self, server, directory):
        self.proc = subprocess.Popen([server, "--serve", directory], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline().strip()
        if not reply:
            raise SystemExit(f"our server gave no answer to {line!r}")
        return reply

    def run(self, kernel, n, reps):
        wall, cpu = self.ask(f"run {kernel} {n} {reps}").split()
        return float(wall), float(cpu)

    def result(self, kernel, n, path):
        import numpy as np
        reply = self.ask(f"dump {kernel} {n} {path}")
        return np.fromfile(path, dtype="<f8"), reply

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


class Kernel:
    """One peer kernel: its name, the call timed, and how its result is checked
    against ours; `after` runs after each timed sample, untimed."""

    def __init__(self, name, run, check, after=lambda: None):
        self.name, self.run, self.check, self.after = name, run, check, after


def close_to(bound=AGREE):
    """The check of a vector result: the largest difference, within bound."""
    def check(mine, reply, theirs):
        import numpy as np
        diff = float(np.max(np.abs(mine - theirs)))
        return diff, diff <= bound
    return check


def peers(n, directory, wanted):
    """The peer kernels of size n among `wanted`, each a Kernel."""
    import numpy as np
    kernels = {}
    if {"equilibrium", "pagerank", "betweenness"} & set(wanted):
        kernels.update(graph_peers(n, directory))
    people = os.path.join(directory, f"people_{n}.csv")
    relations = os.path.join(directory, f"relations_{n}.csv")
    if "plan" in wanted:
        import plan_peer
        m = plan_peer.Map(people, relations)

        def check_plan(mine, reply, theirs):
            """Ours as numbers (see export_bench_graphs): the same people in the same
            order, and whom to avoid; the gains' largest difference."""
            steps = int(mine[2])
            ours = mine[3:3 + 3 * steps].reshape(steps, 3)
            rest = mine[3 + 3 * steps:]
            avoid = rest[1:].reshape(int(rest[0]), 2)
            row = m.row
            same = ([row[s["person"]] for s in theirs["steps"]] == list(ours[:, 0])
                    and [(row[a["person"]], row[a["hardens"]]) for a in theirs["avoid"]]
                    == [tuple(a) for a in avoid]
                    and np.allclose([s["reach"] for s in theirs["steps"]], ours[:, 2],
                                    rtol=0, atol=1e-12))
            diff = max(abs(mine[0] - theirs["support_before"]),
                       abs(mine[1] - theirs["support_after"]),
                       *(abs(s["gain"] - g) for s, g in zip(theirs["steps"], ours[:, 1])))
            return float(diff), same and diff <= AGREE
        kernels["plan"] = Kernel("scipy plan_peer", lambda: plan_peer.plan(m, STEPS), check_plan)
    if "import" in wanted:
        import import_peer
        scratch = os.path.join(directory, "peer-imports")
        os.makedirs(scratch, exist_ok=True)
        made = itertools.count(1)

        def import_anew():
            """One import into a new file (each call its own: the file must be new)."""
            return import_peer.import_map(people, relations,
                                          os.path.join(scratch, f"{next(made)}.sqlite"))

        def remove_the_files():
            for name in os.listdir(scratch):
                os.remove(os.path.join(scratch, name))

        def rows_in(path):
            with open(path, encoding="utf-8") as f:
                return sum(1 for _ in f) - 1  # the generated maps' cells hold no line breaks

        def check_import(mine, reply, theirs):
            """The same people and relations in both new files, and every row read."""
            rows = (rows_in(people), rows_in(relations))
            return 0.0, tuple(mine.astype(int)) == theirs == rows
        kernels["import"] = Kernel("pandas to_sql", import_anew, check_import,
                                   after=remove_the_files)
    return {k: v for k, v in kernels.items() if k in wanted}


def graph_peers(n, directory):
    """The graph kernels' peers of size n: scipy's BiCGSTAB and igraph."""
    import igraph
    import numpy as np
    import scipy
    import scipy.sparse as sp
    from scipy.sparse.linalg import bicgstab

    edges = np.loadtxt(os.path.join(directory, f"edges_{n}.csv"), delimiter=",", skiprows=1,
                       ndmin=2)
    nodes = np.loadtxt(os.path.join(directory, f"nodes_{n}.csv"), delimiter=",", skiprows=1,
                       ndmin=2)
    src, dst = edges[:, 0].astype(np.int64), edges[:, 1].astype(np.int64)
    w, sign = edges[:, 2], edges[:, 3]
    s, lam = nodes[:, 1], nodes[:, 2]
    incoming = np.bincount(dst, weights=w, minlength=n)
    W = sp.csr_matrix((sign * w / incoming[dst], (dst, src)), shape=(n, n))
    A = (sp.identity(n, format="csr") - sp.diags(1.0 - lam) @ W).tocsr()
    b = lam * s
    keyword = "rtol" if tuple(map(int, scipy.__version__.split(".")[:2])) >= (1, 12) else "tol"

    def equilibrium():
        z, info = bicgstab(A, b, atol=0.0, **{keyword: 1e-10})
        if info != 0:
            raise SystemExit(f"BiCGSTAB did not converge at {n} (info {info})")
        return z

    listening = igraph.Graph(n=n, edges=np.column_stack([dst, src]).tolist(), directed=True)
    weights = w.tolist()

    def pagerank():
        return np.array(listening.pagerank(weights=weights, damping=0.85))

    influence = igraph.Graph(n=n, edges=np.column_stack([src, dst]).tolist(), directed=True)
    influence.simplify()
    scale = 1.0 / ((n - 1) * (n - 2))

    def betweenness():
        return np.array(influence.betweenness(directed=True)) * scale

    def within_the_sample_bound(mine, reply, theirs):
        bound = float(reply.split()[1]) if reply.startswith("sampled") else AGREE
        return close_to(bound)(mine, reply, theirs)

    kernels = {"equilibrium": Kernel("scipy BiCGSTAB", equilibrium, close_to()),
               "pagerank": Kernel("igraph PageRank", pagerank, close_to())}
    if n <= BETWEENNESS_UP_TO:
        kernels["betweenness"] = Kernel("igraph exact", betweenness, within_the_sample_bound)
    return kernels


def reps_for(seconds):
    """Calls per timed sample so one sample takes at least ~20 ms."""
    return max(1, min(200, int(0.02 / max(seconds, 1e-6))))


def worker(args):
    """One pass (one thread or all cores): times every kernel, prints JSON rows."""
    import threadpoolctl
    limits = threadpoolctl.threadpool_limits(1) if args.worker == "one" else None
    ours = Ours(args.server, args.dir)
    rows = []
    for n in args.sizes:
        ours.ask(f"load {n}")
        for kernel, peer in peers(n, args.dir, args.kernels).items():
            path = os.path.join(args.dir, f"ours_{kernel}_{n}.f64")
            mine, reply = ours.result(kernel, n, path)
            diff, agree = peer.check(mine, reply, peer.run())
            peer.after()
            if not agree:
                raise SystemExit(f"{kernel} at {n}: ours and {peer.name} differ "
                                 f"(largest difference {diff:.3g}; ours: {reply})")
            # Calibrate the calls per sample on one warm call of each side.
            start = time.perf_counter()
            peer.run()
            peer_reps = reps_for(time.perf_counter() - start)
            peer.after()
            our_reps = reps_for(ours.run(kernel, n, 1)[0])
            rounds = args.rounds if n < 100_000 else max(3, args.rounds // 2)
            times = {"ours": [], "peer": []}
            for r in range(rounds):
                for side in (["ours", "peer"] if r % 2 == 0 else ["peer", "ours"]):
                    if side == "ours":
                        times["ours"].append(ours.run(kernel, n, our_reps))
                    else:
                        wall, cpu = time.perf_counter(), time.process_time()
                        for _ in range(peer_reps):
                            peer.run()
                        times["peer"].append(((time.perf_counter() - wall) / peer_reps,
                                              (time.process_time() - cpu) / peer_reps))
                        peer.after()
            median = {side: [statistics.median(t[i] for t in ts) for i in (0, 1)]
                      for side, ts in times.items()}
            rows.append({"kernel": kernel, "n": n, "peer": peer.name, "ours": median["ours"],
                         "theirs": median["peer"], "diff": diff, "note": reply})
            print(f"  [{args.worker}] {kernel} {n}: ours {median['ours'][0] * 1e3:.2f} ms, "
                  f"{peer.name} {median['peer'][0] * 1e3:.2f} ms", file=sys.stderr, flush=True)
    ours.close()
    if limits is not None:
        limits.unregister()
    print(json.dumps(rows))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="folder of edges_N.csv and nodes_N.csv")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=7, help="A/B rounds per kernel and size")
    parser.add_argument("--server", default="target/release/examples/export_bench_graphs")
    parser.add_argument("--kernels", default="equilibrium,pagerank,betweenness,plan,import",
                        help="the kernels to time, comma-separated")
    parser.add_argument("--worker", choices=["one", "all"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.sizes = [int(x) for x in args.sizes.split(",")]
    args.kernels = args.kernels.split(",")
    if args.worker:
        worker(args)
        return

    ensure_packages()
    passes = {}
    for mode in ["one", "all"]:
        env = dict(os.environ)
        for key in ONE_THREAD:
            env.pop(key, None)
        if mode == "one":
            env.update(ONE_THREAD)
        command = [sys.executable, __file__, args.dir, "--sizes", ",".join(map(str, args.sizes)),
                   "--rounds", str(args.rounds), "--server", args.server,
                   "--kernels", ",".join(args.kernels), "--worker", mode]
        out = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
        passes[mode] = json.loads(out.stdout.strip().splitlines()[-1])

    print(f"\nFair benchmark on {os.cpu_count()} cores, interleaved A/B rounds: ours/peer of the "
          "median wall and CPU time (< 1: we are faster)\n")
    head = (f"{'kernel':<12} {'people':>7}  {'peer':<16} "
            f"{'1 thread: ours ms':>17} {'peer ms':>8} {'wall':>5} {'cpu':>5}   "
            f"{'all cores: ours ms':>18} {'peer ms':>8} {'wall':>5} {'cpu':>5}  max |ours-peer|")
    print(head)
    for one, every in zip(passes["one"], passes["all"]):
        cells = []
        for row in (one, every):
            (ow, oc), (pw, pc) = row["ours"], row["theirs"]
            cells.append(f"{ow * 1e3:>17.2f} {pw * 1e3:>8.2f} {ow / pw:>5.2f} "
                         f"{oc / pc if pc > 0 else float('nan'):>5.2f}")
        note = "" if one["note"] in ("ok", "exact") else f" (ours {one['note']})"
        print(f"{one['kernel']:<12} {one['n']:>7}  {one['peer']:<16} {cells[0]}   "
              f" {cells[1]}  {one['diff']:.1e}{note}")


if __name__ == "__main__":
    main()

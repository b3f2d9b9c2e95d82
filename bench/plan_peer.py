#!/usr/bin/env python3
"""The planner's peer: the same plan as Coalition's, from the same map, in scipy.

    python3 bench/plan_peer.py people.csv relations.csv [--steps 10]

prints the plan for the first advocate in people.csv: each step's person, gain,
reach and introducers, and whom to avoid. It follows docs/model.md (model v2) and
src/analysis/plan.rs step for step:

1. Influence edges from the relations (influences: from sways to; reports_to and
   trusts: to sways from; allied: both ways; conflict: both ways, negative), each
   of weight w = strength / 5. Peer weight 1 - lambda = 0.8 S / (S + 1) for the
   influence S reaching a person; advocates hold their stance (lambda = 1).
2. The Friedkin-Johnsen equilibrium A z = lambda s with A = I - (I - Lambda) W, and
   every candidate's gain from one transposed solve, A^T g = pi:
   gain_i = theta o_i (1 - s_i) lambda_i g_i. Solves: scipy's BiCGSTAB at relative
   residual 1e-10, as in the equilibrium row of the benchmark, each from x = b.
3. Reach: the warmest introduction path of at most 3 introducers over the positive
   ties (either direction, the strongest per pair), rho = 0.5 per introducer,
   introducers predicted Neutral or better, someone the advocate knows reached by
   that tie; warmth = rho^introducers * product of w, reach = max(warmth, 0.1).
   Found layer by layer (a Bellman-Ford bounded to 4 ties) over scipy's sparse rows.
4. The steps: the top k by expected gain reach * gain (ties by name), and the k
   most harmful to avoid; one forward solve per step and per person to avoid gives
   their column of dz. The steps are ordered by access: before each step the
   paths are found again on the opinions the steps so far bring; an introducer
   who is also a target goes first, as urgent as the largest expected gain they
   open; otherwise by expected gain, ties by name.
5. For each step, the numbers its reason is written from: the band changes, the
   people who carry a visible share of its gain, the helper when no path is warm;
   for each person to avoid, whom it hardens most; the measures before and after.

Not done here (Coalition does both): the sentences of the reasons, and the plan's
range under re-sampled ratings.
"""

import argparse

import numpy as np
import scipy
import scipy.sparse as sp
from scipy.sparse.linalg import bicgstab

PEER_PULL = 0.8  # the most of anyone's view that can come from others
THETA = 0.5  # how far one conversation moves an open person toward support
RHO = 0.5  # the chance that an introducer passes you on
MAX_INTRODUCERS = 3
COLD_REACH = 0.1  # the chance of a cold approach
RESISTANT, SUPPORTIVE = -0.25, 0.25
GAIN_FLOOR = 1e-9  # gains smaller than this count as zero
VISIBLE_SHARE = 0.005  # a share of a step's gain counts in its reason from this size
STANCES = {"Active resistance": -2, "Resistant": -1, "Neutral": 0, "Supportive": 1,
           "Champion": 2}
KINDS = {"influences": 0, "reports_to": 1, "trusts": 2, "allied": 3, "conflict": 4}
RTOL = "rtol" if tuple(map(int, scipy.__version__.split(".")[:2])) >= (1, 12) else "tol"


class Map:
    """A map as read from people.csv and relations.csv: people in name order."""

    def __init__(self, people_csv, relations_csv):
        import pandas as pd
        people = pd.read_csv(people_csv, keep_default_na=False, dtype=str)
        relations = pd.read_csv(relations_csv, keep_default_na=False, dtype=str)
        key = people["name"].str.strip().str.lower().to_numpy()
        order = np.argsort(key, kind="stable")
        position = pd.Series(np.empty(len(key), dtype=np.int64), index=key)
        position.iloc[order] = np.arange(len(key))
        # The plan is for the first advocate in the file, as the benchmarks' is.
        marked = (people["advocate"].str.lower() == "yes").to_numpy()
        self.for_advocate = int(position.iloc[np.flatnonzero(marked)[0]])
        people = people.iloc[order].reset_index(drop=True)
        self.names = people["name"].to_numpy()
        self.row = order  # each person's row in people.csv
        self.advocate = marked[order]
        self.s = people["stance"].map(STANCES).to_numpy(float) / 2
        self.target = people["target"].map(STANCES).to_numpy(float) / 2
        self.openness = (people["openness"].astype(int).to_numpy() - 1) / 4
        self.power = people["power"].astype(int).to_numpy(float)
        self.src = position[relations["from"].str.strip().str.lower()].to_numpy()
        self.dst = position[relations["to"].str.strip().str.lower()].to_numpy()
        self.kind = relations["kind"].map(KINDS).to_numpy()
        self.w = relations["strength"].astype(int).to_numpy() / 5

    def __len__(self):
        return len(self.names)


def band(z):
    """The predicted band of each z: -2 (Active resistance) .. 2 (Champion)."""
    return np.searchsorted([-0.75, RESISTANT, SUPPORTIVE, 0.75], z, side="right") - 2


def solve(A, b):
    """x with A x = b, by BiCGSTAB to a relative residual of 1e-10, from x = b (as
    Coalition's solves start; from zero, BiCGSTAB breaks down on a b of one entry)."""
    x, info = bicgstab(A, b, x0=b.copy(), atol=0.0, **{RTOL: 1e-10})
    if info != 0:
        raise SystemExit(f"BiCGSTAB did not converge (info {info})")
    return x


class Model:
    """The influence model (v2) of a map: the matrix A, lambda, pi, the positive ties."""

    def __init__(self, m):
        n = len(m)
        kind, w = m.kind, m.w
        forward = (kind == 0) | (kind >= 3)  # from sways to
        backward = (kind == 1) | (kind == 2) | (kind >= 3)  # to sways from
        self.src = np.concatenate([m.src[forward], m.dst[backward]])
        self.dst = np.concatenate([m.dst[forward], m.src[backward]])
        self.w = np.concatenate([w[forward], w[backward]])
        self.sign = np.where(np.concatenate([kind[forward], kind[backward]]) == 4, -1.0, 1.0)
        reaching = np.bincount(self.dst, weights=self.w, minlength=n)
        self.lam = np.where(m.advocate, 1.0, 1.0 - PEER_PULL * reaching / (reaching + 1.0))
        peer = 1.0 - self.lam[self.dst]
        pull = peer * self.sign * self.w / np.where(reaching > 0, reaching, 1.0)[self.dst]
        M = sp.csr_matrix((pull, (self.dst, self.src)), shape=(n, n))
        self.A = (sp.identity(n, format="csr") - M).tocsr()
        self.At = self.A.T.tocsr()
        self.pi = m.power / m.power.sum()
        # The positive ties both ways, the strongest per pair, as sparse rows.
        positive = (self.sign > 0) & (self.src != self.dst)
        u = np.concatenate([self.src[positive], self.dst[positive]])
        v = np.concatenate([self.dst[positive], self.src[positive]])
        tw = np.concatenate([self.w[positive], self.w[positive]])
        first = np.lexsort((-tw, v, u))
        u, v, tw = u[first], v[first], tw[first]
        strongest = np.ones(len(u), dtype=bool)
        strongest[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
        self.ties = sp.csr_matrix((tw[strongest], (u[strongest], v[strongest])), shape=(n, n))
        self.ties.sort_indices()


class Paths:
    """The warmest introduction paths from `source` when the predicted opinions are z."""

    def __init__(self, ties, source, z):
        n = ties.shape[0]
        indptr, neighbours, weight = ties.indptr, ties.indices, ties.data
        self.source = source
        direct = np.zeros(n, dtype=bool)
        direct[neighbours[indptr[source]:indptr[source + 1]]] = True
        cost = np.full(n, np.inf)
        cost[source] = 0.0
        self.cost, self.previous = [cost], [np.full(n, -1)]
        frontier = np.array([source])
        for _ in range(MAX_INTRODUCERS + 1):
            last, before = self.cost[-1], self.previous[-1]
            # Introducers are predicted Neutral or better; the advocate always passes.
            u = frontier[(frontier == source) | (z[frontier] >= RESISTANT)]
            counts = indptr[u + 1] - indptr[u]
            edge = np.repeat(indptr[u] - np.cumsum(counts) + counts, counts) + np.arange(
                counts.sum())
            u = np.repeat(u, counts)
            v = neighbours[edge]
            through = last[u] + np.where(u == source, 0.0, -np.log(RHO))
            c = through - np.log(weight[edge])
            # Someone the advocate knows is reached directly, never introduced.
            keep = (v != source) & ((u == source) | ~direct[v])
            u, v, c = u[keep], v[keep], c[keep]
            # For each person the cheapest way, ties to the earlier introducer (by
            # name) as Coalition's sweep keeps the first within 1e-12.
            best = np.full(n, np.inf)
            np.minimum.at(best, v, c)
            first = np.lexsort((u, v))
            u, v, c = u[first], v[first], c[first]
            near = c < best[v] + 1e-12
            u, v, c = u[near], v[near], c[near]
            lead = np.ones(len(v), dtype=bool)
            lead[1:] = v[1:] != v[:-1]
            u, v, c = u[lead], v[lead], c[lead]
            better = c < last[v] - 1e-12
            u, v, c = u[better], v[better], c[better]
            cost, previous = last.copy(), before.copy()
            cost[v], previous[v] = c, u
            self.cost.append(cost)
            self.previous.append(previous)
            frontier = v

    def introducers(self, target):
        """The people between the advocate and target, nearest the advocate first:
        [] for a direct tie, None without a warm path."""
        layer = len(self.cost) - 1
        if target == self.source or np.isinf(self.cost[layer][target]):
            return None
        chain = []
        at = self.previous[layer][target]
        while at != self.source and layer > 1:
            chain.append(int(at))
            layer -= 1
            at = self.previous[layer][at]
        return chain[::-1]

    def warmth(self, target):
        c = self.cost[-1][target]
        return None if target == self.source or np.isinf(c) else float(np.exp(-c))

    def reach(self, people=None):
        """r: the warmth, never below a cold approach's."""
        warmth = np.exp(-self.cost[-1] if people is None else -self.cost[-1][people])
        return np.maximum(warmth, COLD_REACH)

    def nearest_helper(self, ties, target, z):
        """With no warm path: the person with a positive tie to target whom the
        advocate reaches warmest, else who is not resisting, else the strongest tie."""
        row = slice(ties.indptr[target], ties.indptr[target + 1])
        options = [(float(np.exp(-self.cost[-1][j])), z[j] >= RESISTANT, w, -j)
                   for j, w in zip(ties.indices[row], ties.data[row]) if j != self.source]
        return -max(options)[3] if options else None


def top(values, people, k):
    """The k of people with the largest values, largest first, ties by name (index)."""
    if len(people) > k:
        bar = np.partition(values[people], len(people) - k)[len(people) - k]
        people = people[values[people] >= bar]
    return people[np.lexsort((people, -values[people]))][:k]


def measures(model, m, z):
    """Support score, supporters' power and power at target."""
    return (float(model.pi @ z), float(model.pi[z >= SUPPORTIVE].sum()),
            float(model.pi[band(z) / 2 >= m.target].sum()))


def plan(m, k=10, theta=THETA):
    """The plan for m.for_advocate: steps (person, gain, reach, introducers, the
    numbers of its reason) and people to avoid, as Coalition's planner makes it."""
    model = Model(m)
    source = m.for_advocate
    z = solve(model.A, model.lam * m.s)
    g = solve(model.At, model.pi)
    shift = theta * m.openness * (1.0 - m.s)
    gains = shift * model.lam * g
    paths = Paths(model.ties, source, z)
    expected = paths.reach() * gains
    people = np.arange(len(m))
    chosen = top(expected, people[~m.advocate & (gains > GAIN_FLOOR)], k)
    harmful = top(-gains, people[~m.advocate & (gains < -GAIN_FLOOR)], k)

    def ripple(i):
        b = np.zeros(len(m))
        b[i] = shift[i] * model.lam[i]
        return solve(model.A, b)

    columns = {i: ripple(i) for i in [*chosen, *harmful]}

    # Order by access, the paths found again before each step.
    steps, left, z_now = [], [int(i) for i in chosen], z.copy()
    while left:
        if steps:
            paths = Paths(model.ties, source, z_now)
        chains = [paths.introducers(t) for t in left]
        needs = [[p for p in (c or []) if p in left] for c in chains]
        wanted = [float(paths.reach(t) * gains[t]) for t in left]
        urgency = [max([wanted[a]] + [wanted[b] for b in range(len(left)) if left[a] in needs[b]])
                   for a in range(len(left))]
        free = [a for a in range(len(left)) if not needs[a]] or list(range(len(left)))
        a = max(free, key=lambda a: (urgency[a], wanted[a], -left[a]))
        person, chain = left.pop(a), chains[a]
        dz = columns[person]
        gain = float(model.pi @ dz)
        moved = ~m.advocate & (band(z_now) != band(z_now + dz))
        share = model.pi * dz / gain
        visible = ~m.advocate & (np.abs(share) >= VISIBLE_SHARE)
        visible[person] = False
        steps.append({
            "person": person, "gain": gain, "reach": float(paths.reach(person)),
            "introducers": chain, "warmth": paths.warmth(person),
            "helper": paths.nearest_helper(model.ties, person, z_now) if chain is None else None,
            "band_changes": int(moved.sum()),
            "flows": sorted(zip(-share[visible], people[visible]))})
        z_now = z_now + dz

    avoid = []
    for i in harmful:
        others = columns[i].copy()
        others[i] = np.inf
        avoid.append({"person": int(i), "gain": float(gains[i]),
                      "hardens": int(np.argmin(others))})
    before = measures(model, m, z)
    return {"support_before": before[0],
            "support_after": before[0] + float(gains[chosen].sum()),
            "measures_before": before, "measures_after": measures(model, m, z_now),
            "steps": steps, "avoid": avoid}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people")
    parser.add_argument("relations")
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    m = Map(args.people, args.relations)
    result = plan(m, args.steps)
    print(f"Plan for {m.names[m.for_advocate]}: support {result['support_before']:+.4f} "
          f"-> {result['support_after']:+.4f}")
    for n, step in enumerate(result["steps"], 1):
        via = step["introducers"]
        way = ("no warm path" if via is None else "direct" if not via
               else "through " + ", ".join(m.names[j] for j in via))
        print(f"{n:>3}. {m.names[step['person']]}: gain {step['gain']:+.5f}, "
              f"reach {step['reach']:.3f} ({way}), {step['band_changes']} change band")
    for a in result["avoid"]:
        print(f"avoid {m.names[a['person']]}: gain {a['gain']:+.5f}, "
              f"hardens {m.names[a['hardens']]}")


if __name__ == "__main__":
    main()

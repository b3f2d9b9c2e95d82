//! Strongly connected components of a directed graph held as sparse rows, found
//! once for both the metrics' groups and betweenness's bound on path lengths.
//!
//! Tarjan's algorithm, iterative (a chain of 100,000 people would overflow a
//! worker thread's stack if it recursed once per person), over the rows' plain
//! arrays rather than a petgraph graph: at 100,000 people petgraph's Kosaraju,
//! run twice, was a tenth of `coalition metrics`.

use super::influence::SparseRows;

/// The strongly connected components of a graph, numbered in reverse
/// topological order: every edge between two components leads to one numbered
/// lower.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Components {
    /// The component of each node.
    pub(crate) of: Vec<u32>,
    /// How many components there are.
    pub(crate) count: usize,
}

impl Components {
    /// The components of the graph whose row `u` lists the nodes `u` has edges to.
    pub(crate) fn of(out: &SparseRows) -> Components {
        let n = out.rows();
        const UNSEEN: u32 = u32::MAX;
        let mut order = vec![UNSEEN; n];
        let mut low = vec![0_u32; n];
        let mut of = vec![UNSEEN; n];
        let mut stack: Vec<u32> = Vec::new();
        // The walk: each node with how many of its edges it has followed.
        let mut walk: Vec<(u32, u32)> = Vec::new();
        let mut seen = 0_u32;
        let mut count = 0_u32;
        for root in 0..n {
            if order[root] != UNSEEN {
                continue;
            }
            order[root] = seen;
            low[root] = seen;
            seen += 1;
            stack.push(root as u32);
            walk.push((root as u32, 0));
            while let Some(&mut (v, ref mut next)) = walk.last_mut() {
                let v = v as usize;
                let edges = out.columns(v);
                if let Some(&w) = edges.get(*next as usize) {
                    *next += 1;
                    let w = w as usize;
                    if order[w] == UNSEEN {
                        order[w] = seen;
                        low[w] = seen;
                        seen += 1;
                        stack.push(w as u32);
                        walk.push((w as u32, 0));
                    } else if of[w] == UNSEEN {
                        // On the stack: part of the component being walked.
                        low[v] = low[v].min(order[w]);
                    }
                    continue;
                }
                walk.pop();
                if let Some(&(parent, _)) = walk.last() {
                    let parent = parent as usize;
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == order[v] {
                    loop {
                        let w = stack.pop().expect("the root is on the stack") as usize;
                        of[w] = count;
                        if w == v {
                            break;
                        }
                    }
                    count += 1;
                }
            }
        }
        Components {
            of,
            count: count as usize,
        }
    }

    /// The members of every component.
    pub(crate) fn members(&self) -> Members {
        let mut start = vec![0; self.count + 1];
        for &c in &self.of {
            start[c as usize + 1] += 1;
        }
        for k in 0..self.count {
            start[k + 1] += start[k];
        }
        let mut next = start.clone();
        let mut nodes = vec![0; self.of.len()];
        for (v, &c) in self.of.iter().enumerate() {
            nodes[next[c as usize]] = v;
            next[c as usize] += 1;
        }
        Members { start, nodes }
    }
}

/// The members of each component, in node order, by component number.
pub(crate) struct Members {
    start: Vec<usize>,
    nodes: Vec<usize>,
}

impl Members {
    /// The members of component `k`, in node order.
    pub(crate) fn of(&self, k: usize) -> &[usize] {
        &self.nodes[self.start[k]..self.start[k + 1]]
    }

    /// Every component's members, by component number.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[usize]> {
        (0..self.start.len() - 1).map(|k| self.of(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize, edges: &[(usize, usize)]) -> SparseRows {
        SparseRows::from_triples(n, edges.iter().map(|&(u, v)| (u, v, 1.0)).collect())
    }

    #[test]
    fn cycles_are_components_and_edges_lead_to_lower_numbers() {
        // 0 ⇄ 1 → 2 → 3 ⇄ 4, 4 → 4, and 5 alone.
        let out = rows(6, &[(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 3), (4, 4)]);
        let c = Components::of(&out);
        assert_eq!(c.count, 4);
        assert_eq!(c.of[0], c.of[1]);
        assert_eq!(c.of[3], c.of[4]);
        let members = c.members();
        let mut members: Vec<&[usize]> = members.iter().collect();
        members.sort();
        assert_eq!(members, [&[0, 1][..], &[2], &[3, 4], &[5]]);
        for (u, v) in [(1, 2), (2, 3)] {
            assert!(c.of[v] < c.of[u], "{u} → {v}");
        }
    }

    #[test]
    fn a_long_chain_and_a_long_ring_need_no_deep_stack() {
        let n = 200_000;
        let chain: Vec<(usize, usize)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        let ring: Vec<(usize, usize)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        let (chain, ring) = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || {
                (
                    Components::of(&rows(n, &chain)),
                    Components::of(&rows(n, &ring)),
                )
            })
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert_eq!(chain.count, n);
        assert!((0..n - 1).all(|i| chain.of[i + 1] < chain.of[i]));
        assert_eq!(ring.count, 1);
    }
}

//! Writes the benchmark graphs for the Python peers and times our side of the fair
//! benchmark (`bench/fair.py`).
//!
//! `cargo run --release --example export_bench_graphs -- DIR [SIZES]` writes, for
//! each size n (org maps from `BENCH_SEED`; default 1000,10000,100000),
//! `DIR/edges_n.csv` (`source,target,weight,sign`: one row per influence edge,
//! w = strength/5, σ = ±1) and `DIR/nodes_n.csv` (`id,s,lambda,power`).
//!
//! `... -- --serve` reads commands on stdin, one a line, and answers each with one
//! line, so the Python driver can interleave our runs with the peers' in one run:
//!
//! - `load N`: builds the org map of N people (the same as the CSV files); `ok`.
//! - `run KERNEL N REPS`: runs `equilibrium`, `pagerank` or `betweenness` REPS times
//!   and answers `WALL CPU` (seconds per run: wall clock and this process's CPU
//!   time, all threads).
//! - `dump KERNEL N PATH`: writes the kernel's result to PATH as little-endian f64;
//!   for betweenness answers `exact` or `sampled EPSILON DELTA SAMPLES`, else `ok`.
//!
//! Threads: `COALITION_THREADS=1` keeps the kernels on one thread.

use std::collections::HashMap;
use std::error::Error;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use coalition::analysis::InfluenceModel;
use coalition::analysis::betweenness::{Betweenness, betweenness_centrality};
use coalition::analysis::pagerank::weighted_pagerank;
use coalition::synthetic::{BENCH_SEED, org_map};
use petgraph::visit::EdgeRef;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// One loaded map and the edge lists the kernels take.
struct Loaded {
    model: InfluenceModel,
    /// The listening graph PageRank runs on: each influence edge reversed, weight |w|.
    listening: Vec<(usize, usize, f64)>,
    /// The influence edges betweenness runs on.
    links: Vec<(usize, usize)>,
}

impl Loaded {
    fn new(n: usize) -> Loaded {
        let model = InfluenceModel::new(&org_map(n, BENCH_SEED));
        let graph = model.graph();
        let listening = graph
            .edge_references()
            .map(|e| (e.target().index(), e.source().index(), e.weight().weight))
            .collect();
        let links = graph
            .edge_references()
            .map(|e| (e.source().index(), e.target().index()))
            .collect();
        Loaded {
            model,
            listening,
            links,
        }
    }

    fn pagerank(&self) -> Vec<f64> {
        weighted_pagerank(self.model.len(), self.listening.iter().copied())
    }

    fn betweenness(&self) -> Betweenness {
        betweenness_centrality(self.model.len(), self.links.iter().copied())
    }
}

/// This process's CPU time in seconds, all threads.
fn cpu_seconds() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for clock_gettime to write.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

fn serve() -> Result<(), Box<dyn Error>> {
    let mut maps: HashMap<usize, Loaded> = HashMap::new();
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let words: Vec<&str> = line.split_whitespace().collect();
        let reply = match words.as_slice() {
            ["load", n] => {
                let n: usize = n.parse()?;
                maps.entry(n).or_insert_with(|| Loaded::new(n));
                "ok".to_string()
            }
            ["run", kernel, n, reps] => {
                let map = maps.get(&n.parse()?).ok_or("load the map first")?;
                let reps: usize = reps.parse()?;
                let (wall, cpu) = (Instant::now(), cpu_seconds());
                for _ in 0..reps {
                    match *kernel {
                        "equilibrium" => drop(std::hint::black_box(map.model.equilibrium())),
                        "pagerank" => drop(std::hint::black_box(map.pagerank())),
                        "betweenness" => drop(std::hint::black_box(map.betweenness())),
                        other => return Err(format!("unknown kernel {other}").into()),
                    }
                }
                let wall = wall.elapsed().as_secs_f64() / reps as f64;
                let cpu = (cpu_seconds() - cpu) / reps as f64;
                format!("{wall:e} {cpu:e}")
            }
            ["dump", kernel, n, path] => {
                let map = maps.get(&n.parse()?).ok_or("load the map first")?;
                let (values, reply) = match *kernel {
                    "equilibrium" => (map.model.equilibrium(), "ok".to_string()),
                    "pagerank" => (map.pagerank(), "ok".to_string()),
                    "betweenness" => {
                        let b = map.betweenness();
                        let reply = match b.sample {
                            None => "exact".to_string(),
                            Some(s) => {
                                format!("sampled {:e} {:e} {}", s.epsilon, s.delta, s.samples)
                            }
                        };
                        (b.values, reply)
                    }
                    other => return Err(format!("unknown kernel {other}").into()),
                };
                let bytes: Vec<u8> = values.iter().flat_map(|x| x.to_le_bytes()).collect();
                std::fs::write(path, bytes)?;
                reply
            }
            _ => return Err(format!("unknown command {line:?}").into()),
        };
        let mut out = stdout.lock();
        writeln!(out, "{reply}")?;
        out.flush()?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let first = std::env::args().nth(1).ok_or(
        "usage: export_bench_graphs DIR [SIZES] (the folder to write the CSV files to) \
         or export_bench_graphs --serve",
    )?;
    if first == "--serve" {
        return serve();
    }
    let dir = PathBuf::from(first);
    let sizes: Vec<usize> = match std::env::args().nth(2) {
        Some(list) => list.split(',').map(str::parse).collect::<Result<_, _>>()?,
        None => SIZES.to_vec(),
    };
    std::fs::create_dir_all(&dir)?;
    for n in sizes {
        let model = InfluenceModel::new(&org_map(n, BENCH_SEED));
        let graph = model.graph();
        let mut edges = csv::Writer::from_path(dir.join(format!("edges_{n}.csv")))?;
        edges.write_record(["source", "target", "weight", "sign"])?;
        for e in graph.edge_references() {
            edges.serialize((
                e.source().index(),
                e.target().index(),
                e.weight().weight,
                e.weight().sign,
            ))?;
        }
        edges.flush()?;
        let mut nodes = csv::Writer::from_path(dir.join(format!("nodes_{n}.csv")))?;
        nodes.write_record(["id", "s", "lambda", "power"])?;
        for i in 0..n {
            nodes.serialize((
                i,
                model.opinions()[i],
                model.stubbornness()[i],
                model.power()[i],
            ))?;
        }
        nodes.flush()?;
        println!("{n} people, {} influence edges", graph.edge_count());
    }
    Ok(())
}

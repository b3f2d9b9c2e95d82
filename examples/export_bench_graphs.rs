//! Writes the benchmark maps for the Python peers and times our side of the fair
//! benchmark (`bench/run.sh`, `bench/peers.py`).
//!
//! `cargo run --release --example export_bench_graphs -- DIR [SIZES]` writes, for
//! each size n (org maps from `BENCH_SEED`; default 1000,10000,100000),
//! `DIR/edges_n.csv` (`source,target,weight,sign`: one row per influence edge,
//! w = strength/5, σ = ±1), `DIR/nodes_n.csv` (`id,s,lambda,power`), and the map
//! itself as a user's spreadsheet holds it, `DIR/people_n.csv` and
//! `DIR/relations_n.csv` (our CSV export, which our importer reads).
//!
//! `... -- --serve DIR` reads commands on stdin, one a line, and answers each with
//! one line, so the Python driver can interleave our runs with the peers' in one run:
//!
//! - `load N`: builds the org map of N people (the same as the CSV files); `ok`.
//! - `run KERNEL N REPS`: runs the kernel REPS times and answers `WALL CPU` (seconds
//!   per run: wall clock and this process's CPU time, all threads). Kernels:
//!   `equilibrium`, `pagerank`, `betweenness`; `plan`, the whole plan of
//!   [`STEPS`] steps for the map's first advocate (`plan_for`: reasons, paths found
//!   again after each step, the re-sampled range); `import`, `DIR/people_N.csv` and
//!   `DIR/relations_N.csv` read and imported into a new map file in `DIR/imports/`
//!   (as `coalition import` does; the files go once timed).
//! - `dump KERNEL N PATH`: writes the kernel's result to PATH as little-endian f64;
//!   for betweenness answers `exact` or `sampled EPSILON DELTA SAMPLES`, else `ok`.
//!   The plan's result is `support_before, support_after`, the number of steps,
//!   then `person, gain, reach` a step (person: the row in `people_N.csv`, from
//!   0), the number to avoid, then `person, hardens` each. The import's is the
//!   people and relations in the new map file.
//!
//! Threads: `COALITION_THREADS=1` keeps the kernels on one thread.

use std::collections::HashMap;
use std::error::Error;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use coalition::analysis::betweenness::{Betweenness, betweenness_centrality};
use coalition::analysis::pagerank::weighted_pagerank;
use coalition::analysis::{InfluenceModel, PlanOptions, PlanReport, plan_for};
use coalition::formats::csv::{write_people_csv, write_relations_csv};
use coalition::import::{ImportOptions, ImportSources};
use coalition::model::{MapSnapshot, StakeholderId};
use coalition::store::{ImportControl, MapFile};
use coalition::synthetic::{BENCH_SEED, org_map};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The steps of the benchmark's plan (issue 15 times `coalition plan --steps 10`).
const STEPS: usize = 10;

/// One loaded map and the edge lists the kernels take.
struct Loaded {
    /// The map, for the plan.
    map: MapSnapshot,
    model: InfluenceModel,
    /// The listening graph PageRank runs on: each influence edge reversed, weight |w|.
    listening: Vec<(usize, usize, f64)>,
    /// The influence edges betweenness runs on.
    links: Vec<(usize, usize)>,
}

impl Loaded {
    fn new(n: usize) -> Loaded {
        let map = org_map(n, BENCH_SEED);
        let (model, edges) = InfluenceModel::with_edges(&map);
        let listening = edges.iter().map(|(u, v, e)| (v, u, e.weight())).collect();
        let links = edges.iter().map(|(u, v, _)| (u, v)).collect();
        Loaded {
            map,
            model,
            listening,
            links,
        }
    }

    /// The plan of [`STEPS`] steps for the map's first advocate, as the CLI makes it.
    fn plan(&self) -> PlanReport {
        let advocate = self
            .map
            .stakeholders
            .iter()
            .find(|s| s.advocate)
            .expect("an org map has advocates");
        let options = PlanOptions {
            k: STEPS,
            ..PlanOptions::new(advocate.id)
        };
        plan_for(&self.map, &options).expect("the plan of an org map")
    }

    /// The plan as numbers (see the module's doc), people by their row in the map.
    fn plan_numbers(&self) -> Vec<f64> {
        let row: HashMap<StakeholderId, usize> = self
            .map
            .stakeholders
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let person = |id: &StakeholderId| row[id] as f64;
        let plan = self.plan();
        let mut numbers = vec![
            plan.support_before,
            plan.support_after,
            plan.steps.len() as f64,
        ];
        for step in &plan.steps {
            numbers.extend([person(&step.id), step.gain, step.reach]);
        }
        numbers.push(plan.avoid.len() as f64);
        for avoid in &plan.avoid {
            numbers.extend([person(&avoid.id), person(&avoid.hardens)]);
        }
        numbers
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

/// Imports `DIR/people_N.csv` and `DIR/relations_N.csv` into a new map file at
/// `path`, as `coalition import` into a new map does (people and ties streamed
/// from the files into one transaction).
fn import(dir: &Path, n: usize, path: &Path) -> Result<(), Box<dyn Error>> {
    let files = [
        dir.join(format!("people_{n}.csv")),
        dir.join(format!("relations_{n}.csv")),
    ];
    let mut file = MapFile::create(path, "Bench", "")?;
    let sources = ImportSources::open(&files, None, None)?;
    file.import_sources(
        &sources,
        &ImportOptions::default(),
        true,
        ImportControl::default(),
    )?;
    Ok(())
}

fn serve(dir: &Path) -> Result<(), Box<dyn Error>> {
    let mut maps: HashMap<usize, Loaded> = HashMap::new();
    let imports = dir.join("imports");
    let mut imported = 0;
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
            ["run", "import", n, reps] => {
                let (n, reps): (usize, usize) = (n.parse()?, reps.parse()?);
                std::fs::create_dir_all(&imports)?;
                let (wall, cpu) = (Instant::now(), cpu_seconds());
                for _ in 0..reps {
                    imported += 1;
                    import(dir, n, &imports.join(format!("{imported}.coalition")))?;
                }
                let wall = wall.elapsed().as_secs_f64() / reps as f64;
                let cpu = (cpu_seconds() - cpu) / reps as f64;
                std::fs::remove_dir_all(&imports)?;
                format!("{wall:e} {cpu:e}")
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
                        "plan" => drop(std::hint::black_box(map.plan())),
                        other => return Err(format!("unknown kernel {other}").into()),
                    }
                }
                let wall = wall.elapsed().as_secs_f64() / reps as f64;
                let cpu = (cpu_seconds() - cpu) / reps as f64;
                format!("{wall:e} {cpu:e}")
            }
            ["dump", "import", n, path] => {
                std::fs::create_dir_all(&imports)?;
                let map = imports.join("counted.coalition");
                import(dir, n.parse()?, &map)?;
                let snapshot = MapFile::open_read_only(&map)?.snapshot()?;
                std::fs::remove_dir_all(&imports)?;
                let counts = [snapshot.stakeholders.len(), snapshot.relations.len()];
                let bytes: Vec<u8> = counts
                    .iter()
                    .flat_map(|&c| (c as f64).to_le_bytes())
                    .collect();
                std::fs::write(path, bytes)?;
                "ok".to_string()
            }
            ["dump", kernel, n, path] => {
                let map = maps.get(&n.parse()?).ok_or("load the map first")?;
                let (values, reply) = match *kernel {
                    "equilibrium" => (map.model.equilibrium(), "ok".to_string()),
                    "pagerank" => (map.pagerank(), "ok".to_string()),
                    "plan" => (map.plan_numbers(), "ok".to_string()),
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
         or export_bench_graphs --serve DIR",
    )?;
    if first == "--serve" {
        let dir = std::env::args()
            .nth(2)
            .ok_or("--serve DIR: the folder of the CSV files")?;
        return serve(Path::new(&dir));
    }
    let dir = PathBuf::from(first);
    let sizes: Vec<usize> = match std::env::args().nth(2) {
        Some(list) => list.split(',').map(str::parse).collect::<Result<_, _>>()?,
        None => SIZES.to_vec(),
    };
    std::fs::create_dir_all(&dir)?;
    for n in sizes {
        let map = org_map(n, BENCH_SEED);
        let people = std::fs::File::create(dir.join(format!("people_{n}.csv")))?;
        write_people_csv(&map, std::io::BufWriter::new(people))?;
        let relations = std::fs::File::create(dir.join(format!("relations_{n}.csv")))?;
        write_relations_csv(&map, std::io::BufWriter::new(relations))?;
        let (model, influence) = InfluenceModel::with_edges(&map);
        let mut edges = csv::Writer::from_path(dir.join(format!("edges_{n}.csv")))?;
        edges.write_record(["source", "target", "weight", "sign"])?;
        for (u, v, e) in influence.iter() {
            edges.serialize((u, v, e.weight(), e.sign()))?;
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
        println!("{n} people, {} influence edges", influence.len());
    }
    Ok(())
}

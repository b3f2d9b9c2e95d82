//! How many threads Coalition's own work may use: the analysis's sweeps, an
//! import's reader and SQLite's sorter.

/// How many threads may be used: `COALITION_THREADS` when it is set to a
/// positive number (the fair benchmark, `bench/peers.py`, sets 1 for its
/// one-thread pass), else the cores available to the process.
pub fn worker_threads() -> usize {
    std::env::var("COALITION_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&t| t > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

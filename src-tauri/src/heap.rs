//! The app's memory managed as a desktop app's, not a browser's or a server's.
//!
//! Two allocators hold memory they no longer need unless told otherwise:
//!
//! - **JavaScriptCore** lets its heap grow in proportion to the machine's memory
//!   before it collects garbage in earnest, so on a machine with 24 GB the web
//!   view of a 10,000-person map held 250–440 MB after a group was opened and
//!   edited, much of it garbage. Told the machine has 1 GiB (its `forceRAMSize`
//!   option), it collects sooner.
//! - **glibc's malloc**, in the app's own process, keeps what the view's big
//!   transient buffers (the 11 MB of JSON a 10,000-person view is sent as, and
//!   its copies on the way to the web view) leave behind once freed: after the
//!   first such buffer is freed it raises its threshold for taking big blocks
//!   straight from the system, so the next ones come from its heaps and stay
//!   there. With the threshold set (`glibc.malloc.mmap_threshold`, at its
//!   default of 128 KiB) it never moves: big blocks go back to the system when
//!   freed, and so does a heap's free top past 128 KiB, a threshold glibc would
//!   otherwise raise with the first.
//!
//! Measured with `make bench-app` on the 10,000-person map on 8 December 2026
//! (release app, 2 cores; memory is PSS over all the app's processes after a
//! group was opened, twenty edits, a plan and a what-if; edits are p95):
//!
//! | settings | memory (MB) | the app's own process (MB) | edits (ms) |
//! |---|---|---|---|
//! | none | 728–759 | | 93–98 |
//! | 1 GiB | 587–589 | 183–189 | 88–94 |
//! | 1 GiB, malloc's threshold fixed (kept) | 544–564 | 152–161 | 84–107 |
//!
//! Tried and not kept: 512 MiB (30 MB less than 1 GiB, but a bigger map's heap
//! then grows by only a quarter before each collection); JavaScriptCore's small
//! heaps growing by half, not double, before a full collection
//! (`smallHeapGrowthFactor` 1.5, six runs interleaved with the kept settings
//! once edits redrew less: 485–509 MB against 513–565, but edits p95 94–116 ms,
//! median 103, against 87–109, median 93; the app aims at 100); two malloc arenas (10 MB less, edits 104–106 ms);
//! mimalloc as the app's allocator (its process held 230 MB, not 183).
//!
//! The options are read from the environment: JavaScriptCore's when WebKit
//! starts its web process, which inherits the app's, and glibc's when a process
//! starts. Rust 2024 makes changing a program's own environment `unsafe`
//! (another thread may read it at the same time), and the shell forbids unsafe
//! code, so the app starts itself again, once, with the variables set: `exec`,
//! the same process and arguments. A user's own setting of any of them is kept.

/// The variables the app runs with, and their values.
#[cfg(target_os = "linux")]
const SETTINGS: [(&str, &str); 2] = [
    // JavaScriptCore sizes its heap as on a machine with 1 GiB.
    ("JSC_forceRAMSize", "1073741824"),
    // Big blocks always from the system and back to it. (glibc 2.36 keeps only
    // this one of `mmap_threshold` and `trim_threshold` when both are given.)
    ("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=131072"),
];

/// The settings of [`SETTINGS`] not already in the environment as `present`
/// tells: those the app must start again with.
#[cfg(target_os = "linux")]
fn missing(present: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    SETTINGS
        .into_iter()
        .filter(|(name, _)| !present(name))
        .collect()
}

/// Starts the app again with every variable of [`SETTINGS`] set that is not set
/// already; returns only when all are set, or when starting again failed (the
/// app then runs as it is). Call it first thing, before any thread starts.
pub fn with_desktop_heap() {
    #[cfg(target_os = "linux")]
    {
        let missing = missing(|name| std::env::var_os(name).is_some());
        if missing.is_empty() {
            return;
        }
        use std::os::unix::process::CommandExt;
        let mut args = std::env::args_os();
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let mut again = std::process::Command::new(exe);
        if let Some(arg0) = args.next() {
            again.arg0(arg0);
        }
        let failed = again.args(args).envs(missing).exec();
        eprintln!("coalition-app: running with the default memory settings ({failed})");
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_users_own_setting_is_kept_and_only_the_others_are_added() {
        let all: Vec<&str> = missing(|_| false).iter().map(|(n, _)| *n).collect();
        assert_eq!(all, ["JSC_forceRAMSize", "GLIBC_TUNABLES"]);
        let kept = missing(|name| name == "GLIBC_TUNABLES");
        assert!(kept.iter().all(|(name, _)| *name != "GLIBC_TUNABLES"));
        assert_eq!(kept.len(), 1);
        // Once all are set, the app does not start again.
        assert!(missing(|_| true).is_empty());
    }
}

//! The web view's JavaScript engine sized for a desktop app, not a browser.
//!
//! JavaScriptCore lets its heap grow in proportion to the machine's memory before
//! it collects garbage in earnest, so on a machine with 24 GB the web view of a
//! 10,000-person map held 250–440 MB after a group was opened and edited, much of
//! it garbage. Told the machine has 1 GiB (its `forceRAMSize` option), it
//! collects sooner. Measured with `make bench-app` on that map on 8 December 2026
//! (release app, 2 cores, two runs each): the app's memory (PSS, all processes)
//! 728–759 → 582–589 MB, with edits (p95 93–98 → 99–104 ms), pans and the plan
//! about as fast. 512 MiB held 30 MB less, but leaves a bigger map's heap room to
//! grow by only a quarter before each collection.
//!
//! The option is read from the environment when WebKit starts its web process,
//! which inherits the app's. Rust 2024 makes changing a program's own environment
//! `unsafe` (another thread may read it at the same time), and the shell forbids
//! unsafe code, so the app starts itself again, once, with the variable set:
//! `exec`, the same process and arguments. A user's own setting is kept.

/// JavaScriptCore's option: the machine's memory, in bytes, as the engine sizes
/// its heap for.
#[cfg(target_os = "linux")]
const RAM_SIZE: &str = "JSC_forceRAMSize";

/// 1 GiB.
#[cfg(target_os = "linux")]
const ONE_GIB: &str = "1073741824";

/// Starts the app again with [`RAM_SIZE`] set, unless it is set already; returns
/// only when it is set, or when starting again failed (the app then runs as it
/// is). Call it first thing, before any thread starts.
pub fn with_desktop_heap() {
    #[cfg(target_os = "linux")]
    if std::env::var_os(RAM_SIZE).is_none() {
        use std::os::unix::process::CommandExt;
        let mut args = std::env::args_os();
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let mut again = std::process::Command::new(exe);
        if let Some(arg0) = args.next() {
            again.arg0(arg0);
        }
        let failed = again.args(args).env(RAM_SIZE, ONE_GIB).exec();
        eprintln!("coalition-app: running with the default JavaScript heap ({failed})");
    }
}

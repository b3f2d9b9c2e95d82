//! Standard output that a closed pipe cannot crash: `coalition list MAP | head`
//! ends quietly with exit 0 instead of a panic. Every write command prints only
//! after its change is committed, so stopping early never loses or repeats work.

use std::io::Write;

/// Writes `text` to standard output; when the reader has gone (a closed pipe),
/// ends the process quietly with exit 0. Other write errors are reported.
pub fn write(text: &str) {
    let mut out = std::io::stdout().lock();
    let result = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            error(&format!(
                "coalition: standard output could not be written ({}); check where the output goes\n",
                crate::table::inert(&e.to_string())
            ));
            std::process::exit(1);
        }
    }
}

/// Writes `text` (already made inert) to standard error. A closed or full
/// standard error is ignored: there is nowhere left to report it.
pub fn error(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// `println!` that [`write`]s: ends quietly on a closed pipe.
macro_rules! say {
    () => {
        $crate::out::write("\n")
    };
    ($($arg:tt)*) => {
        $crate::out::write(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` that [`write`]s: ends quietly on a closed pipe.
macro_rules! say_raw {
    ($($arg:tt)*) => {
        $crate::out::write(&format!($($arg)*))
    };
}

pub(crate) use {say, say_raw};

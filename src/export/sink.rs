//! Text written in chunks: the writers format into a small buffer that is handed
//! to the output whenever it fills, so a file of hundreds of megabytes never
//! sits in memory whole.

use std::fmt;
use std::io;

/// The bytes gathered before they are handed to the output.
const CHUNK: usize = 64 << 10;

/// A [`fmt::Write`] that passes its text on to an [`io::Write`] in chunks of
/// [`CHUNK`] bytes. The first write error is kept and returned by
/// [`Chunked::finish`]; nothing is written after it.
pub(super) struct Chunked<'a> {
    buf: String,
    out: &'a mut dyn io::Write,
    error: Option<io::Error>,
}

impl<'a> Chunked<'a> {
    /// Text for `out`.
    pub(super) fn new(out: &'a mut dyn io::Write) -> Chunked<'a> {
        Chunked {
            buf: String::with_capacity(CHUNK + 4096),
            out,
            error: None,
        }
    }

    /// Appends `text`.
    pub(super) fn push_str(&mut self, text: &str) {
        self.buf.push_str(text);
        if self.buf.len() >= CHUNK {
            self.pass_on();
        }
    }

    /// Hands the buffered text to the output.
    fn pass_on(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(self.buf.as_bytes())
        {
            self.error = Some(e);
        }
        self.buf.clear();
    }

    /// Hands on the rest and flushes the output; the first error met, if any.
    pub(super) fn finish(mut self) -> io::Result<()> {
        self.pass_on();
        match self.error.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        }
    }
}

impl fmt::Write for Chunked<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.push_str(text);
        Ok(())
    }
}

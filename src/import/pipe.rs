//! Reading a streamed sheet on a thread of its own: the reader parses and checks
//! the rows while the importer resolves and writes the ones before, two cores
//! at work; rows cross over in chunks of a few thousand, so memory stays at a
//! few chunks however long the file is.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::sync_channel;

use super::csv::{Reading, SheetLists};
use super::{RelationRow, RowRef};
use crate::error::{Error, Result};
use crate::model::{Level, RelationKind};

/// Rows per chunk handed over.
pub(super) const ROWS_PER_CHUNK: usize = 4096;

/// Chunks the reader may be ahead of the importer.
const CHUNKS_AHEAD: usize = 4;

/// Runs `read` on its own thread, handing each chunk it sends to `each` here,
/// in order; `lists` gets what the reader found besides (problems, warnings,
/// rejected names). The first error of `each` stops both sides and is returned;
/// else the reader's.
pub(super) fn pipelined<T: Send>(
    lists: &mut SheetLists,
    read: impl FnOnce(&mut SheetLists, &mut dyn FnMut(T) -> Result<()>) -> Result<()> + Send,
    mut each: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    std::thread::scope(|scope| {
        let (send, receive) = sync_channel::<T>(CHUNKS_AHEAD);
        let reader = scope.spawn(move || {
            let mut found = SheetLists::default();
            let mut hand_over = |chunk: T| {
                // The importer stopped (an error, or cancelled): stop reading.
                send.send(chunk).map_err(|_| Error::Cancelled)
            };
            let read = read(&mut found, &mut hand_over);
            (found, read)
        });
        let mut outcome = Ok(());
        for chunk in receive.iter() {
            if let Err(e) = each(chunk) {
                outcome = Err(e);
                break;
            }
        }
        drop(receive);
        let (found, read) = reader.join().map_err(|_| {
            Error::Invalid(
                "an import file could not be read (the reader stopped); nothing was imported"
                    .into(),
            )
        })?;
        *lists = found;
        outcome.and(read)
    })
}

/// Ties read from a relations sheet, their text in one buffer.
#[derive(Default)]
pub(super) struct TieChunk {
    /// The names and notes of the ties, one after the other.
    text: String,
    /// Each tie.
    ties: Vec<ChunkedTie>,
}

/// A tie of a [`TieChunk`]: its row and where its text is.
struct ChunkedTie {
    row: usize,
    from: Range<usize>,
    to: Range<usize>,
    note: Range<usize>,
    kind: RelationKind,
    strength: Level,
    reading: Reading,
}

impl TieChunk {
    /// Adds a tie.
    pub(super) fn push(&mut self, r: &RelationRow<'_>, reading: Reading) {
        let mut put = |text: &str| {
            let start = self.text.len();
            self.text.push_str(text);
            start..self.text.len()
        };
        let (from, to, note) = (put(r.from), put(r.to), put(r.note));
        self.ties.push(ChunkedTie {
            row: r.at.row,
            from,
            to,
            note,
            kind: r.kind,
            strength: r.strength,
            reading,
        });
    }

    /// True when it holds enough ties to hand over.
    pub(super) fn is_full(&self) -> bool {
        self.ties.len() >= ROWS_PER_CHUNK
    }

    /// True when it holds no tie.
    pub(super) fn is_empty(&self) -> bool {
        self.ties.is_empty()
    }

    /// Hands each tie to `each` as a row of `file`.
    pub(super) fn each(
        &self,
        file: &Arc<str>,
        mut each: impl FnMut(RelationRow<'_>, Reading) -> Result<()>,
    ) -> Result<()> {
        let mut at = RowRef {
            file: file.clone(),
            row: 0,
        };
        let text = |range: &Range<usize>| self.text.get(range.clone()).unwrap_or_default();
        for tie in &self.ties {
            at.row = tie.row;
            let row = RelationRow {
                at: &at,
                from: text(&tie.from),
                kind: tie.kind,
                to: text(&tie.to),
                strength: tie.strength,
                note: text(&tie.note),
            };
            each(row, tie.reading)?;
        }
        Ok(())
    }
}

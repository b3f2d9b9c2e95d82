//! Reading a streamed sheet on a thread of its own: the reader parses and checks
//! the rows (and decides ties) while the importer writes the ones before, two
//! cores at work; rows cross over in chunks of a few thousand, so memory stays at a
//! few chunks however long the file is.

use std::sync::mpsc::{channel, sync_channel};

use super::csv::SheetLists;
use crate::error::{Error, Result};

/// Rows per chunk handed over.
pub(super) const ROWS_PER_CHUNK: usize = 4096;

/// Chunks the reader may be ahead of the importer.
const CHUNKS_AHEAD: usize = 4;

/// What crosses from a reader's thread to the importer's. Each chunk comes back
/// once taken, is emptied by the reader (so what it holds is freed by the thread
/// that allocated it) and filled again: its buffers are allocated once.
pub(crate) trait Chunk: Default + Send {
    /// Empties it, keeping its buffers.
    fn clear(&mut self);
}

impl<T: Send> Chunk for Vec<T> {
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

/// Runs `read` on its own thread, handing each chunk it fills to `each` here,
/// in order; `lists` gets what the reader found besides (problems, warnings,
/// rejected names). `read` hands a chunk over with the function it is given,
/// which leaves an empty one in its place. The first error of `each` stops both
/// sides and is returned; else the reader's. Where only one thread may be used
/// ([`crate::threads::worker_threads`]) it all runs here, chunk by chunk.
pub(super) fn pipelined<T: Chunk>(
    lists: &mut SheetLists,
    read: impl FnOnce(&mut SheetLists, &mut dyn FnMut(&mut T) -> Result<()>) -> Result<()> + Send,
    mut each: impl FnMut(&T) -> Result<()>,
) -> Result<()> {
    if crate::threads::worker_threads() < 2 {
        // One thread allowed: the reader hands each chunk straight over.
        let mut hand_over = |chunk: &mut T| {
            each(chunk)?;
            chunk.clear();
            Ok(())
        };
        return read(lists, &mut hand_over);
    }
    std::thread::scope(|scope| {
        let (send, receive) = sync_channel::<T>(CHUNKS_AHEAD);
        let (give_back, taken) = channel::<T>();
        let reader = scope.spawn(move || {
            let mut found = SheetLists::default();
            let mut hand_over = |chunk: &mut T| {
                let mut empty = taken.try_recv().unwrap_or_default();
                empty.clear();
                let full = std::mem::replace(chunk, empty);
                // The importer stopped (an error, or cancelled): stop reading.
                send.send(full).map_err(|_| Error::Cancelled)
            };
            let read = read(&mut found, &mut hand_over);
            (found, read)
        });
        let mut outcome = Ok(());
        for chunk in receive.iter() {
            if let Err(e) = each(&chunk) {
                outcome = Err(e);
                break;
            }
            // Back to be emptied and filled again; when the reader is done, dropped.
            let _ = give_back.send(chunk);
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

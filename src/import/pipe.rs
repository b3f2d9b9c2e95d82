//! Reading a streamed sheet on a thread of its own: the reader parses and checks
//! the rows (and decides ties) while the importer writes the ones before, two
//! cores at work; rows cross over in chunks of a few thousand, so memory stays at a
//! few chunks however long the file is.

use std::sync::mpsc::sync_channel;

use super::csv::SheetLists;
use crate::error::{Error, Result};

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

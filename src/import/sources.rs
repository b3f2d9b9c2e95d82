//! The files of one import, opened: the CSV people and relations sheets are left
//! to be streamed, row by row, straight into the map's transaction
//! ([`crate::store::MapFile::import_sources`]); every other file is read whole.

use std::path::{Path, PathBuf};

use super::csv::{PeopleSheet, Reading, RelationsSheet, SheetLists};
use super::files::{open_csv, open_files, parallel};
use super::pipe::{Chunk, ROWS_PER_CHUNK, pipelined};
use super::{
    ImportBatch, OrgColumns, RelationRow, RowRef, SourceFormat, read_people_csv, read_relations_csv,
};
use crate::error::Result;
use crate::model::{Field, Stakeholder};

/// The files of one import, in the order given, each read whole or left to
/// stream. [`ImportSources::open`] opens them; [`crate::store::MapFile::import_sources`]
/// checks and imports them in one pass.
pub struct ImportSources {
    /// One part per file, in the order given.
    parts: Vec<Part>,
}

/// One file of an import.
pub(crate) enum Part {
    /// A file read whole: a workbook, a JSON map, Kumu sheets, an org chart,
    /// conversations.
    Whole(Box<ImportBatch>),
    /// Our `people.csv`, streamed.
    People(Streamed),
    /// Our `relations.csv`, streamed.
    Relations(Streamed),
}

/// A CSV sheet to stream: where it is and what the user calls it.
pub(crate) struct Streamed {
    /// The file.
    pub(super) path: PathBuf,
    /// Its name in messages.
    pub(super) label: String,
    /// Its size when it was opened, for progress.
    pub(super) bytes: u64,
    /// What its header gave to know (skipped columns), read when it was opened.
    pub(super) warnings: Vec<String>,
}

impl Streamed {
    /// Its size in bytes when the import was opened.
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Reads its people from the start, on a thread of its own: each person read
    /// whole goes to `each` (here, in order), each problem, warning and rejected
    /// name to `lists`.
    pub(crate) fn people(
        &self,
        lists: &mut SheetLists,
        mut each: impl FnMut(&RowRef, &Stakeholder, &[Field], Reading) -> Result<()>,
    ) -> Result<()> {
        type Person = (RowRef, Stakeholder, Vec<Field>, Reading);
        pipelined(
            lists,
            |lists, hand_over: &mut dyn FnMut(&mut Vec<Person>) -> Result<()>| {
                let input = open_csv(&self.path)?;
                let Some(sheet) = PeopleSheet::open(&self.label, input, lists) else {
                    return Ok(());
                };
                let mut chunk = Vec::with_capacity(ROWS_PER_CHUNK);
                sheet.read(lists, |at, person, given, reading| {
                    chunk.push((at, person, given, reading));
                    if chunk.len() >= ROWS_PER_CHUNK {
                        hand_over(&mut chunk)?;
                    }
                    Ok(())
                })?;
                if !chunk.is_empty() {
                    hand_over(&mut chunk)?;
                }
                Ok(())
            },
            |chunk| {
                for (at, person, given, reading) in chunk {
                    each(at, person, given, *reading)?;
                }
                Ok(())
            },
        )
    }

    /// Reads its ties from the start, on a thread of its own: `add` (there) puts
    /// each tie read whole into a chunk and says when it is full; `each` (here)
    /// takes the chunks, in order. Each problem and warning goes to `lists`.
    pub(crate) fn relations<C: Chunk>(
        &self,
        lists: &mut SheetLists,
        mut add: impl FnMut(&mut C, RelationRow<'_>, Reading) -> Result<bool> + Send,
        each: impl FnMut(&C) -> Result<()>,
    ) -> Result<()> {
        pipelined(
            lists,
            |lists, hand_over: &mut dyn FnMut(&mut C) -> Result<()>| {
                let input = open_csv(&self.path)?;
                let Some(sheet) = RelationsSheet::open(&self.label, input, lists) else {
                    return Ok(());
                };
                let mut chunk = C::default();
                let mut filled = false;
                sheet.read(lists, |r, reading| {
                    filled = true;
                    if add(&mut chunk, r, reading)? {
                        hand_over(&mut chunk)?;
                        filled = false;
                    }
                    Ok(())
                })?;
                if filled {
                    hand_over(&mut chunk)?;
                }
                Ok(())
            },
            each,
        )
    }

    fn path(&self) -> &Path {
        &self.path
    }

    /// A people sheet to stream from `path`, its header read for its warnings.
    pub(super) fn people_sheet(path: &Path, label: String, bytes: u64) -> Result<Streamed> {
        let mut lists = SheetLists::default();
        PeopleSheet::open(&label, open_csv(path)?, &mut lists);
        Ok(Streamed::new(path, label, bytes, lists))
    }

    /// A relations sheet to stream from `path`, its header read for its warnings.
    pub(super) fn relations_sheet(path: &Path, label: String, bytes: u64) -> Result<Streamed> {
        let mut lists = SheetLists::default();
        RelationsSheet::open(&label, open_csv(path)?, &mut lists);
        Ok(Streamed::new(path, label, bytes, lists))
    }

    fn new(path: &Path, label: String, bytes: u64, lists: SheetLists) -> Streamed {
        Streamed {
            path: path.to_path_buf(),
            label,
            bytes,
            warnings: lists.warnings,
        }
    }
}

/// One part of an import, borrowed: what the importer walks through.
#[derive(Clone, Copy)]
pub(crate) enum PartRef<'a> {
    /// Rows in memory.
    Whole(&'a ImportBatch),
    /// A people sheet to stream.
    People(&'a Streamed),
    /// A relations sheet to stream.
    Relations(&'a Streamed),
}

impl ImportSources {
    /// Opens every file: a JSON map alone, else each file told apart by its
    /// extension and header (as [`super::read_files_with`] does), the CSV people
    /// and relations sheets left to stream, the others read whole. Fails as
    /// reading them would: a file that cannot be opened or told apart.
    pub fn open(
        paths: &[PathBuf],
        format: Option<SourceFormat>,
        columns: Option<&OrgColumns>,
    ) -> Result<ImportSources> {
        Ok(ImportSources {
            parts: open_files(paths, format, columns)?,
        })
    }

    /// One batch already read, as the only part.
    pub fn from_batch(batch: ImportBatch) -> ImportSources {
        ImportSources {
            parts: vec![Part::Whole(Box::new(batch))],
        }
    }

    /// Reads the streamed sheets whole too (each on its own thread) and joins
    /// everything into one batch, in the files' order.
    pub fn into_batch(self) -> Result<ImportBatch> {
        let batches = parallel(&self.parts, |part| {
            Ok(match part {
                Part::Whole(_) => None,
                Part::People(s) => Some(read_people_csv(&s.label, open_csv(s.path())?)),
                Part::Relations(s) => Some(read_relations_csv(&s.label, open_csv(s.path())?)),
            })
        })?;
        let mut batch = ImportBatch::default();
        for (part, read) in self.parts.into_iter().zip(batches) {
            match (part, read) {
                (Part::Whole(whole), _) => batch.extend(*whole),
                (_, Some(read)) => batch.extend(read),
                (_, None) => {}
            }
        }
        Ok(batch)
    }

    /// The warnings of every file (skipped columns…), in the files' order: those
    /// of a streamed sheet come from its header, read when it was opened.
    pub fn warnings(&self) -> Vec<String> {
        self.parts
            .iter()
            .flat_map(|part| match part {
                Part::Whole(batch) => batch.warnings.iter(),
                Part::People(s) | Part::Relations(s) => s.warnings.iter(),
            })
            .cloned()
            .collect()
    }

    /// The parts, borrowed, in the files' order.
    pub(crate) fn parts(&self) -> Vec<PartRef<'_>> {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Whole(batch) => PartRef::Whole(batch),
                Part::People(s) => PartRef::People(s),
                Part::Relations(s) => PartRef::Relations(s),
            })
            .collect()
    }

    /// How the first org chart among the files was read (see
    /// [`ImportBatch::org_columns`]), with its header as the file spells it.
    pub fn org_columns(&self) -> (Option<&OrgColumns>, &[String]) {
        self.parts
            .iter()
            .find_map(|part| match part {
                Part::Whole(batch) => batch
                    .org_columns
                    .as_ref()
                    .map(|c| (Some(c), batch.org_headers.as_slice())),
                _ => None,
            })
            .unwrap_or((None, &[]))
    }
}

//! Coalition's own CSV columns: `people.csv`, `relations.csv`, `engagements.csv`.
//!
//! Headers are matched by name (any case, any order); an empty cell keeps the
//! default. Rows are numbered as a spreadsheet shows them: the header is row 1.
//! A leading apostrophe that neutralised a formula on export is removed.

use chrono::NaiveDate;
use std::cell::Cell;
use std::collections::HashMap;
use std::io::Read;
use std::rc::Rc;
use std::sync::Arc;

use super::{
    ImportBatch, NamedEngagement, NamedRelation, Names, NamesSeen, ProblemCap, RelationRow, RowRef,
    excerpt, inert_message, parse_day,
};
use crate::formats::csv::{ENGAGEMENT_COLUMNS, RELATION_COLUMNS, unneutralise};
use crate::model::text::{MAX_COLUMNS, MAX_RECORD_BYTES, MAX_TEXT_BYTES};
use crate::model::{Field, Level, RelationKind, Stakeholder, Stance};

/// Read errors (bad quoting) listed per file before the reading stops.
const MAX_READ_ERRORS: usize = 20;

/// Bytes the CSV reader may have read ahead of the record it is in (its buffer is
/// 8 KiB; this leaves room).
const READ_AHEAD: u64 = 64 << 10;

/// The input of a CSV reader, counting what it hands out and refusing to go past
/// `limit`: a record longer than [`MAX_RECORD_BYTES`] (say, an unclosed quote
/// that makes the rest of a 100 MB file one cell) is noticed after reading at most
/// that much, not after buffering the whole file.
struct Limited<R> {
    inner: R,
    /// Bytes handed out so far.
    read: u64,
    /// The most bytes that may be handed out; moved on by [`Rows`] at each record.
    limit: Rc<Cell<u64>>,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let room = self.limit.get().saturating_sub(self.read);
        if room == 0 {
            return Err(std::io::Error::other(TOO_LONG));
        }
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.read += n as u64;
        Ok(n)
    }
}

/// The I/O error [`Limited`] gives, recognised by [`Rows::next_row`].
const TOO_LONG: &str = "row too long";

/// The rows of one CSV file, read one record at a time into one reused buffer:
/// memory stays at one record however long the file is.
pub(super) struct Rows<R: Read> {
    reader: ::csv::Reader<Limited<R>>,
    limit: Rc<Cell<u64>>,
    /// The header names, trimmed and lower-cased.
    header: Vec<String>,
    /// The header names as the file spells them, trimmed.
    written: Vec<String>,
    record: ::csv::ByteRecord,
    file: Arc<str>,
    /// The spreadsheet number of the last row read (the header is row 1).
    row: usize,
    errors: usize,
    done: bool,
}

/// One data row: its reference and its raw cells, decoded when read by [`cell`]
/// (no allocation per cell: imports of a million cells stay fast).
pub(super) struct Row<'a> {
    /// Where the row is.
    pub(super) at: RowRef,
    /// The cells as the file has them.
    record: &'a ::csv::ByteRecord,
}

impl<R: Read> Rows<R> {
    /// Opens a CSV and reads its header; or `None`, with the problem that stops the
    /// file from being read at all (an unreadable or over-long header, too many
    /// columns, a column named twice) added to `problems`.
    pub(super) fn open(file: &str, input: R, problems: &mut Vec<String>) -> Option<Rows<R>> {
        let limit = Rc::new(Cell::new(MAX_RECORD_BYTES as u64 + READ_AHEAD));
        let mut reader = ::csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(Limited {
                inner: input,
                read: 0,
                limit: limit.clone(),
            });
        let header = match reader.byte_headers() {
            Ok(header) => header,
            Err(e) if is_too_long(&e) => {
                problems.push(format!(
                    "{file} row 1: the header is longer than {} MiB; check that it is a CSV file \
                     and that every quote is closed",
                    MAX_RECORD_BYTES >> 20
                ));
                return None;
            }
            Err(e) => {
                problems.push(format!("{file}: {e}; save it as CSV"));
                return None;
            }
        };
        if header.len() > MAX_COLUMNS {
            problems.push(format!(
                "{file} has {} columns; the limit is {MAX_COLUMNS}: keep the columns Coalition reads",
                header.len()
            ));
            return None;
        }
        let written: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = String::from_utf8_lossy(h);
                let h = if i == 0 {
                    h.trim_start_matches('\u{feff}')
                } else {
                    &h
                };
                h.trim().to_string()
            })
            .collect();
        let header: Vec<String> = written.iter().map(|h| h.to_lowercase()).collect();
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, h) in header.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            if let Some(&j) = first.get(h.as_str()) {
                problems.push(twice(file, h, j, i));
                return None;
            }
            first.insert(h, i);
        }
        Some(Rows {
            reader,
            limit,
            header,
            written,
            record: ::csv::ByteRecord::new(),
            file: file.into(),
            row: 1,
            errors: 0,
            done: false,
        })
    }

    /// Bytes of the file read so far (up to the record just read).
    pub(super) fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The header names, trimmed and lower-cased.
    pub(super) fn header(&self) -> &[String] {
        &self.header
    }

    /// The header names as the file spells them (trimmed), for messages and
    /// mappings a person reads.
    pub(super) fn header_as_written(&self) -> &[String] {
        &self.written
    }

    /// The next row, or `None` at the end of the file or when reading had to stop
    /// (the reason is added to `problems`).
    pub(super) fn next_row(&mut self, problems: &mut Vec<String>) -> Option<Row<'_>> {
        while !self.done {
            let start = self.reader.position().byte();
            self.limit.set(start + MAX_RECORD_BYTES as u64 + READ_AHEAD);
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => self.done = true,
                Ok(true) => {
                    self.row += 1;
                    if self.record.as_slice().len() > MAX_RECORD_BYTES {
                        self.done = true;
                        problems.push(self.too_long());
                        return None;
                    }
                    return Some(Row {
                        at: RowRef {
                            file: self.file.clone(),
                            row: self.row,
                        },
                        record: &self.record,
                    });
                }
                Err(e) if is_too_long(&e) => {
                    self.row += 1;
                    self.done = true;
                    problems.push(self.too_long());
                }
                Err(e) => {
                    self.row += 1;
                    problems.push(format!(
                        "{} row {}: {}; fix the quoting of this row",
                        self.file,
                        self.row,
                        excerpt(&e.to_string())
                    ));
                    self.errors += 1;
                    if self.errors >= MAX_READ_ERRORS {
                        self.done = true;
                    }
                }
            }
        }
        None
    }

    fn too_long(&self) -> String {
        format!(
            "{} row {}: the row is longer than {} MiB, so the file was read no further; \
             shorten its cells (each at most 1 MiB), or close the quote that makes the rest of \
             the file one cell",
            self.file,
            self.row,
            MAX_RECORD_BYTES >> 20
        )
    }
}

fn is_too_long(e: &::csv::Error) -> bool {
    matches!(e.kind(), ::csv::ErrorKind::Io(io) if io.to_string() == TOO_LONG)
}

/// The problem of a column given twice: `people.csv has the column 'stance' twice
/// (columns 7 and 12); remove one`. `first` and `again` count from 0.
pub(super) fn twice(file: &str, column: &str, first: usize, again: usize) -> String {
    format!(
        "{file} has the column '{}' twice (columns {} and {}); remove one",
        excerpt(column),
        first + 1,
        again + 1
    )
}

/// The text of `row` under column `col` (`""` when the row is short), with a
/// formula-neutralising apostrophe removed, or why it cannot be read (not UTF-8,
/// or longer than [`MAX_TEXT_BYTES`]).
pub(super) fn cell<'a>(row: &Row<'a>, col: Option<usize>) -> Result<&'a str, String> {
    match col.and_then(|c| row.record.get(c)) {
        Some(bytes) if bytes.len() > MAX_TEXT_BYTES => Err(format!(
            "the cell is {} bytes long; the limit is {MAX_TEXT_BYTES} bytes (1 MiB): shorten it",
            bytes.len()
        )),
        Some(bytes) => std::str::from_utf8(bytes)
            .map(unneutralise)
            .map_err(|_| "is not valid UTF-8; save the file as CSV UTF-8".to_string()),
        None => Ok(""),
    }
}

/// Reads `people.csv`: one stakeholder per row. Columns are the stakeholder fields
/// (`name` is required). Unknown columns (`email`, `manager`…) are skipped with a
/// warning naming them, and a field given twice (even under two of its names,
/// `role` and `title`) is refused. A name given on two rows is a problem even
/// when one of the rows has another problem.
pub fn read_people_csv(file: &str, input: impl Read) -> ImportBatch {
    let mut lists = SheetLists::default();
    let mut people = Vec::new();
    let mut fields = Vec::new();
    if let Some(sheet) = PeopleSheet::open(file, input, &mut lists) {
        let read = sheet.read(&mut lists, |at, person, given, _| {
            people.push((at, person));
            fields.push(given);
            Ok(())
        });
        debug_assert!(read.is_ok(), "collecting rows never fails");
    }
    ImportBatch {
        people,
        people_fields: fields,
        problems: lists.problems,
        warnings: lists.warnings,
        rejected_people: lists.rejected,
        ..ImportBatch::default()
    }
}

/// What reading one sheet row by row found besides its rows: its problems
/// (capped as [`ProblemCap`] caps them), warnings, and the names of people rows
/// that had a problem.
#[derive(Debug, Default)]
pub(crate) struct SheetLists {
    /// One line per problem, in the order found.
    pub(crate) problems: Vec<String>,
    /// Things worth knowing that do not stop the import.
    pub(crate) warnings: Vec<String>,
    /// The people rows that had a problem, with their names.
    pub(crate) rejected: Vec<(RowRef, String)>,
}

/// Where a sheet read row by row has come to, handed with each good row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reading {
    /// True while the sheet has shown no problem.
    pub(crate) clean: bool,
    /// Bytes of the file read so far.
    pub(crate) bytes: u64,
}

/// A `people.csv` whose header was read, ready to hand over its people one row
/// at a time.
pub(crate) struct PeopleSheet<R: Read> {
    rows: Rows<R>,
    name_col: usize,
    columns: Vec<(usize, Field)>,
}

impl<R: Read> PeopleSheet<R> {
    /// Reads the header; `None` (with the problem in `lists`) when the sheet
    /// cannot be read: no `name` column, a field given twice, a bad header.
    pub(crate) fn open(file: &str, input: R, lists: &mut SheetLists) -> Option<PeopleSheet<R>> {
        let rows = Rows::open(file, input, &mut lists.problems)?;
        let mut columns: Vec<(usize, Field)> = Vec::new();
        let mut unknown = Vec::new();
        for (i, h) in rows.header().iter().enumerate() {
            match h.parse::<Field>() {
                Ok(field) => {
                    if let Some(&(j, _)) = columns.iter().find(|(_, f)| *f == field) {
                        lists.problems.push(twice(file, field.as_str(), j, i));
                        return None;
                    }
                    columns.push((i, field));
                }
                Err(_) => unknown.push((i, h.as_str())),
            }
        }
        if !unknown.is_empty() {
            let fields: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
            lists
                .warnings
                .push(skipped(file, &unknown, "stakeholder fields", &fields));
        }
        let Some(&(name_col, _)) = columns.iter().find(|(_, f)| *f == Field::Name) else {
            lists.problems.push(format!(
                "{file}: there is no 'name' column; add one as the first column"
            ));
            return None;
        };
        Some(PeopleSheet {
            rows,
            name_col,
            columns,
        })
    }

    /// Reads every row: each person read whole goes to `each` with the fields
    /// its row gave; each problem goes to `lists`. The first error `each`
    /// returns stops the reading and is returned.
    pub(crate) fn read(
        mut self,
        lists: &mut SheetLists,
        mut each: impl FnMut(RowRef, Stakeholder, Vec<Field>, Reading) -> crate::Result<()>,
    ) -> crate::Result<()> {
        let mut cap = ProblemCap::new(&self.rows.file, &lists.problems);
        let mut seen = NamesSeen::default();
        while let Some(row) = self.rows.next_row(&mut lists.problems) {
            let read = read_person(&row, self.name_col, &self.columns, &mut lists.problems);
            let at = row.at;
            if let Some((name, person)) = read {
                let ok = person.is_some();
                seen.note_into(&at, &name, ok, &mut lists.problems, &mut lists.rejected);
                cap.trim(&mut lists.problems);
                if let Some((person, given)) = person {
                    let reading = Reading {
                        clean: lists.problems.is_empty(),
                        bytes: self.rows.bytes_read(),
                    };
                    each(at, person, given, reading)?;
                }
            } else {
                cap.trim(&mut lists.problems);
            }
        }
        cap.finish(&mut lists.problems);
        Ok(())
    }
}

/// The warning for columns a reader does not know and skips: `people.csv: the
/// columns 'email' (column 3) and 'manager' (column 4) are not stakeholder
/// fields and were skipped; …`.
pub(super) fn skipped(file: &str, unknown: &[(usize, &str)], what: &str, known: &[&str]) -> String {
    let named: Vec<String> = unknown
        .iter()
        .map(|(i, h)| format!("'{}' (column {})", excerpt(h), i + 1))
        .collect();
    let list = match named.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    let (noun, verb, was) = if named.len() == 1 {
        ("column", "is not one of the", "was")
    } else {
        ("columns", "are not", "were")
    };
    format!(
        "{file}: the {noun} {list} {verb} {what} and {was} skipped; the columns read are {}",
        known.join(", ")
    )
}

/// One row of `people.csv`: its name, when it has a valid one, and the person
/// with the fields the row gave when the row was read without a problem; each
/// bad cell is a problem in `problems`.
#[allow(clippy::type_complexity)]
fn read_person(
    row: &Row<'_>,
    name_col: usize,
    columns: &[(usize, Field)],
    problems: &mut Vec<String>,
) -> Option<(String, Option<(Stakeholder, Vec<Field>)>)> {
    let name = match cell(row, Some(name_col)) {
        Ok(name) => name,
        Err(problem) => {
            problems.push(format!("{}, column name: {problem}", row.at));
            return None;
        }
    };
    let mut person = match Stakeholder::new(name) {
        Ok(p) => p,
        Err(e) => {
            problems.push(format!(
                "{}, column name: {}",
                row.at,
                inert_message(&e.to_string(), name)
            ));
            return None;
        }
    };
    let mut ok = true;
    let mut given = vec![Field::Name];
    for &(col, field) in columns.iter().filter(|(_, f)| *f != Field::Name) {
        let result = match cell(row, Some(col)) {
            Ok("") => continue,
            Ok(value) => {
                given.push(field);
                person
                    .set(field, value)
                    .map_err(|e| inert_message(&e.to_string(), value))
            }
            Err(problem) => Err(problem),
        };
        if let Err(e) = result {
            problems.push(format!("{}, column {field}: {e}", row.at));
            ok = false;
        }
    }
    let name = person.name.clone();
    Some((name, ok.then_some((person, given))))
}

/// The index of each expected column; unknown ones are skipped with a warning
/// naming them.
fn locate<const N: usize>(
    file: &str,
    header: &[String],
    expected: [&str; N],
    warnings: &mut Vec<String>,
) -> [Option<usize>; N] {
    let unknown: Vec<(usize, &str)> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| !expected.contains(&h.as_str()))
        .map(|(i, h)| (i, h.as_str()))
        .collect();
    if !unknown.is_empty() {
        warnings.push(skipped(file, &unknown, "columns of this file", &expected));
    }
    expected.map(|name| header.iter().position(|h| h == name))
}

/// Reads `relations.csv`: `from, kind, to, strength, note` (strength defaults to 3).
pub fn read_relations_csv(file: &str, input: impl Read) -> ImportBatch {
    let mut lists = SheetLists::default();
    let mut relations = Vec::new();
    if let Some(sheet) = RelationsSheet::open(file, input, &mut lists) {
        let mut names = Names::default();
        let read = sheet.read(&mut lists, |r, _| {
            relations.push(NamedRelation {
                from: names.get(r.from),
                kind: r.kind,
                to: names.get(r.to),
                strength: r.strength,
                note: r.note.to_string(),
                at: r.at.clone(),
            });
            Ok(())
        });
        debug_assert!(read.is_ok(), "collecting rows never fails");
    }
    ImportBatch {
        relations,
        problems: lists.problems,
        warnings: lists.warnings,
        ..ImportBatch::default()
    }
}

/// A `relations.csv` whose header was read, ready to hand over its ties one row
/// at a time, each borrowed from the one record buffer.
pub(crate) struct RelationsSheet<R: Read> {
    rows: Rows<R>,
    cols: [Option<usize>; 5],
}

impl<R: Read> RelationsSheet<R> {
    /// Reads the header; `None` (with the problems in `lists`) when a needed
    /// column is missing or the header is bad.
    pub(crate) fn open(file: &str, input: R, lists: &mut SheetLists) -> Option<RelationsSheet<R>> {
        let rows = Rows::open(file, input, &mut lists.problems)?;
        let cols = locate(file, rows.header(), RELATION_COLUMNS, &mut lists.warnings);
        for (needed, col) in ["from", "kind", "to"].iter().zip(cols) {
            if col.is_none() {
                lists
                    .problems
                    .push(format!("{file}: there is no '{needed}' column; add it"));
            }
        }
        if cols[..3].iter().any(Option::is_none) {
            return None;
        }
        Some(RelationsSheet { rows, cols })
    }

    /// Reads every row: each tie read whole goes to `each`, each problem to
    /// `lists`. The first error `each` returns stops the reading and is returned.
    pub(crate) fn read(
        mut self,
        lists: &mut SheetLists,
        mut each: impl FnMut(RelationRow<'_>, Reading) -> crate::Result<()>,
    ) -> crate::Result<()> {
        let mut cap = ProblemCap::new(&self.rows.file, &lists.problems);
        let mut row_problems = Vec::new();
        loop {
            let bytes = self.rows.bytes_read();
            let Some(row) = self.rows.next_row(&mut lists.problems) else {
                break;
            };
            let read = read_relation(&row, &self.cols, &mut row_problems);
            lists.problems.append(&mut row_problems);
            cap.trim(&mut lists.problems);
            if let Some(r) = read {
                let reading = Reading {
                    clean: lists.problems.is_empty(),
                    bytes,
                };
                each(r, reading)?;
            }
        }
        cap.finish(&mut lists.problems);
        Ok(())
    }
}

/// One row of `relations.csv`: the relation, borrowed from the row, or `None`
/// with its problems added to `problems`.
fn read_relation<'a>(
    row: &'a Row<'_>,
    cols: &[Option<usize>; 5],
    problems: &mut Vec<String>,
) -> Option<RelationRow<'a>> {
    let before = problems.len();
    let mut text = |i: usize| match cell(row, cols[i]) {
        Ok(t) => t.trim(),
        Err(p) => {
            problems.push(format!("{}, column {}: {p}", row.at, RELATION_COLUMNS[i]));
            ""
        }
    };
    let (from, kind, to, strength, note) = (text(0), text(1), text(2), text(3), text(4));
    for (value, column) in [(from, "from"), (to, "to")] {
        if value.is_empty() {
            problems.push(format!(
                "{}, column {column}: the name is empty; fill it in",
                row.at
            ));
        }
    }
    let kind = kind
        .parse::<RelationKind>()
        .map_err(|e| {
            problems.push(format!(
                "{}, column kind: {}",
                row.at,
                inert_message(&e.to_string(), kind)
            ))
        })
        .ok();
    let strength = if strength.is_empty() {
        Some(Level::MEDIUM)
    } else {
        Level::parse(strength, "strength")
            .map_err(|e| {
                problems.push(format!(
                    "{}, column strength: {}",
                    row.at,
                    inert_message(&e.to_string(), strength)
                ))
            })
            .ok()
    };
    if let Err(e) = crate::model::text::check_text(note, "the note") {
        problems.push(format!("{}, column note: {e}", row.at));
    }
    match (kind, strength) {
        (Some(kind), Some(strength)) if problems.len() == before => Some(RelationRow {
            at: &row.at,
            from,
            kind,
            to,
            strength,
            note,
        }),
        _ => None,
    }
}

/// Reads `engagements.csv`: `date, stakeholder, held_by, channel, summary,
/// stance_before, stance_after, next_step, next_step_due` (dates as YYYY-MM-DD).
pub fn read_engagements_csv(file: &str, input: impl Read) -> ImportBatch {
    let mut batch = ImportBatch::default();
    let Some(mut rows) = Rows::open(file, input, &mut batch.problems) else {
        return batch;
    };
    let cols = locate(file, rows.header(), ENGAGEMENT_COLUMNS, &mut batch.warnings);
    for needed in [0, 1] {
        if cols[needed].is_none() {
            batch.problems.push(format!(
                "{file}: there is no '{}' column; add it",
                ENGAGEMENT_COLUMNS[needed]
            ));
        }
    }
    if cols[0].is_none() || cols[1].is_none() {
        return batch;
    }
    let mut cap = ProblemCap::new(file, &batch.problems);
    while let Some(row) = rows.next_row(&mut batch.problems) {
        read_engagement(&row, &cols, &mut batch);
        cap.trim(&mut batch.problems);
    }
    cap.finish(&mut batch.problems);
    batch
}

/// One row of `engagements.csv` into `batch`: the conversation, or its problems.
fn read_engagement(row: &Row<'_>, cols: &[Option<usize>; 9], batch: &mut ImportBatch) {
    let mut problems = Vec::new();
    let mut text = |i: usize| match cell(row, cols[i]) {
        Ok(t) => t.to_string(),
        Err(p) => {
            problems.push(format!("{}, column {}: {p}", row.at, ENGAGEMENT_COLUMNS[i]));
            String::new()
        }
    };
    let cells: Vec<String> = (0..ENGAGEMENT_COLUMNS.len()).map(&mut text).collect();
    let mut date = |i: usize, required: bool| -> Option<NaiveDate> {
        let t = cells[i].trim();
        if t.is_empty() {
            if required {
                problems.push(format!(
                    "{}, column {}: the date is empty; write it as YYYY-MM-DD",
                    row.at, ENGAGEMENT_COLUMNS[i]
                ));
            }
            return None;
        }
        let day = parse_day(t);
        if day.is_none() {
            problems.push(format!(
                "{}, column {}: '{}' is not a date; write it as YYYY-MM-DD",
                row.at,
                ENGAGEMENT_COLUMNS[i],
                excerpt(t)
            ));
        }
        day
    };
    let day = date(0, true);
    let due = date(8, false);
    let mut stance = |i: usize| -> Option<Stance> {
        let t = cells[i].trim();
        if t.is_empty() {
            return None;
        }
        Stance::parse(t)
            .map_err(|e| {
                problems.push(format!(
                    "{}, column {}: {}",
                    row.at,
                    ENGAGEMENT_COLUMNS[i],
                    inert_message(&e.to_string(), t)
                ))
            })
            .ok()
    };
    let (before, after) = (stance(5), stance(6));
    if cells[1].trim().is_empty() {
        problems.push(format!(
            "{}, column stakeholder: the name is empty; fill it in",
            row.at
        ));
    }
    for i in [3, 4, 7] {
        if let Err(e) = crate::model::text::check_text(&cells[i], ENGAGEMENT_COLUMNS[i]) {
            problems.push(format!("{}, column {}: {e}", row.at, ENGAGEMENT_COLUMNS[i]));
        }
    }
    match day {
        Some(date) if problems.is_empty() => {
            let held_by = cells[2].trim();
            batch.engagements.push(NamedEngagement {
                at: row.at.clone(),
                date,
                stakeholder: cells[1].trim().to_string(),
                held_by: (!held_by.is_empty()).then(|| held_by.to_string()),
                channel: cells[3].trim().to_string(),
                summary: cells[4].clone(),
                stance_before: before,
                stance_after: after,
                next_step: cells[7].clone(),
                next_step_due: due,
            });
        }
        _ => batch.problems.extend(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_rows_take_numbers_labels_and_defaults() {
        let csv = "Name,Stance,Power,Tags\nAna,Champion,5,a;b\nBo,-1,,\n";
        let b = read_people_csv("people.csv", csv.as_bytes());
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        assert_eq!(b.people.len(), 2);
        assert_eq!(b.people[0].1.stance.level(), 2);
        assert_eq!(b.people[0].1.tags, vec!["a", "b"]);
        assert_eq!(b.people[1].1.power, Level::MEDIUM);
        assert_eq!(b.people[1].0.row, 3);
    }

    #[test]
    fn every_bad_cell_is_reported_with_row_and_column() {
        let csv = "name,stance,power\nAna,maybe,9\n,1,2\nCy,1,2\n";
        let b = read_people_csv("people.csv", csv.as_bytes());
        assert_eq!(b.people.len(), 1);
        assert_eq!(b.problems.len(), 3, "{:?}", b.problems);
        assert!(b.problems[0].starts_with("people.csv row 2, column stance: stance 'maybe'"));
        assert!(b.problems[1].starts_with("people.csv row 2, column power: power 9"));
        assert!(b.problems[2].starts_with("people.csv row 3, column name: the name is empty"));
    }

    #[test]
    fn unknown_columns_and_bad_utf8_are_reported() {
        let b = read_people_csv("p.csv", "name,mood\nAna,x\n".as_bytes());
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        assert_eq!(b.people.len(), 1, "the column is skipped, the row read");
        assert!(
            b.warnings[0].starts_with(
                "p.csv: the column 'mood' (column 2) is not one of the stakeholder fields and \
                 was skipped; the columns read are name, role"
            ),
            "{:?}",
            b.warnings
        );
        let b = read_people_csv("p.csv", &b"name,role\nAna,\xff\xfe\n"[..]);
        assert!(
            b.problems[0].contains("row 2, column role: is not valid UTF-8"),
            "{:?}",
            b.problems
        );
    }

    #[test]
    fn relations_default_strength_and_report_kinds() {
        let csv = "from,kind,to,strength\nA,influences,B,\nA,likes,B,2\nA,trusts,,7\n";
        let b = read_relations_csv("relations.csv", csv.as_bytes());
        assert_eq!(b.relations.len(), 1);
        assert_eq!(b.relations[0].strength, Level::MEDIUM);
        assert_eq!(b.problems.len(), 3, "{:?}", b.problems);
        assert!(b.problems[0].contains("row 3, column kind: relation kind 'likes'"));
    }

    #[test]
    fn engagements_need_iso_dates() {
        let csv = "date,stakeholder,stance_after\n2026-10-01,Ana,Supportive\n01/10/2026,Bo,1\n";
        let b = read_engagements_csv("engagements.csv", csv.as_bytes());
        assert_eq!(b.engagements.len(), 1);
        assert!(b.problems[0].contains("row 3, column date: '01/10/2026' is not a date"));
    }

    #[test]
    fn a_column_given_twice_is_refused_naming_both() {
        let b = read_people_csv(
            "people.csv",
            "name,stance,power,Stance\nAna,1,2,2\n".as_bytes(),
        );
        assert!(b.people.is_empty());
        assert_eq!(
            b.problems,
            vec!["people.csv has the column 'stance' twice (columns 2 and 4); remove one"]
        );
        let b = read_people_csv("people.csv", "name,title,role\nAna,a,b\n".as_bytes());
        assert_eq!(
            b.problems,
            vec!["people.csv has the column 'role' twice (columns 2 and 3); remove one"]
        );
        let b = read_relations_csv("r.csv", "from,kind,to,to\nA,trusts,B,C\n".as_bytes());
        assert_eq!(
            b.problems,
            vec!["r.csv has the column 'to' twice (columns 3 and 4); remove one"]
        );
    }

    #[test]
    fn an_over_long_cell_names_row_and_column() {
        let csv = format!(
            "name,notes\nAna,ok\nBo,{}\n",
            "n".repeat(MAX_TEXT_BYTES + 1)
        );
        let b = read_people_csv("people.csv", csv.as_bytes());
        assert_eq!(b.people.len(), 1);
        assert_eq!(b.problems.len(), 1, "{:?}", b.problems);
        assert!(
            b.problems[0].starts_with(
                "people.csv row 3, column notes: the cell is 1048577 bytes long; the limit is"
            ),
            "{}",
            b.problems[0]
        );
    }

    #[test]
    fn an_unclosed_quote_stops_reading_after_the_record_limit() {
        // Everything after the quote is one cell: the reader stops at the record
        // limit instead of buffering the rest.
        let mut csv = b"name,notes\nAna,\"open\n".to_vec();
        csv.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + (1 << 20)));
        let b = read_people_csv("people.csv", csv.as_slice());
        assert!(b.people.is_empty());
        assert_eq!(b.problems.len(), 1, "{:?}", b.problems);
        assert!(
            b.problems[0].starts_with("people.csv row 2: the row is longer than 8 MiB"),
            "{}",
            b.problems[0]
        );
    }

    #[test]
    fn bad_cells_are_quoted_short_and_inert() {
        let csv = format!("name,stance\nAna,\u{1b}[2J{}\n", "z".repeat(100_000));
        let b = read_people_csv("people.csv", csv.as_bytes());
        let p = &b.problems[0];
        assert!(p.len() < 300, "{p}");
        assert!(!p.contains('\u{1b}'), "{p}");
        assert!(
            p.contains("stance '\\u{1b}[2Jzzz") && p.contains("…'"),
            "{p}"
        );
        let csv = "date,stakeholder\n2026-01-0\u{7}1,Ana\n";
        let b = read_engagements_csv("e.csv", csv.as_bytes());
        assert!(
            b.problems[0].contains("'2026-01-0\\u{7}1' is not a date"),
            "{:?}",
            b.problems
        );
    }

    #[test]
    fn a_name_again_is_a_problem_even_when_one_of_its_rows_has_another() {
        let csv = "name,stance\nCy,maybe\ncy,Neutral\nDee,1\nDee,nope\nEve,1\nEve,2\n";
        let b = read_people_csv("p.csv", csv.as_bytes());
        assert_eq!(
            b.problems,
            [
                "p.csv row 2, column stance: stance 'maybe' is not one of -2..2 or Active \
                 resistance, Resistant, Neutral, Supportive, Champion",
                "p.csv row 3, column name: 'cy' appears again (first on row 2); names must be \
                 unique, rename one",
                "p.csv row 5, column stance: stance 'nope' is not one of -2..2 or Active \
                 resistance, Resistant, Neutral, Supportive, Champion",
                "p.csv row 5, column name: 'Dee' appears again (first on row 4); names must be \
                 unique, rename one",
            ],
            "two good rows of one name (Eve) are found against the map, not here"
        );
    }

    #[test]
    fn problems_of_one_file_are_capped_and_counted() {
        let rows: String = (0..1500).map(|i| format!("P{i},zz\n")).collect();
        let b = read_people_csv("people.csv", format!("name,stance\n{rows}").as_bytes());
        assert_eq!(b.problems.len(), crate::import::MAX_PROBLEMS_PER_FILE + 1);
        assert!(
            b.problems[crate::import::MAX_PROBLEMS_PER_FILE]
                .starts_with("people.csv: 500 more problems"),
            "{:?}",
            b.problems.last()
        );
    }
}

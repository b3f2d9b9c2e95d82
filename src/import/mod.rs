//! Bringing people, relations and conversations into a map from other files.
//!
//! Readers turn a file into an [`ImportBatch`]: the rows that parsed, and a problem
//! line for every row that did not. [`read_files`] picks the reader by the file's
//! extension and header. [`crate::store::MapFile::preview_import`] then checks the
//! names against the map and says what would happen (the dry run), and
//! [`crate::store::MapFile::import_batch`] applies everything in one transaction,
//! or nothing at all when any problem was found.
//!
//! [`ImportSources`] opens the same files without reading our CSV people and
//! relations sheets: [`crate::store::MapFile::import_sources`] streams their rows
//! straight into the transaction (or through the dry run), with the same result,
//! so a million people and five million ties never sit in memory at once.

mod csv;
mod files;
mod json;
mod kumu;
mod orgchart;
mod pipe;
mod sources;
mod xlsx;

pub use self::csv::{read_engagements_csv, read_people_csv, read_relations_csv};
pub use self::files::{SourceFormat, read_files, read_files_with};
pub use self::json::read_map_json;
pub use self::kumu::{read_kumu_connections, read_kumu_elements};
pub use self::orgchart::{OrgColumns, read_orgchart};
pub use self::sources::ImportSources;

pub(crate) use self::csv::SheetLists;
pub(crate) use self::pipe::Chunk;
pub(crate) use self::sources::PartRef;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::model::{Field, Level, MapInfo, RelationKind, Stakeholder, Stance};

/// The most characters of a cell a problem message quotes; longer cells are cut
/// and end in `…`.
pub const EXCERPT_CHARS: usize = 60;

/// The most problems listed per file; beyond it they are counted in one last line,
/// so a file of a million bad rows costs a bounded amount of memory.
pub const MAX_PROBLEMS_PER_FILE: usize = 1000;

/// A cell as a problem message quotes it: at most [`EXCERPT_CHARS`] characters
/// (then `…`), with control characters escaped (`\u{1b}`, `\n`), so a message
/// never carries a terminal escape or a line break from the file.
pub fn excerpt(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(EXCERPT_CHARS * 4) + 3);
    for (i, c) in text.chars().enumerate() {
        if i == EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `message` made inert: where it quotes the cell `cell` (as given, trimmed or
/// lower-cased, as the model's parsers quote it), the quote is replaced by the
/// cell's [`excerpt`]; any control character left is escaped. Linear in the
/// lengths of both.
pub fn inert_message(message: &str, cell: &str) -> String {
    let trimmed = cell.trim();
    let shown = excerpt(trimmed);
    let mut message = message.to_string();
    if shown != trimmed && !trimmed.is_empty() {
        let lower = trimmed.to_ascii_lowercase();
        for quoted in [cell, trimmed, lower.as_str()] {
            if !quoted.is_empty() && message.contains(quoted) {
                message = message.replace(quoted, &shown);
            }
        }
    }
    if message.chars().any(char::is_control) {
        message = message
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
    }
    message
}

/// A day written `YYYY-MM-DD` with a four-digit year (1000..=9999), or `None`.
/// Wider years (which chrono's `%Y` accepts, up to ±262,143) are refused: no map
/// needs them and date arithmetic near the ends of chrono's range fails.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    (1000..=9999).contains(&day.year()).then_some(day)
}

/// Keeps the problems of one file to [`MAX_PROBLEMS_PER_FILE`]: call
/// [`ProblemCap::trim`] after each row, and [`ProblemCap::finish`] at the end.
#[derive(Debug)]
pub(crate) struct ProblemCap {
    /// The file, for the summary line.
    file: String,
    /// Where this file's problems start in the list.
    start: usize,
    /// Problems dropped so far.
    dropped: usize,
}

impl ProblemCap {
    /// Starts counting the problems `file` adds after the `problems` listed so far.
    pub(crate) fn new(file: &str, problems: &[String]) -> ProblemCap {
        ProblemCap {
            file: file.to_string(),
            start: problems.len(),
            dropped: 0,
        }
    }

    /// Drops the problems beyond the cap, counting them.
    pub(crate) fn trim(&mut self, problems: &mut Vec<String>) {
        let cap = self.start + MAX_PROBLEMS_PER_FILE;
        if problems.len() > cap {
            self.dropped += problems.len() - cap;
            problems.truncate(cap);
        }
    }

    /// Adds the line that counts the dropped problems, if any.
    pub(crate) fn finish(mut self, problems: &mut Vec<String>) {
        self.trim(problems);
        if self.dropped > 0 {
            problems.push(format!(
                "{}: {} more problems are not listed; fix the ones above and import again",
                self.file, self.dropped
            ));
        }
    }
}

/// The names met so far in one people sheet, to report a name given again when
/// either of its rows has another problem (two good rows of one name are found
/// when the import is checked against the map, [`crate::store::MapFile::preview_import`]).
#[derive(Debug, Default)]
pub(crate) struct NamesSeen {
    /// Each name's key → its first row, and whether that row was read whole
    /// (boxed: a million names cost a third less than as `String`s).
    first: foldhash::HashMap<Box<str>, (usize, bool)>,
}

impl NamesSeen {
    /// Notes the row `at` named `name` (`ok` when it was read without a problem),
    /// adding the problem of a name given again, and remembering a bad row's name
    /// in `batch.rejected_people`.
    pub(crate) fn note(&mut self, at: &RowRef, name: &str, ok: bool, batch: &mut ImportBatch) {
        self.note_into(
            at,
            name,
            ok,
            &mut batch.problems,
            &mut batch.rejected_people,
        );
    }

    /// [`NamesSeen::note`] into the lists of a sheet read row by row.
    pub(crate) fn note_into(
        &mut self,
        at: &RowRef,
        name: &str,
        ok: bool,
        problems: &mut Vec<String>,
        rejected: &mut Vec<(RowRef, String)>,
    ) {
        if !ok {
            rejected.push((at.clone(), name.to_string()));
        }
        let key = crate::model::text::name_key(name);
        match self.first.get(key.as_str()) {
            Some(&(row, ok_first)) if !(ok && ok_first) => problems.push(format!(
                "{at}, column name: '{}' appears again (first on row {row}); names must be \
                 unique, rename one",
                excerpt(name)
            )),
            Some(_) => {}
            None => {
                self.first.insert(key.into_boxed_str(), (at.row, ok));
            }
        }
    }
}

/// The names a reader has met, each kept once and handed out shared.
#[derive(Debug, Default)]
pub(crate) struct Names(foldhash::HashSet<std::sync::Arc<str>>);

impl Names {
    /// The shared copy of `name`.
    pub(crate) fn get(&mut self, name: &str) -> std::sync::Arc<str> {
        match self.0.get(name) {
            Some(shared) => shared.clone(),
            None => {
                let shared: std::sync::Arc<str> = name.into();
                self.0.insert(shared.clone());
                shared
            }
        }
    }
}

/// Where a row came from, for error messages: `people.csv row 14`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef {
    /// The file name as the user knows it (shared by every row of the file).
    pub file: std::sync::Arc<str>,
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
}

impl std::fmt::Display for RowRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} row {}", self.file, self.row)
    }
}

/// A relation whose ends are still names. The names are shared: a reader gives
/// every tie of one person the same [`Arc`](std::sync::Arc) ([`Names`]), so a
/// million ties do not hold two million copies of a few thousand names.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedRelation {
    /// Where it came from.
    pub at: RowRef,
    /// The first person's name.
    pub from: std::sync::Arc<str>,
    /// What the tie means.
    pub kind: RelationKind,
    /// The second person's name.
    pub to: std::sync::Arc<str>,
    /// 1..5.
    pub strength: Level,
    /// A note on the tie.
    pub note: String,
}

impl NamedRelation {
    /// The relation as a row the importer checks and writes.
    pub fn row(&self) -> RelationRow<'_> {
        RelationRow {
            at: &self.at,
            from: &self.from,
            kind: self.kind,
            to: &self.to,
            strength: self.strength,
            note: &self.note,
        }
    }
}

/// One relation row as read, its text borrowed: from a [`NamedRelation`] of a
/// batch, or from the record a CSV file is being streamed through.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RelationRow<'a> {
    /// Where it came from.
    pub at: &'a RowRef,
    /// The first person's name.
    pub from: &'a str,
    /// What the tie means.
    pub kind: RelationKind,
    /// The second person's name.
    pub to: &'a str,
    /// 1..5.
    pub strength: Level,
    /// A note on the tie.
    pub note: &'a str,
}

/// How far an import has come, for a progress bar: rows read and bytes of the
/// streamed files read, of how many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportProgress {
    /// Rows read so far (people and ties, every file).
    pub rows: u64,
    /// Bytes of the streamed CSV files read so far.
    pub bytes: u64,
    /// The size of the streamed CSV files together.
    pub total_bytes: u64,
}

/// A conversation whose people are still names.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedEngagement {
    /// Where it came from.
    pub at: RowRef,
    /// The day it was held.
    pub date: NaiveDate,
    /// Who was talked to.
    pub stakeholder: String,
    /// The advocate who held it, if given.
    pub held_by: Option<String>,
    /// Meeting, call, email…
    pub channel: String,
    /// What was said.
    pub summary: String,
    /// Their stance going in.
    pub stance_before: Option<Stance>,
    /// Their stance coming out.
    pub stance_after: Option<Stance>,
    /// The agreed next step.
    pub next_step: String,
    /// When it is due.
    pub next_step_due: Option<NaiveDate>,
}

/// Everything read from the files of one import, with the problems found so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportBatch {
    /// New people, with the row each came from.
    pub people: Vec<(RowRef, Stakeholder)>,
    /// The fields each person's row filled in, in the order of `people`; a merge
    /// compares only these. A person without an entry gave every field.
    pub people_fields: Vec<Vec<Field>>,
    /// New relations.
    pub relations: Vec<NamedRelation>,
    /// New conversations.
    pub engagements: Vec<NamedEngagement>,
    /// One line per problem: where, which column, what is wrong and the fix.
    pub problems: Vec<String>,
    /// The names of people rows that had a problem, with their row: a tie or a
    /// conversation naming one of them points at that row rather than saying
    /// no one has the name.
    pub rejected_people: Vec<(RowRef, String)>,
    /// Things worth knowing that do not stop the import (e.g. ignored columns).
    pub warnings: Vec<String>,
    /// What a JSON map file carries beyond people and ties, kept on import.
    pub restore: Option<Restore>,
    /// How the import's (first) org chart was read: which header was taken as
    /// what, so a UI can show it and offer corrections ([`read_files_with`]).
    pub org_columns: Option<OrgColumns>,
    /// That org chart's header as the file spells it: the choices for each column.
    pub org_headers: Vec<String>,
}

/// What a JSON map brings besides people and ties: the map's own description and
/// times, and the stance history, so an export → import → export round trip
/// gives the same file.
#[derive(Debug, Clone, PartialEq)]
pub struct Restore {
    /// The map's name, change, description and times; adopted when the import
    /// goes into an empty map.
    pub info: MapInfo,
    /// Every recorded stance of the file's people, oldest first; it replaces the
    /// "imported" entry an import would otherwise record, and conversations do
    /// not change stances again.
    pub history: Vec<NamedStanceChange>,
}

/// A recorded stance whose person is still a name.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedStanceChange {
    /// Whose stance.
    pub stakeholder: String,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The stance from then on.
    pub stance: Stance,
    /// What recorded it: `created`, `edited`, `imported`, `engagement`.
    pub source: String,
}

impl ImportBatch {
    /// Adds everything of `other` to this batch.
    pub fn extend(&mut self, other: ImportBatch) {
        // Into an empty list the other's is moved whole, not copied row by row.
        fn append<T>(to: &mut Vec<T>, more: Vec<T>) {
            if to.is_empty() {
                *to = more;
            } else {
                to.extend(more);
            }
        }
        append(&mut self.people, other.people);
        append(&mut self.people_fields, other.people_fields);
        append(&mut self.relations, other.relations);
        append(&mut self.engagements, other.engagements);
        append(&mut self.problems, other.problems);
        append(&mut self.rejected_people, other.rejected_people);
        append(&mut self.warnings, other.warnings);
        if other.restore.is_some() {
            self.restore = other.restore;
        }
        if self.org_columns.is_none() && other.org_columns.is_some() {
            self.org_columns = other.org_columns;
            self.org_headers = other.org_headers;
        }
    }
}

/// How an import treats people who are already in the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Keep people already in the map (matched by name, ignoring case) unchanged,
    /// list each field that differs as a [`Conflict`], skip ties already in the
    /// map, and add the rest. Without it, a name already in the map is a problem.
    pub merge: bool,
}

/// A field where the file and the map disagree about someone already in the map.
/// The map's value is kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Conflict {
    /// The person (or tie, `A influences B`).
    pub name: String,
    /// The field, e.g. `stance`.
    pub field: String,
    /// The value in the map, which is kept.
    pub in_map: String,
    /// The value in the file, which is not applied.
    pub in_file: String,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} is '{}' in the map but '{}' in the file; the map's value is kept",
            self.name, self.field, self.in_map, self.in_file
        )
    }
}

/// What an import will do (the dry run) or did: what is added, what is kept,
/// every conflict and every problem.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ImportPreview {
    /// How many people, relations and conversations are added.
    pub summary: ImportSummary,
    /// The names of the people added.
    pub added: Vec<String>,
    /// People already in the map and kept as they are (merge only).
    pub kept: Vec<String>,
    /// Relations already in the map, skipped (merge only).
    pub skipped_relations: usize,
    /// Conversations already in the map (same day, person and summary), skipped.
    pub skipped_engagements: usize,
    /// Mutual ties (allied, conflict) the files list both ways, each kept once
    /// with the stronger strength: `Ana – Ben (allied): listed twice (relations.csv
    /// rows 4 and 9); one tie kept, strength 4`.
    pub merged_ties: Vec<String>,
    /// Fields where file and map disagree; the map wins.
    pub conflicts: Vec<Conflict>,
    /// True when the file's map name, description, times and history are adopted
    /// (a JSON map imported into an empty map).
    pub restores_map: bool,
    /// Every problem; the import applies only when there is none.
    pub problems: Vec<String>,
    /// Things worth knowing that do not stop the import.
    pub warnings: Vec<String>,
}

/// What an import added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// People added.
    pub people: usize,
    /// Relations added.
    pub relations: usize,
    /// Conversations added.
    pub engagements: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short_and_escaped() {
        assert_eq!(excerpt("Ana"), "Ana");
        assert_eq!(excerpt("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
        let long = "x".repeat(5000);
        let shown = excerpt(&long);
        assert_eq!(shown, format!("{}…", "x".repeat(EXCERPT_CHARS)));
    }

    #[test]
    fn messages_quote_long_or_control_cells_as_excerpts() {
        let cell = format!(" {} ", "Zz".repeat(10_000));
        let message = format!(
            "stance '{}' is not one of -2..2",
            cell.trim().to_ascii_lowercase()
        );
        let inert = inert_message(&message, &cell);
        assert!(inert.len() < 200, "{inert}");
        assert!(
            inert.starts_with("stance 'ZzZz") && inert.contains("…' is not one of"),
            "{inert}"
        );
        let inert = inert_message("stance '\u{1b}]0;x\u{7}' is bad", "\u{1b}]0;x\u{7}");
        assert!(
            !inert.contains('\u{1b}') && !inert.contains('\u{7}'),
            "{inert}"
        );
        assert!(inert.contains("\\u{1b}]0;x\\u{7}"), "{inert}");
    }

    #[test]
    fn days_need_four_digit_years() {
        assert!(parse_day("2026-10-01").is_some());
        assert!(parse_day("+99999-01-01").is_none());
        assert!(parse_day("0099-01-01").is_none());
        assert!(parse_day("2026-02-30").is_none());
    }

    #[test]
    fn problems_beyond_the_cap_are_counted_in_one_line() {
        let mut problems = vec!["before".to_string()];
        let mut cap = ProblemCap::new("p.csv", &problems);
        for i in 0..MAX_PROBLEMS_PER_FILE + 5 {
            problems.push(format!("p.csv row {i}: bad"));
            cap.trim(&mut problems);
        }
        cap.finish(&mut problems);
        assert_eq!(problems.len(), 1 + MAX_PROBLEMS_PER_FILE + 1);
        assert_eq!(
            problems.last().map(String::as_str),
            Some("p.csv: 5 more problems are not listed; fix the ones above and import again")
        );
    }
}

//! Coalition's own CSV columns: `people.csv`, `relations.csv`, `engagements.csv`.
//!
//! Headers are matched by name (any case, any order); an empty cell keeps the
//! default. Rows are numbered as a spreadsheet shows them: the header is row 1.
//! A leading apostrophe that neutralised a formula on export is removed.

use std::io::Read;

use chrono::NaiveDate;

use super::{ImportBatch, NamedEngagement, NamedRelation, RowRef};
use crate::formats::csv::{ENGAGEMENT_COLUMNS, RELATION_COLUMNS, unneutralise};
use crate::model::{Field, Level, RelationKind, Stakeholder, Stance};

/// One data row: its reference and its raw cells, decoded when read by [`cell`]
/// (no allocation per cell: imports of a million cells stay fast).
pub(super) struct Row {
    /// Where the row is.
    pub(super) at: RowRef,
    /// The cells as the file has them.
    record: ::csv::ByteRecord,
}

/// Reads a whole CSV: the header names (lower-cased) and the rows; or `None`, with
/// the problems that stop the file from being read at all added to `problems`.
pub(super) fn read_rows(
    file: &str,
    input: impl Read,
    problems: &mut Vec<String>,
) -> Option<(Vec<String>, Vec<Row>)> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(input);
    let header = match reader.byte_headers() {
        Ok(header) => header,
        Err(e) => {
            problems.push(format!("{file}: {e}"));
            return None;
        }
    };
    let header: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = String::from_utf8_lossy(h);
            let h = if i == 0 {
                h.trim_start_matches('\u{feff}')
            } else {
                &h
            };
            h.trim().to_lowercase()
        })
        .collect();
    let mut rows = Vec::new();
    let already = problems.len();
    let file_name: std::sync::Arc<str> = file.into();
    let mut record = ::csv::ByteRecord::new();
    let mut row = 1;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                row += 1;
                let at = RowRef {
                    file: file_name.clone(),
                    row,
                };
                rows.push(Row {
                    at,
                    record: record.clone(),
                });
            }
            Err(e) => {
                row += 1;
                problems.push(format!(
                    "{file} row {row}: {e}; fix the quoting of this row"
                ));
                if problems.len() - already > 20 {
                    break;
                }
            }
        }
    }
    (problems.len() == already).then_some((header, rows))
}

/// The text of `row` under column `col` (`""` when the row is short), with a
/// formula-neutralising apostrophe removed, or why it cannot be read.
pub(super) fn cell(row: &Row, col: Option<usize>) -> Result<&str, &'static str> {
    match col.and_then(|c| row.record.get(c)) {
        Some(bytes) => std::str::from_utf8(bytes)
            .map(unneutralise)
            .map_err(|_| "is not valid UTF-8; save the file as CSV UTF-8"),
        None => Ok(""),
    }
}

/// Reads `people.csv`: one stakeholder per row. Columns are the stakeholder fields
/// (`name` is required). Unknown columns are reported rather than dropped.
pub fn read_people_csv(file: &str, input: impl Read) -> ImportBatch {
    let mut batch = ImportBatch::default();
    let Some((header, rows)) = read_rows(file, input, &mut batch.problems) else {
        return batch;
    };
    let mut columns: Vec<(usize, Field)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        match h.parse::<Field>() {
            Ok(field) => columns.push((i, field)),
            Err(e) => batch
                .problems
                .push(format!("{file} header, column {}: {e}", i + 1)),
        }
    }
    let Some(&(name_col, _)) = columns.iter().find(|(_, f)| *f == Field::Name) else {
        batch.problems.push(format!(
            "{file}: there is no 'name' column; add one as the first column"
        ));
        return batch;
    };
    for row in rows {
        let name = match cell(&row, Some(name_col)) {
            Ok(name) => name,
            Err(problem) => {
                batch
                    .problems
                    .push(format!("{}, column name: {problem}", row.at));
                continue;
            }
        };
        let mut person = match Stakeholder::new(name) {
            Ok(p) => p,
            Err(e) => {
                batch.problems.push(format!("{}, column name: {e}", row.at));
                continue;
            }
        };
        let mut ok = true;
        let mut given = vec![Field::Name];
        for &(col, field) in columns.iter().filter(|(_, f)| *f != Field::Name) {
            let result = match cell(&row, Some(col)) {
                Ok("") => continue,
                Ok(value) => {
                    given.push(field);
                    person.set(field, value).map_err(|e| e.to_string())
                }
                Err(problem) => Err(problem.to_string()),
            };
            if let Err(e) = result {
                batch
                    .problems
                    .push(format!("{}, column {field}: {e}", row.at));
                ok = false;
            }
        }
        if ok {
            batch.people.push((row.at, person));
            batch.people_fields.push(given);
        }
    }
    batch
}

/// The index of each expected column, reporting unknown ones.
fn locate<const N: usize>(
    file: &str,
    header: &[String],
    expected: [&str; N],
    problems: &mut Vec<String>,
) -> [Option<usize>; N] {
    for (i, h) in header.iter().enumerate() {
        if !expected.contains(&h.as_str()) {
            problems.push(format!(
                "{file} header, column {}: '{h}' is not a column of this file; use {}",
                i + 1,
                expected.join(", ")
            ));
        }
    }
    expected.map(|name| header.iter().position(|h| h == name))
}

/// Reads `relations.csv`: `from, kind, to, strength, note` (strength defaults to 3).
pub fn read_relations_csv(file: &str, input: impl Read) -> ImportBatch {
    let mut batch = ImportBatch::default();
    let Some((header, rows)) = read_rows(file, input, &mut batch.problems) else {
        return batch;
    };
    let cols = locate(file, &header, RELATION_COLUMNS, &mut batch.problems);
    for (needed, col) in ["from", "kind", "to"].iter().zip(cols) {
        if col.is_none() {
            batch
                .problems
                .push(format!("{file}: there is no '{needed}' column; add it"));
        }
    }
    if cols[..3].iter().any(Option::is_none) {
        return batch;
    }
    for row in rows {
        let mut problems = Vec::new();
        let mut text = |i: usize| match cell(&row, cols[i]) {
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
            .map_err(|e| problems.push(format!("{}, column kind: {e}", row.at)))
            .ok();
        let strength = if strength.is_empty() {
            Some(Level::MEDIUM)
        } else {
            Level::parse(strength, "strength")
                .map_err(|e| problems.push(format!("{}, column strength: {e}", row.at)))
                .ok()
        };
        if let Err(e) = crate::model::text::check_text(note, "the note") {
            problems.push(format!("{}, column note: {e}", row.at));
        }
        match (kind, strength) {
            (Some(kind), Some(strength)) if problems.is_empty() => {
                batch.relations.push(NamedRelation {
                    from: from.to_string(),
                    kind,
                    to: to.to_string(),
                    strength,
                    note: note.to_string(),
                    at: row.at,
                });
            }
            _ => batch.problems.extend(problems),
        }
    }
    batch
}

/// Reads `engagements.csv`: `date, stakeholder, held_by, channel, summary,
/// stance_before, stance_after, next_step, next_step_due` (dates as YYYY-MM-DD).
pub fn read_engagements_csv(file: &str, input: impl Read) -> ImportBatch {
    let mut batch = ImportBatch::default();
    let Some((header, rows)) = read_rows(file, input, &mut batch.problems) else {
        return batch;
    };
    let cols = locate(file, &header, ENGAGEMENT_COLUMNS, &mut batch.problems);
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
    for row in rows {
        let mut problems = Vec::new();
        let mut text = |i: usize| match cell(&row, cols[i]) {
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
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| {
                    problems.push(format!(
                        "{}, column {}: '{t}' is not a date; write it as YYYY-MM-DD",
                        row.at, ENGAGEMENT_COLUMNS[i]
                    ))
                })
                .ok()
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
                    problems.push(format!("{}, column {}: {e}", row.at, ENGAGEMENT_COLUMNS[i]))
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
                    at: row.at,
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
    batch
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
        assert!(
            b.problems[0].contains("'mood' is not a stakeholder field"),
            "{:?}",
            b.problems
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
}

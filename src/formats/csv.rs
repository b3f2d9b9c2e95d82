//! Coalition's own CSV files, as written: `people.csv`, `relations.csv` and
//! `engagements.csv`, in the columns the importer reads, spreadsheet-safe.
//!
//! A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! would run as a formula in Excel or LibreOffice; it is written with a leading
//! apostrophe, which spreadsheets show as text and the importer removes again.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{Field, MapSnapshot};

/// The columns of `relations.csv`, in order.
pub const RELATION_COLUMNS: [&str; 5] = ["from", "kind", "to", "strength", "note"];

/// The columns of `engagements.csv`, in order.
pub const ENGAGEMENT_COLUMNS: [&str; 9] = [
    "date",
    "stakeholder",
    "held_by",
    "channel",
    "summary",
    "stance_before",
    "stance_after",
    "next_step",
    "next_step_due",
];

/// The characters that make a spreadsheet treat a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes a cell inert in spreadsheets: numbers stay numbers, and text that would
/// start a formula gets a leading apostrophe.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(FORMULA_STARTS) && cell.trim().parse::<f64>().is_err();
    if risky {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Undoes [`spreadsheet_safe`] on an imported cell.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Writes `people.csv`: a header of every field, then one row per person.
pub fn write_people_csv(map: &MapSnapshot, out: impl Write) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    let header: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
    w.write_record(&header).map_err(csv_error)?;
    for person in &map.stakeholders {
        let row: Vec<String> = Field::ALL
            .iter()
            .map(|f| spreadsheet_safe(&person.get(*f)).into_owned())
            .collect();
        w.write_record(&row).map_err(csv_error)?;
    }
    w.flush().map_err(|e| csv_error(e.into()))
}

/// Writes `relations.csv`: `from, kind, to, strength, note`, by name.
pub fn write_relations_csv(map: &MapSnapshot, out: impl Write) -> Result<()> {
    let names: std::collections::HashMap<_, _> = map
        .stakeholders
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(RELATION_COLUMNS).map_err(csv_error)?;
    for r in &map.relations {
        let strength = r.strength.to_string();
        w.write_record([
            spreadsheet_safe(names.get(&r.from).copied().unwrap_or_default()).as_ref(),
            r.kind.as_str(),
            spreadsheet_safe(names.get(&r.to).copied().unwrap_or_default()).as_ref(),
            strength.as_str(),
            spreadsheet_safe(&r.note).as_ref(),
        ])
        .map_err(csv_error)?;
    }
    w.flush().map_err(|e| csv_error(e.into()))
}

/// Writes `engagements.csv`: `date, stakeholder, held_by, channel, summary,
/// stance_before, stance_after, next_step, next_step_due`, by name.
pub fn write_engagements_csv(map: &MapSnapshot, out: impl Write) -> Result<()> {
    let names: std::collections::HashMap<_, _> = map
        .stakeholders
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let name = |id| names.get(&id).copied().unwrap_or_default();
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(ENGAGEMENT_COLUMNS).map_err(csv_error)?;
    for e in &map.engagements {
        let stance = |s: Option<crate::model::Stance>| s.map(|s| s.label()).unwrap_or_default();
        w.write_record([
            day(e.date).as_str(),
            spreadsheet_safe(name(e.stakeholder)).as_ref(),
            spreadsheet_safe(e.held_by.map(name).unwrap_or_default()).as_ref(),
            spreadsheet_safe(&e.channel).as_ref(),
            spreadsheet_safe(&e.summary).as_ref(),
            stance(e.stance_before),
            stance(e.stance_after),
            spreadsheet_safe(&e.next_step).as_ref(),
            e.next_step_due.map(day).unwrap_or_default().as_str(),
        ])
        .map_err(csv_error)?;
    }
    w.flush().map_err(|e| csv_error(e.into()))
}

fn csv_error(e: ::csv::Error) -> Error {
    Error::Invalid(format!("the CSV could not be written: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_restored() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+1+2",
            "-A1",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            let safe = spreadsheet_safe(cell);
            assert!(safe.starts_with('\''), "{cell}");
            assert_eq!(unneutralise(&safe), cell);
        }
        for cell in ["-2", "3", "Ana", "'quoted", "a=b"] {
            assert_eq!(spreadsheet_safe(cell), cell);
            assert_eq!(unneutralise(cell), cell);
        }
    }
}

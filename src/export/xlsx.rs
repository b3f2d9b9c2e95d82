//! `map.xlsx`: one Excel workbook with the sheets People, Relations and
//! Conversations, in exactly the columns of our CSV files (`formats::csv`), so it
//! imports back as they do.
//!
//! Formula-safe by construction: every text cell is written as a string cell
//! (`write_string`), never as a formula, so `=HYPERLINK(…)`, `+cmd` or `@SUM(A1)`
//! stay inert text, with no apostrophe needed. Levels and strengths are number
//! cells, days are date cells shown `yyyy-mm-dd`. The header row is bold and
//! frozen. The document's creation time is the map's last change, so one map
//! gives the same bytes every time.
//!
//! Each sheet is written in rust_xlsxwriter's "low memory" mode: a row goes to a
//! temporary file as soon as the next one starts, and only the shared-string
//! table stays in memory, so a 100k-person workbook is never held as cells
//! (927 → 130 MB peak). That mode ignores a write to a row already passed, so the
//! rows are written strictly in order, header first.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::Reporter;
use crate::error::{Error, Result};
use crate::formats::csv::{ENGAGEMENT_COLUMNS, RELATION_COLUMNS};
use crate::import::excerpt;
use crate::model::{Field, MapSnapshot, StakeholderId};

/// The most characters Excel keeps in one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// The most rows of an Excel sheet, the header included.
const MAX_ROWS: usize = 1_048_576;
/// The widest a column is made, in characters.
const MAX_WIDTH: usize = 50;

/// One cell to write.
enum Value<'a> {
    /// A string cell.
    Text(Cow<'a, str>),
    /// A number cell.
    Number(f64),
    /// A date cell (text before 1900-03-01, which Excel cannot show as a date).
    Day(NaiveDate),
    /// Nothing.
    Empty,
}

/// The workbook of the map (already through its privacy profile).
pub(super) fn write(map: &MapSnapshot, progress: &Reporter) -> Result<Vec<u8>> {
    let names: HashMap<StakeholderId, &str> = map
        .stakeholders
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let name = |id: StakeholderId| names.get(&id).copied().unwrap_or_default();
    let styles = Styles {
        header: Format::new().set_bold(),
        day: Format::new().set_num_format("yyyy-mm-dd"),
    };
    let mut book = Workbook::new();
    let updated = map.info.updated;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(updated.year()).unwrap_or(2000),
        updated.month() as u8,
        updated.day() as u8,
    )
    .and_then(|d| {
        d.and_hms(
            updated.hour() as u16,
            updated.minute() as u8,
            updated.second(),
        )
    })
    .map_err(failed)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));

    let header: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
    let people = &map.stakeholders;
    let numeric = |f: Field| {
        matches!(
            f,
            Field::Power | Field::Interest | Field::Openness | Field::Effort
        )
    };
    write_sheet(
        book.add_worksheet_with_low_memory().map_err(failed)?,
        &styles,
        Sheet {
            name: "People",
            header: &header,
            rows: people.len(),
            row: &|i| {
                let p = &people[i];
                Field::ALL
                    .iter()
                    .map(|&f| match (numeric(f), p.get(f)) {
                        (true, v) => v
                            .parse::<f64>()
                            .map_or(Value::Text(v.into()), Value::Number),
                        (false, v) => Value::Text(v.into()),
                    })
                    .collect()
            },
            who: &|i| format!("{}'s", excerpt(&people[i].name)),
        },
        progress,
    )?;

    let relations = &map.relations;
    write_sheet(
        book.add_worksheet_with_low_memory().map_err(failed)?,
        &styles,
        Sheet {
            name: "Relations",
            header: &RELATION_COLUMNS,
            rows: relations.len(),
            row: &|i| {
                let r = &relations[i];
                vec![
                    Value::Text(name(r.from).into()),
                    Value::Text(r.kind.as_str().into()),
                    Value::Text(name(r.to).into()),
                    r.strength
                        .to_string()
                        .parse::<f64>()
                        .map_or(Value::Empty, Value::Number),
                    Value::Text(r.note.as_str().into()),
                ]
            },
            who: &|i| {
                let r = &relations[i];
                format!(
                    "the tie {} {} {}:",
                    excerpt(name(r.from)),
                    r.kind.as_str(),
                    excerpt(name(r.to))
                )
            },
        },
        progress,
    )?;

    let engagements = &map.engagements;
    write_sheet(
        book.add_worksheet_with_low_memory().map_err(failed)?,
        &styles,
        Sheet {
            name: "Conversations",
            header: &ENGAGEMENT_COLUMNS,
            rows: engagements.len(),
            row: &|i| {
                let e = &engagements[i];
                let stance = |s: Option<crate::model::Stance>| {
                    s.map_or(Value::Empty, |s| Value::Text(s.label().into()))
                };
                vec![
                    Value::Day(e.date),
                    Value::Text(name(e.stakeholder).into()),
                    Value::Text(e.held_by.map(name).unwrap_or_default().into()),
                    Value::Text(e.channel.as_str().into()),
                    Value::Text(e.summary.as_str().into()),
                    stance(e.stance_before),
                    stance(e.stance_after),
                    Value::Text(e.next_step.as_str().into()),
                    e.next_step_due.map_or(Value::Empty, Value::Day),
                ]
            },
            who: &|i| {
                let e = &engagements[i];
                format!(
                    "the conversation with {} on {}:",
                    excerpt(name(e.stakeholder)),
                    e.date
                )
            },
        },
        progress,
    )?;
    progress.item("writing XLSX", 0, 1);
    let bytes = book.save_to_buffer().map_err(failed)?;
    progress.item("writing XLSX", 1, 1);
    Ok(bytes)
}

/// The cell formats the sheets share.
struct Styles {
    header: Format,
    day: Format,
}

/// One sheet to write: its name, header and rows.
struct Sheet<'a> {
    name: &'static str,
    header: &'a [&'a str],
    rows: usize,
    /// The cells of row `i` (from 0, below the header).
    row: &'a dyn Fn(usize) -> Vec<Value<'a>>,
    /// Whose row `i` is, for an error: `Ana's`, `the tie A trusts B:`.
    who: &'a dyn Fn(usize) -> String,
}

fn write_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    spec: Sheet<'_>,
    progress: &Reporter,
) -> Result<()> {
    if spec.rows >= MAX_ROWS {
        return Err(Error::Invalid(format!(
            "the map has {} rows for the sheet {}; an XLSX sheet holds at most {}: export CSV \
             or JSON instead",
            spec.rows,
            spec.name,
            MAX_ROWS - 1
        )));
    }
    sheet.set_name(spec.name).map_err(failed)?;
    let mut widths: Vec<usize> = spec.header.iter().map(|h| h.len() + 2).collect();
    for (col, title) in spec.header.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *title, &styles.header)
            .map_err(failed)?;
    }
    let stage = match spec.name {
        "People" => "writing people",
        "Relations" => "writing relations",
        _ => "writing conversations",
    };
    for i in 0..spec.rows {
        progress.item(stage, i, spec.rows);
        let row = (i + 1) as u32;
        for (col, value) in (spec.row)(i).into_iter().enumerate() {
            let c = col as u16;
            let shown = match value {
                Value::Text(text) if text.is_empty() => 0,
                Value::Text(text) => {
                    let chars = text.chars().count();
                    if chars > MAX_CELL_CHARS {
                        return Err(Error::Invalid(format!(
                            "{} {} is {chars} characters long; an XLSX cell holds at most \
                             {MAX_CELL_CHARS}: shorten it, or export CSV or JSON, which keep it whole",
                            (spec.who)(i),
                            spec.header[col]
                        )));
                    }
                    sheet.write_string(row, c, text.as_ref()).map_err(failed)?;
                    text.lines().next().map_or(0, |l| l.chars().count())
                }
                Value::Number(n) => {
                    sheet.write_number(row, c, n).map_err(failed)?;
                    3
                }
                Value::Day(day) => {
                    let text = day.format("%Y-%m-%d").to_string();
                    match excel_day(day) {
                        Some(d) => sheet
                            .write_datetime_with_format(row, c, &d, &styles.day)
                            .map_err(failed)?,
                        None => sheet.write_string(row, c, &text).map_err(failed)?,
                    };
                    text.len()
                }
                Value::Empty => 0,
            };
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(shown + 1).min(MAX_WIDTH);
            }
        }
    }
    progress.item(stage, spec.rows, spec.rows);
    for (col, width) in widths.into_iter().enumerate() {
        sheet
            .set_column_width(col as u16, width as f64)
            .map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    Ok(())
}

/// A day as an Excel date, when Excel can show it as one (from 1900-03-01: before
/// it, Excel's calendar counts a 29 February 1900 that never was).
fn excel_day(day: NaiveDate) -> Option<ExcelDateTime> {
    if day < NaiveDate::from_ymd_opt(1900, 3, 1)? {
        return None;
    }
    ExcelDateTime::from_ymd(
        u16::try_from(day.year()).ok()?,
        day.month() as u8,
        day.day() as u8,
    )
    .ok()
}

fn failed(e: XlsxError) -> Error {
    Error::Invalid(format!(
        "the workbook could not be written ({e}); export CSV instead, and please report this"
    ))
}

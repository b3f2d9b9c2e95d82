//! Excel workbooks (`.xlsx`), read with calamine.
//!
//! Each worksheet becomes, in memory, the CSV a spreadsheet would save it as
//! (strings as they are, integral numbers without `.0`, dates `YYYY-MM-DD`,
//! booleans `true`/`false`, errors and empty cells empty; a formula gives its
//! cached value, never evaluated), and goes through the same detection and
//! readers as a CSV file: the same columns, checks and problem lines, labelled
//! `book.xlsx sheet People row 14` with rows as Excel numbers them. A tab named
//! People, Relations, Conversations or Engagements (any case) is that sheet;
//! any other tab is whatever its header says, and one Coalition cannot tell is
//! skipped with a warning.
//!
//! A workbook is a zip archive from anyone, so it is checked before calamine
//! sees it: its size on disk, the size every part declares unpacked (the zip
//! reader refuses a part that unpacks to more than it declares, so a zip bomb
//! stops at the limit), and the shared-string count calamine reserves room for.
//! The text a sheet turns into is capped too, and a panic inside the parser
//! becomes an error naming the file.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calamine::{DataRef, Reader, SheetType, Xlsx, XlsxCellReader};

use super::files::{Sheet, SourceFormat, read_sheet};
use super::{ImportBatch, OrgColumns, excerpt};
use crate::error::{Error, Result};
use crate::model::text::MAX_COLUMNS;

/// The largest workbook read, in bytes on disk.
pub const MAX_WORKBOOK_BYTES: u64 = 256 << 20;
/// The most one part of a workbook (a sheet, the shared strings) may unpack to.
pub const MAX_PART_BYTES: u64 = 512 << 20;
/// The most all parts of a workbook together may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;
/// The most parts (files inside the zip archive) a workbook may have.
pub const MAX_PARTS: usize = 10_000;
/// The most text (as CSV) the sheets of one workbook may hold together.
pub const MAX_TEXT_BYTES: usize = 512 << 20;

/// The first bytes of an OLE compound file: an Excel 97–2003 `.xls`, or an
/// `.xlsx` encrypted with a password.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads every worksheet of the workbook at `path` (called `label` in messages)
/// into one batch, each as its tab name or header says (`format` as for CSV
/// files; `columns` is an org chart's corrected mapping). A file that is not a
/// readable workbook is an error naming it and the fix; a bad row is a problem
/// line, as in CSV.
pub(super) fn read_workbook(
    path: &Path,
    label: &str,
    format: Option<SourceFormat>,
    columns: Option<&OrgColumns>,
) -> Result<ImportBatch> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_WORKBOOK_BYTES {
        return Err(Error::Invalid(format!(
            "{label} is {} MiB; Coalition reads workbooks of at most {} MiB: split it, or save \
             its sheets as CSV and import those",
            size >> 20,
            MAX_WORKBOOK_BYTES >> 20
        )));
    }
    let mut reader = BufReader::new(file);
    check_archive(&mut reader, label)?;
    reader.seek(SeekFrom::Start(0)).map_err(io)?;
    let sheet_format = format.filter(|f| *f != SourceFormat::Xlsx);
    let read = catch_unwind(AssertUnwindSafe(|| {
        read_sheets(reader, label, sheet_format, columns)
    }));
    read.unwrap_or_else(|_| Err(damaged(label, "the parser stopped on it")))
}

/// The error for a workbook that cannot be read.
fn damaged(label: &str, why: &str) -> Error {
    Error::Invalid(format!(
        "{label} could not be read as an XLSX workbook ({}): it is damaged, cut short or not \
         from a spreadsheet; open it in Excel or LibreOffice and save it again as .xlsx, or \
         save its sheets as CSV",
        excerpt(why)
    ))
}

/// Checks the zip archive before calamine opens it: that it is one, the sizes its
/// parts declare, and the shared-string count.
fn check_archive<R: Read + Seek>(reader: &mut R, label: &str) -> Result<()> {
    let mut start = [0u8; 8];
    let got = reader.read(&mut start).unwrap_or(0);
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| damaged(label, &e.to_string()))?;
    if got == start.len() && start == OLE_MAGIC {
        return Err(Error::Invalid(format!(
            "{label} is an Excel 97–2003 workbook (.xls) or one protected by a password; \
             Coalition reads .xlsx: open it, remove the password if it has one, and save it \
             as Excel Workbook (.xlsx)"
        )));
    }
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| {
        Error::Invalid(format!(
            "{label} is not an XLSX workbook: it is not a zip archive ({}), or it was cut \
             short; save it from your spreadsheet as Excel Workbook (.xlsx), or import CSV",
            excerpt(&e.to_string())
        ))
    })?;
    if zip.len() > MAX_PARTS {
        return Err(Error::Invalid(format!(
            "{label} holds {} parts; a workbook Coalition reads holds at most {MAX_PARTS}: \
             save its sheets as CSV and import those",
            zip.len()
        )));
    }
    let mut total: u64 = 0;
    let mut strings = Vec::new();
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| damaged(label, &e.to_string()))?;
        let unpacked = part.size();
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        total = total.saturating_add(unpacked);
        if unpacked > MAX_PART_BYTES || total > MAX_UNPACKED_BYTES {
            return Err(Error::Invalid(format!(
                "{label} unpacks to more than {} MiB (its part {} alone to {} MiB); Coalition \
                 reads workbooks of at most {} MiB unpacked: split it, or save its sheets as CSV",
                total.max(unpacked) >> 20,
                excerpt(&name),
                unpacked >> 20,
                MAX_UNPACKED_BYTES >> 20
            )));
        }
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            strings.push((i, unpacked));
        }
    }
    // calamine reserves room for the count the shared strings declare; each
    // string takes at least `<si><t/></si>`, so a larger count is a lie.
    for (i, unpacked) in strings {
        let part = zip
            .by_index(i)
            .map_err(|e| damaged(label, &e.to_string()))?;
        if let Some(count) = declared_strings(part)?
            && count > unpacked / 13 + 1
        {
            return Err(damaged(
                label,
                &format!("it declares {count} shared strings in {unpacked} bytes"),
            ));
        }
    }
    Ok(())
}

/// The `uniqueCount` the shared-string table's root element declares, read from
/// its first few KiB.
fn declared_strings(part: impl Read) -> Result<Option<u64>> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part.take(64 << 10)));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                let count = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "uniqueCount")
                    .and_then(|a| a.value.parse::<u64>().ok());
                return Ok(count);
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return Ok(None),
            Ok(_) => {}
        }
    }
}

/// Which sheet a tab's name says it is.
fn named(tab: &str) -> Option<Sheet> {
    match tab.trim().to_lowercase().as_str() {
        "people" => Some(Sheet::People),
        "relations" => Some(Sheet::Relations),
        "conversations" | "engagements" => Some(Sheet::Engagements),
        _ => None,
    }
}

/// Opens the checked workbook with calamine and reads its worksheets in order.
fn read_sheets<R: Read + Seek>(
    reader: R,
    label: &str,
    format: Option<SourceFormat>,
    columns: Option<&OrgColumns>,
) -> Result<ImportBatch> {
    let mut book: Xlsx<R> = Xlsx::new(reader).map_err(|e| damaged(label, &e.to_string()))?;
    let tabs: Vec<_> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut batch = ImportBatch::default();
    let mut skipped = Vec::new();
    let mut read_one = false;
    let mut budget = MAX_TEXT_BYTES;
    for tab in tabs {
        let sheet_label = format!("{label} sheet {}", excerpt(&tab));
        let mut cells = book
            .worksheet_cells_reader(&tab)
            .map_err(|e| damaged(&sheet_label, &e.to_string()))?;
        let text = match to_csv(&mut cells, &sheet_label, &mut budget) {
            Ok(Some(text)) => text,
            Ok(None) => continue,
            Err(problem) => {
                batch.problems.push(problem);
                read_one = true;
                continue;
            }
        };
        drop(cells);
        // The tab's name says what the sheet is, unless the user named a format.
        let hint = match format {
            None | Some(SourceFormat::Csv) => named(&tab),
            _ => None,
        };
        let mut one = ImportBatch::default();
        let path = Path::new(&sheet_label);
        let open = || Ok(text.csv.as_slice());
        match read_sheet(path, &sheet_label, open, format, columns, hint, &mut one) {
            Ok(()) => {
                renumber(&mut one, &sheet_label, &text.rows);
                batch.extend(one);
                read_one = true;
            }
            Err(e) => skipped.push(e.to_string()),
        }
    }
    if !read_one {
        return Err(Error::Invalid(if skipped.is_empty() {
            format!(
                "{label} has no sheet with anything in it; fill in a People, Relations or \
                 Conversations sheet"
            )
        } else {
            format!(
                "{label} has no sheet Coalition can read: {}",
                skipped.join("; ")
            )
        }));
    }
    batch.warnings.extend(
        skipped
            .into_iter()
            .map(|why| format!("{why}; this sheet was not imported")),
    );
    Ok(batch)
}

/// One worksheet as CSV, with the Excel row number of every record.
struct SheetText {
    /// The CSV bytes: the header record first.
    csv: Vec<u8>,
    /// `rows[i]` is the Excel row (from 1) of record `i` (the header is record 0).
    rows: Vec<u32>,
}

/// Writes a worksheet's cells as CSV, skipping empty rows; `None` for a sheet
/// with nothing in it, or the problem that stops it being read (a cell beyond
/// the column limit, more text than `budget` allows, cells out of order).
fn to_csv<R: Read + Seek>(
    cells: &mut XlsxCellReader<'_, R>,
    label: &str,
    budget: &mut usize,
) -> std::result::Result<Option<SheetText>, String> {
    let mut out = SheetText {
        csv: Vec::new(),
        rows: Vec::new(),
    };
    // Flexible: trailing empty cells are left out, so rows differ in length.
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(&mut out.csv);
    let write_failed = |e: ::csv::Error| format!("{label}: {e}; save the sheet as CSV");
    let mut row: Vec<String> = Vec::new();
    let mut at: Option<u32> = None;
    let mut text = 0usize;
    let stop = |e: calamine::XlsxError| {
        format!(
            "{label}: {}; save it again as .xlsx",
            excerpt(&e.to_string())
        )
    };
    loop {
        let cell = cells.next_cell().map_err(stop)?;
        let position = cell.as_ref().map(|c| c.get_position());
        let next_row = position.map(|(r, _)| r);
        if next_row != at {
            if let Some(r) = at {
                if next_row.is_some_and(|n| n < r) {
                    return Err(format!(
                        "{label}: row {} comes after row {}, which a spreadsheet never writes; \
                         open the workbook and save it again as .xlsx",
                        next_row.unwrap_or(0) + 1,
                        r + 1
                    ));
                }
                while row.last().is_some_and(String::is_empty) {
                    row.pop();
                }
                if !row.is_empty() {
                    writer.write_record(&row).map_err(write_failed)?;
                    out.rows.push(r.saturating_add(1));
                }
                row.clear();
            }
            at = next_row;
        }
        let Some(cell) = cell else { break };
        let value = value_text(cell.get_value());
        if value.is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        let column = c as usize;
        if column >= MAX_COLUMNS {
            return Err(format!(
                "{label} has a cell in column {} (row {}); Coalition reads at most {MAX_COLUMNS} \
                 columns: delete the columns beyond, or copy the data Coalition needs to a new sheet",
                column + 1,
                r.saturating_add(1)
            ));
        }
        text += value.len() + 1;
        if text > *budget {
            return Err(format!(
                "{label} holds more than {} MiB of text, more than Coalition reads from one \
                 workbook: split it, or save the sheets as CSV and import those",
                MAX_TEXT_BYTES >> 20
            ));
        }
        if row.len() <= column {
            row.resize(column + 1, String::new());
        }
        row[column] = value;
    }
    writer
        .flush()
        .map_err(|e| write_failed(::csv::Error::from(e)))?;
    drop(writer);
    *budget -= text;
    Ok((!out.rows.is_empty()).then_some(out))
}

/// A cell as CSV text: see the module's documentation.
fn value_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        DataRef::DateTime(d) => number(d.as_f64()),
        DataRef::DateTimeIso(s) => s.split('T').next().unwrap_or_default().to_string(),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// A number as a person writes it: `3`, not `3.0` (Rust prints no exponent).
fn number(f: f64) -> String {
    if f == 0.0 { "0".into() } else { f.to_string() }
}

/// Gives the rows of a sheet's batch their Excel numbers: the CSV counted the
/// records it was given (empty rows were left out, and the header may not be on
/// row 1).
fn renumber(batch: &mut ImportBatch, label: &str, rows: &[u32]) {
    let excel = |row: usize| {
        row.checked_sub(1)
            .and_then(|i| rows.get(i))
            .map_or(row, |&r| r as usize)
    };
    for at in batch
        .people
        .iter_mut()
        .map(|(at, _)| at)
        .chain(batch.relations.iter_mut().map(|r| &mut r.at))
        .chain(batch.engagements.iter_mut().map(|e| &mut e.at))
        .chain(batch.rejected_people.iter_mut().map(|(at, _)| at))
    {
        at.row = excel(at.row);
    }
    let prefix = format!("{label} row ");
    // A name given again points at its first row: "(first on row 3)".
    const FIRST: &str = "(first on row ";
    for line in batch.problems.iter_mut().chain(batch.warnings.iter_mut()) {
        let Some(rest) = line.strip_prefix(&prefix) else {
            continue;
        };
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if let Ok(row) = rest[..digits].parse::<usize>() {
            let mut tail = rest[digits..].to_string();
            if let Some(at) = tail.find(FIRST) {
                let after = &tail[at + FIRST.len()..];
                let n = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                if let Ok(first) = after[..n].parse::<usize>() {
                    tail = format!("{}{FIRST}{}{}", &tail[..at], excel(first), &after[n..]);
                }
            }
            *line = format!("{prefix}{}{tail}", excel(row));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_people_write_them() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(-2.0), "-2");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1e20), "100000000000000000000");
        assert_eq!(number(-0.0), "0");
    }

    #[test]
    fn tabs_name_their_sheets_in_any_case() {
        assert_eq!(named(" PEOPLE "), Some(Sheet::People));
        assert_eq!(named("relations"), Some(Sheet::Relations));
        assert_eq!(named("Conversations"), Some(Sheet::Engagements));
        assert_eq!(named("engagements"), Some(Sheet::Engagements));
        assert_eq!(named("Sheet1"), None);
    }

    #[test]
    fn rows_take_their_excel_numbers() {
        let label = "b.xlsx sheet People";
        let mut batch = ImportBatch {
            problems: vec![
                format!("{label} row 3, column stance: bad"),
                format!("{label} header, column 2: odd"),
                "other.csv row 3, column x".into(),
                format!("{label} row 3, column name: 'Cy' appears again (first on row 2); rename"),
            ],
            ..ImportBatch::default()
        };
        renumber(&mut batch, label, &[2, 4, 9]);
        assert_eq!(
            batch.problems[3],
            format!("{label} row 9, column name: 'Cy' appears again (first on row 4); rename")
        );
        assert_eq!(
            batch.problems[0],
            format!("{label} row 9, column stance: bad")
        );
        assert_eq!(batch.problems[1], format!("{label} header, column 2: odd"));
        assert_eq!(batch.problems[2], "other.csv row 3, column x");
    }
}

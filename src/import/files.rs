//! Reading import files from disk, each with the reader its extension and header call for.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::csv::Rows;
use super::sources::{ImportSources, Part, Streamed};
use super::{
    ImportBatch, OrgColumns, excerpt, read_engagements_csv, read_kumu_connections,
    read_kumu_elements, read_map_json, read_orgchart, read_people_csv, read_relations_csv,
};
use crate::error::{Error, Result};

/// The kind of file being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Our CSV: `people.csv`, `relations.csv` or `engagements.csv` (told apart by header).
    Csv,
    /// Kumu sheets: elements (`Label, Type, …`) or connections (`From, To, Type, …`).
    Kumu,
    /// Our JSON map format.
    Json,
    /// An HR system's org chart: employees, their titles, departments and managers.
    OrgChart,
    /// An Excel workbook (`.xlsx`), each worksheet told apart by its name or header.
    Xlsx,
}

impl FromStr for SourceFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<SourceFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(SourceFormat::Csv),
            "kumu" => Ok(SourceFormat::Kumu),
            "json" => Ok(SourceFormat::Json),
            "orgchart" | "org-chart" | "org_chart" => Ok(SourceFormat::OrgChart),
            "xlsx" => Ok(SourceFormat::Xlsx),
            other => Err(Error::Invalid(format!(
                "import format '{other}' is not one of csv, kumu, json, orgchart, xlsx"
            ))),
        }
    }
}

/// What one CSV file (or worksheet) holds, judged by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sheet {
    People,
    Relations,
    Engagements,
    KumuElements,
    KumuConnections,
    OrgChart,
}

/// Reads every file into one batch. The format of each file is `format` when
/// given, else `.json` files are JSON maps and other files are CSV whose header
/// says which sheet they are. A JSON map is imported on its own.
pub fn read_files(paths: &[PathBuf], format: Option<SourceFormat>) -> Result<ImportBatch> {
    read_files_with(paths, format, None)
}

/// [`read_files`], with org charts read through `columns` when given (a mapping
/// the user corrected) instead of the detected one. With a mapping and no
/// `format`, every CSV file that is not a Coalition relations or conversations
/// sheet or a Kumu sheet is read as an org chart.
pub fn read_files_with(
    paths: &[PathBuf],
    format: Option<SourceFormat>,
    columns: Option<&OrgColumns>,
) -> Result<ImportBatch> {
    ImportSources::open(paths, format, columns)?.into_batch()
}

/// Opens every file of an import: the JSON map read whole (alone), else each
/// file told apart by its extension and header, read whole unless it is a CSV
/// people or relations sheet, which is left to be streamed.
pub(super) fn open_files(
    paths: &[PathBuf],
    format: Option<SourceFormat>,
    columns: Option<&OrgColumns>,
) -> Result<Vec<Part>> {
    let is_json = |path: &PathBuf| match format {
        Some(f) => f == SourceFormat::Json,
        None => path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json")),
    };
    if let Some(json) = paths.iter().position(is_json) {
        let label = label_of(&paths[json]);
        if paths.len() > 1 {
            // The files before it are read first, as they are named: a problem
            // reading one of them is reported before this.
            for path in &paths[..json] {
                open_file(path, format, columns)?;
            }
            return Err(Error::Invalid(format!(
                "{label} is a JSON map, which carries people, ties and history together; \
                 import it on its own, then the other files in a second import"
            )));
        }
        let path = &paths[json];
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Invalid(format!(
                "{label} is not UTF-8 text; a JSON map from Coalition always is, export it again"
            ))
        })?;
        return Ok(vec![Part::Whole(Box::new(read_map_json(&label, &text)?))]);
    }
    // Each file is opened (and read, unless it streams) on its own: a people file
    // and a conversations file side by side on two cores. The parts keep the
    // order given, so the result, problems included, is that of reading them one
    // after the other.
    parallel(paths, |path| open_file(path, format, columns))
}

/// `each` of every item on its own thread, the results in the items' order; the
/// first error (in that order) is returned.
pub(super) fn parallel<T: Sync, P: Send>(
    items: &[T],
    each: impl Fn(&T) -> Result<P> + Sync,
) -> Result<Vec<P>> {
    let each = &each;
    let done: Vec<Result<P>> = std::thread::scope(|scope| {
        let running: Vec<_> = items
            .iter()
            .map(|item| scope.spawn(move || each(item)))
            .collect();
        running
            .into_iter()
            .map(|thread| {
                thread.join().unwrap_or_else(|_| {
                    Err(Error::Invalid(
                        "an import file could not be read (the reader stopped); nothing was \
                         imported"
                            .into(),
                    ))
                })
            })
            .collect()
    });
    done.into_iter().collect()
}

/// The name of `path` as a user knows it, for messages.
fn label_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Opens one file that is not a JSON map: a workbook (read whole), or a CSV
/// file, left to stream when it is a people or relations sheet, else read whole.
fn open_file(
    path: &Path,
    format: Option<SourceFormat>,
    columns: Option<&OrgColumns>,
) -> Result<Part> {
    let label = label_of(path);
    let is_xlsx = format == Some(SourceFormat::Xlsx)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        return super::xlsx::read_workbook(path, &label, format, columns)
            .map(|batch| Part::Whole(Box::new(batch)));
    }
    // CSV is read as a stream, twice: the header to tell the sheet, then the
    // rows, one at a time; the file is never held in memory whole.
    let open = || open_csv(path);
    let found = sheet_of(path, &label, open, format, columns, None)?;
    let bytes = || -> Result<u64> { Ok(std::fs::metadata(path).map_err(|e| io(path, e))?.len()) };
    Ok(match found {
        Sheet::People => Part::People(Streamed::people_sheet(path, label, bytes()?)?),
        Sheet::Relations => Part::Relations(Streamed::relations_sheet(path, label, bytes()?)?),
        found => {
            let mut batch = ImportBatch::default();
            read_found(&label, open, columns, found, &mut batch)?;
            Part::Whole(Box::new(batch))
        }
    })
}

/// The I/O error of reading `path`.
fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A CSV file opened for reading from the start.
pub(super) fn open_csv(path: &Path) -> Result<std::io::BufReader<std::fs::File>> {
    std::fs::File::open(path)
        .map(std::io::BufReader::new)
        .map_err(|e| io(path, e))
}

/// Reads one sheet into `batch`: a CSV file, or a worksheet as CSV (`open` gives
/// its bytes from the start, each time it is called). The sheet is `named` when a
/// workbook's tab says so, else what its header (and `format`) tells.
pub(super) fn read_sheet<R: std::io::Read>(
    path: &Path,
    label: &str,
    open: impl Fn() -> Result<R>,
    format: Option<SourceFormat>,
    columns: Option<&OrgColumns>,
    named: Option<Sheet>,
    batch: &mut ImportBatch,
) -> Result<()> {
    let found = sheet_of(path, label, &open, format, columns, named)?;
    read_found(label, open, columns, found, batch)
}

/// The sheet to read a CSV file (or worksheet) as: `named` when a workbook's tab
/// says so, else what its header (and `format`) tells; an org chart whenever a
/// mapping is given and the file is not one of our other sheets.
fn sheet_of<R: std::io::Read>(
    path: &Path,
    label: &str,
    open: impl Fn() -> Result<R>,
    format: Option<SourceFormat>,
    columns: Option<&OrgColumns>,
    named: Option<Sheet>,
) -> Result<Sheet> {
    let detected = match named {
        Some(named) => Ok(named),
        None => sheet(path, label, open()?, format),
    };
    match (detected, columns) {
        // A mapping says the file is an org chart, whatever the detection made of it.
        (Ok(Sheet::People) | Err(_), Some(_)) if format.is_none() => Ok(Sheet::OrgChart),
        (found, _) => found,
    }
}

/// Reads a sheet already told apart into `batch`.
fn read_found<R: std::io::Read>(
    label: &str,
    open: impl Fn() -> Result<R>,
    columns: Option<&OrgColumns>,
    found: Sheet,
    batch: &mut ImportBatch,
) -> Result<()> {
    let read = match found {
        Sheet::People => read_people_csv,
        Sheet::Relations => read_relations_csv,
        Sheet::Engagements => read_engagements_csv,
        Sheet::KumuElements => read_kumu_elements,
        Sheet::KumuConnections => read_kumu_connections,
        Sheet::OrgChart => {
            batch.extend(read_orgchart(label, open()?, columns));
            return Ok(());
        }
    };
    batch.extend(read(label, open()?));
    Ok(())
}

/// Which sheet a CSV file is, from its header (and `format` when given).
fn sheet(
    path: &Path,
    label: &str,
    input: impl std::io::Read,
    format: Option<SourceFormat>,
) -> Result<Sheet> {
    // The same reader as the import's: an over-long header or one with too many
    // columns is refused here, before anything else is buffered.
    let mut problems = Vec::new();
    let Some(rows) = Rows::open(label, input, &mut problems) else {
        return Err(Error::Invalid(problems.join("; ")));
    };
    let header = rows.header();
    let has = |name: &str| header.iter().any(|h| h == name);
    let kumu = if has("label") {
        Some(Sheet::KumuElements)
    } else if has("from") && has("to") && has("type") && !has("kind") {
        Some(Sheet::KumuConnections)
    } else {
        None
    };
    // An HR export: a name and a manager column, and none of our own columns.
    let org = (OrgColumns::is_org_chart(header) && !has("kind") && !has("stance"))
        .then_some(Sheet::OrgChart);
    let ours = if has("from") && has("kind") && has("to") {
        Some(Sheet::Relations)
    } else if has("date") && has("stakeholder") {
        Some(Sheet::Engagements)
    } else if has("name") {
        Some(Sheet::People)
    } else {
        None
    };
    let found = match format {
        Some(SourceFormat::Kumu) => kumu,
        Some(SourceFormat::Csv) => ours,
        Some(SourceFormat::OrgChart) => Some(Sheet::OrgChart),
        _ => kumu.or(org).or(ours),
    };
    found.ok_or_else(|| {
        Error::Invalid(format!(
            "{}: cannot tell what this file holds from its header ({}); Coalition CSV needs \
             'name' (people), 'from, kind, to' (relations) or 'date, stakeholder' (conversations), \
             Kumu sheets 'Label' (elements) or 'From, To, Type' (connections), and an org chart \
             a name and a manager column ('Name', 'Manager ID')",
            excerpt(&path.display().to_string()),
            shown_header(header)
        ))
    })
}

/// A header as an error quotes it: the first few names, each a short inert excerpt.
fn shown_header(header: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut names: Vec<String> = header.iter().take(SHOWN).map(|h| excerpt(h)).collect();
    if header.len() > SHOWN {
        names.push(format!("… {} more", header.len() - SHOWN));
    }
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_header_is_quoted_short_and_inert() {
        let dir = std::env::temp_dir().join(format!("coalition-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("odd.csv");
        let header: Vec<String> = (0..40).map(|i| format!("c{i}\u{1b}[2J")).collect();
        std::fs::write(&path, format!("{}\n1\n", header.join(","))).unwrap();
        let e = read_files(std::slice::from_ref(&path), None)
            .unwrap_err()
            .to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(!e.contains('\u{1b}'), "{e}");
        assert!(e.contains("(c0\\u{1b}[2j, c1\\u{1b}[2j"), "{e}");
        assert!(e.contains("… 28 more)"), "{e}");
    }
}

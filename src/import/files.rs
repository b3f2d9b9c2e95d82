//! Reading import files from disk, each with the reader its extension and header call for.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::csv::Rows;
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
                read_file(path, format, columns)?;
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
        return read_map_json(&label, &text);
    }
    // Each file is read on its own (a people file and a relations file side by
    // side on two cores); the batches are then joined in the order given, so the
    // result, problems included, is that of reading them one after the other.
    let read: Vec<Result<ImportBatch>> = std::thread::scope(|scope| {
        let reading: Vec<_> = paths
            .iter()
            .map(|path| scope.spawn(move || read_file(path, format, columns)))
            .collect();
        reading
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
    let mut batch = ImportBatch::default();
    for one in read {
        batch.extend(one?);
    }
    Ok(batch)
}

/// The name of `path` as a user knows it, for messages.
fn label_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads one file that is not a JSON map: a workbook, or a CSV file.
fn read_file(
    path: &Path,
    format: Option<SourceFormat>,
    columns: Option<&OrgColumns>,
) -> Result<ImportBatch> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let label = label_of(path);
    let is_xlsx = format == Some(SourceFormat::Xlsx)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        return super::xlsx::read_workbook(path, &label, format, columns);
    }
    // CSV is read as a stream, twice: the header to tell the sheet, then the
    // rows, one at a time; the file is never held in memory whole.
    let open = || {
        std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .map_err(io)
    };
    let mut batch = ImportBatch::default();
    read_sheet(path, &label, open, format, columns, None, &mut batch)?;
    Ok(batch)
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
    let detected = match named {
        Some(named) => Ok(named),
        None => sheet(path, label, open()?, format),
    };
    let found = match (detected, columns) {
        // A mapping says the file is an org chart, whatever the detection made of it.
        (Ok(Sheet::People) | Err(_), Some(_)) if format.is_none() => Sheet::OrgChart,
        (found, _) => found?,
    };
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

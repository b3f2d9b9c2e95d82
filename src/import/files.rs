//! Reading import files from disk, each with the reader its extension and header call for.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::{
    ImportBatch, read_engagements_csv, read_kumu_connections, read_kumu_elements, read_map_json,
    read_people_csv, read_relations_csv,
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
}

impl FromStr for SourceFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<SourceFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(SourceFormat::Csv),
            "kumu" => Ok(SourceFormat::Kumu),
            "json" => Ok(SourceFormat::Json),
            other => Err(Error::Invalid(format!(
                "import format '{other}' is not one of csv, kumu, json"
            ))),
        }
    }
}

/// What one CSV file holds, judged by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sheet {
    People,
    Relations,
    Engagements,
    KumuElements,
    KumuConnections,
}

/// Reads every file into one batch. The format of each file is `format` when
/// given, else `.json` files are JSON maps and other files are CSV whose header
/// says which sheet they are. A JSON map is imported on its own.
pub fn read_files(paths: &[PathBuf], format: Option<SourceFormat>) -> Result<ImportBatch> {
    let mut batch = ImportBatch::default();
    for path in paths {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let label = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let is_json = match format {
            Some(f) => f == SourceFormat::Json,
            None => path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json")),
        };
        if is_json {
            if paths.len() > 1 {
                return Err(Error::Invalid(format!(
                    "{label} is a JSON map, which carries people, ties and history together; \
                     import it on its own, then the other files in a second import"
                )));
            }
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::Invalid(format!(
                    "{label} is not UTF-8 text; a JSON map from Coalition always is, export it again"
                ))
            })?;
            return read_map_json(&label, &text);
        }
        let read = match sheet(path, &label, &bytes, format)? {
            Sheet::People => read_people_csv,
            Sheet::Relations => read_relations_csv,
            Sheet::Engagements => read_engagements_csv,
            Sheet::KumuElements => read_kumu_elements,
            Sheet::KumuConnections => read_kumu_connections,
        };
        batch.extend(read(&label, bytes.as_slice()));
    }
    Ok(batch)
}

/// Which sheet a CSV file is, from its header (and `format` when given).
fn sheet(path: &Path, label: &str, bytes: &[u8], format: Option<SourceFormat>) -> Result<Sheet> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes);
    let header: Vec<String> = reader
        .byte_headers()
        .map_err(|e| Error::Invalid(format!("{label}: {e}; save it as CSV")))?
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_lowercase()
        })
        .collect();
    let has = |name: &str| header.iter().any(|h| h == name);
    let kumu = if has("label") {
        Some(Sheet::KumuElements)
    } else if has("from") && has("to") && has("type") && !has("kind") {
        Some(Sheet::KumuConnections)
    } else {
        None
    };
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
        _ => kumu.or(ours),
    };
    found.ok_or_else(|| {
        Error::Invalid(format!(
            "{}: cannot tell what this file holds from its header ({}); Coalition CSV needs \
             'name' (people), 'from, kind, to' (relations) or 'date, stakeholder' (conversations), \
             and Kumu sheets 'Label' (elements) or 'From, To, Type' (connections)",
            path.display(),
            header.join(", ")
        ))
    })
}

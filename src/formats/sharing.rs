//! What the app sends and receives to bring files in and send maps out: the
//! import request and its preview, the export choices and what an export wrote.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::export::{self, Format, Profile};
use crate::import::{ImportBatch, ImportPreview, OrgColumns};
use crate::model::MapSnapshot;

/// Files to import, and how.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportRequestDto {
    /// The files, as the native dialog or a drop gave them.
    pub paths: Vec<String>,
    /// Keep people already in the map and add the rest (conflicts are listed).
    pub merge: bool,
    /// For an org chart: which header to read as what, when the user corrected
    /// what was recognised; `None` to recognise the columns by their names.
    #[serde(default)]
    pub columns: Option<OrgColumns>,
}

/// A field where the file and the map disagree; the map's value is kept.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConflictDto {
    /// The person or tie.
    pub name: String,
    /// The field.
    pub field: String,
    /// The map's value, which is kept.
    pub in_map: String,
    /// The file's value, which is not applied.
    pub in_file: String,
}

/// What an import would do, shown before anything changes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportPreviewDto {
    /// The files read, by name.
    pub files: Vec<String>,
    /// People that would be added.
    pub people: usize,
    /// Ties that would be added.
    pub relations: usize,
    /// Conversations that would be added.
    pub engagements: usize,
    /// The first names of the people added (at most [`ImportPreviewDto::SHOWN`]).
    pub added: Vec<String>,
    /// People already in the map, kept as they are (merge).
    pub kept: Vec<String>,
    /// Ties already in the map, skipped (merge).
    pub skipped_relations: usize,
    /// Conversations already in the map, skipped.
    pub skipped_engagements: usize,
    /// Mutual ties the files list both ways, each kept once (the stronger).
    pub merged_ties: Vec<String>,
    /// Where the file and the map disagree (merge); the map wins.
    pub conflicts: Vec<ConflictDto>,
    /// True when a JSON map's name, description and history are adopted.
    pub restores_map: bool,
    /// Every problem, with its file, row, column and fix; the import applies only
    /// when there is none.
    pub problems: Vec<String>,
    /// Things worth knowing that do not stop the import.
    pub warnings: Vec<String>,
    /// For an org chart: which header was read as what (the user may correct it).
    pub columns: Option<OrgColumns>,
    /// For an org chart: its header, the choices for each column.
    pub headers: Vec<String>,
}

impl ImportPreviewDto {
    /// The most added names listed; the rest are counted.
    pub const SHOWN: usize = 200;

    /// The preview of an import of `files`, with how its org chart was read
    /// (the detected or given column mapping, and the header as written).
    pub fn new(
        files: Vec<String>,
        (columns, headers): (Option<&OrgColumns>, &[String]),
        preview: ImportPreview,
    ) -> ImportPreviewDto {
        let mut added = preview.added;
        added.truncate(Self::SHOWN);
        ImportPreviewDto {
            files,
            people: preview.summary.people,
            relations: preview.summary.relations,
            engagements: preview.summary.engagements,
            added,
            kept: preview.kept,
            skipped_relations: preview.skipped_relations,
            skipped_engagements: preview.skipped_engagements,
            merged_ties: preview.merged_ties,
            conflicts: preview
                .conflicts
                .into_iter()
                .map(|c| ConflictDto {
                    name: c.name,
                    field: c.field,
                    in_map: c.in_map,
                    in_file: c.in_file,
                })
                .collect(),
            restores_map: preview.restores_map,
            problems: preview.problems,
            warnings: preview.warnings,
            columns: columns.cloned(),
            headers: headers.to_vec(),
        }
    }

    /// The preview of a batch whose files could not be read at all: `problem`
    /// is the one reason.
    pub fn unreadable(
        files: Vec<String>,
        problem: String,
        batch: &ImportBatch,
    ) -> ImportPreviewDto {
        let mut problems = batch.problems.clone();
        problems.push(problem);
        ImportPreviewDto {
            files,
            people: 0,
            relations: 0,
            engagements: 0,
            added: vec![],
            kept: vec![],
            skipped_relations: 0,
            skipped_engagements: 0,
            merged_ties: vec![],
            conflicts: vec![],
            restores_map: false,
            problems,
            warnings: batch.warnings.clone(),
            columns: batch.org_columns.clone(),
            headers: batch.org_headers.clone(),
        }
    }
}

/// One export format as the export dialog offers it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FormatDto {
    /// The key the export request names, e.g. `html`.
    pub key: String,
    /// What people call it, e.g. "HTML report".
    pub label: String,
    /// What it is for, in a few words.
    pub hint: String,
    /// The file extension the save dialog proposes.
    pub extension: String,
    /// True when it draws a picture of the network or the grid (a view to choose).
    pub picture: bool,
    /// True when it writes several files into a folder (CSV).
    pub folder: bool,
}

/// One privacy profile as the export dialog offers it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProfileDto {
    /// The key the export request names, e.g. `pseudonymous`.
    pub key: String,
    /// What people call it.
    pub label: String,
    /// What it leaves out of this map, in a sentence with counts.
    pub removes: String,
    /// What it generalises in this map, one line per kind, e.g. "12 roles held by
    /// fewer than 3 people generalised to a level (Senior leader, Manager, Staff)",
    /// "3 groups merged into 'Other units'"; empty for the other profiles.
    pub generalised: Vec<String>,
    /// The name the save dialog proposes under this profile (no extension): the
    /// map's, except for the pseudonymous profile, whose files must not carry it.
    pub file_stem: String,
}

/// Everything the export dialog offers for the open map.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExportChoicesDto {
    /// The formats, in the order shown.
    pub formats: Vec<FormatDto>,
    /// The privacy profiles, the full map first.
    pub profiles: Vec<ProfileDto>,
    /// The name the save dialog proposes, from the map's name (no extension).
    pub file_stem: String,
}

impl ExportChoicesDto {
    /// The choices for `map`.
    pub fn new(map: &MapSnapshot) -> ExportChoicesDto {
        ExportChoicesDto {
            formats: SHOWN_ORDER.iter().map(|&f| format_dto(f)).collect(),
            profiles: Profile::ALL
                .iter()
                .map(|&p| ProfileDto {
                    key: p.as_str().into(),
                    label: profile_label(p).into(),
                    removes: export::profile::removes(map, p),
                    generalised: match p {
                        Profile::Pseudonymous => export::profile::generalised(map),
                        Profile::Full | Profile::NoNotes => Vec::new(),
                    },
                    file_stem: match p {
                        Profile::Pseudonymous => file_stem(export::profile::PSEUDONYMOUS_MAP_NAME),
                        Profile::Full | Profile::NoNotes => file_stem(&map.info.name),
                    },
                })
                .collect(),
            file_stem: file_stem(&map.info.name),
        }
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportRequestDto {
    /// The format's key (see [`FormatDto::key`]).
    pub format: String,
    /// For the picture formats: `network` (by group above 2,000 people, everyone
    /// below), `full-network` (everyone), `group-network` (by group) or `grid`.
    pub view: String,
    /// The privacy profile's key.
    pub profile: String,
    /// The advocate whose plan the HTML report shows; `None` for the first one.
    pub advocate: Option<i64>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExportedDto {
    /// The files written, full paths.
    pub paths: Vec<String>,
    /// Their total size in bytes.
    pub bytes: u64,
    /// The file (or folder, for CSV) to offer to open.
    pub open: String,
}

/// How far a long export has come, sent to the app as it goes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExportProgressDto {
    /// What is being done, e.g. "writing people".
    pub stage: String,
    /// Items done in this stage.
    pub done: usize,
    /// Items in this stage.
    pub total: usize,
}

/// How far an import (or its preview) has come, sent to the app as it goes:
/// rows read, and bytes of the CSV sheets read of their size together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ImportProgressDto {
    /// Rows read so far (people and ties, every file).
    pub rows: usize,
    /// Bytes of the streamed sheets read so far.
    pub bytes: usize,
    /// The size of the streamed sheets together (0 when nothing streams).
    pub total_bytes: usize,
}

impl From<crate::import::ImportProgress> for ImportProgressDto {
    fn from(p: crate::import::ImportProgress) -> Self {
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        ImportProgressDto {
            rows: size(p.rows),
            bytes: size(p.bytes),
            total_bytes: size(p.total_bytes),
        }
    }
}

/// The formats in the order the export dialog lists them: what people send
/// first (a report, a PDF, a picture, a workbook), then files for other tools.
const SHOWN_ORDER: [Format; 9] = [
    Format::Html,
    Format::Pdf,
    Format::Png,
    Format::Svg,
    Format::Xlsx,
    Format::Csv,
    Format::Json,
    Format::Gexf,
    Format::Graphml,
];

fn format_dto(format: Format) -> FormatDto {
    let (label, hint) = match format {
        Format::Html => (
            "HTML report",
            "one offline page to send: pictures, plan, table",
        ),
        Format::Pdf => (
            "PDF picture",
            "the network or the grid, to attach to an e-mail",
        ),
        Format::Png => ("PNG picture", "an image for slides and e-mail"),
        Format::Svg => ("SVG picture", "a sharp, scalable drawing"),
        Format::Xlsx => (
            "Excel workbook",
            "people, relations and conversations sheets",
        ),
        Format::Csv => ("CSV files", "the same three sheets, for any spreadsheet"),
        Format::Json => ("JSON map", "the whole map, for another Coalition"),
        Format::Gexf => ("GEXF", "for Gephi"),
        Format::Graphml => ("GraphML", "for yEd, Cytoscape and networkx"),
    };
    FormatDto {
        key: format.as_str().into(),
        label: label.into(),
        hint: hint.into(),
        extension: format.as_str().into(),
        picture: matches!(format, Format::Png | Format::Svg | Format::Pdf),
        folder: format == Format::Csv,
    }
}

fn profile_label(profile: Profile) -> &'static str {
    match profile {
        Profile::Full => "Everything",
        Profile::NoNotes => "Without notes",
        Profile::Pseudonymous => "Pseudonymous",
    }
}

/// A file name from a map name: characters file systems refuse become `-`.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim_matches(['.', ' ', '-']).to_string();
    if stem.is_empty() { "map".into() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialog_offers_every_format_once() {
        let mut shown: Vec<&str> = SHOWN_ORDER.iter().map(|f| f.as_str()).collect();
        let mut all: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
        shown.sort();
        all.sort();
        assert_eq!(shown, all);
    }

    #[test]
    fn file_stems_are_safe_names() {
        assert_eq!(file_stem("Project Keystone"), "Project Keystone");
        assert_eq!(file_stem("../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("a\u{1b}b:c"), "a-b-c");
        assert_eq!(file_stem(" .. "), "map");
    }
}

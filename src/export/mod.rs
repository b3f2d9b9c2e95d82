//! Sharing a map: JSON, CSV, XLSX, GEXF, GraphML, SVG, PNG, PDF and a self-contained
//! HTML report.
//!
//! [`export`] is the one entry point. It first applies the privacy [`Profile`] to
//! the snapshot ([`profile::apply`]) and hands only the result to the writers, so
//! no writer can leak what the profile removes. [`export`] returns the bytes;
//! [`export_to`] hands them, as they are made, to writers the caller opens (the
//! CLI's files, or the app's Save dialog).

mod attributes;
mod generalise;
mod gexf;
mod graphml;
mod group_picture;
mod html;
mod identifiers;
pub(crate) mod layout;
mod pdf;
mod png;
pub mod profile;
mod pseudonym;
mod sections;
mod sink;
pub(crate) mod style;
mod svg;
mod xlsx;
mod xml;

use std::borrow::Cow;
use std::fmt;
use std::io::Write;
use std::str::FromStr;

pub use layout::{Place, places};
pub use profile::Profile;

use crate::error::{Error, Result};
use crate::formats::csv::{write_engagements_csv, write_people_csv, write_relations_csv};
use crate::formats::json::MapDto;
use crate::model::MapSnapshot;

/// A file format to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The versioned JSON map format (`assets/map.schema.json`).
    #[default]
    Json,
    /// `people.csv`, `relations.csv` and `engagements.csv`, spreadsheet-safe.
    Csv,
    /// GEXF 1.2 for Gephi, with positions (`viz:position`), colours and sizes.
    Gexf,
    /// GraphML for networkx, yEd, Cytoscape.
    Graphml,
    /// An SVG picture of the network or the power/interest grid.
    Svg,
    /// A PNG picture of the network or the power/interest grid.
    Png,
    /// One self-contained, offline HTML report: pictures, plan and table.
    Html,
    /// One Excel workbook: sheets People, Relations and Conversations in the CSV
    /// columns, every text cell a string (never a formula).
    Xlsx,
    /// A one-page PDF of the network or the power/interest grid, its font embedded.
    Pdf,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 9] = [
        Format::Json,
        Format::Csv,
        Format::Gexf,
        Format::Graphml,
        Format::Svg,
        Format::Png,
        Format::Html,
        Format::Xlsx,
        Format::Pdf,
    ];

    /// The name used in the CLI, and the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Gexf => "gexf",
            Format::Graphml => "graphml",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        let key = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == key)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "export format '{}' is not one of json, csv, gexf, graphml, svg, png, html, xlsx, pdf",
                    s.trim()
                ))
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which picture the SVG, PNG and PDF formats draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Who influences whom, at the saved positions: everyone on maps of up to
    /// [`GROUP_LEVEL_ABOVE`](crate::formats::groups::GROUP_LEVEL_ABOVE) people,
    /// one disc per group (org unit) above, with the ties between groups summed.
    #[default]
    Network,
    /// The network with everyone drawn, at any size.
    FullNetwork,
    /// The network by group (org unit), at any size.
    GroupNetwork,
    /// The Mendelow power/interest grid.
    Grid,
}

impl FromStr for View {
    type Err = Error;

    fn from_str(s: &str) -> Result<View> {
        match s.trim().to_ascii_lowercase().as_str() {
            "network" => Ok(View::Network),
            "full-network" => Ok(View::FullNetwork),
            "group-network" => Ok(View::GroupNetwork),
            "grid" => Ok(View::Grid),
            other => Err(Error::Invalid(format!(
                "view '{other}' is not one of network, full-network, group-network, grid"
            ))),
        }
    }
}

/// What to export and how much of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// The file format.
    pub format: Format,
    /// The picture drawn by SVG, PNG and PDF (ignored by the other formats but
    /// HTML, whose network is drawn in full for [`View::FullNetwork`]).
    pub view: View,
    /// What the export may reveal.
    pub profile: Profile,
    /// The advocate whose plan the HTML report shows, by their real name;
    /// `None` for the first advocate by name. Ignored by the other formats.
    pub advocate: Option<String>,
}

/// One exported file: a name (e.g. `map.json`, `people.csv`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// The suggested file name.
    pub name: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// How far an export has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// What is being done, e.g. "writing people".
    pub stage: &'static str,
    /// Items done in this stage.
    pub done: usize,
    /// Items in this stage.
    pub total: usize,
}

/// Calls the progress callback now and then: at the start and end of each stage
/// and every [`Reporter::EVERY`] items in between.
pub(crate) struct Reporter<'a> {
    callback: Option<&'a dyn Fn(Progress)>,
}

impl Reporter<'_> {
    const EVERY: usize = 4096;

    /// Reports item `done` of `total` (calls through only at stage boundaries and
    /// every few thousand items, so reporting costs nothing measurable).
    pub(crate) fn item(&self, stage: &'static str, done: usize, total: usize) {
        if let Some(callback) = self.callback
            && (done == 0 || done == total || done.is_multiple_of(Self::EVERY))
        {
            callback(Progress { stage, done, total });
        }
    }
}

/// The files an export in `format` writes, in order: `people.csv`,
/// `relations.csv` and `engagements.csv` for CSV, one file for the other formats.
pub fn file_names(format: Format) -> &'static [&'static str] {
    match format {
        Format::Json => &["map.json"],
        Format::Csv => &["people.csv", "relations.csv", "engagements.csv"],
        Format::Gexf => &["map.gexf"],
        Format::Graphml => &["map.graphml"],
        Format::Svg => &["map.svg"],
        Format::Png => &["map.png"],
        Format::Html => &["report.html"],
        Format::Xlsx => &["map.xlsx"],
        Format::Pdf => &["map.pdf"],
    }
}

/// Exports the map in one format, after applying the options' privacy profile.
///
/// Returns the files to write ([`file_names`]): one for every format but CSV,
/// which gives `people.csv`, `relations.csv` and `engagements.csv`. `progress`,
/// when given, is called as the export advances (the app's progress bar).
/// Nothing is written to disk here; [`export_to`] writes as it goes.
pub fn export(
    map: &MapSnapshot,
    options: &ExportOptions,
    progress: Option<&dyn Fn(Progress)>,
) -> Result<Vec<ExportFile>> {
    let export = Prepared::new(Cow::Borrowed(map), options, progress)?;
    let mut files = Vec::new();
    for (i, &name) in file_names(options.format).iter().enumerate() {
        let mut bytes = Vec::new();
        export.write(i, name, &mut bytes)?;
        files.push(ExportFile {
            name: name.to_string(),
            bytes,
        });
    }
    Ok(files)
}

/// Exports as [`export`] does, writing each file, as it is made, to the writer
/// `open` gives for its name (in the order of [`file_names`]), so the large
/// formats (JSON, CSV, GEXF, GraphML, the HTML report) are never held in memory
/// whole. Each writer is flushed when its file is done; a write error is
/// returned as [`Error::Io`] naming the file. It takes the snapshot: the privacy
/// profile is applied to it in place, so the export holds one snapshot rather
/// than the map and its shared copy (60 MB at 100,000 people). Returns what the
/// pseudonymous profile generalised, one line per kind ([`profile::generalised`];
/// nothing for the other profiles).
pub fn export_to(
    map: MapSnapshot,
    options: &ExportOptions,
    progress: Option<&dyn Fn(Progress)>,
    open: &mut dyn FnMut(&str) -> Result<Box<dyn Write>>,
) -> Result<Vec<String>> {
    let export = Prepared::new(Cow::Owned(map), options, progress)?;
    export.write_all(open)?;
    Ok(export.generalised)
}

/// An export ready to write: the map through its privacy profile, and what the
/// options ask for.
struct Prepared<'a> {
    shared: Cow<'a, MapSnapshot>,
    options: &'a ExportOptions,
    /// The advocate whose plan the HTML report shows.
    advocate: Option<crate::model::StakeholderId>,
    reporter: Reporter<'a>,
    /// What the pseudonymous profile generalised ([`profile::generalised`]).
    generalised: Vec<String>,
}

impl<'a> Prepared<'a> {
    fn new(
        map: Cow<'a, MapSnapshot>,
        options: &'a ExportOptions,
        progress: Option<&'a dyn Fn(Progress)>,
    ) -> Result<Prepared<'a>> {
        let reporter = Reporter { callback: progress };
        // The report's advocate is named as the map names them, before the profile.
        let advocate = match options.format {
            Format::Html => html::advocate(&map, options.advocate.as_deref())?,
            _ => None,
        };
        reporter.item("applying the privacy profile", 0, 1);
        let (shared, generalised) = match map {
            Cow::Borrowed(map) => (profile::apply(map, options.profile), Vec::new()),
            Cow::Owned(mut map) => {
                let generalised = profile::apply_in_place(&mut map, options.profile);
                (Cow::Owned(map), generalised)
            }
        };
        reporter.item("applying the privacy profile", 1, 1);
        let advocate = advocate.filter(|&id| shared.stakeholder(id).is_some());
        Ok(Prepared {
            shared,
            options,
            advocate,
            reporter,
            generalised,
        })
    }

    /// Writes every file of the export, each to what `open` gives for its name.
    fn write_all(&self, open: &mut dyn FnMut(&str) -> Result<Box<dyn Write>>) -> Result<()> {
        for (i, &name) in file_names(self.options.format).iter().enumerate() {
            self.write(i, name, &mut open(name)?)?;
        }
        Ok(())
    }

    /// Writes file `i` of the export, `name`, to `out`, and flushes it.
    fn write(&self, i: usize, name: &str, out: &mut dyn Write) -> Result<()> {
        let (shared, options, reporter) = (&*self.shared, self.options, &self.reporter);
        let written = match options.format {
            Format::Json => {
                reporter.item("writing JSON", 0, 1);
                let written = MapDto::write_snapshot(shared, &mut *out);
                reporter.item("writing JSON", 1, 1);
                written
            }
            Format::Csv => {
                match i {
                    0 => write_people_csv(shared, &mut *out)?,
                    1 => write_relations_csv(shared, &mut *out)?,
                    _ => write_engagements_csv(shared, &mut *out)?,
                }
                reporter.item("writing CSV", i + 1, 3);
                Ok(())
            }
            Format::Gexf => gexf::write(shared, reporter, out),
            Format::Graphml => graphml::write(shared, reporter, out),
            Format::Svg => out.write_all(svg::picture(shared, options.view, reporter).as_bytes()),
            Format::Png => {
                let svg = svg::picture(shared, options.view, reporter);
                reporter.item("rendering PNG", 0, 1);
                let png = png::render(&svg)?;
                reporter.item("rendering PNG", 1, 1);
                out.write_all(&png)
            }
            Format::Xlsx => out.write_all(&xlsx::write(shared, reporter)?),
            Format::Pdf => {
                let svg = svg::picture(shared, options.view, reporter);
                reporter.item("rendering PDF", 0, 1);
                let pdf = pdf::render(&svg)?;
                reporter.item("rendering PDF", 1, 1);
                out.write_all(&pdf)
            }
            Format::Html => html::report(
                shared,
                options.profile,
                self.advocate,
                options.view == View::FullNetwork,
                reporter,
                out,
            ),
        };
        written
            .and_then(|()| out.flush())
            .map_err(|source| Error::Io {
                path: name.into(),
                source,
            })
    }
}

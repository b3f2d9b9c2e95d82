//! `coalition import` and `coalition export`: sharing maps with other people and tools.

use crate::out::say;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use coalition::output::{Replace, create_new, write_folder_with, write_with};

use coalition::export::{ExportOptions, Profile, View, export_to, file_names};
use coalition::import::{ImportOptions, ImportPreview, ImportSources, SourceFormat};
use coalition::store::MapFile;
use coalition::{Error, Result};

use crate::table::inert;

/// The files and switches of `coalition import`.
pub struct ImportArgs {
    /// The map to import into.
    pub map: PathBuf,
    /// Files whose kind is read from their extension and header.
    pub files: Vec<PathBuf>,
    /// `csv`, `kumu`, `json` or `xlsx`, when the files should not be guessed.
    pub format: Option<String>,
    /// Files named by role (`--people`, `--relations`, `--engagements`).
    pub named: Vec<PathBuf>,
    /// Only say what would happen.
    pub dry_run: bool,
    /// Keep people already in the map and report conflicts.
    pub merge: bool,
}

/// Reads the files, prints the preview, and applies it unless this is a dry run.
/// Problems make the command fail with every problem listed and nothing imported,
/// the dry run too (it never says "Would add" of an import that would fail);
/// warnings (skipped columns) are printed either way.
pub fn import(args: ImportArgs) -> Result<()> {
    let mut paths = args.files;
    paths.extend(args.named);
    if paths.is_empty() {
        return Err(Error::Invalid(
            "nothing to import; name the files (CSV, XLSX workbooks, Kumu sheets or a JSON map), \
             or give --people, --relations and/or --engagements"
                .into(),
        ));
    }
    let format = args
        .format
        .as_deref()
        .map(str::parse::<SourceFormat>)
        .transpose()?;
    let mut file = if args.dry_run {
        MapFile::open_read_only(&args.map)?
    } else {
        MapFile::open(&args.map)?
    };
    // People and ties stream from the CSV files into one transaction as they are
    // read; the other files are read whole first.
    let sources = ImportSources::open(&paths, format, None)?;
    let options = ImportOptions { merge: args.merge };
    // The dry run is the same pass writing nothing: it fails exactly as the
    // import would, with the same problems, and says what it would do only when
    // the import would do it.
    let control = Default::default();
    let result = if args.dry_run {
        file.preview_sources(&sources, &options, control)
            .and_then(|preview| match preview.problems.is_empty() {
                true => Ok(preview),
                false => Err(Error::Import(preview.problems)),
            })
    } else {
        file.import_sources(&sources, &options, true, control)
    };
    let preview = match result {
        Ok(preview) => preview,
        Err(e) => {
            for w in &sources.warnings() {
                crate::out::error(&format!("note: {}\n", inert(w)));
            }
            return Err(e);
        }
    };
    print_preview(&preview, args.dry_run);
    if preview.restores_map && !args.dry_run {
        say!("The map's name, description, times and stance history come from the file");
    }
    Ok(())
}

fn print_preview(preview: &ImportPreview, dry_run: bool) {
    let s = &preview.summary;
    say!(
        "{} {} people, {} relations and {} conversations",
        if dry_run { "Would add" } else { "Added" },
        s.people,
        s.relations,
        s.engagements
    );
    let list = |names: &[String]| {
        names
            .iter()
            .map(|n| inert(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !preview.added.is_empty() && dry_run {
        say!("  new people: {}", list(&preview.added));
    }
    if !preview.kept.is_empty() {
        say!(
            "Kept {} people already in the map as they are: {}",
            preview.kept.len(),
            list(&preview.kept)
        );
    }
    if preview.skipped_relations + preview.skipped_engagements > 0 {
        say!(
            "Skipped {} relations and {} conversations already in the map",
            preview.skipped_relations,
            preview.skipped_engagements
        );
    }
    if !preview.merged_ties.is_empty() {
        say!(
            "Merged {} ties listed from both ends:",
            preview.merged_ties.len()
        );
        for line in &preview.merged_ties {
            say!("  {}", inert(line));
        }
    }
    if !preview.conflicts.is_empty() {
        say!(
            "{} conflicts (the map's values are kept):",
            preview.conflicts.len()
        );
        for c in &preview.conflicts {
            say!("  {}", inert(&c.to_string()));
        }
    }
    for w in &preview.warnings {
        say!("note: {}", inert(w));
    }
}

/// The picture `--view` names, drawn with everyone when `full` (`--full`).
pub fn picture_view(view: &str, full: bool) -> Result<View> {
    match (view.parse::<View>()?, full) {
        (View::Network | View::FullNetwork, true) => Ok(View::FullNetwork),
        (View::Grid | View::GroupNetwork, true) => Err(Error::Invalid(
            "--full draws everyone in the network; give it with --view network \
             (the grid always shows everyone)"
                .into(),
        )),
        (view, false) => Ok(view),
    }
}

/// Exports the map as `options` say, to `output`: a folder for CSV (holding
/// people.csv, relations.csv and engagements.csv, written all or nothing), a file
/// for the other formats, or standard output when `output` is left out. An
/// existing file is replaced only with `force`; a map file never.
pub fn export_map(
    map: &Path,
    options: &ExportOptions,
    output: Option<&Path>,
    force: bool,
) -> Result<()> {
    let replace = if force {
        Replace::Allowed
    } else {
        Replace::Never
    };
    let snapshot = MapFile::open_read_only(map)?.snapshot()?;
    // What the pseudonymous profile generalised, as the export found it.
    let mut generalised = Vec::new();
    let names = file_names(options.format);
    match (names, output) {
        ([_], Some(path)) => write_with(path, replace, |fresh| {
            let file = create_new(fresh, path)?;
            generalised = export_to(snapshot, options, None, &mut |_| {
                Ok(Box::new(BufWriter::new(file.try_clone().map_err(|e| {
                    Error::Io {
                        path: path.to_path_buf(),
                        source: e,
                    }
                })?)))
            })?;
            Ok(())
        })?,
        ([_], None) => {
            let written = export_to(snapshot, options, None, &mut |_| {
                Ok(Box::new(BufWriter::new(std::io::stdout())))
            });
            match written {
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(Error::Io { source, .. }) => {
                    return Err(Error::Io {
                        path: "<standard output>".into(),
                        source,
                    });
                }
                other => generalised = other?,
            }
        }
        (many, Some(folder)) => {
            write_folder_with(folder, many, replace, |staged| {
                generalised = export_to(snapshot, options, None, &mut |name| {
                    Ok(Box::new(BufWriter::new(create_new(
                        &staged.join(name),
                        folder,
                    )?)))
                })?;
                Ok(())
            })?;
            if options.profile == Profile::Pseudonymous {
                report_generalised(&generalised, true);
            }
            say!(
                "Wrote {} files to {}",
                many.len(),
                inert(&folder.display().to_string())
            );
        }
        (_, None) => {
            return Err(Error::Invalid(format!(
                "--format {} writes several files; give -o FOLDER",
                options.format
            )));
        }
    }
    if options.profile == Profile::Pseudonymous && names.len() == 1 {
        report_generalised(&generalised, output.is_some());
    }
    Ok(())
}

/// Says what the pseudonymous profile generalised: on standard output beside a
/// file written with `-o`, on standard error when the export itself goes to
/// standard output.
fn report_generalised(lines: &[String], to_file: bool) {
    let mut text = String::from(
        "Pseudonymous: every role, group and tag shown is held by at least 3 people \
         (k-anonymity, k = 3)\n",
    );
    for line in lines {
        text.push_str(&format!("  {}\n", inert(line)));
    }
    if to_file {
        crate::out::write(&text);
    } else {
        crate::out::error(&text);
    }
}

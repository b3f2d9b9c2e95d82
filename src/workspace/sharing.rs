//! Bringing files into the open map (preview first, then one undoable step) and
//! sending the map out in every export format, written where the user chose.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::Workspace;
use super::stale::Change;
use crate::error::{Error, Result};
use crate::export::{self, ExportOptions, Format, Profile, View};
use crate::formats::sharing::{
    ExportChoicesDto, ExportProgressDto, ExportRequestDto, ExportedDto, ImportPreviewDto,
    ImportRequestDto,
};
use crate::formats::view::EditedDto;
use crate::import::{ImportOptions, ImportSources};
use crate::output::{Replace, create_new, io, write_folder_with, write_with};
use crate::store::ImportControl;

impl Workspace {
    /// What importing the request's files would add, keep and skip, with every
    /// problem (file, row, column, fix) and conflict. Changes nothing. A file that
    /// cannot be read at all is one problem of the preview, not an error, so the
    /// app shows it in the same place as the others.
    pub fn preview_import(&self, request: &ImportRequestDto) -> Result<ImportPreviewDto> {
        self.preview_import_with(request, ImportControl::default())
    }

    /// [`Workspace::preview_import`], reporting progress (rows done, bytes read of
    /// the CSV files' total) through `control` and stopping with
    /// [`Error::Cancelled`] once its flag is set.
    pub fn preview_import_with(
        &self,
        request: &ImportRequestDto,
        control: ImportControl<'_>,
    ) -> Result<ImportPreviewDto> {
        let (paths, files) = import_paths(request)?;
        let sources = match ImportSources::open(&paths, None, request.columns.as_ref()) {
            Ok(sources) => sources,
            Err(e) => {
                return Ok(ImportPreviewDto::unreadable(
                    files,
                    e.to_string(),
                    &Default::default(),
                ));
            }
        };
        let preview = self
            .map
            .preview_sources(&sources, &options(request), control)?;
        let (columns, headers) = sources.org_columns();
        Ok(ImportPreviewDto::new(files, (columns, headers), preview))
    }

    /// Imports the request's files: everything in one transaction and one undo
    /// step, or nothing when any problem is found (the error lists them all).
    pub fn import(&mut self, request: &ImportRequestDto) -> Result<EditedDto> {
        self.import_with(request, ImportControl::default())
    }

    /// [`Workspace::import`], reporting progress through `control` and stopping
    /// (rolled back: nothing imported, no undo step) with [`Error::Cancelled`]
    /// once its flag is set. The people and ties of CSV files stream into the
    /// transaction as they are read.
    pub fn import_with(
        &mut self,
        request: &ImportRequestDto,
        control: ImportControl<'_>,
    ) -> Result<EditedDto> {
        let (paths, files) = import_paths(request)?;
        let sources = ImportSources::open(&paths, None, request.columns.as_ref())?;
        let label = format!("Import {}", files.join(", "));
        let options = options(request);
        self.history.record(&mut self.map, &label, |m| {
            m.import_sources(&sources, &options, true, control)
        })?;
        self.edited(None, Change::Anything)
    }

    /// The formats and privacy profiles the export dialog offers for this map,
    /// each profile with what it leaves out of it.
    pub fn export_choices(&self) -> Result<ExportChoicesDto> {
        self.map.with_snapshot(ExportChoicesDto::new)
    }

    /// The file name (no extension) the save dialog proposes for `request`: the
    /// map's name, but never under the pseudonymous profile.
    pub fn export_file_stem(&self, request: &ExportRequestDto) -> Result<String> {
        let choices = self.export_choices()?;
        Ok(choices
            .profiles
            .into_iter()
            .find(|p| p.key == request.profile)
            .map_or(choices.file_stem, |p| p.file_stem))
    }

    /// Exports the map as `request` says to `dest` (a file; a new folder for
    /// CSV), replacing an existing file the user agreed to replace in the save
    /// dialog but never a map. `progress` hears how far it has come.
    pub fn export_to(
        &self,
        request: &ExportRequestDto,
        dest: &Path,
        progress: &(dyn Fn(ExportProgressDto) + Sync),
    ) -> Result<ExportedDto> {
        let format: Format = request.format.parse()?;
        let options = ExportOptions {
            format,
            view: request.view.parse::<View>()?,
            profile: request.profile.parse::<Profile>()?,
            advocate: match request.advocate {
                Some(id) => Some(self.map.stakeholder(crate::model::StakeholderId(id))?.name),
                None => None,
            },
        };
        let map = self.snapshot()?;
        let report = |p: export::Progress| {
            progress(ExportProgressDto {
                stage: p.stage.into(),
                done: p.done,
                total: p.total,
            })
        };
        // Each file streams, as it is made, into a private folder beside the
        // destination and is put in place only when whole (`output`).
        let names = export::file_names(format);
        let mut bytes = 0;
        let (paths, open) = match names {
            [_] => {
                let dest = with_extension(dest, format.as_str());
                write_with(&dest, Replace::Allowed, |fresh| {
                    let file = create_new(fresh, &dest)?;
                    export::export_to(map, &options, Some(&report), &mut |_| {
                        let file = file.try_clone().map_err(|e| io(&dest, e))?;
                        Ok(Box::new(BufWriter::new(file)))
                    })?;
                    bytes = size(fresh, &dest)?;
                    Ok(())
                })?;
                (vec![dest.clone()], dest)
            }
            many => {
                write_folder_with(dest, many, Replace::Never, |staged| {
                    export::export_to(map, &options, Some(&report), &mut |name| {
                        Ok(Box::new(BufWriter::new(create_new(
                            &staged.join(name),
                            dest,
                        )?)))
                    })?;
                    for name in many {
                        bytes += size(&staged.join(name), dest)?;
                    }
                    Ok(())
                })?;
                let paths = many.iter().map(|name| dest.join(name)).collect();
                (paths, dest.to_path_buf())
            }
        };
        Ok(ExportedDto {
            paths: paths.iter().map(|p| p.display().to_string()).collect(),
            bytes,
            open: open.display().to_string(),
        })
    }

    /// Renames the map and restates its change and description; one undo step.
    pub fn set_details(
        &mut self,
        name: &str,
        change: &str,
        description: &str,
    ) -> Result<EditedDto> {
        self.history
            .record(&mut self.map, "Edit map details", |m| {
                m.set_info(name, change, description)
            })?;
        self.edited(None, Change::ViewSettings)
    }

    /// Sets θ, how far one conversation moves an open person (0 < θ ≤ 1); one
    /// undo step. Plans and what-ifs read it.
    pub fn set_theta(&mut self, theta: f64) -> Result<EditedDto> {
        let label = format!("Set conversation effect to {theta}");
        self.history.record(&mut self.map, &label, |m| {
            m.set_setting("theta", &theta.to_string())
        })?;
        self.edited(None, Change::ModelSettings)
    }
}

/// The request's paths, and their file names for the preview and the undo label.
fn import_paths(request: &ImportRequestDto) -> Result<(Vec<PathBuf>, Vec<String>)> {
    if request.paths.is_empty() {
        return Err(Error::Invalid(
            "no file to import; choose a CSV, XLSX, JSON or Kumu file".into(),
        ));
    }
    let paths: Vec<PathBuf> = request.paths.iter().map(PathBuf::from).collect();
    let names = paths
        .iter()
        .map(|p| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
        })
        .collect();
    Ok((paths, names))
}

fn options(request: &ImportRequestDto) -> ImportOptions {
    ImportOptions {
        merge: request.merge,
    }
}

/// The size of the file `path` just written for the output `dest`.
fn size(path: &Path, dest: &Path) -> Result<u64> {
    Ok(std::fs::metadata(path).map_err(|e| io(dest, e))?.len())
}

/// `dest` with the format's extension when the name chosen has none or another.
fn with_extension(dest: &Path, extension: &str) -> PathBuf {
    if dest
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
    {
        dest.to_path_buf()
    } else {
        let mut name = dest.as_os_str().to_owned();
        name.push(".");
        name.push(extension);
        PathBuf::from(name)
    }
}

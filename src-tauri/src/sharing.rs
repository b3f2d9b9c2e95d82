//! The commands that bring files in and send maps out: native file dialogs for
//! choosing, the core for reading and writing, the desktop for opening a result.

use std::path::PathBuf;

use coalition::cancel::Cancel;
use coalition::formats::sharing::{
    ExportChoicesDto, ExportRequestDto, ExportedDto, ImportPreviewDto, ImportProgressDto,
    ImportRequestDto,
};
use coalition::formats::view::EditedDto;
use coalition::import::ImportProgress;
use coalition::store::ImportControl;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The event that carries an export's progress to the UI.
const EXPORT_PROGRESS: &str = "export-progress";
/// The event that carries an import's progress to the UI.
const IMPORT_PROGRESS: &str = "import-progress";

/// Asks for files to import with the native dialog; `None` when cancelled.
#[tauri::command]
pub async fn pick_import_files(app: AppHandle) -> AppResult<Option<Vec<String>>> {
    tauri::async_runtime::spawn_blocking(move || {
        let chosen = app
            .dialog()
            .file()
            .set_title("Import people, ties and conversations")
            .add_filter(
                "Spreadsheets and maps",
                &["csv", "xlsx", "json", "tsv", "txt"],
            )
            .add_filter("All files", &["*"])
            .blocking_pick_files();
        chosen
            .map(|files| {
                files
                    .into_iter()
                    .map(|f| f.into_path().map(|p| p.display().to_string()))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(AppError::internal)
            })
            .transpose()
    })
    .await
    .map_err(AppError::internal)?
}

/// What importing the files would do; nothing changes. Progress goes to the UI
/// as `import-progress` events; the reading under way before, if any, stops.
#[tauri::command]
pub async fn preview_import(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ImportRequestDto,
) -> AppResult<ImportPreviewDto> {
    let cancel = state.next_import()?;
    state
        .with_workspace(move |ws| {
            Ok(controlled(app, &cancel, |c| {
                ws.preview_import_with(&request, c)
            })?)
        })
        .await
}

/// Imports the files in one transaction and one undo step, with progress as
/// `import-progress` events; `cancel_import` stops it and rolls it back.
#[tauri::command]
pub async fn import_files(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ImportRequestDto,
) -> AppResult<EditedDto> {
    let cancel = state.next_import()?;
    state
        .with_workspace(move |ws| Ok(controlled(app, &cancel, |c| ws.import_with(&request, c))?))
        .await
}

/// Stops the import or preview under way (an import is rolled back: nothing
/// changes, no undo step); its answer is a `cancelled` error.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) -> AppResult<()> {
    state.cancel_import()
}

/// Runs `work` with the control of an import from the app: its progress sent to
/// the UI as `import-progress` events, stopping once `cancel` is set.
fn controlled<T>(app: AppHandle, cancel: &Cancel, work: impl FnOnce(ImportControl<'_>) -> T) -> T {
    let progress = move |p: ImportProgress| {
        // A lost progress event only leaves the bar behind.
        let _ = app.emit(IMPORT_PROGRESS, ImportProgressDto::from(p));
    };
    work(ImportControl {
        progress: Some(&progress),
        cancel: Some(cancel),
    })
}

/// The formats and privacy profiles the export dialog offers for the open map.
#[tauri::command]
pub async fn export_choices(state: State<'_, AppState>) -> AppResult<ExportChoicesDto> {
    state.with_workspace(|ws| Ok(ws.export_choices()?)).await
}

/// Exports the map to `path`, or to the place chosen in the native save dialog
/// when `path` is `None` (`None` back when cancelled). Progress goes to the UI as
/// `export-progress` events; the written file may then be opened.
#[tauri::command]
pub async fn export_map(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequestDto,
    path: Option<String>,
) -> AppResult<Option<ExportedDto>> {
    let dest = match path {
        Some(path) => PathBuf::from(path),
        None => {
            let asked = request.clone();
            let stem = state
                .with_workspace(move |ws| Ok(ws.export_file_stem(&asked)?))
                .await?;
            match save_dialog(app.clone(), &request.format, stem).await? {
                Some(dest) => dest,
                None => return Ok(None),
            }
        }
    };
    let emitter = app.clone();
    let exported = state
        .with_workspace(move |ws| {
            let progress = move |p| {
                // A lost progress event only leaves the bar behind.
                let _ = emitter.emit(EXPORT_PROGRESS, p);
            };
            Ok(ws.export_to(&request, &dest, &progress)?)
        })
        .await?;
    state
        .exported
        .lock()
        .map_err(AppError::internal)?
        .push(PathBuf::from(&exported.open));
    Ok(Some(exported))
}

/// Opens a file this session exported with the desktop's default program (a
/// folder in the file manager). Only exported files can be opened this way.
#[tauri::command]
pub fn open_exported(app: AppHandle, state: State<'_, AppState>, path: String) -> AppResult<()> {
    let path = PathBuf::from(path);
    let known = state
        .exported
        .lock()
        .map_err(AppError::internal)?
        .contains(&path);
    if !known {
        return Err(AppError::internal(
            "only a file exported in this session can be opened from here",
        ));
    }
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| AppError {
            kind: coalition::ErrorKind::Io,
            message: format!(
                "{} could not be opened ({e}); open it from your file manager",
                path.display()
            ),
            path: None,
        })
}

/// The native save dialog for an export: a file of the format's extension, or
/// a new folder for CSV. `None` when cancelled.
async fn save_dialog(app: AppHandle, format: &str, stem: String) -> AppResult<Option<PathBuf>> {
    let format = format.to_ascii_lowercase();
    tauri::async_runtime::spawn_blocking(move || {
        let dialog = app.dialog().file().set_title("Export the map");
        let dialog = if format == "csv" {
            dialog.set_file_name(format!("{stem} (CSV)"))
        } else {
            dialog
                .add_filter(format.to_uppercase(), &[format.as_str()])
                .set_file_name(format!("{stem}.{format}"))
        };
        dialog
            .blocking_save_file()
            .map(|f| f.into_path().map_err(AppError::internal))
            .transpose()
    })
    .await
    .map_err(AppError::internal)?
}

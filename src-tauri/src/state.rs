//! What the shell keeps between commands: the open workspace and the data folder.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier, Mutex};

use coalition::analysis::Cancel;
use coalition::formats::view::WorkspaceDto;
use coalition::workspace::{RecentMaps, Workspace};

use crate::error::{AppError, AppResult};

/// The app's state, shared by all commands.
#[derive(Debug)]
pub struct AppState {
    /// The open map, if any; work on it runs on a blocking worker thread.
    pub workspace: Arc<Mutex<Option<Workspace>>>,
    /// Where the demo map and the recent-maps list live.
    pub data_dir: PathBuf,
    /// Why the map chosen at start could not be opened, shown once by the UI.
    pub startup_error: Arc<Mutex<Option<AppError>>>,
    /// The files exported in this session: the only ones the app may ask the
    /// desktop to open.
    pub exported: Mutex<Vec<PathBuf>>,
    /// The flag of the plan being computed: Cancel sets it, and so does the next
    /// plan asked for (its answer would be dropped anyway).
    pub planning: Mutex<Cancel>,
    /// The flag of the what-if being predicted: Discard sets it, and so does the
    /// next what-if asked for.
    pub simulating: Mutex<Cancel>,
    /// The flag of the import (or import preview) under way: the import dialog's
    /// Cancel sets it, and so does the next one asked for.
    pub importing: Mutex<Cancel>,
}

/// Sets the flag in `slot` (stopping the work it belongs to) and puts a fresh
/// one there for the next piece of work, which it gives.
fn replace(slot: &Mutex<Cancel>) -> AppResult<Cancel> {
    let mut running = slot.lock().map_err(AppError::internal)?;
    running.cancel();
    *running = Cancel::default();
    Ok(running.clone())
}

impl AppState {
    /// Opens the map chosen at start (see [`coalition::workspace::map_to_open`])
    /// on a thread of its own, so the window loads the page meanwhile. The thread
    /// holds the workspace before this returns, so every command waits for the
    /// opening; a failure is kept in `startup_error` for the UI.
    pub fn open_at_start(&self, app: &tauri::AppHandle, from_command_line: Option<PathBuf>) {
        let shared = Arc::clone(&self.workspace);
        let failed = Arc::clone(&self.startup_error);
        let data_dir = self.data_dir.clone();
        let app = app.clone();
        let held = Arc::new(Barrier::new(2));
        let holding = Arc::clone(&held);
        std::thread::spawn(move || {
            // Nothing else has the lock yet: no command runs before setup ends.
            let Ok(mut guard) = shared.lock() else {
                holding.wait();
                return;
            };
            holding.wait();
            let opened = coalition::workspace::map_to_open(&data_dir, from_command_line.as_deref())
                .and_then(|path| {
                    let ws = Workspace::open(&path)?;
                    RecentMaps::load(&data_dir).remember(&path)?;
                    Ok(ws)
                });
            match opened {
                Ok(ws) => {
                    *guard = Some(ws);
                    // A menu without this map in Open Recent is all a failure costs.
                    let _ = crate::menu::refresh(&app, &data_dir);
                }
                Err(e) => {
                    if let Ok(mut failed) = failed.lock() {
                        *failed = Some(AppError::from(e));
                    }
                }
            }
        });
        held.wait();
    }

    /// Waits until the map chosen at start is open (or could not be).
    pub async fn started(&self) -> AppResult<()> {
        let shared = Arc::clone(&self.workspace);
        Self::off_thread(move || {
            drop(shared.lock().map_err(AppError::internal)?);
            Ok(())
        })
        .await
    }

    /// Stops the plan being computed, if any, and gives the flag of the next one.
    pub fn next_plan(&self) -> AppResult<Cancel> {
        replace(&self.planning)
    }

    /// Stops the plan being computed, if any.
    pub fn cancel_plan(&self) -> AppResult<()> {
        self.planning.lock().map_err(AppError::internal)?.cancel();
        Ok(())
    }

    /// Stops the what-if being predicted, if any, and gives the flag of the next one.
    pub fn next_simulation(&self) -> AppResult<Cancel> {
        replace(&self.simulating)
    }

    /// Stops the what-if being predicted, if any.
    pub fn cancel_simulation(&self) -> AppResult<()> {
        self.simulating.lock().map_err(AppError::internal)?.cancel();
        Ok(())
    }

    /// Stops the import or preview under way, if any, and gives the flag of the next one.
    pub fn next_import(&self) -> AppResult<Cancel> {
        replace(&self.importing)
    }

    /// Stops the import or preview under way, if any (an import is rolled back).
    pub fn cancel_import(&self) -> AppResult<()> {
        self.importing.lock().map_err(AppError::internal)?.cancel();
        Ok(())
    }

    /// Runs `work` on the open workspace on a blocking worker thread, off the main thread.
    pub async fn with_workspace<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Workspace) -> AppResult<T> + Send + 'static,
    ) -> AppResult<T> {
        let shared = Arc::clone(&self.workspace);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = shared.lock().map_err(AppError::internal)?;
            let ws = guard.as_mut().ok_or_else(AppError::no_map)?;
            work(ws)
        })
        .await
        .map_err(AppError::internal)?
    }

    /// Runs `work` on a blocking worker thread without the workspace, so edits
    /// need not wait for it (a computation on a snapshot taken before).
    pub async fn off_thread<T: Send + 'static>(
        work: impl FnOnce() -> AppResult<T> + Send + 'static,
    ) -> AppResult<T> {
        tauri::async_runtime::spawn_blocking(work)
            .await
            .map_err(AppError::internal)?
    }

    /// Opens `target` with `open` on a worker thread and makes it the open map.
    /// The previous map stays open if that fails; asking for the map already open
    /// just shows it again.
    pub async fn replace_workspace(
        &self,
        app: &tauri::AppHandle,
        target: PathBuf,
        open: impl FnOnce(&Path) -> coalition::Result<Workspace> + Send + 'static,
    ) -> AppResult<WorkspaceDto> {
        let shared = Arc::clone(&self.workspace);
        let data_dir = self.data_dir.clone();
        let app = app.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = shared.lock().map_err(AppError::internal)?;
            let same = guard
                .as_ref()
                .is_some_and(|ws| same_file(&ws.path(), &target));
            if !same {
                let ws = open(&target)?;
                *guard = Some(ws);
            }
            let ws = guard.as_ref().ok_or_else(AppError::no_map)?;
            RecentMaps::load(&data_dir).remember(&ws.path())?;
            crate::menu::refresh(&app, &data_dir).map_err(AppError::internal)?;
            Ok(ws.view()?)
        })
        .await
        .map_err(AppError::internal)?
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

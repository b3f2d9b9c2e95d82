//! The commands the UI invokes. Each parses its input, calls one core function on
//! a worker thread and maps the error; none holds rules of its own.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use coalition::ErrorKind;
use coalition::formats::analysis::{
    MetricsDto, PlanDto, PlanRequestDto, SimulationDto, TryStanceDto, WhatIfDto,
};
use coalition::formats::groups::GroupMapDto;
use coalition::formats::sharing::file_stem;
use coalition::formats::timeline::{BriefDto, DiffDto, ProgressDto};
use coalition::formats::view::{
    EditedDto, NewConversationDto, NewTieDto, PlaceDto, RecoveredDto, ScalesDto, WorkspaceDto,
};
use coalition::workspace::{RecentMaps, Workspace, group_map_of, metrics_of};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The scales, labels and class names of the model.
#[tauri::command]
pub fn scales() -> ScalesDto {
    ScalesDto::current()
}

/// The map open now, if any, or the reason the start-up map could not be opened.
#[tauri::command]
pub async fn current_map(state: State<'_, AppState>) -> AppResult<Option<WorkspaceDto>> {
    state.started().await?;
    if let Some(e) = state
        .startup_error
        .lock()
        .map_err(AppError::internal)?
        .take()
    {
        return Err(e);
    }
    match state.with_workspace(|ws| Ok(ws.view()?)).await {
        Ok(view) => Ok(Some(view)),
        Err(e) if e.kind == ErrorKind::NoMap => Ok(None),
        Err(e) => Err(e),
    }
}

/// Recently opened maps, newest first.
#[tauri::command]
pub fn recent_maps(state: State<'_, AppState>) -> Vec<String> {
    RecentMaps::load(&state.data_dir)
        .list()
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

/// Opens the map at `path`.
#[tauri::command]
pub async fn open_map(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> AppResult<WorkspaceDto> {
    state
        .replace_workspace(&app, PathBuf::from(path), Workspace::open)
        .await
}

/// Asks for a map file with the native dialog and opens it; `None` when cancelled.
#[tauri::command]
pub async fn open_map_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Option<WorkspaceDto>> {
    let Some(path) = pick(app.clone(), Pick::Open).await? else {
        return Ok(None);
    };
    let view = state.replace_workspace(&app, path, Workspace::open).await?;
    Ok(Some(view))
}

/// Recovers what is valid of the map at `source` (one that could not be opened
/// safely) into a new map beside it, `NAME (recovered).coalition`, and opens it.
#[tauri::command]
pub async fn recover_map(
    app: AppHandle,
    state: State<'_, AppState>,
    source: String,
) -> AppResult<RecoveredDto> {
    let source = PathBuf::from(source);
    let dest = Workspace::recovery_path(&source);
    let report = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&report);
    let view = state
        .replace_workspace(&app, dest.clone(), move |dest| {
            let (ws, recovery) = Workspace::recover(&source, dest)?;
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(recovery);
            }
            Ok(ws)
        })
        .await?;
    let recovery = report
        .lock()
        .map_err(AppError::internal)?
        .take()
        .ok_or_else(|| AppError::internal("the recovery report was lost"))?;
    Ok(RecoveredDto { view, recovery })
}

/// Asks for a map file to recover with the native dialog, then recovers it as
/// [`recover_map`] does; `None` when cancelled.
#[tauri::command]
pub async fn recover_map_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Option<RecoveredDto>> {
    let Some(path) = pick(app.clone(), Pick::Open).await? else {
        return Ok(None);
    };
    recover_map(app, state, path.display().to_string())
        .await
        .map(Some)
}

/// Creates a new map named `name` about `change` and opens it: at `path` when
/// given (end-to-end tests hand it), else where the save dialog, proposing the
/// name as the file's, says; `None` when cancelled.
#[tauri::command]
pub async fn new_map_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    change: String,
    path: Option<String>,
) -> AppResult<Option<WorkspaceDto>> {
    let path = match path {
        Some(path) => with_extension(PathBuf::from(path)),
        None => match pick(app.clone(), Pick::Save(file_stem(&name))).await? {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    let view = state
        .replace_workspace(&app, path, move |p| Workspace::create(p, &name, &change))
        .await?;
    Ok(Some(view))
}

/// Asks where to save a copy of the map, writes it and continues in the copy.
#[tauri::command]
pub async fn save_map_as_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Option<WorkspaceDto>> {
    let stem = state
        .with_workspace(|ws| Ok(ws.export_choices()?.file_stem))
        .await?;
    let Some(path) = pick(app, Pick::Save(format!("{stem} (copy)"))).await? else {
        return Ok(None);
    };
    let view = state
        .with_workspace(move |ws| {
            ws.save_as(&path)?;
            Ok(ws.view()?)
        })
        .await?;
    Ok(Some(view))
}

/// Adds a person with default ratings.
#[tauri::command]
pub async fn add_person(state: State<'_, AppState>, name: String) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.add_person(&name)?))
        .await
}

/// Sets one field of a person from text.
#[tauri::command]
pub async fn set_field(
    state: State<'_, AppState>,
    id: i64,
    field: String,
    value: String,
) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.set_field(id, &field, &value)?))
        .await
}

/// Sets several fields of a person as one undoable edit.
#[tauri::command]
pub async fn set_fields(
    state: State<'_, AppState>,
    id: i64,
    values: Vec<(String, String)>,
) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.set_fields(id, &values)?))
        .await
}

/// Sets several people's stances as one undoable edit ("keep" of a what-if).
#[tauri::command]
pub async fn set_stances(
    state: State<'_, AppState>,
    stances: Vec<TryStanceDto>,
) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.set_stances(&stances)?))
        .await
}

/// Removes a person with their ties and conversations.
#[tauri::command]
pub async fn remove_person(state: State<'_, AppState>, id: i64) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.remove_person(id)?))
        .await
}

/// Adds a tie between two people.
#[tauri::command]
pub async fn add_relation(state: State<'_, AppState>, tie: NewTieDto) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.add_relation(&tie)?))
        .await
}

/// Changes a tie.
#[tauri::command]
pub async fn update_relation(
    state: State<'_, AppState>,
    id: i64,
    tie: NewTieDto,
) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.update_relation(id, &tie)?))
        .await
}

/// Removes a tie.
#[tauri::command]
pub async fn remove_relation(state: State<'_, AppState>, id: i64) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.remove_relation(id)?))
        .await
}

/// Records a conversation.
#[tauri::command]
pub async fn add_engagement(
    state: State<'_, AppState>,
    talk: NewConversationDto,
) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.add_engagement(&talk)?))
        .await
}

/// Changes a conversation record.
#[tauri::command]
pub async fn update_engagement(
    state: State<'_, AppState>,
    id: i64,
    talk: NewConversationDto,
) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.update_engagement(id, &talk)?))
        .await
}

/// Removes a conversation record.
#[tauri::command]
pub async fn remove_engagement(state: State<'_, AppState>, id: i64) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.remove_engagement(id)?))
        .await
}

/// Saves where the user dragged people (undoable).
#[tauri::command]
pub async fn move_people(
    state: State<'_, AppState>,
    places: Vec<PlaceDto>,
) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.move_people(&places)?))
        .await
}

/// Saves the positions an automatic layout chose (not an undo step).
#[tauri::command]
pub async fn place_people(state: State<'_, AppState>, places: Vec<PlaceDto>) -> AppResult<()> {
    state
        .with_workspace(move |ws| Ok(ws.place_people(&places)?))
        .await
}

/// Places everyone never placed where the exports draw them, saves it, and
/// answers with what that changed in the view (not an undo step).
#[tauri::command]
pub async fn lay_out(state: State<'_, AppState>) -> AppResult<EditedDto> {
    state.with_workspace(|ws| Ok(ws.lay_out()?)).await
}

/// The conversation plan the request asks for (advocate, steps, budget, goal);
/// the plan still being computed, if any, stops. The map is held only while it
/// is read, so edits need not wait for the plan.
#[tauri::command]
pub async fn plan(state: State<'_, AppState>, request: PlanRequestDto) -> AppResult<PlanDto> {
    let cancel = state.next_plan()?;
    let input = state.with_workspace(|ws| Ok(ws.model_input()?)).await?;
    AppState::off_thread(move || Ok(input.plan(&request, &cancel)?)).await
}

/// The plan the request would get from the map as it stood on `day`; the plan
/// still being computed, if any, stops.
#[tauri::command]
pub async fn plan_as_of(
    state: State<'_, AppState>,
    request: PlanRequestDto,
    day: String,
) -> AppResult<PlanDto> {
    let cancel = state.next_plan()?;
    let input = state.with_workspace(|ws| Ok(ws.model_input()?)).await?;
    AppState::off_thread(move || Ok(input.plan_as_of(&request, &day, &cancel)?)).await
}

/// Stops the plan being computed (its answer is a `cancelled` error), so the
/// next command need not wait for it.
#[tauri::command]
pub fn cancel_plan(state: State<'_, AppState>) -> AppResult<()> {
    state.cancel_plan()
}

/// Saves the plan the request asks for so its progress can be followed (undoable).
#[tauri::command]
pub async fn save_plan(
    state: State<'_, AppState>,
    request: PlanRequestDto,
) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.save_plan(&request)?))
        .await
}

/// Renames the map and restates its change and description (undoable).
#[tauri::command]
pub async fn set_map_details(
    state: State<'_, AppState>,
    name: String,
    change: String,
    description: String,
) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.set_details(&name, &change, &description)?))
        .await
}

/// Sets θ, how far one conversation moves an open person (undoable).
#[tauri::command]
pub async fn set_theta(state: State<'_, AppState>, theta: f64) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.set_theta(theta)?))
        .await
}

/// The page "How the plan is reached", shipped with the app, as HTML.
#[tauri::command]
pub fn model_help() -> String {
    coalition::help::model_html()
}

/// Closes the open map; the app shows its start page.
#[tauri::command]
pub async fn close_map(state: State<'_, AppState>) -> AppResult<()> {
    let shared = std::sync::Arc::clone(&state.workspace);
    tauri::async_runtime::spawn_blocking(move || {
        shared.lock().map_err(AppError::internal)?.take();
        Ok(())
    })
    .await
    .map_err(AppError::internal)?
}

/// The progress of an advocate's latest saved plan; `None` without one.
#[tauri::command]
pub async fn plan_progress(
    state: State<'_, AppState>,
    advocate: i64,
) -> AppResult<Option<ProgressDto>> {
    state
        .with_workspace(move |ws| Ok(ws.progress(advocate)?))
        .await
}

/// The brief before talking to someone, with their place in an advocate's plan.
#[tauri::command]
pub async fn brief(
    state: State<'_, AppState>,
    id: i64,
    advocate: Option<i64>,
) -> AppResult<BriefDto> {
    state
        .with_workspace(move |ws| Ok(ws.brief(id, advocate)?))
        .await
}

/// The map as it stood at the end of a past day (read-only).
#[tauri::command]
pub async fn view_as_of(state: State<'_, AppState>, day: String) -> AppResult<WorkspaceDto> {
    state
        .with_workspace(move |ws| Ok(ws.view_as_of(&day)?))
        .await
}

/// Who moved between two days, and the change in support.
#[tauri::command]
pub async fn diff(state: State<'_, AppState>, from: String, to: String) -> AppResult<DiffDto> {
    state
        .with_workspace(move |ws| Ok(ws.diff(&from, &to)?))
        .await
}

/// Sets after how many days without a conversation a rating is stale (undoable).
#[tauri::command]
pub async fn set_stale_days(state: State<'_, AppState>, days: u32) -> AppResult<EditedDto> {
    state
        .with_workspace(move |ws| Ok(ws.set_stale_days(days)?))
        .await
}

/// Predicted opinions and support under a what-if; the map does not change.
/// The what-if still being predicted, if any, stops; the map is held only while
/// it is read.
#[tauri::command]
pub async fn simulate(state: State<'_, AppState>, what_if: WhatIfDto) -> AppResult<SimulationDto> {
    let cancel = state.next_simulation()?;
    let input = state.with_workspace(|ws| Ok(ws.model_input()?)).await?;
    AppState::off_thread(move || Ok(input.simulate(&what_if, &cancel)?)).await
}

/// Stops the what-if being predicted (its answer is a `cancelled` error).
#[tauri::command]
pub fn cancel_simulation(state: State<'_, AppState>) -> AppResult<()> {
    state.cancel_simulation()
}

/// Graph metrics of everyone in the map.
#[tauri::command]
pub async fn metrics(state: State<'_, AppState>) -> AppResult<MetricsDto> {
    // The map is held only while it is read, not while the metrics are worked out.
    let map = state.with_workspace(|ws| Ok(ws.snapshot()?)).await?;
    AppState::off_thread(move || Ok(metrics_of(&map))).await
}

/// The map by group (org unit), now or as it stood at the end of a past day.
#[tauri::command]
pub async fn group_map(state: State<'_, AppState>, day: Option<String>) -> AppResult<GroupMapDto> {
    // The map is held only while it is read: an edit made meanwhile need not wait.
    let map = state.with_workspace(|ws| Ok(ws.snapshot()?)).await?;
    AppState::off_thread(move || Ok(group_map_of(&map, day.as_deref())?)).await
}

/// Undoes the latest edit.
#[tauri::command]
pub async fn undo(state: State<'_, AppState>) -> AppResult<EditedDto> {
    state.with_workspace(|ws| Ok(ws.undo()?)).await
}

/// Redoes the latest undone edit.
#[tauri::command]
pub async fn redo(state: State<'_, AppState>) -> AppResult<EditedDto> {
    state.with_workspace(|ws| Ok(ws.redo()?)).await
}

/// Which native file dialog to show.
enum Pick {
    /// Choose a map to open.
    Open,
    /// Choose where to save a map, proposing this name.
    Save(String),
}

/// Shows a native file dialog for map files on a worker thread; `None` when cancelled.
async fn pick(app: AppHandle, pick: Pick) -> AppResult<Option<PathBuf>> {
    tauri::async_runtime::spawn_blocking(move || {
        let dialog = app
            .dialog()
            .file()
            .add_filter("Coalition map", &[coalition::store::EXTENSION]);
        let chosen = match pick {
            Pick::Open => dialog.blocking_pick_file(),
            Pick::Save(name) => dialog
                .set_file_name(format!("{name}.{}", coalition::store::EXTENSION))
                .blocking_save_file(),
        };
        chosen
            .map(|f| f.into_path().map_err(AppError::internal))
            .transpose()
            .map(|p| p.map(with_extension))
    })
    .await
    .map_err(AppError::internal)?
}

/// Adds `.coalition` to a chosen file name that lacks it.
fn with_extension(path: PathBuf) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e == coalition::store::EXTENSION)
    {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(coalition::store::EXTENSION);
        PathBuf::from(name)
    }
}

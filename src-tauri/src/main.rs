//! Coalition's desktop app: a thin Tauri shell over the `coalition` core.
//!
//! `coalition-app [MAP] [--data-dir DIR]` opens MAP, or the latest map, or (on first
//! launch) the demo map written to the data folder. The data folder is, in order,
//! `--data-dir`, `$COALITION_DATA_DIR`, or the platform's data folder + `coalition`.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod heap;
mod menu;
mod rendering;
mod sharing;
mod state;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tauri::Manager;

use crate::state::AppState;

/// What the command line asks for.
struct Args {
    map: Option<PathBuf>,
    data_dir: Option<PathBuf>,
}

fn parse_args() -> Args {
    let mut args = Args {
        map: None,
        data_dir: std::env::var_os("COALITION_DATA_DIR").map(PathBuf::from),
    };
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        if arg == "--data-dir" {
            args.data_dir = it.next().map(PathBuf::from);
        } else if !arg.to_string_lossy().starts_with('-') {
            args.map = Some(PathBuf::from(arg));
        }
    }
    args
}

fn main() {
    heap::with_desktop_heap();
    let args = parse_args();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let data_dir = match args.data_dir.clone() {
                Some(dir) => dir,
                None => app.path().data_dir()?.join("coalition"),
            };
            if let Some(window) = app.get_webview_window("main") {
                rendering::fit_to_machine(&window)?;
            }
            menu::refresh(app.handle(), &data_dir)?;
            let menu_data = data_dir.clone();
            app.on_menu_event(move |app, event| {
                menu::on_event(app, event.id().as_ref(), &menu_data)
            });
            let state = AppState {
                workspace: Arc::new(Mutex::new(None)),
                data_dir,
                startup_error: Arc::new(Mutex::new(None)),
                exported: Mutex::new(Vec::new()),
                planning: Mutex::default(),
                simulating: Mutex::default(),
                importing: Mutex::default(),
            };
            // The map opens while the window loads the page; every command waits for it.
            state.open_at_start(app.handle(), args.map.clone());
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::scales,
            commands::current_map,
            commands::recent_maps,
            commands::open_map,
            commands::open_map_dialog,
            commands::new_map_dialog,
            commands::save_map_as_dialog,
            commands::recover_map,
            commands::recover_map_dialog,
            commands::add_person,
            commands::set_field,
            commands::set_fields,
            commands::set_stances,
            commands::remove_person,
            commands::add_relation,
            commands::update_relation,
            commands::remove_relation,
            commands::add_engagement,
            commands::update_engagement,
            commands::remove_engagement,
            commands::move_people,
            commands::place_people,
            commands::lay_out,
            commands::plan,
            commands::plan_as_of,
            commands::cancel_plan,
            commands::save_plan,
            commands::plan_progress,
            commands::brief,
            commands::view_as_of,
            commands::diff,
            commands::set_stale_days,
            commands::simulate,
            commands::cancel_simulation,
            commands::metrics,
            commands::group_map,
            commands::undo,
            commands::redo,
            commands::set_map_details,
            commands::set_theta,
            commands::model_help,
            commands::close_map,
            sharing::pick_import_files,
            sharing::preview_import,
            sharing::import_files,
            sharing::cancel_import,
            sharing::export_choices,
            sharing::export_map,
            sharing::open_exported,
        ])
        .run(tauri::generate_context!())
        .expect("Coalition could not start");
}

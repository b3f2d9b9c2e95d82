//! The native menu bar. Each item sends its id to the UI as a `menu` event, and
//! the UI runs the same action its buttons run; Open Recent is rebuilt whenever
//! the list of recent maps changes.

use std::path::Path;

use coalition::workspace::RecentMaps;
use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

/// The event the UI listens to; its payload is the item's id.
pub const EVENT: &str = "menu";

/// The prefix of Open Recent items' ids; the rest is the map's index in the list.
const RECENT: &str = "recent:";

/// `(id, label, accelerator)` of one plain item; `None` draws a separator.
type Item = Option<(&'static str, &'static str, Option<&'static str>)>;

const FILE: &[Item] = &[
    Some(("new", "New map…", Some("CmdOrCtrl+N"))),
    Some(("open", "Open…", Some("CmdOrCtrl+O"))),
];

const FILE_REST: &[Item] = &[
    None,
    Some(("import", "Import…", Some("CmdOrCtrl+I"))),
    Some(("export", "Export…", Some("CmdOrCtrl+E"))),
    Some(("save-as", "Save a copy…", Some("CmdOrCtrl+Shift+S"))),
    Some(("details", "Map details…", None)),
    None,
    Some(("recover", "Recover a damaged map…", None)),
    None,
    Some(("close", "Close map", Some("CmdOrCtrl+W"))),
    Some(("quit", "Quit", Some("CmdOrCtrl+Q"))),
];

const EDIT: &[Item] = &[
    Some(("undo", "Undo", Some("CmdOrCtrl+Z"))),
    Some(("redo", "Redo", Some("CmdOrCtrl+Shift+Z"))),
    None,
    Some(("find", "Find…", Some("CmdOrCtrl+F"))),
    Some(("add-person", "Add a person…", None)),
];

const VIEW: &[Item] = &[
    Some(("view:network", "Network", Some("Alt+1"))),
    Some(("view:table", "Table", Some("Alt+2"))),
    Some(("view:grid", "Power / interest", Some("Alt+3"))),
    Some(("view:commitment", "Commitment", Some("Alt+4"))),
    Some(("view:salience", "Salience", Some("Alt+5"))),
    Some(("view:conversations", "Conversations", Some("Alt+6"))),
    None,
    Some(("plan", "Plan & what-if", Some("CmdOrCtrl+P"))),
    None,
    Some(("theme", "Light or dark theme", None)),
];

const HELP: &[Item] = &[
    Some(("help-model", "How the plan is reached", Some("F1"))),
    Some(("about", "About Coalition", None)),
];

/// Builds the menu bar, with Open Recent listing `recent` (newest first).
pub fn build<R: Runtime>(
    app: &AppHandle<R>,
    recent: &[std::path::PathBuf],
) -> tauri::Result<Menu<R>> {
    let mut recent_menu = SubmenuBuilder::new(app, "Open Recent");
    if recent.is_empty() {
        recent_menu = recent_menu.item(
            &MenuItemBuilder::with_id("recent-none", "No recent maps")
                .enabled(false)
                .build(app)?,
        );
    }
    for (i, path) in recent.iter().enumerate() {
        recent_menu = recent_menu
            .item(&MenuItemBuilder::with_id(format!("{RECENT}{i}"), label(path)).build(app)?);
    }
    let file = items(app, SubmenuBuilder::new(app, "File"), FILE)?.item(&recent_menu.build()?);
    let file = items(app, file, FILE_REST)?.build()?;
    let edit = items(app, SubmenuBuilder::new(app, "Edit"), EDIT)?.build()?;
    let view = items(app, SubmenuBuilder::new(app, "View"), VIEW)?.build()?;
    let help = items(app, SubmenuBuilder::new(app, "Help"), HELP)?.build()?;
    MenuBuilder::new(app)
        .items(&[&file, &edit, &view, &help])
        .build()
}

/// Sets the menu bar again with the data folder's recent maps.
pub fn refresh<R: Runtime>(app: &AppHandle<R>, data_dir: &Path) -> tauri::Result<()> {
    let recent = RecentMaps::load(data_dir).list();
    app.set_menu(build(app, &recent)?)?;
    Ok(())
}

/// Passes a chosen item to the UI. Open Recent items carry the map's path, so
/// the UI opens exactly the file the menu showed.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, id: &str, data_dir: &Path) {
    let payload = match id.strip_prefix(RECENT) {
        Some(index) => {
            let recent = RecentMaps::load(data_dir).list();
            match index.parse::<usize>().ok().and_then(|i| recent.get(i)) {
                Some(path) => format!("{RECENT}{}", path.display()),
                None => return,
            }
        }
        None if id == "quit" => {
            app.exit(0);
            return;
        }
        None => id.to_string(),
    };
    // A failed emit means the window is gone; there is no one to tell.
    let _ = app.emit(EVENT, payload);
}

fn items<'m, R: Runtime>(
    app: &'m AppHandle<R>,
    mut menu: SubmenuBuilder<'m, R, AppHandle<R>>,
    list: &[Item],
) -> tauri::Result<SubmenuBuilder<'m, R, AppHandle<R>>> {
    for item in list {
        menu = match item {
            None => menu.separator(),
            Some((id, text, accelerator)) => {
                let mut builder = MenuItemBuilder::with_id(*id, *text);
                if let Some(keys) = accelerator {
                    builder = builder.accelerator(*keys);
                }
                menu.item(&builder.build(app)?)
            }
        };
    }
    Ok(menu)
}

/// A recent map as the menu lists it: the file name, then its folder.
fn label(path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => {
            format!("{name} — {}", folder.display())
        }
        _ => name,
    }
}

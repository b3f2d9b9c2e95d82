//! How the window draws on a machine without a GPU.
//!
//! With no GPU render node (a virtual machine, a remote desktop, Xvfb), WebKitGTK
//! still composites the page with OpenGL, drawn by Mesa's software rasteriser,
//! and every change to the network's canvas is copied through it. Measured in the
//! release app on a 10,000-person map on 7 December 2026 (2 cores, no GPU): a pan
//! frame took 45–90 ms composited and 13–20 ms drawn directly, an edit's redraw
//! 370–490 ms against 280–410 ms, and the web view held 617 against 455 MB.
//! So without a render node the page is drawn without compositing; with one,
//! WebKit's own choice stands, as does a user's WEBKIT_DISABLE_COMPOSITING_MODE.

use std::path::Path;

/// Where Linux lists the GPUs a program may draw with.
#[cfg(target_os = "linux")]
const DRI: &str = "/dev/dri";

/// True when `dri` (Linux's `/dev/dri`) lists no render node (`renderD128`…), so
/// anything drawn "on the GPU" is drawn in software.
pub fn software_only(dri: &Path) -> bool {
    std::fs::read_dir(dri).map_or(true, |entries| {
        !entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Draws `window` without compositing when the machine has no GPU (see the module).
pub fn fit_to_machine(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    if software_only(Path::new(DRI))
        && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
    {
        window.with_webview(|view| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = view.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        })?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_machine_is_software_only_without_a_render_node() {
        let dir = std::env::temp_dir().join(format!("coalition-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(software_only(&dir.join("missing")), "no /dev/dri at all");
        assert!(software_only(&dir), "an empty /dev/dri");
        std::fs::write(dir.join("card0"), b"").unwrap();
        assert!(software_only(&dir), "a display card but no render node");
        std::fs::write(dir.join("renderD128"), b"").unwrap();
        assert!(!software_only(&dir), "a render node");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Writing the files a user asked for, and nothing else.
//!
//! Every output (an export, a copy of a map, a recovered map) is made in a fresh
//! private folder beside its destination — created exclusively, so no planted
//! file or symlink is ever written through — synced, and then placed with one
//! atomic step. A map file is never overwritten; any other existing file only
//! with [`Replace::Allowed`]. A failed write leaves nothing behind; a killed one
//! at most a hidden `.coalition-tmp-…` folder beside the destination.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::store::APPLICATION_ID;

/// Whether an output may replace an existing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Refuse when the destination exists.
    Never,
    /// Replace an existing regular file (never a map, a symlink or a device).
    Allowed,
}

/// Produces the folder `dest` with `make`, which is given a fresh empty folder
/// inside a private temporary folder beside `dest` and must write the files
/// `names` (plain file names) into it, e.g. with [`create_new`]; then syncs them
/// and places the folder at `dest` all or nothing: built in the temporary folder, then renamed into place.
pub fn write_folder_with(
    dest: &Path,
    names: &[&str],
    replace: Replace,
    make: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    for name in names {
        let plain = Path::new(name)
            .file_name()
            .is_some_and(|f| f == std::ffi::OsStr::new(name));
        if !plain {
            return Err(Error::Invalid(format!(
                "'{name}' is not a plain file name; an export writes only inside its folder"
            )));
        }
    }
    let existing = check_destination(dest, replace, Some(names))?;
    let parent = parent_of(dest);
    let staging = Staging::new(&parent)?;
    let folder = staging.path.join("out");
    std::fs::create_dir(&folder).map_err(|e| io(&folder, e))?;
    make(&folder)?;
    for name in names {
        File::open(folder.join(name))
            .and_then(|file| file.sync_all())
            .map_err(|e| io(dest, e))?;
    }
    if existing {
        // Keep the old folder until the new one is in place.
        let old = staging.path.join("old");
        std::fs::rename(dest, &old).map_err(|e| io(dest, e))?;
        if let Err(e) = std::fs::rename(&folder, dest) {
            let _ = std::fs::rename(&old, dest);
            return Err(io(dest, e));
        }
    } else {
        std::fs::rename(&folder, dest).map_err(|e| io(dest, e))?;
    }
    sync_folder(&parent);
    Ok(())
}

/// Creates the file `path`, which must not exist yet, for writing; an error
/// names `dest`, the output the user asked for.
pub fn create_new(path: &Path, dest: &Path) -> Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| io(dest, e))
}

/// Produces the output with `make`, which is given a path (that does not exist
/// yet) inside a fresh private temporary folder beside `dest` and must create
/// the file there (e.g. SQLite's `VACUUM INTO`); then places it at `dest` atomically, and removes the temporary folder whatever happens.
pub fn write_with(
    dest: &Path,
    replace: Replace,
    make: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    check_destination(dest, replace, None)?;
    let parent = parent_of(dest);
    let staging = Staging::new(&parent)?;
    let fresh = staging.path.join("out");
    make(&fresh)?;
    if let Ok(file) = File::open(&fresh) {
        file.sync_all().map_err(|e| io(dest, e))?;
    }
    match replace {
        // hard_link fails when dest exists: no window for a planted file.
        Replace::Never => std::fs::hard_link(&fresh, dest).map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => exists(dest),
            _ => io(dest, e),
        })?,
        Replace::Allowed => {
            // Checked again right before the rename: still not a map or a link.
            check_destination(dest, replace, None)?;
            std::fs::rename(&fresh, dest).map_err(|e| io(dest, e))?;
        }
    }
    sync_folder(&parent);
    Ok(())
}

/// True when the file at `path` is a Coalition map (an SQLite file whose header
/// carries application_id 0x434F414C at byte offset 68, big-endian). Reads only
/// the first 100 bytes; never opens it with SQLite.
pub fn is_map_file(path: &Path) -> bool {
    let mut header = [0u8; 100];
    let read = File::open(path).and_then(|f| f.take(100).read_exact(&mut header).map(|_| ()));
    read.is_ok()
        && header.starts_with(b"SQLite format 3\0")
        && i64::from(u32::from_be_bytes([
            header[68], header[69], header[70], header[71],
        ])) == APPLICATION_ID
}

/// Refuses a destination that must not be written; returns whether it exists.
fn check_destination(dest: &Path, replace: Replace, folder: Option<&[&str]>) -> Result<bool> {
    let meta = match dest.symlink_metadata() {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(io(dest, e)),
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err(Error::Conflict(format!(
            "{} is a symbolic link; Coalition does not write through links: choose the real file or another name",
            dest.display()
        )));
    }
    if let Some(names) = folder {
        if !kind.is_dir() {
            return Err(Error::Conflict(format!(
                "{} exists and is not a folder; choose a folder name for the files",
                dest.display()
            )));
        }
        return check_folder(dest, replace, names);
    }
    if !kind.is_file() {
        return Err(Error::Conflict(format!(
            "{} is not a regular file (a folder or a device); choose a file name",
            dest.display()
        )));
    }
    if is_map_file(dest) {
        return Err(Error::Conflict(format!(
            "{} is a Coalition map; writing over it would destroy it: choose another file name",
            dest.display()
        )));
    }
    if replace == Replace::Never {
        return Err(exists(dest));
    }
    Ok(true)
}

/// Checks an existing output folder. An empty one is used as it is. One with
/// content is replaced only with [`Replace::Allowed`], and only when it holds
/// nothing but regular files of the names being written (an earlier export):
/// `--force` must never delete a folder of the user's other files, or a map.
fn check_folder(dest: &Path, replace: Replace, names: &[&str]) -> Result<bool> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dest).map_err(|e| io(dest, e))? {
        entries.push(entry.map_err(|e| io(dest, e))?);
    }
    if entries.is_empty() {
        return Ok(true);
    }
    if let Some(map) = entries.iter().find(|e| is_map_file(&e.path())) {
        return Err(Error::Conflict(format!(
            "{} holds a Coalition map ({}); replacing the folder would destroy it: choose another folder",
            dest.display(),
            map.file_name().to_string_lossy()
        )));
    }
    if replace == Replace::Never {
        return Err(exists(dest));
    }
    let other = entries.iter().find(|e| {
        let ours = e.file_name().to_str().is_some_and(|n| names.contains(&n));
        !ours || !e.file_type().is_ok_and(|t| t.is_file())
    });
    if let Some(other) = other {
        return Err(Error::Conflict(format!(
            "{} holds more than an earlier export (e.g. {}); --force replaces only a folder of {}: choose a new or empty folder",
            dest.display(),
            other.file_name().to_string_lossy(),
            names.join(", ")
        )));
    }
    Ok(true)
}

fn exists(dest: &Path) -> Error {
    Error::Conflict(format!(
        "{} already exists; choose another name, or give --force to replace it",
        dest.display()
    ))
}

fn parent_of(dest: &Path) -> PathBuf {
    match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes sure a rename reached the disk (best effort: not every file system
/// lets a folder be synced).
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// An I/O error on `path`, in the user's words where the cause is theirs to fix.
pub fn io(path: &Path, e: std::io::Error) -> Error {
    let hint = match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Some(
            "permission denied; choose a folder you can write to, or change the file's permissions",
        ),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            Some("the disk is full; free some space and try again")
        }
        _ => None,
    };
    match hint {
        Some(hint) => Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(e.kind(), hint),
        },
        None => Error::Io {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

/// A private folder beside the destination, removed when dropped.
struct Staging {
    path: PathBuf,
}

impl Staging {
    fn new(parent: &Path) -> Result<Staging> {
        for _ in 0..16 {
            let path = parent.join(format!(".coalition-tmp-{:016x}", fastrand::u64(..)));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(Staging { path }),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io(parent, e)),
            }
        }
        Err(Error::Conflict(format!(
            "could not make a temporary folder in {}; remove its .coalition-tmp-* folders and try again",
            parent.display()
        )))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Writes `bytes` to `dest` atomically (through [`write_with`]).
    fn write_file(dest: &Path, bytes: &[u8], replace: Replace) -> Result<()> {
        write_with(dest, replace, |fresh| {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(fresh)
                .map_err(|e| io(fresh, e))?;
            file.write_all(bytes).map_err(|e| io(dest, e))?;
            file.sync_all().map_err(|e| io(dest, e))
        })
    }

    /// Writes several files into the folder `dest` all-or-nothing (through
    /// [`write_folder_with`]).
    fn write_folder(dest: &Path, files: &[(String, Vec<u8>)], replace: Replace) -> Result<()> {
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        write_folder_with(dest, &names, replace, |folder| {
            for (name, bytes) in files {
                let mut file = create_new(&folder.join(name), dest)?;
                file.write_all(bytes).map_err(|e| io(dest, e))?;
            }
            Ok(())
        })
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_map_is_never_overwritten_and_other_files_only_when_allowed() {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join("m.coalition");
        crate::store::MapFile::create(&map, "M", "").unwrap();
        let before = std::fs::read(&map).unwrap();
        assert!(is_map_file(&map));
        let e = write_file(&map, b"{}", Replace::Allowed).unwrap_err();
        assert!(e.to_string().contains("is a Coalition map"), "{e}");
        assert_eq!(std::fs::read(&map).unwrap(), before);

        let other = dir.path().join("out.json");
        std::fs::write(&other, b"old").unwrap();
        let e = write_file(&other, b"new", Replace::Never).unwrap_err();
        assert!(e.to_string().contains("--force"), "{e}");
        assert_eq!(std::fs::read(&other).unwrap(), b"old");
        write_file(&other, b"new", Replace::Allowed).unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"new");
        // The map's lock file is left beside it, as always.
        assert_eq!(
            names(dir.path()),
            [".m.coalition.lock", "m.coalition", "out.json"]
        );
    }

    #[test]
    fn symlinks_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        // A planted .partial link beside the destination is not used.
        std::os::unix::fs::symlink(&victim, dir.path().join("out.json.partial")).unwrap();
        write_file(&dir.path().join("out.json"), b"x", Replace::Never).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        // A link at the destination itself is refused.
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let e = write_file(&link, b"x", Replace::Allowed).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    }

    #[test]
    fn a_failed_output_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("copy.coalition");
        let e = write_with(&dest, Replace::Never, |_| Err(Error::Invalid("no".into())));
        assert!(e.is_err());
        assert!(names(dir.path()).is_empty());
        let e = write_folder(
            &dir.path().join("csv"),
            &[
                ("people.csv".into(), b"a".to_vec()),
                ("../x".into(), b"b".to_vec()),
            ],
            Replace::Never,
        );
        assert!(e.is_err());
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_is_replaced_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("csv");
        let files = |tag: &str| {
            vec![
                ("people.csv".to_string(), tag.as_bytes().to_vec()),
                ("relations.csv".to_string(), tag.as_bytes().to_vec()),
            ]
        };
        write_folder(&csv, &files("one"), Replace::Never).unwrap();
        assert!(write_folder(&csv, &files("two"), Replace::Never).is_err());
        assert_eq!(std::fs::read(csv.join("people.csv")).unwrap(), b"one");
        write_folder(&csv, &files("two"), Replace::Allowed).unwrap();
        assert_eq!(std::fs::read(csv.join("relations.csv")).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["csv"]);
    }

    #[test]
    fn force_never_replaces_a_folder_of_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        std::fs::write(docs.join("thesis.txt"), b"years of work").unwrap();
        let files = [("people.csv".to_string(), b"x".to_vec())];
        let e = write_folder(&docs, &files, Replace::Allowed).unwrap_err();
        assert!(e.to_string().contains("thesis.txt"), "{e}");
        assert_eq!(
            std::fs::read(docs.join("thesis.txt")).unwrap(),
            b"years of work"
        );
        assert_eq!(names(&docs), ["thesis.txt"]);
        // An empty folder is simply used.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write_folder(&empty, &files, Replace::Never).unwrap();
        assert_eq!(names(&empty), ["people.csv"]);
        assert_eq!(names(dir.path()), ["docs", "empty"]);
    }

    #[test]
    fn devices_are_not_outputs() {
        let e = write_file(Path::new("/dev/null"), b"x", Replace::Allowed).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }
}

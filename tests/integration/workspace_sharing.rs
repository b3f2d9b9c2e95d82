//! The app's import and export: preview first, one undo step, every format
//! written where the user chose, the map unchanged by a bad file.

use std::sync::Mutex;

use coalition::formats::sharing::{ExportRequestDto, ImportRequestDto};
use coalition::workspace::Workspace;

use crate::support::{small_map, temp_map};

fn request(paths: &[&std::path::Path]) -> ImportRequestDto {
    ImportRequestDto {
        paths: paths.iter().map(|p| p.display().to_string()).collect(),
        merge: false,
        columns: None,
    }
}

#[test]
fn a_bad_row_is_previewed_with_its_row_and_nothing_changes_then_the_fixed_file_imports_as_one_undo_step()
 {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let before = ws.snapshot().unwrap();
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "name,role,stance\nDee Park,Controller,Supportive\nEli Moss,Buyer,maybe\nFay Lin,,Neutral\n",
    )
    .unwrap();
    let preview = ws.preview_import(&request(&[&people])).unwrap();
    assert_eq!(preview.files, ["people.csv"]);
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert!(
        preview.problems[0].contains("row 3") && preview.problems[0].contains("stance"),
        "{:?}",
        preview.problems
    );
    assert!(ws.import(&request(&[&people])).is_err());
    assert_eq!(ws.snapshot().unwrap(), before);

    std::fs::write(
        &people,
        "name,role,stance\nDee Park,Controller,Supportive\nEli Moss,Buyer,Neutral\nFay Lin,,Neutral\n",
    )
    .unwrap();
    let preview = ws.preview_import(&request(&[&people])).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.people, 3);
    assert_eq!(preview.added, ["Dee Park", "Eli Moss", "Fay Lin"]);
    ws.import(&request(&[&people])).unwrap();
    let view = ws.view().unwrap();
    assert_eq!(view.people.len(), before.stakeholders.len() + 3);
    assert_eq!(view.undo.as_deref(), Some("Import people.csv"));
    ws.undo().unwrap();
    assert_eq!(ws.snapshot().unwrap(), before);
}

#[test]
fn an_unreadable_file_is_a_problem_of_the_preview_not_a_failure() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let ws = Workspace::open(&path).unwrap();
    let odd = dir.path().join("odd.csv");
    std::fs::write(&odd, "colour,size\nred,4\n").unwrap();
    let preview = ws.preview_import(&request(&[&odd])).unwrap();
    assert_eq!(preview.people, 0);
    assert_eq!(preview.problems.len(), 1);
    assert!(
        preview.problems[0].contains("cannot tell what this file holds"),
        "{:?}",
        preview.problems
    );
    let missing = dir.path().join("gone.csv");
    let preview = ws.preview_import(&request(&[&missing])).unwrap();
    assert!(
        preview.problems[0].contains("gone.csv"),
        "{:?}",
        preview.problems
    );
}

#[test]
fn every_format_is_written_where_asked_with_progress_and_the_profile_applied() {
    let (dir, path) = temp_map();
    drop(coalition::demo::write_demo(&path).unwrap());
    let ws = Workspace::open(&path).unwrap();
    let choices = ws.export_choices().unwrap();
    assert_eq!(choices.file_stem, "Project Keystone");
    let full = &choices.profiles[0];
    assert_eq!(full.key, "full");
    let pseudo = choices
        .profiles
        .iter()
        .find(|p| p.key == "pseudonymous")
        .unwrap();
    assert_eq!(full.file_stem, "Project Keystone");
    assert_eq!(
        pseudo.file_stem, "Stakeholder map",
        "a shared file's name names no project"
    );
    let ask = |profile: &str| coalition::formats::sharing::ExportRequestDto {
        format: "html".into(),
        view: "network".into(),
        profile: profile.into(),
        advocate: None,
    };
    // The save dialog proposes the profile's name: never the project's when pseudonymous.
    assert_eq!(
        ws.export_file_stem(&ask("full")).unwrap(),
        "Project Keystone"
    );
    assert_eq!(
        ws.export_file_stem(&ask("pseudonymous")).unwrap(),
        "Stakeholder map"
    );
    assert!(full.generalised.is_empty());
    assert!(
        pseudo
            .generalised
            .iter()
            .any(|l| l.contains("groups merged into 'Other units'")),
        "{:?}",
        pseudo.generalised
    );
    assert!(
        pseudo
            .removes
            .starts_with("Names become a generalised role and a letter")
    );
    assert!(
        pseudo.removes.contains("conversation summaries"),
        "{}",
        pseudo.removes
    );
    for format in &choices.formats {
        let stages = Mutex::new(Vec::new());
        let dest = dir.path().join(format!("out-{}", format.key));
        let done = ws
            .export_to(
                &ExportRequestDto {
                    format: format.key.clone(),
                    view: "network".into(),
                    profile: "pseudonymous".into(),
                    advocate: None,
                },
                &dest,
                &|p| stages.lock().unwrap().push(p.stage),
            )
            .unwrap();
        assert!(
            !stages.lock().unwrap().is_empty(),
            "{}: no progress",
            format.key
        );
        assert!(done.bytes > 0);
        for written in &done.paths {
            let bytes = std::fs::read(written).unwrap();
            assert!(!bytes.is_empty(), "{written}");
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("Priya Raman"),
                "{}: a real name in a pseudonymous export",
                format.key
            );
        }
        if format.folder {
            assert_eq!(done.open, dest.display().to_string());
            assert_eq!(done.paths.len(), 3);
        } else {
            assert_eq!(
                done.paths,
                [format!("{}.{}", dest.display(), format.extension)]
            );
        }
    }
}

#[test]
fn an_export_never_replaces_a_map_and_names_a_bad_choice() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let ws = Workspace::open(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let json = |format: &str, profile: &str| ExportRequestDto {
        format: format.into(),
        view: "network".into(),
        profile: profile.into(),
        advocate: None,
    };
    let onto_map = dir.path().join("map.coalition");
    std::fs::copy(&path, &onto_map).unwrap();
    let mut over = onto_map.clone().into_os_string();
    over.push(".json");
    std::fs::copy(&path, &over).unwrap();
    assert!(
        ws.export_to(&json("json", "full"), &onto_map, &|_| {})
            .is_err()
    );
    assert_eq!(std::fs::read(&over).unwrap(), before);
    let e = ws
        .export_to(&json("docx", "full"), &dir.path().join("x"), &|_| {})
        .unwrap_err();
    assert!(e.to_string().contains("'docx' is not one of"), "{e}");
    let e = ws
        .export_to(&json("json", "secret"), &dir.path().join("x"), &|_| {})
        .unwrap_err();
    assert!(e.to_string().contains("privacy profile 'secret'"), "{e}");
}

#[test]
fn map_details_and_theta_are_undoable_edits_the_view_shows() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let done = ws
        .set_details("Keystone", "One ERP for three sites", "Steering group map")
        .unwrap();
    let view = ws.view().unwrap();
    assert_eq!(view.name, "Keystone");
    assert_eq!(view.change, "One ERP for three sites");
    assert!(done.stale.is_empty());
    assert!(ws.set_details("", "x", "").is_err());
    let done = ws.set_theta(0.3).unwrap();
    assert_eq!(ws.view().unwrap().theta, 0.3);
    assert!(
        done.stale
            .contains(&coalition::formats::view::Derived::Plan)
    );
    assert!(ws.set_theta(1.5).is_err());
    ws.undo().unwrap();
    ws.undo().unwrap();
    let view = ws.view().unwrap();
    assert_eq!(view.theta, 0.5);
    assert_ne!(view.name, "Keystone");
}

#[test]
fn an_org_chart_preview_says_which_column_was_read_as_what_and_a_correction_is_applied() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let chart = dir.path().join("hr.csv");
    std::fs::write(
        &chart,
        "Employee ID,Full Name,Manager ID,Job Title,Department,Cost Centre\n\
         1,Hana Ito,,CEO,Board,CC-100\n\
         2,Ivo Brandt,1,CFO,Finance,CC-200\n\
         3,Jon Keller,2,Controller,Finance,CC-210\n",
    )
    .unwrap();
    let preview = ws.preview_import(&request(&[&chart])).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.people, preview.relations), (3, 2));
    let columns = preview.columns.clone().expect("read as an org chart");
    assert_eq!(columns.department.as_deref(), Some("Department"));
    assert_eq!(columns.manager_id.as_deref(), Some("Manager ID"));
    assert_eq!(preview.headers.len(), 6);

    let mut corrected = request(&[&chart]);
    corrected.columns = Some(coalition::import::OrgColumns {
        department: Some("Cost Centre".into()),
        ..columns
    });
    let preview = ws.preview_import(&corrected).unwrap();
    assert_eq!(
        preview
            .columns
            .as_ref()
            .and_then(|c| c.department.as_deref()),
        Some("Cost Centre")
    );
    ws.import(&corrected).unwrap();
    let groups = ws.view().unwrap().groups;
    assert!(groups.contains(&"CC-210".to_string()), "{groups:?}");
    assert!(!groups.contains(&"Finance".to_string()));
}

/// The files in `dir`, sorted.
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_export_streams_whole_files_replaces_only_a_chosen_file_and_a_failed_one_leaves_nothing() {
    use coalition::export::{ExportOptions, Format, export};
    use coalition::model::{Field, Stakeholder};
    use coalition::store::MapFile;

    let (dir, path) = temp_map();
    let mut map = small_map(&path);
    // A note longer than an XLSX cell holds: the workbook fails on its row,
    // after the file was begun.
    let mut dee = Stakeholder::new("Dee").unwrap();
    dee.set(Field::Notes, &"n".repeat(40_000)).unwrap();
    map.add_stakeholder(&dee).unwrap();
    drop(map);
    let ws = Workspace::open(&path).unwrap();
    let snapshot = MapFile::open_read_only(&path).unwrap().snapshot().unwrap();
    let in_memory = |format: Format| {
        let options = ExportOptions {
            format,
            ..ExportOptions::default()
        };
        export(&snapshot, &options, None).unwrap()
    };
    let ask = |format: &str| ExportRequestDto {
        format: format.into(),
        view: "network".into(),
        profile: "full".into(),
        advocate: None,
    };
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();

    // A file the save dialog agreed to replace is replaced by the whole export,
    // and `bytes` counts what was written.
    let chosen = out.join("shared.json");
    std::fs::write(&chosen, "old").unwrap();
    let done = ws.export_to(&ask("json"), &chosen, &|_| {}).unwrap();
    let written = std::fs::read(&chosen).unwrap();
    assert_eq!(written, in_memory(Format::Json)[0].bytes);
    assert_eq!(done.bytes, written.len() as u64);

    // A CSV folder: the three files whole, `bytes` their sum.
    let csv = out.join("csv");
    let done = ws.export_to(&ask("csv"), &csv, &|_| {}).unwrap();
    let files = in_memory(Format::Csv);
    let mut sum = 0;
    for file in &files {
        let written = std::fs::read(csv.join(&file.name)).unwrap();
        assert_eq!(written, file.bytes, "{}", file.name);
        sum += written.len() as u64;
    }
    assert_eq!(done.bytes, sum);
    // … which never replaces a folder already there.
    let e = ws.export_to(&ask("csv"), &csv, &|_| {}).unwrap_err();
    assert!(e.to_string().contains("exists"), "{e}");
    assert_eq!(
        listing(&csv),
        ["engagements.csv", "people.csv", "relations.csv"]
    );

    // A failed export leaves the file it was to replace as it was, and nothing
    // half-written beside it.
    let book = out.join("book.xlsx");
    std::fs::write(&book, "old").unwrap();
    let e = ws.export_to(&ask("xlsx"), &book, &|_| {}).unwrap_err();
    assert!(e.to_string().contains("an XLSX cell holds at most"), "{e}");
    assert_eq!(std::fs::read(&book).unwrap(), b"old");
    assert_eq!(listing(&out), ["book.xlsx", "csv", "shared.json"]);
}

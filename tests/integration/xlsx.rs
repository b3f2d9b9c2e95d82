//! XLSX: the demo map through a workbook and back, formula safety, problems with
//! sheet and row, and workbooks that are not what they claim.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use coalition::export::{ExportOptions, Format, Profile, View, export};
use coalition::import::{ImportOptions, read_files};
use coalition::model::{Field, MapSnapshot, Stakeholder};
use coalition::store::MapFile;

use crate::sharing::{NAMES, SECRETS, hostile_map};
use crate::support::{cli, export as json_of, stderr, temp_map};

/// Formula-like text a spreadsheet would run if it were written as a formula.
const FORMULAS: [&str; 3] = ["=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)"];

fn xlsx_of(map: &MapSnapshot, profile: Profile) -> Vec<u8> {
    let files = export(
        map,
        &ExportOptions {
            format: Format::Xlsx,
            view: View::Network,
            profile,
            advocate: None,
        },
        None,
    )
    .unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "map.xlsx");
    files[0].bytes.clone()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Everything of a map that our CSV and XLSX carry, by name and in a fixed order:
/// every field of every person, every tie, every conversation.
fn content(map: &MapSnapshot) -> Vec<String> {
    let people = map.people();
    let mut lines: Vec<String> = map
        .stakeholders
        .iter()
        .map(|p| {
            let fields: Vec<String> = Field::ALL.iter().map(|&f| p.get(f)).collect();
            format!("person {fields:?}")
        })
        .collect();
    lines.extend(map.relations.iter().map(|r| {
        format!(
            "tie {:?} {} {:?} {} {:?}",
            people.name(r.from),
            r.kind.as_str(),
            people.name(r.to),
            r.strength,
            r.note
        )
    }));
    lines.extend(map.engagements.iter().map(|e| {
        format!(
            "talk {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            e.date,
            people.name(e.stakeholder),
            e.held_by.map(|h| people.name(h)),
            e.channel,
            e.summary,
            e.stance_before.map(|s| s.level()),
            e.stance_after.map(|s| s.level()),
            e.next_step,
            e.next_step_due
        )
    }));
    lines.sort();
    lines
}

/// Imports `files` into a new empty map at `target` and returns its snapshot.
fn import_into_empty(target: &Path, files: &[PathBuf]) -> MapSnapshot {
    let mut copy = MapFile::create(target, "Empty", "").unwrap();
    let batch = read_files(files, None).unwrap();
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    copy.import_batch(&batch, &ImportOptions::default())
        .unwrap();
    copy.snapshot().unwrap()
}

/// Every cell of every sheet, as calamine reads it.
fn cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            (name, range.rows().map(<[Data]>::to_vec).collect())
        })
        .collect()
}

/// Every part of a zip archive, unpacked.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            part.read_to_end(&mut data).unwrap();
            (part.name().unwrap().to_string(), data)
        })
        .collect()
}

/// The same archive with the part `name` replaced by `data` (stored as is).
fn replace_part(bytes: &[u8], name: &str, data: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (part, content) in parts(bytes) {
        out.start_file(part.as_str(), options).unwrap();
        out.write_all(if part == name { data } else { &content })
            .unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn the_demo_map_goes_through_xlsx_and_back_unchanged() {
    let (dir, path) = temp_map();
    let demo = coalition::demo::write_demo(&path)
        .unwrap()
        .snapshot()
        .unwrap();
    let book = write(dir.path(), "book.xlsx", &xlsx_of(&demo, Profile::Full));
    let copy = import_into_empty(&dir.path().join("copy.coalition"), &[book]);
    assert!(demo.stakeholders.len() > 10 && !demo.engagements.is_empty());
    assert_eq!(content(&copy), content(&demo));

    // And XLSX reads exactly as the CSV export does.
    let csv = export(
        &demo,
        &ExportOptions {
            format: Format::Csv,
            ..ExportOptions::default()
        },
        None,
    )
    .unwrap();
    let csv: Vec<PathBuf> = csv
        .iter()
        .map(|f| write(dir.path(), &f.name, &f.bytes))
        .collect();
    let from_csv = import_into_empty(&dir.path().join("csv.coalition"), &csv);
    assert_eq!(content(&from_csv), content(&copy));
}

#[test]
fn hostile_text_goes_through_xlsx_and_back_byte_exact() {
    let (dir, path) = temp_map();
    let mut map = hostile_map(&path);
    for (i, text) in FORMULAS.iter().enumerate() {
        let mut p = Stakeholder::new(text).unwrap();
        p.set(Field::Notes, &format!("{text} _x0041_ \u{1b}[2J {i}"))
            .unwrap();
        map.add_stakeholder(&p).unwrap();
    }
    let snapshot = map.snapshot().unwrap();
    let book = write(dir.path(), "book.xlsx", &xlsx_of(&snapshot, Profile::Full));
    let copy = import_into_empty(&dir.path().join("copy.coalition"), &[book]);
    assert_eq!(content(&copy), content(&snapshot));
}

#[test]
fn formula_like_text_is_written_as_string_cells_and_never_as_a_formula() {
    let (_dir, path) = temp_map();
    let mut map = hostile_map(&path);
    for text in FORMULAS {
        let mut p = Stakeholder::new(text).unwrap();
        p.set(Field::Role, text).unwrap();
        map.add_stakeholder(&p).unwrap();
    }
    let bytes = xlsx_of(&map.snapshot().unwrap(), Profile::Full);
    let sheets = cells(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["People", "Relations", "Conversations"]);
    let (_, people) = &sheets[0];
    let header: Vec<String> = people[0].iter().map(|c| c.to_string()).collect();
    let expected: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
    assert_eq!(header, expected);
    for text in FORMULAS.iter().chain(&NAMES) {
        let row = people
            .iter()
            .find(|row| row[0] == Data::String(text.to_string()))
            .unwrap_or_else(|| panic!("{text} is not a string cell"));
        if FORMULAS.contains(text) {
            assert_eq!(row[1], Data::String(text.to_string()), "role of {text}");
        }
        // Levels are numbers, as in the CSV's numeric columns.
        let power = Field::ALL.iter().position(|&f| f == Field::Power).unwrap();
        assert!(matches!(row[power], Data::Float(_)), "{:?}", row[power]);
    }
    let (_, relations) = &sheets[1];
    assert!(matches!(relations[1][3], Data::Float(s) if s == 3.0));
    let (_, talks) = &sheets[2];
    assert!(
        matches!(talks[1][0], Data::DateTime(_)),
        "{:?}",
        talks[1][0]
    );
    assert_eq!(talks[1][4], Data::String(format!("-{}", SECRETS[2])));
    let mut sheets_seen = 0;
    for (name, xml) in parts(&bytes) {
        if name.starts_with("xl/worksheets/") {
            sheets_seen += 1;
            assert!(!contains(&xml, "<f>") && !contains(&xml, "<f "), "{name}");
        }
    }
    assert_eq!(sheets_seen, 3);
    // The header is frozen.
    let sheet1 = parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap()
        .1;
    assert!(contains(&sheet1, "state=\"frozen\""));
}

/// A workbook written in the test, the way a person fills one in: the header on
/// row 1, an empty row 4, and on row 5 a stance that is not one.
fn hand_made_book() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let people = book.add_worksheet();
    people.set_name("people").unwrap();
    people
        .write_row(0, 0, ["Name", "Stance", "Power", "Advocate"])
        .unwrap();
    people.write_string(1, 0, "Ana").unwrap();
    people.write_number(1, 1, 2).unwrap();
    people.write_number(1, 2, 5).unwrap();
    people
        .write_formula(
            2,
            0,
            rust_xlsxwriter::Formula::new("=\"B\"&\"o\"").set_result("Bo"),
        )
        .unwrap();
    people.write_boolean(2, 3, true).unwrap();
    people.write_row(4, 0, ["Cy", "maybe", "3"]).unwrap();
    let ties = book.add_worksheet();
    ties.set_name("Sheet2").unwrap();
    ties.write_row(0, 0, ["from", "kind", "to"]).unwrap();
    ties.write_row(1, 0, ["Bo", "reports_to", "Ana"]).unwrap();
    book.add_worksheet().set_name("Notes").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_bad_row_is_listed_with_its_sheet_and_excel_row_and_nothing_is_imported() {
    let (dir, path) = temp_map();
    drop(MapFile::create(&path, "Empty", "").unwrap());
    let before = json_of(&path);
    let book = write(dir.path(), "book.xlsx", &hand_made_book());
    let batch = read_files(std::slice::from_ref(&book), None).unwrap();
    assert_eq!(batch.problems.len(), 1, "{:?}", batch.problems);
    assert!(
        batch.problems[0]
            .starts_with("book.xlsx sheet people row 5, column stance: stance 'maybe'"),
        "{:?}",
        batch.problems
    );
    // The formula cell came as its cached value; the tab Sheet2 by its header.
    let names: Vec<&str> = batch.people.iter().map(|(_, p)| p.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Bo"]);
    assert_eq!(
        batch.people[0].0.to_string(),
        "book.xlsx sheet people row 2"
    );
    assert!(batch.people[1].1.advocate && batch.people[0].1.power.to_string() == "5");
    assert_eq!(batch.relations.len(), 1);
    assert_eq!(
        batch.relations[0].at.to_string(),
        "book.xlsx sheet Sheet2 row 2"
    );
    let out = cli(&["import", path.to_str().unwrap(), book.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("book.xlsx sheet people row 5, column stance"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json_of(&path), before, "the map changed");
}

#[test]
fn a_formula_cell_imports_as_its_cached_value_and_is_never_evaluated() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let people = book.add_worksheet();
    people.set_name("People").unwrap();
    people.write_row(0, 0, ["name", "role"]).unwrap();
    people.write_string(1, 0, "Ana").unwrap();
    people
        .write_formula(
            1,
            1,
            rust_xlsxwriter::Formula::new("=1+1").set_result("cached"),
        )
        .unwrap();
    people.write_string(2, 0, "Bo").unwrap();
    // A formula with no cached value is an empty cell.
    people
        .write_formula(2, 1, "=HYPERLINK(\"http://x\")")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "f.xlsx", &book.save_to_buffer().unwrap());
    let batch = read_files(&[file], None).unwrap();
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    let roles: Vec<&str> = batch.people.iter().map(|(_, p)| p.role.as_str()).collect();
    assert!(
        roles == ["cached", ""] || roles == ["cached", "0"],
        "{roles:?}"
    );
}

#[test]
fn the_cli_exports_and_imports_a_workbook() {
    let (dir, path) = temp_map();
    drop(coalition::demo::write_demo(&path).unwrap());
    let book = dir.path().join("out.xlsx");
    let out = cli(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let target = dir.path().join("new.coalition");
    drop(MapFile::create(&target, "New", "").unwrap());
    let out = cli(&["import", target.to_str().unwrap(), book.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a = MapFile::open(&path).unwrap().snapshot().unwrap();
    let b = MapFile::open(&target).unwrap().snapshot().unwrap();
    assert_eq!(content(&a), content(&b));
}

#[test]
fn a_pseudonymous_workbook_holds_no_real_name_and_no_note() {
    let (_dir, path) = temp_map();
    let map = hostile_map(&path);
    let bytes = xlsx_of(&map.snapshot().unwrap(), Profile::Pseudonymous);
    let mut needles: Vec<&str> = NAMES.iter().chain(&SECRETS).copied().collect();
    needles.extend([
        "Ortiz",
        "Lindqvist",
        "Brandt",
        "alert(1)",
        "onerror",
        "HYPERLINK",
    ]);
    let mut texts = 0;
    for (sheet, rows) in cells(&bytes) {
        for cell in rows.iter().flatten() {
            let text = cell.to_string();
            texts += usize::from(!text.is_empty());
            for needle in &needles {
                assert!(!text.contains(needle), "{sheet}: {text:?} holds {needle:?}");
            }
        }
    }
    assert!(texts > 20);
    for (name, data) in parts(&bytes) {
        for needle in &needles {
            let escaped = quick_xml::escape::escape(*needle);
            assert!(
                !contains(&data, needle) && !contains(&data, &escaped),
                "{name} holds {needle:?}"
            );
        }
    }
    let people = &cells(&bytes)[0].1;
    assert!(
        people
            .iter()
            .any(|row| row[0] == Data::String("Manager A".into())),
        "the pseudonym is there"
    );
}

/// Reads `bytes` as `name` and returns the error, after checking the CLI refuses
/// it too and the map is unchanged.
fn refused(name: &str, bytes: &[u8]) -> String {
    let (dir, path) = temp_map();
    drop(MapFile::create(&path, "Empty", "").unwrap());
    let before = json_of(&path);
    let file = write(dir.path(), name, bytes);
    let error = match read_files(std::slice::from_ref(&file), None) {
        Err(e) => e.to_string(),
        Ok(batch) => {
            assert!(!batch.problems.is_empty(), "{name} was read");
            batch.problems.join("\n")
        }
    };
    let out = cli(&["import", path.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
    assert!(stderr(&out).contains(name), "{}", stderr(&out));
    assert_eq!(json_of(&path), before, "{name} changed the map");
    assert!(error.contains(name), "{error}");
    error
}

#[test]
fn files_that_are_not_workbooks_are_refused_naming_the_file_and_the_fix() {
    let e = refused("text.xlsx", b"name,stance\nAna,1\n");
    assert!(
        e.contains("is not an XLSX workbook") && e.contains("save it"),
        "{e}"
    );
    let e = refused("empty.xlsx", b"");
    assert!(e.contains("is not an XLSX workbook"), "{e}");

    let (_dir, path) = temp_map();
    let demo = coalition::demo::write_demo(&path)
        .unwrap()
        .snapshot()
        .unwrap();
    let whole = xlsx_of(&demo, Profile::Full);
    let e = refused("cut.xlsx", &whole[..whole.len() / 2]);
    assert!(e.contains("cut short") && e.contains(".xlsx"), "{e}");

    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 1024]);
    let e = refused("old.xlsx", &ole);
    assert!(e.contains("Excel 97–2003") && e.contains("password"), "{e}");

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    let e = refused("plain.xlsx", &zip.finish().unwrap().into_inner());
    assert!(e.contains("could not be read as an XLSX workbook"), "{e}");

    let e = refused("blank.xlsx", &{
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet();
        book.save_to_buffer().unwrap()
    });
    assert!(e.contains("has no sheet with anything in it"), "{e}");
}

/// The People sheet's XML of a small workbook with `cell` (a `<c>` element) in
/// place of its only data cell.
fn book_with_cell(cell: &str) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let people = book.add_worksheet();
    people.set_name("People").unwrap();
    people.write_string(0, 0, "name").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let xml = parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap()
        .1;
    let xml = String::from_utf8(xml).unwrap();
    let end = xml.find("</row>").unwrap() + "</row>".len();
    let xml = format!("{}<row r=\"2\">{cell}</row>{}", &xml[..end], &xml[end..]);
    replace_part(&bytes, "xl/worksheets/sheet1.xml", xml.as_bytes())
}

/// A column's letters: 1 is A, 27 is AA.
fn letters(mut column: u64) -> String {
    let mut out = Vec::new();
    while column > 0 {
        let d = (column - 1) % 26;
        out.push(b'A' + d as u8);
        column = (column - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

#[test]
fn hostile_workbooks_are_refused_with_bounded_work_and_no_panic() {
    // A cell in column 1,000,000: refused at that cell, nothing padded out to it.
    let cell = format!(
        "<c r=\"{}2\" t=\"inlineStr\"><is><t>x</t></is></c>",
        letters(1_000_000)
    );
    let e = refused("wide.xlsx", &book_with_cell(&cell));
    assert!(
        e.contains("wide.xlsx sheet People has a cell in column 1000000")
            && e.contains("at most 256 columns"),
        "{e}"
    );
    // A reference past u32: the parser's arithmetic overflows; caught, not a crash.
    let e = refused(
        "overflow.xlsx",
        &book_with_cell("<c r=\"ZZZZZZZZZZ2\" t=\"inlineStr\"><is><t>x</t></is></c>"),
    );
    assert!(e.contains("overflow.xlsx"), "{e}");

    // A shared-string table that claims ten trillion strings (calamine would
    // reserve room for them all).
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "name").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let strings = parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/sharedStrings.xml")
        .unwrap()
        .1;
    let strings = String::from_utf8(strings).unwrap();
    let start = strings.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
    let end = start + strings[start..].find('"').unwrap();
    let lying = format!("{}10000000000000{}", &strings[..start], &strings[end..]);
    let e = refused(
        "strings.xlsx",
        &replace_part(&bytes, "xl/sharedStrings.xml", lying.as_bytes()),
    );
    assert!(e.contains("shared strings"), "{e}");

    // A zip bomb: a part that declares 2 GiB unpacked. Refused from the
    // directory, before anything is unpacked.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..8 {
        zip.write_all(&zeros).unwrap();
    }
    let mut bomb = zip.finish().unwrap().into_inner();
    // Make the central directory claim 2 GiB (its 32-bit size field, or the
    // zip64 extra field that large_file writes).
    patch_declared_size(&mut bomb, 2 << 30);
    let e = refused("bomb.xlsx", &bomb);
    assert!(
        e.contains("unpacks to more than") || e.contains("could not be read"),
        "{e}"
    );

    // A part that unpacks to more than it declares stops at what it declared.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "name").unwrap();
    let mut small = replace_part(
        &book.save_to_buffer().unwrap(),
        "xl/worksheets/sheet1.xml",
        &[b' '; 4096],
    );
    patch_declared_size(&mut small, 10);
    let e = refused("liar.xlsx", &small);
    assert!(e.contains("could not be read as an XLSX workbook"), "{e}");
}

/// Sets the uncompressed size the central directory declares for the part
/// `xl/worksheets/sheet1.xml`: its 32-bit field, or the zip64 one.
fn patch_declared_size(zip: &mut [u8], size: u64) {
    let name = b"xl/worksheets/sheet1.xml";
    let mut at = 0;
    while let Some(i) = zip[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let h = at + i;
        let name_len = u16::from_le_bytes([zip[h + 28], zip[h + 29]]) as usize;
        let extra_len = u16::from_le_bytes([zip[h + 30], zip[h + 31]]) as usize;
        if &zip[h + 46..h + 46 + name_len] == name {
            let field = u32::from_le_bytes(zip[h + 24..h + 28].try_into().unwrap());
            if field == u32::MAX {
                // zip64: the extra field 0x0001 starts with the uncompressed size.
                let extra = h + 46 + name_len;
                let mut e = extra;
                while e < extra + extra_len {
                    let id = u16::from_le_bytes([zip[e], zip[e + 1]]);
                    let len = u16::from_le_bytes([zip[e + 2], zip[e + 3]]) as usize;
                    if id == 1 {
                        zip[e + 4..e + 12].copy_from_slice(&size.to_le_bytes());
                        return;
                    }
                    e += 4 + len;
                }
            } else {
                let small = u32::try_from(size).unwrap_or(u32::MAX - 1);
                zip[h + 24..h + 28].copy_from_slice(&small.to_le_bytes());
                return;
            }
        }
        at = h + 4;
    }
    panic!("no central directory entry for the sheet");
}

#[test]
fn every_row_is_written_in_order_with_text_in_one_shared_string_table() {
    // Sheets are written row by row to a temporary file (low-memory mode), which
    // drops a write to a row already passed: every row must be there, in order.
    let map = coalition::synthetic::org_map(3000, 7);
    let bytes = xlsx_of(&map, Profile::Full);
    let sheets = cells(&bytes);
    let (_, people) = &sheets[0];
    assert_eq!(people.len(), map.stakeholders.len() + 1);
    for (row, p) in people[1..].iter().zip(&map.stakeholders) {
        assert_eq!(row[0], Data::String(p.name.clone()));
    }
    let (_, relations) = &sheets[1];
    assert_eq!(relations.len(), map.relations.len() + 1);
    let names = map.people();
    for (row, r) in relations[1..].iter().zip(&map.relations) {
        assert_eq!(row[0], Data::String(names.name(r.from).to_string()));
        assert_eq!(row[2], Data::String(names.name(r.to).to_string()));
    }
    // Text is kept once in the shared-string table, not inline in every cell.
    for (name, xml) in parts(&bytes) {
        if name.starts_with("xl/worksheets/") {
            assert!(contains(&xml, "t=\"s\""), "{name}");
            assert!(!contains(&xml, "inlineStr"), "{name}");
        }
    }
}

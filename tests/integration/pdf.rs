//! PDF: the network and the grid on one valid page, its names real text in the
//! shipped font, the same text every time, and nothing a privacy profile removes.

use coalition::export::{ExportOptions, Format, Profile, View, export};
use coalition::model::MapSnapshot;

use crate::sharing::{NAMES, SECRETS, hostile_map};
use crate::support::{cli, stderr, temp_map};

fn pdf_of(map: &MapSnapshot, view: View, profile: Profile) -> Vec<u8> {
    let files = export(
        map,
        &ExportOptions {
            format: Format::Pdf,
            view,
            profile,
            advocate: None,
        },
        None,
    )
    .unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "map.pdf");
    files[0].bytes.clone()
}

/// Parses the PDF (panicking when it does not parse) and returns its one page's
/// text, decoded through the font's Unicode map with all white space removed
/// (each glyph is placed on its own), and every stream unpacked.
pub fn read(pdf: &[u8]) -> (String, Vec<u8>) {
    assert!(pdf.starts_with(b"%PDF-"), "no PDF header");
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"), "no PDF trailer");
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1, "one page");
    let text: String = doc
        .extract_text(&[1])
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut unpacked = Vec::new();
    for object in doc.objects.values() {
        match object {
            lopdf::Object::Stream(stream) => unpacked.extend(
                stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone()),
            ),
            other => unpacked.extend(format!("{other:?}").into_bytes()),
        }
    }
    (text, unpacked)
}

/// `text` without white space, as [`read`] gives a page's text.
fn bare(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn the_network_and_the_grid_are_valid_pdf_with_names_as_text_in_the_shipped_font() {
    let (_dir, path) = temp_map();
    let demo = coalition::demo::write_demo(&path)
        .unwrap()
        .snapshot()
        .unwrap();
    let someone = &demo.stakeholders[0].name;
    for view in [View::Network, View::Grid] {
        let pdf = pdf_of(&demo, view, Profile::Full);
        let (text, _) = read(&pdf);
        assert!(
            contains(&pdf, "/FontFile2"),
            "{view:?}: the font is embedded"
        );
        assert!(
            contains(&pdf, "DejaVuSans"),
            "{view:?}: it is the shipped font"
        );
        assert!(
            contains(&pdf, "/ToUnicode"),
            "{view:?}: text maps back to Unicode"
        );
        assert!(
            text.contains(&bare(someone)),
            "{view:?}: {someone} is not in the page's text: {text}"
        );
        // svg2pdf lists a page's resources from a HashMap, so their order (not
        // what they are) may change between runs: same size, same text.
        let again = pdf_of(&demo, view, Profile::Full);
        assert_eq!(again.len(), pdf.len(), "{view:?} differs");
        assert_eq!(read(&again).0, text, "{view:?} differs");
    }
}

#[test]
fn hostile_names_are_text_and_a_pseudonymous_pdf_holds_no_real_name() {
    let (_dir, path) = temp_map();
    let map = hostile_map(&path).snapshot().unwrap();
    let (text, _) = read(&pdf_of(&map, View::Network, Profile::Full));
    assert!(text.contains("DanaOrtiz"), "{text}");
    assert!(
        text.contains("<imgsrc=xonerror="),
        "the tag is drawn as text: {text}"
    );
    for view in [View::Network, View::Grid] {
        let pdf = pdf_of(&map, view, Profile::Pseudonymous);
        let (text, unpacked) = read(&pdf);
        assert!(text.contains("ManagerA"), "{view:?}: {text}");
        let mut needles: Vec<&str> = NAMES.iter().chain(&SECRETS).copied().collect();
        needles.extend(["Ortiz", "Lindqvist", "Brandt", "Zoë", "onerror"]);
        for needle in needles {
            assert!(
                !text.contains(&bare(needle)),
                "{view:?}: the text holds {needle:?}"
            );
            assert!(
                !contains(&unpacked, needle),
                "{view:?}: the PDF holds {needle:?}"
            );
            assert!(
                !contains(&pdf, needle),
                "{view:?}: the PDF holds {needle:?}"
            );
        }
    }
}

#[test]
fn the_cli_writes_pdf_of_either_view() {
    let (dir, path) = temp_map();
    drop(coalition::demo::write_demo(&path).unwrap());
    for view in ["network", "grid"] {
        let out_path = dir.path().join(format!("{view}.pdf"));
        let out = cli(&[
            "export",
            path.to_str().unwrap(),
            "--format",
            "pdf",
            "--view",
            view,
            "-o",
            out_path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{view}: {}", stderr(&out));
        read(&std::fs::read(&out_path).unwrap());
    }
}

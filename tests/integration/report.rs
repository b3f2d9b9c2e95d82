//! The HTML report in a real browser: hostile names stay inert text and the page
//! makes no network request.
//!
//! Method: the map's names and roles carry payloads that would, if they ever ran
//! or were parsed as markup, change `document.title`, add a marker attribute, or
//! fetch from a TCP listener on 127.0.0.1 that this test owns. Headless Chromium
//! opens the report from a file, runs its scripts (`--virtual-time-budget`), and
//! dumps the resulting DOM. The test then checks that the title is the map's,
//! that the report's own script ran (it adds the `js` class, which also proves the
//! CSP hash is right), that no payload element exists in the DOM, and that the
//! listener accepted no connection. Chromium's own background traffic is turned
//! off by flags, and it could not reach the listener's port by chance.

use std::io::Read;
use std::net::TcpListener;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use coalition::export::{ExportOptions, Format, Profile, export};
use coalition::model::{Field, Stakeholder};

use crate::support::temp_map;

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

#[test]
fn hostile_names_are_inert_in_the_report_and_nothing_is_fetched() {
    let browser = chromium().expect("no chromium: `scripts/install-deps.sh test` installs it");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&connections);
    let stop = Arc::new(AtomicUsize::new(0));
    let stopped = Arc::clone(&stop);
    let server = std::thread::spawn(move || {
        while stopped.load(Ordering::SeqCst) == 0 {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    counter.fetch_add(1, Ordering::SeqCst);
                    let mut buf = [0u8; 512];
                    let _ = stream.read(&mut buf);
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    });

    let url = format!("http://127.0.0.1:{port}");
    let payloads = [
        "</script><script>alert(1)</script>".to_string(),
        "<img src=x onerror=alert(1)>".to_string(),
        "</script><script>document.title='pwned'</script>".to_string(),
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">".to_string(),
        format!("<img src=\"{url}/img\">"),
        format!("<script src=\"{url}/script.js\"></script>"),
        format!("<link rel=stylesheet href=\"{url}/style.css\">"),
        format!("<svg><image href=\"{url}/svg-image\"/></svg>"),
        format!("<iframe src=\"{url}/frame\"></iframe>"),
    ];
    let (dir, path) = temp_map();
    let mut map = coalition::store::MapFile::create(&path, "Report test", "A change").unwrap();
    let mut advocate = Stakeholder::new("Ana Advocate").unwrap();
    advocate.advocate = true;
    map.add_stakeholder(&advocate).unwrap();
    for (i, payload) in payloads.iter().enumerate() {
        let mut p = Stakeholder::new(payload).unwrap();
        p.set(Field::Role, &format!("<b onmouseover=alert({i})>role</b>"))
            .unwrap();
        p.set(
            Field::Notes,
            &format!("<style>@import '{url}/notes.css';</style>"),
        )
        .unwrap();
        p.set(Field::Group, &format!("<a href=\"{url}/group\">g</a>"))
            .unwrap();
        map.add_stakeholder(&p).unwrap();
    }
    let html = &export(
        &map.snapshot().unwrap(),
        &ExportOptions {
            format: Format::Html,
            profile: Profile::Full,
            ..ExportOptions::default()
        },
        None,
    )
    .unwrap()[0];
    let text = String::from_utf8(html.bytes.clone()).unwrap();
    assert_eq!(
        text.matches("<script").count(),
        1,
        "only the report's own script"
    );
    let report = dir.path().join("report.html");
    std::fs::write(&report, &html.bytes).unwrap();

    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--no-first-run",
            "--no-default-browser-check",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", report.display()))
        .output()
        .unwrap();
    stop.store(1, Ordering::SeqCst);
    server.join().unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("<title>Report test — Coalition report</title>"),
        "the title is untouched; chromium said: {}\n{dom}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dom.contains("<body class=\"js\">"),
        "the report's own script ran under its CSP"
    );
    assert!(!dom.contains("data-pwned=\"1\""), "no payload script ran");
    assert!(!dom.contains("<title>pwned"), "no payload script ran");
    for element in [
        "<img",
        "<iframe",
        "<link",
        "<image",
        "<b ",
        "<style>@import",
    ] {
        assert!(!dom.contains(element), "{element} became an element");
    }
    // The only links are the report's own, to its sections.
    assert_eq!(
        dom.matches("<a href").count(),
        dom.matches("<a href=\"#").count(),
        "a link became an element"
    );
    assert!(
        dom.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "the name is shown as text"
    );
    assert_eq!(
        connections.load(Ordering::SeqCst),
        0,
        "the report made a network request"
    );
}

fn report_of(map: &coalition::model::MapSnapshot, profile: Profile) -> String {
    let files = export(
        map,
        &ExportOptions {
            format: Format::Html,
            view: coalition::export::View::Network,
            profile,
            advocate: None,
        },
        None,
    )
    .unwrap();
    String::from_utf8(files[0].bytes.clone()).unwrap()
}

#[test]
fn the_report_plans_for_the_sponsor_and_shows_commitment_salience_and_conversations() {
    let (_dir, path) = temp_map();
    let demo = coalition::demo::write_demo(&path)
        .unwrap()
        .snapshot()
        .unwrap();
    let html = report_of(&demo, Profile::Full);
    // The app plans for the most powerful advocate first; so does the report.
    let lead = demo.lead_advocate().unwrap();
    let sponsor = &demo
        .stakeholders
        .iter()
        .find(|p| p.id == lead)
        .unwrap()
        .name;
    assert!(
        html.contains(&format!("<h2>Plan for {sponsor}</h2>")),
        "{sponsor}"
    );
    let plan = html.find("id=\"plan\"").unwrap();
    let network = html.find("id=\"network\"").unwrap();
    assert!(plan < network, "the plan comes first");
    // The plan says how sure it is, in support points, and what to check first.
    let section = &html[plan..network];
    assert!(section.contains("Support score "), "{section}");
    assert!(
        section.contains("id=\"plan-range\">Ratings are guesses")
            && section.contains("support points.</p>"),
        "{section}"
    );
    assert!(
        section.contains("<h3>Check these ratings first</h3>") && section.contains("rather than"),
        "{section}"
    );
    // Commitment: one row per person whose stance is not their target.
    let gaps = demo
        .stakeholders
        .iter()
        .filter(|p| p.stance != p.target)
        .count();
    let commitment =
        &html[html.find("id=\"commitment\"").unwrap()..html.find("id=\"salience\"").unwrap()];
    assert_eq!(commitment.matches("<tr data-id=").count(), gaps.min(60));
    assert!(
        commitment.contains(&format!(
            "{} of 34 people are where the change needs them",
            34 - gaps
        )),
        "{commitment}"
    );
    // Salience: every person in exactly one class.
    let salience =
        &html[html.find("id=\"salience\"").unwrap()..html.find("id=\"conversations\"").unwrap()];
    let listed: usize = salience.matches("people)</span>").count();
    assert!(listed >= 2, "{salience}");
    for p in &demo.stakeholders {
        assert!(
            salience.contains(&*p.name),
            "{} is in a salience class",
            p.name
        );
    }
    // Conversations: all of them, newest first.
    let log =
        &html[html.find("id=\"conversations\"").unwrap()..html.find("id=\"people\"").unwrap()];
    assert_eq!(log.matches("<tr data-id=").count(), demo.engagements.len());
    let days: Vec<&str> = log
        .match_indices("<tr data-id=")
        .map(|(i, _)| {
            let cell = &log[i..];
            let start = cell.find("<td>").unwrap() + 4;
            &cell[start..start + 10]
        })
        .collect();
    let mut sorted = days.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(days, sorted, "newest first");
    // Printing: its own page layout, the tools left out.
    assert!(html.contains("@media print") && html.contains("@page"));
}

#[test]
fn without_notes_the_report_has_no_conversation_log() {
    let (_dir, path) = temp_map();
    let demo = coalition::demo::write_demo(&path)
        .unwrap()
        .snapshot()
        .unwrap();
    let html = report_of(&demo, Profile::NoNotes);
    assert!(!html.contains("id=\"conversations\""));
    assert!(
        !html.contains("href=\"#conversations\""),
        "nor a link to one"
    );
    assert!(html.contains("id=\"commitment\"") && html.contains("id=\"salience\""));
}

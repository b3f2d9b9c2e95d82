//! The HTML report: one self-contained file that opens offline in any browser.
//!
//! The network and the grid are inline SVG, the plan and the table are HTML, and
//! one small inline script adds search and click-to-highlight. A Content Security
//! Policy allows nothing from anywhere (`default-src 'none'`) except inline styles
//! and that one script, by its SHA-256 hash: injected markup could not run a script
//! or fetch anything even if escaping failed. The script reads and writes text with
//! `textContent` only.

use std::fmt::Write;

use base64::Engine;
use sha2::{Digest, Sha256};

use super::sections;
use super::sink::Chunked;
use super::svg::{self, grid, network_picture};
use super::xml::escape;
use super::{Profile, Reporter};
use crate::analysis::{PlanOptions, PlanReport, plan_for, points};
use crate::error::{Error, Result};
use crate::formats::analysis::PlanDto;
use crate::model::{MapSnapshot, People, StakeholderId};

/// The report's only script (`assets/report.js`). It marks the page as scripted, shows the search box,
/// filters the table (and dims the pictures) as you type, and links a person's
/// row to their dots: click one to highlight the others.
const SCRIPT: &str = include_str!("../../assets/report.js");

const STYLE: &str = "
body { font-family: 'DejaVu Sans', system-ui, sans-serif; margin: 0 auto; max-width: 1200px;
       padding: 1rem 2rem; color: #1b2631; }
header p { margin: .3rem 0; }
.profile { background: #fef9e7; border: 1px solid #f7dc6f; padding: .5rem .8rem; }
figure { margin: 0; border: 1px solid #d5d8dc; position: relative; }
figure svg { display: block; width: 100%; height: auto; max-height: 80vh; }
#network figure svg { touch-action: none; cursor: grab; }
.zoom { position: absolute; right: .5rem; top: .5rem; display: flex; gap: .25rem; }
.zoom button { font: inherit; min-width: 2rem; padding: .2rem .5rem; background: #fff;
               border: 1px solid #aab7b8; border-radius: 4px; cursor: pointer; }
nav { margin: .5rem 0 1rem; font-size: .95rem; }
nav a { color: #1a5276; margin-right: .8rem; }
table.commitment td { text-align: center; font-size: 1.1rem; }
table.commitment td:first-child { text-align: left; font-size: .9rem; }
dl dt { font-weight: bold; margin-top: .6rem; }
dl dd { margin: .2rem 0 0 1rem; }
.muted { color: #566573; font-weight: normal; }
@page { margin: 15mm; }
@media print {
  #tools, .zoom, nav, .hint { display: none !important; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  figure { border: none; }
  figure svg { max-height: 23cm; }
  h2 { break-after: avoid; }
  figure, tr, li, dt, dd, .profile { break-inside: avoid; }
  thead { display: table-header-group; }
  #network, #grid, #commitment, #people { break-before: page; }
  tr.selected { background: none; }
}
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #d5d8dc; padding: .3rem .5rem; text-align: left;
         vertical-align: top; }
td.notes { white-space: pre-wrap; max-width: 30rem; }
td button { font: inherit; background: none; border: none; padding: 0; color: #1a5276;
            cursor: pointer; text-align: left; text-decoration: underline; }
tr.selected { background: #fcf3cf; }
.node { cursor: pointer; }
.node.selected circle { stroke: #000; stroke-width: 4; }
.node.dim { opacity: .12; }
#tools { position: sticky; top: 0; background: #fff; padding: .5rem 0; }
#search { font: inherit; padding: .3rem .5rem; width: 20rem; }
.reason { color: #424949; }
";

/// The advocate whose plan the report shows, found in the map before its privacy
/// profile: `requested` (a real name) if given, else the most powerful advocate
/// (the one the app plans for first; ties by name); `None` when the map has no
/// advocate. An unknown or non-advocate name is an error. (The report shows the
/// plan only if the shared snapshot still holds them.)
pub(super) fn advocate(
    map: &MapSnapshot,
    requested: Option<&str>,
) -> Result<Option<StakeholderId>> {
    let chosen = match requested {
        Some(name) => {
            let person = map.find(name).ok_or_else(|| {
                Error::NotFound(format!(
                    "no stakeholder named '{}' in this map; give --advocate the name of an advocate \
                     (`coalition list MAP` shows who is in it)",
                    name.trim()
                ))
            })?;
            if !person.advocate {
                return Err(Error::Invalid(format!(
                    "'{}' is not marked as an advocate; mark them with \
                     `coalition set MAP \"{}\" advocate yes` or pick another --advocate",
                    person.name, person.name
                )));
            }
            Some(person.id)
        }
        None => map.lead_advocate(),
    };
    Ok(chosen)
}

/// The Content-Security-Policy of the report, allowing only [`SCRIPT`] by hash.
pub fn content_security_policy() -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT));
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{hash}'; \
         base-uri 'none'; form-action 'none'"
    )
}

/// Writes the whole report for the (already profiled) snapshot to `sink`, in
/// chunks as it is made, and flushes it; its network is drawn by group above
/// the threshold unless `full_network`.
pub(super) fn report(
    map: &MapSnapshot,
    profile: Profile,
    advocate: Option<StakeholderId>,
    full_network: bool,
    progress: &Reporter,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = Chunked::new(sink);
    let name = escape(&map.info.name);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{name} — Coalition report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        content_security_policy()
    );
    let _ = write!(
        out,
        "<header>\n<h1>{name}</h1>\n<p class=\"change\">{}</p>\n",
        escape(&map.info.change)
    );
    // A pseudonymous map's description is the profile's promise, said just below.
    if !map.info.description.is_empty() && profile != Profile::Pseudonymous {
        let _ = writeln!(out, "<p>{}</p>", escape(&map.info.description));
    }
    let _ = write!(
        out,
        "<p class=\"profile\">Privacy profile: <strong>{profile}</strong> — {}.</p>\n\
         <p>{} people, {} relations; the map last changed on {}.</p>\n</header>\n",
        profile.describe(),
        map.stakeholders.len(),
        map.relations.len(),
        map.info.updated.format("%Y-%m-%d")
    );
    out.push_str(
        "<nav aria-label=\"Sections\"><a href=\"#plan\">Plan</a><a href=\"#network\">Network</a>\
         <a href=\"#grid\">Power and interest</a><a href=\"#commitment\">Commitment</a>\
         <a href=\"#salience\">Salience</a>",
    );
    if !map.engagements.is_empty() {
        out.push_str("<a href=\"#conversations\">Conversations</a>");
    }
    out.push_str("<a href=\"#people\">People</a></nav>\n");
    out.push_str(
        "<div id=\"tools\" hidden><label>Find a person: <input id=\"search\" type=\"search\" \
         placeholder=\"name, role, group, tag\" autocomplete=\"off\"></label> \
         <span id=\"search-status\" aria-live=\"polite\"></span></div>\n",
    );
    // The plan first: it is what the reader acts on.
    plan_section(&mut out, map, advocate);
    let _ = write!(
        out,
        "<section id=\"network\">\n<h2>Network</h2>\n<figure>\
         <div class=\"zoom\" hidden><button type=\"button\" data-zoom=\"in\" title=\"Zoom in\">+</button>\
         <button type=\"button\" data-zoom=\"out\" title=\"Zoom out\">−</button>\
         <button type=\"button\" data-zoom=\"fit\" title=\"The whole network\">Fit</button></div>{}\
         </figure>\n<p class=\"muted hint\">Scroll or use + and − to zoom, drag to move; {}</p>\n</section>\n\
         <section id=\"grid\">\n<h2>Power and interest</h2>\n<figure>{}</figure>\n</section>\n",
        network_picture(map, full_network, progress),
        if svg::drawn_by_group(map, full_network) {
            "each disc is one group, sized by its headcount, its slices the stance mix; the table \
             below lists everyone."
        } else {
            "click a person to find them in the table."
        },
        grid(map)
    );
    sections::commitment(&mut out, map);
    sections::salience(&mut out, map);
    sections::conversations(&mut out, map);
    table(&mut out, map, progress);
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out.finish()
}

fn plan_section(out: &mut Chunked<'_>, map: &MapSnapshot, advocate: Option<StakeholderId>) {
    out.push_str("<section id=\"plan\">\n");
    let Some(advocate) = advocate else {
        out.push_str(
            "<h2>Plan</h2>\n<p>No one in this map is marked as an advocate, so there is no \
             conversation plan. Mark the person who will hold the conversations as an advocate \
             and export again.</p>\n</section>\n",
        );
        return;
    };
    let name = map.stakeholder(advocate).map_or("", |s| s.name.as_str());
    let _ = writeln!(out, "<h2>Plan for {}</h2>", escape(name));
    match plan_for(map, &PlanOptions::new(advocate)) {
        // The people by id once the plan is made: not held through it.
        Ok(plan) => plan_body(out, map, &map.people(), &plan),
        Err(e) => {
            let _ = writeln!(
                out,
                "<p>No plan could be made: {}</p>",
                escape(&e.to_string())
            );
        }
    }
    out.push_str("</section>\n");
}

fn plan_body(out: &mut Chunked<'_>, map: &MapSnapshot, people: &People<'_>, plan: &PlanReport) {
    let _ = writeln!(
        out,
        "<p>{}.</p>\n<p class=\"note\">The support score runs from −100 (everyone with \
         power resisting actively) to +100 (everyone championing the change); supporters \
         are the people predicted Supportive or better.</p>",
        escape(&plan.measures_before.describe_change(&plan.measures_after))
    );
    for warning in &plan.warnings {
        let _ = writeln!(out, "<p><strong>Check:</strong> {}</p>", escape(warning));
    }
    if plan.steps.is_empty() {
        out.push_str("<p>No conversation would add support.</p>\n");
    } else {
        out.push_str("<ol class=\"steps\">\n");
        for step in &plan.steps {
            let _ = write!(
                out,
                "<li><strong>{}</strong>: {} support points ({:.0}% of the plan), reach \
                 {:.0}%, {} to expect",
                escape(people.name(step.id)),
                points(step.gain),
                100.0 * step.share,
                100.0 * step.reach,
                points(step.expected_gain)
            );
            if !step.introduced_by.is_empty() {
                let names: Vec<String> = step
                    .introduced_by
                    .iter()
                    .map(|&n| escape(people.name(n)).into_owned())
                    .collect();
                let _ = write!(out, "; introduced by {}", names.join(" → "));
            }
            let _ = writeln!(
                out,
                "<br><span class=\"reason\">{}</span></li>",
                escape(&step.reason)
            );
        }
        out.push_str("</ol>\n");
    }
    if !plan.steps.is_empty() {
        // The range and the ratings to check, worded as the app and the CLI word them.
        let dto = PlanDto::from_report(map, plan);
        let _ = writeln!(
            out,
            "<p class=\"note\" id=\"plan-range\">Ratings are guesses: with stances and \
             openness re-rated a level here and there ({} samples), the plan gains {} to {} \
             support points.</p>",
            dto.range.samples,
            points(dto.range.low),
            points(dto.range.high)
        );
        if !dto.check_first.is_empty() {
            out.push_str("<h3>Check these ratings first</h3>\n<ul class=\"check-first\">\n");
            for c in &dto.check_first {
                let _ = writeln!(out, "<li>{}.</li>", escape(&c.summary));
            }
            out.push_str("</ul>\n");
        }
    }
    if !plan.avoid.is_empty() {
        out.push_str("<h3>Avoid for now</h3>\n<ul class=\"avoid\">\n");
        for note in &plan.avoid {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong>: {}</li>",
                escape(people.name(note.id)),
                escape(&note.reason)
            );
        }
        out.push_str("</ul>\n");
    }
}

fn table(out: &mut Chunked<'_>, map: &MapSnapshot, progress: &Reporter) {
    let notes = map.stakeholders.iter().any(|p| !p.notes.is_empty());
    out.push_str(
        "<section id=\"people\">\n<h2>People</h2>\n<table>\n<thead><tr><th>Name</th><th>Role</th>\
         <th>Group</th><th>Tags</th><th>Stance</th><th>Target</th><th>Power</th>\
         <th>Interest</th><th>Advocate</th>",
    );
    if notes {
        out.push_str("<th>Notes</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let total = map.stakeholders.len();
    for (i, p) in map.stakeholders.iter().enumerate() {
        progress.item("writing the table", i, total);
        let _ = write!(
            out,
            "<tr data-id=\"{}\"><td><button type=\"button\">{}</button></td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            p.id.0,
            escape(&p.name),
            escape(&p.role),
            escape(&p.group),
            escape(&p.tags.join(", ")),
            p.stance.label(),
            p.target.label(),
            p.power,
            p.interest,
            if p.advocate { "yes" } else { "" }
        );
        if notes {
            let _ = write!(out, "<td class=\"notes\">{}</td>", escape(&p.notes));
        }
        out.push_str("</tr>\n");
    }
    progress.item("writing the table", total, total);
    out.push_str("</tbody>\n</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_uses_text_content_never_inner_html() {
        assert!(!SCRIPT.contains("innerHTML") && !SCRIPT.contains("outerHTML"));
        assert!(!SCRIPT.contains("insertAdjacentHTML") && !SCRIPT.contains("eval"));
        assert!(
            !SCRIPT.contains("</"),
            "the script cannot close its own element"
        );
    }

    #[test]
    fn the_policy_pins_the_script_by_hash() {
        let csp = content_security_policy();
        assert!(csp.starts_with("default-src 'none';"), "{csp}");
        assert!(csp.contains("script-src 'sha256-"), "{csp}");
        assert!(!csp.contains("unsafe-eval"));
    }
}

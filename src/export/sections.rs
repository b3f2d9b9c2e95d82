//! The report's views beyond the pictures and the plan: commitment (where each
//! person stands against where the change needs them), Mitchell's salience
//! classes, and the conversation log. Plain HTML tables and lists, escaped, so
//! they print as they show and stay inert for hostile text.

use std::fmt::Write;

use super::sink::Chunked;
use super::style::stance_hex;
use super::xml::escape;
use crate::model::{MapSnapshot, Salience, Stakeholder, Stance};

/// The most people listed in the commitment chart (the biggest gaps, the most
/// power first); the rest are counted.
pub const COMMITMENT_ROWS: usize = 60;
/// The most names listed in one salience class; the rest are counted.
pub const SALIENCE_NAMES: usize = 40;
/// The most conversations listed (the newest first); the rest are counted.
pub const CONVERSATION_ROWS: usize = 200;

/// "1 person" or "3 people".
fn people(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

/// The commitment chart: one row per person not yet where the change needs
/// them, a filled dot at their stance now and a ring at their target.
pub(super) fn commitment(out: &mut Chunked<'_>, map: &MapSnapshot) {
    let mut gaps: Vec<&Stakeholder> = map
        .stakeholders
        .iter()
        .filter(|p| p.stance != p.target)
        .collect();
    gaps.sort_by(|a, b| {
        let gap = |p: &Stakeholder| (p.target.level() - p.stance.level()).abs();
        gap(b)
            .cmp(&gap(a))
            .then(b.power.cmp(&a.power))
            .then_with(|| a.name.cmp(&b.name))
    });
    let total = map.stakeholders.len();
    let _ = write!(
        out,
        "<section id=\"commitment\">\n<h2>Commitment</h2>\n<p>{} of {} are where the change needs \
         them; {} not yet. ● is where each stands now, ○ where the change needs them.</p>\n",
        total - gaps.len(),
        people(total),
        gaps.len()
    );
    if !gaps.is_empty() {
        out.push_str("<table class=\"commitment\">\n<thead><tr><th>Person</th>");
        for level in -2..=2 {
            if let Ok(stance) = Stance::new(level) {
                let _ = write!(out, "<th>{}</th>", stance.label());
            }
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for p in gaps.iter().take(COMMITMENT_ROWS) {
            let _ = write!(
                out,
                "<tr data-id=\"{}\"><td>{}</td>",
                p.id.0,
                escape(&p.name)
            );
            for level in -2..=2 {
                let Ok(stance) = Stance::new(level) else {
                    continue;
                };
                let colour = stance_hex(stance);
                let mark = if stance == p.stance {
                    format!("<span class=\"now\" style=\"color:{colour}\" title=\"now\">●</span>")
                } else if stance == p.target {
                    format!(
                        "<span class=\"needed\" style=\"color:{colour}\" title=\"needed\">○</span>"
                    )
                } else {
                    String::new()
                };
                let _ = write!(out, "<td>{mark}</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        if gaps.len() > COMMITMENT_ROWS {
            let _ = writeln!(
                out,
                "<p>And {} more not yet where the change needs them (the table of people lists \
                 everyone).</p>",
                people(gaps.len() - COMMITMENT_ROWS)
            );
        }
    }
    out.push_str("</section>\n");
}

/// Mitchell's salience classes, most salient first, each with its people.
pub(super) fn salience(out: &mut Chunked<'_>, map: &MapSnapshot) {
    out.push_str(
        "<section id=\"salience\">\n<h2>Salience</h2>\n<p>Who must be attended to, by which of \
         power, legitimacy and urgency they hold (Mitchell, Agle and Wood).</p>\n<dl>\n",
    );
    for class in Salience::ALL {
        let mut members: Vec<&str> = map
            .stakeholders
            .iter()
            .filter(|p| Salience::of(p) == class)
            .map(|p| p.name.as_str())
            .collect();
        if members.is_empty() {
            continue;
        }
        members.sort_unstable();
        let shown: Vec<String> = members
            .iter()
            .take(SALIENCE_NAMES)
            .map(|n| escape(n).into_owned())
            .collect();
        let more = members.len().saturating_sub(SALIENCE_NAMES);
        let _ = write!(
            out,
            "<dt data-class=\"{}\">{} <span class=\"muted\">({}; {})</span></dt><dd>{}",
            class.key(),
            class.label(),
            class.attributes(),
            people(members.len()),
            shown.join(", ")
        );
        if more > 0 {
            let _ = write!(out, " and {more} more");
        }
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n</section>\n");
}

/// The conversation log, newest first; nothing when the map (as its profile
/// left it) holds no conversation.
pub(super) fn conversations(out: &mut Chunked<'_>, map: &MapSnapshot) {
    if map.engagements.is_empty() {
        return;
    }
    let names = map.people();
    let mut talks: Vec<_> = map.engagements.iter().collect();
    talks.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.0.cmp(&a.id.0)));
    let _ = write!(
        out,
        "<section id=\"conversations\">\n<h2>Conversations</h2>\n<p>{} logged, the newest \
         first.</p>\n<table class=\"conversations\">\n<thead><tr><th>Day</th><th>With</th>\
         <th>Held by</th><th>Channel</th><th>Stance</th><th>What was said</th><th>Next step</th>\
         </tr></thead>\n<tbody>\n",
        talks.len()
    );
    for talk in talks.iter().take(CONVERSATION_ROWS) {
        let stance = match (talk.stance_before, talk.stance_after) {
            (Some(before), Some(after)) if before != after => {
                format!("{} → {}", before.label(), after.label())
            }
            (_, Some(after)) => after.label().to_string(),
            (Some(before), None) => before.label().to_string(),
            (None, None) => String::new(),
        };
        let next = match talk.next_step_due {
            Some(due) if !talk.next_step.is_empty() => {
                format!(
                    "{} (by {})",
                    escape(&talk.next_step),
                    due.format("%Y-%m-%d")
                )
            }
            _ => escape(&talk.next_step).into_owned(),
        };
        let _ = writeln!(
            out,
            "<tr data-id=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"notes\">{}</td><td>{}</td></tr>",
            talk.stakeholder.0,
            talk.date.format("%Y-%m-%d"),
            escape(names.name(talk.stakeholder)),
            talk.held_by
                .map(|id| escape(names.name(id)).into_owned())
                .unwrap_or_default(),
            escape(&talk.channel),
            stance,
            escape(&talk.summary),
            next
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if talks.len() > CONVERSATION_ROWS {
        let _ = writeln!(
            out,
            "<p>And {} older conversations (the CSV or XLSX export holds them all).</p>",
            talks.len() - CONVERSATION_ROWS
        );
    }
    out.push_str("</section>\n");
}

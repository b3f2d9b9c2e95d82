//! The reports as readable text: each prints the same versioned DTO that
//! `--json` prints and the app receives, so names are resolved once, in the core.

use coalition::analysis::betweenness::EXACT_LIMIT;
use coalition::analysis::{introduction_chain, percent, points, signed};
use coalition::formats::analysis::{MetricsDto, PlanDto, PlanStepDto, SimulationDto};
use coalition::formats::timeline::{BriefDto, DiffDto, ProgressDto, TimelineDto};

use crate::table::{Align, render};

/// The longest name a text table shows whole; longer ones end in "…" (the
/// JSON output keeps every name whole).
pub const NAME_WIDTH: usize = 100;

/// `name` cut to [`NAME_WIDTH`] characters, ending in "…", for a text table.
pub fn short(name: &str) -> String {
    match name.char_indices().nth(NAME_WIDTH) {
        None => name.to_string(),
        Some(_) => {
            let cut = name
                .char_indices()
                .nth(NAME_WIDTH - 1)
                .map_or(name.len(), |(i, _)| i);
            format!("{}…", &name[..cut])
        }
    }
}

/// The plan as a table followed by the reasons.
pub fn plan(p: &PlanDto) -> String {
    let aim = match (p.goal.as_str(), p.proof.as_str()) {
        ("support", _) => String::new(),
        (goal, "exact") => format!(", aimed at {goal} (best possible)"),
        (goal, _) => format!(", aimed at {goal} (best found)"),
    };
    let mut out = format!(
        "Plan for {}{aim}, effort {}\n{}.\n\n",
        short(&p.advocate),
        p.effort,
        p.measures.summary
    );
    for warning in &p.warnings {
        out.push_str(&format!("Warning: {warning}\n\n"));
    }
    if p.steps.is_empty() {
        out.push_str("No conversation is predicted to raise support.\n");
    } else {
        let mut rows = vec![header(&[
            "#",
            "Talk to",
            "Points",
            "Reach",
            "Expected",
            "Stays",
            "Effort",
            "Introduced by",
        ])];
        rows.extend(p.steps.iter().enumerate().map(|(k, s)| {
            vec![
                (k + 1).to_string(),
                short(&s.name),
                points(s.gain),
                percent(s.reach),
                points(s.expected_gain),
                s.stays.map_or("-".to_string(), percent),
                s.effort.to_string(),
                introduced_by(s),
            ]
        }));
        use Align::*;
        out.push_str(&render(
            &rows,
            &[Right, Left, Right, Right, Right, Right, Right, Left],
        ));
        out.push('\n');
        for (k, s) in p.steps.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", k + 1, s.reason));
        }
    }
    if !p.avoid.is_empty() {
        out.push('\n');
        for a in &p.avoid {
            out.push_str(&format!("- {}\n", a.reason));
        }
    }
    if !p.steps.is_empty() {
        out.push_str(&format!(
            "\nRatings are guesses: re-rating stances and openness one level by confidence \
             ({} samples, seed {}), the plan gains {} to {} support points",
            p.range.samples,
            p.range.seed,
            points(p.range.low),
            points(p.range.high)
        ));
        if p.goal == "support" {
            out.push_str("; \"Stays\" is how often each step stays in the plan");
        }
        out.push_str(".\n");
    }
    if !p.check_first.is_empty() {
        out.push_str("Check these ratings first:\n");
        for c in &p.check_first {
            out.push_str(&format!("- {}.\n", c.summary));
        }
    }
    if !p.skipped_recent.is_empty() {
        let talks: Vec<String> = p
            .skipped_recent
            .iter()
            .map(|r| format!("{} ({})", short(&r.name), r.date))
            .collect();
        out.push_str(&format!(
            "\nLeft out, talked to in the last 30 days: {}.\n",
            talks.join(", ")
        ));
    }
    out
}

/// "(direct tie)", "(no warm path)" or the chain of introducers.
fn introduced_by(step: &PlanStepDto) -> String {
    match (step.warmth, step.introduced_by.is_empty()) {
        (None, _) => match &step.helper {
            Some(helper) => format!("(no warm path; ask {})", short(helper)),
            None => "(no warm path)".to_string(),
        },
        (Some(_), true) => "(direct tie)".to_string(),
        (Some(_), false) => {
            let chain: Vec<String> = step.introduced_by.iter().map(|n| short(n)).collect();
            let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
            introduction_chain(&chain, " > ")
        }
    }
}

/// The what-if as a table of everyone's predicted opinion.
pub fn simulation(s: &SimulationDto) -> String {
    let mut out = format!("{}.\n\n", s.measures.summary);
    let mut rows = vec![header(&[
        "Name",
        "Stance",
        "After",
        "Predicted",
        "After",
        "Change",
        "Band",
    ])];
    rows.extend(s.people.iter().map(|p| {
        vec![
            short(&p.name),
            format!("{:+.2}", p.stance),
            format!("{:+.2}", p.stance_after),
            format!("{:+.3}", p.predicted_before),
            format!("{:+.3}", p.predicted),
            signed(p.predicted - p.predicted_before),
            if p.band == p.band_before {
                p.band.clone()
            } else {
                format!("{} -> {}", p.band_before, p.band)
            },
        ]
    }));
    use Align::*;
    out.push_str(&render(
        &rows,
        &[Left, Right, Right, Right, Right, Right, Left],
    ));
    out
}

/// The metrics, highest PageRank first.
pub fn metrics(m: &MetricsDto) -> String {
    let mut people: Vec<_> = m.people.iter().collect();
    people.sort_by(|a, b| b.pagerank.total_cmp(&a.pagerank));
    let mut rows = vec![header(&[
        "Name",
        "PageRank",
        "Betweenness",
        "In",
        "Out",
        "Group",
    ])];
    rows.extend(people.iter().map(|p| {
        vec![
            short(&p.name),
            format!("{:.4}", p.pagerank),
            format!("{:.4}", p.betweenness),
            format!("{:.1}", p.influence_in),
            format!("{:.1}", p.influence_out),
            p.group.map_or_else(|| "-".into(), |g| g.to_string()),
        ]
    }));
    use Align::*;
    let mut out = render(&rows, &[Left, Right, Right, Right, Right, Right]);
    out.push_str(&format!(
        "\n{} group(s) of mutually-influencing people.\n",
        m.groups
    ));
    match (m.sample, m.betweenness_epsilon, m.betweenness_delta) {
        (Some(k), Some(epsilon), Some(delta)) => out.push_str(&format!(
            "Betweenness is sampled (the map has more than {EXACT_LIMIT} people): from {k} \
             shortest paths, each value ± {epsilon} with probability {:.0}%.\n",
            100.0 * (1.0 - delta)
        )),
        _ => out.push_str("Betweenness is exact.\n"),
    }
    out
}

/// Who moved between two days, one line each.
pub fn diff(d: &DiffDto) -> String {
    let mut out = format!(
        "From {} to {}: support {:+.3} → {:+.3} ({:+.3})\n",
        d.from,
        d.to,
        d.support_from,
        d.support_to,
        d.support_to - d.support_from
    );
    if d.moved.is_empty() {
        out.push_str("Nobody's stance changed.\n");
    }
    for m in &d.moved {
        out.push_str(&format!(
            "  {:+}  {}: {}\n",
            m.change,
            short(&m.name),
            m.label
        ));
    }
    for name in &d.added {
        out.push_str(&format!("  new  {}\n", short(name)));
    }
    for name in &d.removed {
        out.push_str(&format!("  gone {}\n", short(name)));
    }
    out
}

/// A saved plan's summary, then one line per step with a tick for those held.
pub fn progress(p: &ProgressDto) -> String {
    let mut out = format!(
        "Plan for {} saved {}: {}\n",
        short(&p.advocate),
        p.saved_on,
        p.summary
    );
    for (i, s) in p.steps.iter().enumerate() {
        let mark = match &s.held_on {
            Some(d) => format!("[x] held {d}"),
            None => "[ ] to do".to_string(),
        };
        out.push_str(&format!(
            "{}. {mark}  {} (+{:.3})\n",
            i + 1,
            short(&s.name),
            s.gain
        ));
    }
    out
}

/// Stale ratings and overdue next steps on the day checked.
pub fn stale(t: &TimelineDto) -> String {
    let mut out = format!(
        "Ratings older than {} days on {}: {}\n",
        t.stale_days,
        t.today,
        t.stale.len()
    );
    for s in &t.stale {
        let how = if s.never_met {
            "rated"
        } else {
            "last talked to"
        };
        out.push_str(&format!(
            "  {}: {how} {} ({} days)\n",
            short(&s.name),
            s.last_confirmed,
            s.days
        ));
    }
    out.push_str(&format!("Overdue next steps: {}\n", t.overdue.len()));
    for o in &t.overdue {
        out.push_str(&format!(
            "  {}: \"{}\" was due {} ({} days late{})\n",
            short(&o.name),
            o.next_step,
            o.due,
            o.days_late,
            o.held_by
                .as_deref()
                .map(|b| format!(", {}", short(b)))
                .unwrap_or_default()
        ));
    }
    out
}

/// The brief, one screen, ready to print.
pub fn brief(b: &BriefDto) -> String {
    let mut out = format!("Brief: {}", b.name);
    let position: Vec<&str> = [b.role.as_str(), b.group.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !position.is_empty() {
        out.push_str(&format!(" — {}", position.join(", ")));
    }
    out.push('\n');
    out.push_str(&format!(
        "Stance: {} (target {}, {} level{} to go)\n",
        b.stance,
        b.target,
        b.gap.max(0),
        if b.gap.abs() == 1 { "" } else { "s" }
    ));
    if let (Some(n), Some(reason)) = (b.plan_step, &b.plan_reason) {
        out.push_str(&format!("In the plan: step {n}. {reason}\n"));
    }
    if !b.notes.is_empty() {
        out.push_str(&format!(
            "What they care about:\n  {}\n",
            b.notes.replace('\n', "\n  ")
        ));
    }
    if b.listens_to.is_empty() {
        out.push_str("Listens to: nobody recorded\n");
    } else {
        out.push_str("Listens to:\n");
        for l in &b.listens_to {
            out.push_str(&format!(
                "  {} ({}, strength {}) — {}{}\n",
                l.name,
                l.tie,
                l.strength,
                l.stance,
                if l.opposed {
                    "; their support pushes the other way"
                } else {
                    ""
                }
            ));
        }
    }
    if b.conversations.is_empty() {
        out.push_str("Conversations: none yet\n");
    } else {
        out.push_str("Last conversations:\n");
        for c in &b.conversations {
            out.push_str(&format!(
                "  {} {}{}: {}\n",
                c.date,
                c.channel,
                c.held_by
                    .as_deref()
                    .map(|h| format!(" with {h}"))
                    .unwrap_or_default(),
                c.summary
            ));
            if !c.next_step.is_empty() {
                out.push_str(&format!("    next: {}\n", c.next_step));
            }
        }
    }
    out
}

/// A header row.
fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_longer_than_the_width_are_cut() {
        let fits = "é".repeat(NAME_WIDTH);
        assert_eq!(short(&fits), fits);
        let long = "é".repeat(70_000);
        assert_eq!(short(&long), format!("{}…", "é".repeat(NAME_WIDTH - 1)));
    }
}

//! The one-sentence reasons of the plan, built only from the model's numbers.

use super::measures::points;

/// Everything a plan step's reason says.
#[derive(Debug, Clone)]
pub(crate) struct StepFacts<'a> {
    /// The first step of the plan ("Reach X first") or a later one ("Then reach X").
    pub first: bool,
    /// Who to talk to.
    pub name: &'a str,
    /// The support the conversation adds, ΔF.
    pub gain: f64,
    /// Its share of the whole plan's gain.
    pub share: f64,
    /// r, the chance of reaching them.
    pub reach: f64,
    /// The gain that comes through other people who warm, as a share of the gain.
    pub gained: Shares<'a>,
    /// The gain lost through people who harden, as a (negative) share of the gain.
    pub lost: Shares<'a>,
    /// Predicted band changes: who, from, to; the target first. At most a few.
    pub bands: Vec<(&'a str, &'static str, &'static str)>,
    /// How many more people change band than `bands` lists.
    pub bands_more: usize,
    /// The chain of introducers from the advocate: empty for a direct tie, `None` for no path.
    pub introducers: Option<Vec<&'a str>>,
    /// With no warm path, the nearest person who could help.
    pub helper: Option<&'a str>,
    /// Later steps of the plan this person can introduce the advocate to.
    pub opens: Vec<&'a str>,
}

/// A part of a step's gain that passes through other people: its total share, the
/// people named (each with their share, largest first, covering at least 80% of
/// the total unless capped) and how many others carry the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Shares<'a> {
    /// The share of the step's gain, signed.
    pub total: f64,
    /// The people named (index in the model, name), with their shares.
    pub named: Vec<(usize, &'a str, f64)>,
    /// How many others there are beyond those named.
    pub others: usize,
    /// Their share together.
    pub others_share: f64,
}

/// At most this many people are named for one flow.
pub(crate) const NAMED: usize = 3;

/// The people named cover at least this share of a flow, or the rest is counted.
pub(crate) const COVERED: f64 = 0.8;

impl<'a> Shares<'a> {
    /// The shares `parts` (all of one sign), largest in size first: named until they
    /// cover [`COVERED`] of the total or [`NAMED`] are named; the rest counted.
    pub(crate) fn of(mut parts: Vec<(usize, &'a str, f64)>) -> Shares<'a> {
        parts.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()).then(a.0.cmp(&b.0)));
        let total: f64 = parts.iter().map(|p| p.2).sum();
        let mut named = Vec::new();
        let mut covered = 0.0_f64;
        for &(index, name, share) in &parts {
            if named.len() == NAMED || covered.abs() >= COVERED * total.abs() {
                break;
            }
            covered += share;
            named.push((index, name, share));
        }
        Shares {
            total,
            others: parts.len() - named.len(),
            others_share: total - covered,
            named,
        }
    }

    /// "Erik (30%), Fay (20%) and 2 others (10%)"; the others are counted only when
    /// the people named cover less than [`COVERED`] of the total.
    fn list(&self) -> String {
        let mut items: Vec<String> = self
            .named
            .iter()
            .map(|(_, name, share)| format!("{name} ({})", percent(share.abs())))
            .collect();
        let covered = self.total - self.others_share;
        if self.others > 0 && covered.abs() < COVERED * self.total.abs() {
            let who = if self.others == 1 { "other" } else { "others" };
            items.push(format!(
                "{} {who} ({})",
                self.others,
                percent(self.others_share.abs())
            ));
        }
        join(&items)
    }
}

/// Introduction chains longer than this are shortened in sentences and tables.
const CHAIN_SHOWN: usize = 4;

/// A change in support or opinion, signed, with at least two significant digits.
pub fn signed(x: f64) -> String {
    let magnitude = x.abs();
    let decimals = if magnitude >= 0.001 || magnitude == 0.0 {
        3
    } else {
        (1 - magnitude.log10().floor() as i32).clamp(3, 9) as usize
    };
    format!("{x:+.decimals$}")
}

/// A share as a whole percentage; "<1%" for small positive shares.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 0.5 {
        "<1%".to_string()
    } else {
        format!("{p:.0}%")
    }
}

/// Joins names as "A", "A and B", "A, B and C".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "Reach Dana first: +4.2 support points (31% of this plan). Dana likely moves from
/// Resistant to Neutral. 80% of it comes through others: Erik (45%) and Fay (20%)
/// and 3 others (15%). Carl can introduce you (reach 50%)."
pub(crate) fn step_reason(f: &StepFacts) -> String {
    let lead = if f.first {
        format!("Reach {} first", f.name)
    } else {
        format!("Then reach {}", f.name)
    };
    let mut text = format!(
        "{lead}: {} support points ({} of this plan).",
        points(f.gain),
        percent(f.share)
    );
    if let Some(((who, from, to), rest)) = f.bands.split_first() {
        let verb = |from: &str, to: &str| {
            if band_rank(to) > band_rank(from) {
                "moves"
            } else {
                "slips"
            }
        };
        text.push_str(&format!(
            " {who} likely {} from {from} to {to}",
            verb(from, to)
        ));
        let mut more: Vec<String> = rest
            .iter()
            .map(|(who, from, to)| format!("{who} {} from {from} to {to}", verb(from, to)))
            .collect();
        if f.bands_more > 0 {
            let who = if f.bands_more == 1 {
                "person"
            } else {
                "people"
            };
            more.push(format!("{} more {who} change band", f.bands_more));
        }
        if !more.is_empty() {
            text.push_str(&format!("; {}", join(&more)));
        }
        text.push('.');
    }
    if f.gained.named.is_empty() {
        text.push_str(&format!(" Almost all of it is {}'s own shift.", f.name));
    } else {
        text.push_str(&format!(
            " {} of it comes through others: {}.",
            percent(f.gained.total),
            f.gained.list()
        ));
    }
    if !f.lost.named.is_empty() {
        text.push_str(&format!(
            " {} is lost through people who harden: {}.",
            percent(-f.lost.total),
            f.lost.list()
        ));
    }
    let reach = percent(f.reach);
    match (f.introducers.as_deref(), f.helper) {
        (None, Some(helper)) => text.push_str(&format!(
            " No warm introduction path (at most three introducers, none of them \
             resisting): {helper}, who knows them, is the nearest who could help; a cold \
             approach reaches them {reach} of the time."
        )),
        (None, None) => text.push_str(&format!(
            " Nobody in the map has a positive tie to them: a cold approach reaches them \
             {reach} of the time."
        )),
        (Some([]), _) => text.push_str(&format!(" You know {} directly (reach {reach}).", f.name)),
        (Some([via @ .., last]), _) => {
            text.push_str(&format!(" {last} can introduce you ("));
            if !via.is_empty() {
                text.push_str(&format!("through {}; ", introduction_chain(via, ", ")));
            }
            text.push_str(&format!("reach {reach})."));
        }
    }
    if !f.opens.is_empty() {
        let opens: Vec<String> = f.opens.iter().map(|n| n.to_string()).collect();
        text.push_str(&format!(
            " {} can then introduce you to {}.",
            f.name,
            join(&opens)
        ));
    }
    text
}

/// The level of a band label, for telling a rise from a fall.
fn band_rank(label: &str) -> i8 {
    crate::model::Stance::parse(label).map_or(0, |s| s.level())
}

/// "Zed is marked as an advocate but rated Resistant: …".
pub(crate) fn resistant_advocate(name: &str, stance: &str) -> String {
    format!(
        "{name} is marked as an advocate but rated {stance}: the plan holds advocates at \
         their rated stance, so {name} pulls against the change. Check the rating, or \
         unmark {name} as an advocate."
    )
}

/// The introducers nearest the advocate first, joined by `then`; a chain longer than
/// four shows its first two and its last, with the number left out.
pub fn introduction_chain(chain: &[&str], then: &str) -> String {
    if chain.len() <= CHAIN_SHOWN {
        return chain.join(then);
    }
    format!(
        "{}{then}{}{then}… ({} more){then}{}",
        chain[0],
        chain[1],
        chain.len() - 3,
        chain[chain.len() - 1]
    )
}

/// "Avoid for now: talking to X is likely to harden Y (−0.031) and cost 0.4 support points."
pub(crate) fn avoid_reason(name: &str, gain: f64, hardened: &str, drop: f64) -> String {
    format!(
        "Avoid for now: talking to {name} is likely to harden {hardened} ({} on their view) \
         and cost {} support points overall.",
        signed(drop),
        points(-gain).trim_start_matches('+')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> StepFacts<'static> {
        StepFacts {
            first: true,
            name: "Dana",
            gain: 0.0421,
            share: 0.31,
            reach: 0.5,
            gained: Shares::of(vec![(1, "Fay", 0.2), (2, "Erik", 0.45), (3, "Gus", 0.004)]),
            lost: Shares::default(),
            bands: vec![("Dana", "Resistant", "Neutral")],
            bands_more: 0,
            introducers: Some(vec!["Carl"]),
            helper: None,
            opens: vec![],
        }
    }

    #[test]
    fn a_step_reason_reads_as_a_consultant_would_say_it() {
        assert_eq!(
            step_reason(&facts()),
            "Reach Dana first: +4.2 support points (31% of this plan). Dana likely moves \
             from Resistant to Neutral. 65% of it comes through others: Erik (45%) and Fay \
             (20%). Carl can introduce you (reach 50%)."
        );
        let later = StepFacts {
            first: false,
            gained: Shares::default(),
            lost: Shares::of(vec![(4, "Ivo", -0.12)]),
            bands: vec![
                ("Dana", "Neutral", "Supportive"),
                ("Ivo", "Neutral", "Resistant"),
            ],
            bands_more: 2,
            introducers: None,
            reach: 0.1,
            ..facts()
        };
        assert_eq!(
            step_reason(&later),
            "Then reach Dana: +4.2 support points (31% of this plan). Dana likely moves from \
             Neutral to Supportive; Ivo slips from Neutral to Resistant and 2 more people \
             change band. Almost all of it is Dana's own shift. 12% is lost through people \
             who harden: Ivo (12%). Nobody in the map has a positive tie to them: a cold \
             approach reaches them 10% of the time."
        );
        let helped = StepFacts {
            introducers: None,
            helper: Some("Hal"),
            reach: 0.1,
            ..facts()
        };
        assert!(
            step_reason(&helped).ends_with(
                "Hal, who knows them, is the nearest who could help; a cold approach reaches \
                 them 10% of the time."
            ),
            "{}",
            step_reason(&helped)
        );
        let chain = StepFacts {
            introducers: Some(vec!["Carl", "Bea"]),
            ..facts()
        };
        assert!(step_reason(&chain).ends_with(" Bea can introduce you (through Carl; reach 50%)."));
        let door = StepFacts {
            opens: vec!["Hal", "Ivy"],
            ..facts()
        };
        assert!(step_reason(&door).ends_with(
            " Carl can introduce you (reach 50%). Dana can then introduce you to Hal and Ivy."
        ));
        let long = ["A", "B", "C", "D", "E", "F"];
        assert_eq!(introduction_chain(&long, " > "), "A > B > … (3 more) > F");
        assert_eq!(introduction_chain(&long[..4], " > "), "A > B > C > D");
    }

    #[test]
    fn the_people_named_cover_four_fifths_or_the_rest_is_counted() {
        let spread = Shares::of(vec![
            (0, "A", 0.2),
            (1, "B", 0.15),
            (2, "C", 0.1),
            (3, "D", 0.1),
            (4, "E", 0.05),
        ]);
        assert_eq!(spread.named.len(), 3);
        assert_eq!(
            (spread.others, format!("{:.2}", spread.others_share)),
            (2, "0.15".into())
        );
        assert_eq!(
            spread.list(),
            "A (20%), B (15%), C (10%) and 2 others (15%)"
        );
        let one = Shares::of(vec![(0, "A", 0.5), (1, "B", 0.05), (2, "C", 0.01)]);
        assert_eq!(one.list(), "A (50%)", "A alone covers over 80%");
        assert_eq!(one.others, 2);
    }

    #[test]
    fn small_numbers_keep_two_significant_digits() {
        assert_eq!(signed(0.04211), "+0.042");
        assert_eq!(signed(-0.000123), "-0.00012");
        assert_eq!(signed(0.0), "+0.000");
        assert_eq!(percent(0.004), "<1%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn an_avoid_reason_names_who_hardens() {
        assert_eq!(
            avoid_reason("Xan", -0.004, "Yul", -0.031),
            "Avoid for now: talking to Xan is likely to harden Yul (-0.031 on their view) \
             and cost 0.4 support points overall."
        );
    }
}

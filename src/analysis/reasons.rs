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
    /// The share of the gain that comes through other people (1 − their own share).
    pub through_others: f64,
    /// The people whose opinion moves most, with their share of the gain.
    pub movers: Vec<(&'a str, f64)>,
    /// The person whose opinion drops most, with their share of the gain, if anyone's
    /// drops visibly.
    pub hardens: Option<(&'a str, f64)>,
    /// The chain of introducers from the advocate: empty for a direct tie, `None` for no path.
    pub introducers: Option<Vec<&'a str>>,
    /// With no warm path, the nearest person who could help.
    pub helper: Option<&'a str>,
    /// Later steps of the plan this person can introduce the advocate to.
    pub opens: Vec<&'a str>,
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

/// "Reach Dana first: +4.2 support points (31% of this plan) — 80% through others,
/// notably Erik (45%) and Fay (20%); Carl can introduce you."
pub(crate) fn step_reason(f: &StepFacts) -> String {
    let lead = if f.first {
        format!("Reach {} first", f.name)
    } else {
        format!("Then reach {}", f.name)
    };
    let mut text = format!(
        "{lead}: {} support points ({} of this plan)",
        points(f.gain),
        percent(f.share)
    );
    if f.movers.is_empty() {
        text.push_str(&format!(" — almost all of it from {}'s own shift", f.name));
    } else {
        let movers: Vec<String> = f
            .movers
            .iter()
            .map(|(name, share)| format!("{name} ({})", percent(*share)))
            .collect();
        text.push_str(&format!(
            " — {} through others, notably {}",
            percent(f.through_others),
            join(&movers)
        ));
    }
    if let Some((name, share)) = f.hardens {
        text.push_str(&format!(", though it hardens {name} ({})", percent(share)));
    }
    let reach = percent(f.reach);
    match (f.introducers.as_deref(), f.helper) {
        (None, Some(helper)) => text.push_str(&format!(
            "; no warm introduction path (at most three introducers, none of them resisting): \
             {helper}, who knows them, is the nearest who could help; a cold approach \
             reaches them {reach} of the time"
        )),
        (None, None) => text.push_str(&format!(
            "; nobody in the map has a positive tie to them: a cold approach reaches them \
             {reach} of the time"
        )),
        (Some([]), _) => text.push_str(&format!("; you know {} directly (reach {reach})", f.name)),
        (Some([via @ .., last]), _) => {
            text.push_str(&format!("; {last} can introduce you ("));
            if !via.is_empty() {
                text.push_str(&format!("through {}; ", introduction_chain(via, ", ")));
            }
            text.push_str(&format!("reach {reach})"));
        }
    }
    if !f.opens.is_empty() {
        let opens: Vec<String> = f.opens.iter().map(|n| n.to_string()).collect();
        text.push_str(&format!(
            "; {} can then introduce you to {}",
            f.name,
            join(&opens)
        ));
    }
    text.push('.');
    text
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
            through_others: 0.8,
            movers: vec![("Erik", 0.45), ("Fay", 0.2), ("Gus", 0.004)],
            hardens: None,
            introducers: Some(vec!["Carl"]),
            helper: None,
            opens: vec![],
        }
    }

    #[test]
    fn a_step_reason_reads_as_one_sentence() {
        assert_eq!(
            step_reason(&facts()),
            "Reach Dana first: +4.2 support points (31% of this plan) — 80% through others, \
             notably Erik (45%), Fay (20%) and Gus (<1%); Carl can introduce you (reach 50%)."
        );
        let later = StepFacts {
            first: false,
            movers: vec![],
            hardens: Some(("Ivo", -0.12)),
            introducers: None,
            reach: 0.1,
            ..facts()
        };
        assert_eq!(
            step_reason(&later),
            "Then reach Dana: +4.2 support points (31% of this plan) — almost all of it from \
             Dana's own shift, though it hardens Ivo (-12%); nobody in the map has a positive \
             tie to them: a cold approach reaches them 10% of the time."
        );
        let chain = StepFacts {
            introducers: Some(vec!["Carl", "Bea"]),
            ..facts()
        };
        assert!(
            step_reason(&chain).ends_with("; Bea can introduce you (through Carl; reach 50%).")
        );
        let door = StepFacts {
            opens: vec!["Hal", "Ivy"],
            ..facts()
        };
        assert!(step_reason(&door).ends_with(
            "; Carl can introduce you (reach 50%); Dana can then introduce you to Hal and Ivy."
        ));
        let long = ["A", "B", "C", "D", "E", "F"];
        assert_eq!(introduction_chain(&long, " > "), "A > B > … (3 more) > F");
        assert_eq!(introduction_chain(&long[..4], " > "), "A > B > C > D");
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

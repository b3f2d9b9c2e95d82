//! Privacy profiles: one transformation of the snapshot before any writer runs,
//! so no writer can leak what the profile removes.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use aho_corasick::AhoCorasick;

use crate::error::{Error, Result};
use crate::model::MapSnapshot;
use crate::model::text::name_key;

/// What an export may reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Everything in the map.
    #[default]
    Full,
    /// Without notes (people's and relations'), the map description and engagements.
    NoNotes,
    /// Names replaced by role (or group) and a letter, e.g. "Finance lead B";
    /// notes, relation notes, engagement summaries and next steps and the map
    /// description dropped. Any role, group, tag or channel that mentions a
    /// person's name is dropped too.
    Pseudonymous,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 3] = [Profile::Full, Profile::NoNotes, Profile::Pseudonymous];

    /// The name used in the CLI and in reports: `full`, `no-notes`, `pseudonymous`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Full => "full",
            Profile::NoNotes => "no-notes",
            Profile::Pseudonymous => "pseudonymous",
        }
    }

    /// A sentence saying what the profile left out, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Profile::Full => "everything in the map, notes and conversations included",
            Profile::NoNotes => {
                "notes, relation notes, the map description and conversations are left out"
            }
            Profile::Pseudonymous => {
                "names are replaced by role and letter; notes, relation notes, conversation \
                 summaries and next steps and the map description are left out"
            }
        }
    }
}

impl FromStr for Profile {
    type Err = Error;

    fn from_str(s: &str) -> Result<Profile> {
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == key)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "privacy profile '{}' is not one of full, no-notes, pseudonymous",
                    s.trim()
                ))
            })
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What sharing `map` under `profile` leaves out, in a sentence with this map's
/// counts, e.g. "names become role and letter; 12 notes and 12 conversation
/// summaries are left out". The export dialog shows it beside each profile.
pub fn removes(map: &MapSnapshot, profile: Profile) -> String {
    let count = |n: usize, one: &str, many: &str| {
        let word = if n == 1 { one } else { many };
        format!("{n} {word}")
    };
    let notes = map
        .stakeholders
        .iter()
        .filter(|s| !s.notes.trim().is_empty())
        .count();
    let tie_notes = map
        .relations
        .iter()
        .filter(|r| !r.note.trim().is_empty())
        .count();
    let summaries = map
        .engagements
        .iter()
        .filter(|e| !e.summary.trim().is_empty())
        .count();
    let next_steps = map
        .engagements
        .iter()
        .filter(|e| !e.next_step.trim().is_empty())
        .count();
    let description = !map.info.description.trim().is_empty();
    let mut left_out = Vec::new();
    let mut push = |n: usize, one: &str, many: &str| {
        if n > 0 {
            left_out.push(count(n, one, many));
        }
    };
    push(notes, "note on a person", "notes on people");
    push(tie_notes, "note on a tie", "notes on ties");
    match profile {
        Profile::Full => {
            return format!(
                "Nothing is left out: {}, {} and {}, with every note.",
                count(map.stakeholders.len(), "person", "people"),
                count(map.relations.len(), "tie", "ties"),
                count(map.engagements.len(), "conversation", "conversations"),
            );
        }
        Profile::NoNotes => push(map.engagements.len(), "conversation", "conversations"),
        Profile::Pseudonymous => {
            push(summaries, "conversation summary", "conversation summaries");
            push(next_steps, "next step", "next steps");
        }
    }
    if description {
        left_out.push("the map description".into());
    }
    let singular =
        left_out.len() == 1 && (left_out[0].starts_with("1 ") || left_out[0].starts_with("the "));
    let listed = match left_out.len() {
        0 => String::new(),
        1 => left_out.remove(0),
        _ => {
            let last = left_out.pop().unwrap_or_default();
            format!("{} and {last}", left_out.join(", "))
        }
    };
    let verb = if singular { "is" } else { "are" };
    let sentence = if listed.is_empty() {
        "nothing else is in the map to leave out".to_string()
    } else {
        format!("{listed} {verb} left out")
    };
    match profile {
        Profile::Pseudonymous => format!(
            "Names become role and letter (\"Finance lead B\"), and roles, groups, tags or \
             channels that mention a name are dropped; {sentence}."
        ),
        _ => format!("{}{}.", sentence[..1].to_uppercase(), &sentence[1..]),
    }
}

/// The snapshot as the profile allows it to be shared. Every exporter writes the
/// result of this function, never the map itself.
pub fn apply(map: &MapSnapshot, profile: Profile) -> MapSnapshot {
    let mut out = map.clone();
    match profile {
        Profile::Full => {}
        Profile::NoNotes => {
            drop_notes(&mut out);
            out.engagements.clear();
        }
        Profile::Pseudonymous => {
            drop_notes(&mut out);
            for e in &mut out.engagements {
                e.summary.clear();
                e.next_step.clear();
            }
            pseudonymise(&mut out);
        }
    }
    out
}

fn drop_notes(map: &mut MapSnapshot) {
    map.info.description.clear();
    for p in &mut map.stakeholders {
        p.notes.clear();
    }
    for r in &mut map.relations {
        r.note.clear();
    }
}

/// Replaces names by "Role Letter" and drops retained text that names someone.
fn pseudonymise(map: &mut MapSnapshot) {
    let names = NameFinder::new(map.stakeholders.iter().map(|p| p.name.as_str()));
    let scrub = |text: &mut String| {
        if names.mentions(text) {
            text.clear();
        }
    };
    for p in &mut map.stakeholders {
        scrub(&mut p.role);
        scrub(&mut p.group);
        p.tags.retain(|t| !names.mentions(t));
    }
    for e in &mut map.engagements {
        scrub(&mut e.channel);
    }
    if names.mentions(&map.info.name) {
        map.info.name = "Shared map".into();
    }
    scrub(&mut map.info.change);

    // Letters are given in order of id (the order people were added), not by name,
    // so the pseudonyms do not hint at the alphabetical order of the real names.
    let mut order: Vec<usize> = (0..map.stakeholders.len()).collect();
    order.sort_by_key(|&i| map.stakeholders[i].id);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for i in order {
        let p = &mut map.stakeholders[i];
        let label = [&p.role, &p.group]
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .map_or("Person", |t| t.trim())
            .to_string();
        let n = counts.entry(name_key(&label)).or_default();
        p.name = format!("{label} {}", letters(*n));
        *n += 1;
    }
    map.stakeholders.sort_by(|a, b| {
        name_key(&a.name)
            .cmp(&name_key(&b.name))
            .then(a.id.cmp(&b.id))
    });
}

/// 0 → A, 25 → Z, 26 → AA, like spreadsheet columns.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Finds whole-word mentions of any of a set of names, ignoring case.
struct NameFinder {
    automaton: Option<AhoCorasick>,
}

impl NameFinder {
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> NameFinder {
        let keys: Vec<String> = names.map(name_key).filter(|k| !k.is_empty()).collect();
        NameFinder {
            automaton: AhoCorasick::new(&keys).ok(),
        }
    }

    /// True when `text` contains a name as a whole word (not inside another word).
    fn mentions(&self, text: &str) -> bool {
        let Some(automaton) = &self.automaton else {
            return false;
        };
        let lower = text.to_lowercase();
        automaton.find_overlapping_iter(&lower).any(|m| {
            let before = lower[..m.start()].chars().next_back();
            let after = lower[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MapInfo, Stakeholder, StakeholderId};

    fn map(people: &[(&str, &str, &str)]) -> MapSnapshot {
        let stakeholders = people
            .iter()
            .enumerate()
            .map(|(i, (name, role, group))| {
                let mut p = Stakeholder::new(name).unwrap();
                p.id = StakeholderId(i as i64 + 1);
                p.role = role.to_string();
                p.group = group.to_string();
                p.notes = format!("secret about {name}");
                p
            })
            .collect();
        MapSnapshot {
            info: MapInfo {
                name: "Map".into(),
                change: "A change".into(),
                description: "Private".into(),
                created: chrono::DateTime::UNIX_EPOCH,
                updated: chrono::DateTime::UNIX_EPOCH,
            },
            stakeholders,
            relations: vec![],
            engagements: vec![],
            stance_history: vec![],
        }
    }

    #[test]
    fn pseudonyms_come_from_role_then_group_with_letters_by_id() {
        let m = map(&[
            ("Zed", "Finance lead", "Finance"),
            ("Amy", "finance lead", ""),
            ("Bob", "", "Plant"),
            ("Cat", "", ""),
        ]);
        let p = apply(&m, Profile::Pseudonymous);
        let names: Vec<(i64, &str)> = p
            .stakeholders
            .iter()
            .map(|s| (s.id.0, s.name.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                (1, "Finance lead A"),
                (2, "finance lead B"),
                (4, "Person A"),
                (3, "Plant A")
            ]
        );
        assert!(p.stakeholders.iter().all(|s| s.notes.is_empty()));
        assert!(p.info.description.is_empty());
    }

    #[test]
    fn text_that_names_someone_is_dropped() {
        let m = map(&[
            ("Dana Ortiz", "CFO", ""),
            ("Erik", "Assistant to dana ortiz", "Finance"),
            ("Al", "Financial controller", ""),
        ]);
        let p = apply(&m, Profile::Pseudonymous);
        let erik = p.stakeholders.iter().find(|s| s.id.0 == 2).unwrap();
        assert_eq!(erik.role, "");
        assert_eq!(erik.name, "Finance A");
        let al = p.stakeholders.iter().find(|s| s.id.0 == 3).unwrap();
        assert_eq!(
            al.role, "Financial controller",
            "'Al' inside a word is no mention"
        );
    }

    #[test]
    fn letters_count_like_spreadsheet_columns() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27 * 26), "AAA");
    }

    #[test]
    fn profiles_parse_by_name() {
        assert_eq!(
            "No_Notes".parse::<Profile>().unwrap(),
            Profile::NoNotes,
            "case and underscores are forgiven"
        );
        assert!(
            "secret"
                .parse::<Profile>()
                .unwrap_err()
                .to_string()
                .contains("'secret'")
        );
    }

    #[test]
    fn each_profile_says_what_it_leaves_out_with_this_maps_counts() {
        let m = map(&[("Ana Lopez", "CFO", "Finance"), ("Ben Ray", "", "Ops")]);
        assert_eq!(
            removes(&m, Profile::Full),
            "Nothing is left out: 2 people, 0 ties and 0 conversations, with every note."
        );
        assert_eq!(
            removes(&m, Profile::NoNotes),
            "2 notes on people and the map description are left out."
        );
        let pseudo = removes(&m, Profile::Pseudonymous);
        assert!(
            pseudo.starts_with("Names become role and letter"),
            "{pseudo}"
        );
        assert!(
            pseudo.ends_with("; 2 notes on people and the map description are left out."),
            "{pseudo}"
        );
        let mut one = m.clone();
        one.stakeholders[1].notes.clear();
        one.info.description.clear();
        assert_eq!(
            removes(&one, Profile::NoNotes),
            "1 note on a person is left out."
        );
    }
}

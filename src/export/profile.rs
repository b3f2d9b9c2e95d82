//! Privacy profiles: one transformation of the snapshot before any writer runs,
//! so no writer can leak what the profile removes.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::generalise::K;
pub use super::pseudonym::MAP_NAME as PSEUDONYMOUS_MAP_NAME;
use super::pseudonym::pseudonymise;
use crate::error::{Error, Result};
use crate::model::MapSnapshot;

/// What an export may reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Everything in the map.
    #[default]
    Full,
    /// Without notes (people's and relations'), the map description and engagements.
    NoNotes,
    /// Names replaced by a generalised role and a letter, e.g. "Manager B";
    /// every role, group and tag shown held by at least 3 people (k-anonymity)
    /// and naming no one, no firm, no site and not the client; channels reduced to
    /// their kind; the map's name, change and description replaced; notes,
    /// relation notes, conversation summaries and next steps dropped.
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
                "names are replaced by a generalised role and a letter; every role, group and \
                 tag shown is held by at least 3 people (k-anonymity, k = 3); names, e-mail \
                 addresses, outside firms and sites are removed from all text; the map's name, \
                 change and description are replaced; notes, relation notes, conversation \
                 summaries and next steps are left out"
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
            "Names become a generalised role and a letter (\"Manager B\"); every role, group \
             and tag shown is held by at least {K} people (k-anonymity, k = {K}) and names no \
             one, no firm and no site; {sentence}."
        ),
        _ => format!("{}{}.", sentence[..1].to_uppercase(), &sentence[1..]),
    }
}

/// The snapshot as the profile allows it to be shared: the map itself for
/// [`Profile::Full`], else a copy without what the profile removes. Every
/// exporter writes the result of this function.
pub fn apply(map: &MapSnapshot, profile: Profile) -> Cow<'_, MapSnapshot> {
    if profile == Profile::Full {
        return Cow::Borrowed(map);
    }
    let mut out = map.clone();
    apply_in_place(&mut out, profile);
    Cow::Owned(out)
}

/// [`apply`] to a snapshot the caller no longer needs: what the profile removes
/// is removed in place, so an export holds one snapshot, not two (at 100,000
/// people the copy was 60 MB). Returns what the pseudonymous profile generalised,
/// as [`generalised`] says it (nothing for the other profiles).
pub fn apply_in_place(out: &mut MapSnapshot, profile: Profile) -> Vec<String> {
    match profile {
        Profile::Full => Vec::new(),
        Profile::NoNotes => {
            drop_notes(out);
            out.engagements.clear();
            Vec::new()
        }
        Profile::Pseudonymous => {
            drop_notes(out);
            for e in &mut out.engagements {
                e.summary.clear();
                e.next_step.clear();
            }
            pseudonymise(out).lines()
        }
    }
}

/// What the pseudonymous profile generalises in `map`, one line per kind, e.g.
/// "12 roles held by fewer than 3 people generalised to a level (Senior leader,
/// Manager, Staff)", "3 groups merged into 'Other units'". The export dialog and
/// the CLI's export show it.
pub fn generalised(map: &MapSnapshot) -> Vec<String> {
    // Worked out on a copy without the ties, which nothing generalised comes
    // from: they are most of a big map (28 MB of copy at 100,000 people).
    let mut copy = MapSnapshot {
        info: map.info.clone(),
        stakeholders: map.stakeholders.clone(),
        relations: Vec::new(),
        engagements: map.engagements.clone(),
        stance_history: map.stance_history.clone(),
    };
    drop_notes(&mut copy);
    pseudonymise(&mut copy).lines()
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
    fn pseudonyms_come_from_the_generalised_role_with_letters_by_id() {
        let m = map(&[
            ("Zed Quorn", "Finance lead", "Finance"),
            ("Amy Vale", "finance lead", "Finance"),
            ("Bob Yarrow", "Finance Lead", "Finance"),
            ("Cat Ulm", "", "Finance"),
            ("Dee Wren", "Chief Financial Officer", "Finance"),
            ("Eve Tarn", "HR Director", "Finance"),
            ("Fay Sorrel", "General Counsel", "Finance"),
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
                (4, "Finance A"),
                (1, "Finance lead A"),
                (2, "finance lead B"),
                (3, "Finance Lead C"),
                (5, "Senior leader A"),
                (6, "Senior leader B"),
                (7, "Senior leader C"),
            ],
            "a role of 3 stays; one of a kind becomes its level; no role: the unit"
        );
        assert!(p.stakeholders.iter().all(|s| s.notes.is_empty()));
        assert_eq!(p.info.name, "Stakeholder map");
        assert_eq!(p.info.change, "the change");
        assert!(
            p.info.description.contains("k = 3"),
            "{}",
            p.info.description
        );
    }

    #[test]
    fn text_that_names_someone_is_generalised_and_rare_values_are_not_shown() {
        let mut m = map(&[
            ("Dana Ortiz", "Staff", "Finance"),
            ("Erik Moss", "Assistant to dana ortiz", "Finance"),
            ("Al Bo", "Staff", "Deputy of Zoe Brandt's unit"),
            ("Zoe Brandt", "Staff", "Finance"),
            ("oleg.petrov@harwell.example", "Staff", "Finance – Leeds"),
            ("Gus Hale", "Staff", "Finance"),
            ("Ivy Knox", "Staff", "Finance"),
        ]);
        m.stakeholders[1].tags = vec!["dana-fan".into(), "finance".into()];
        for p in &mut m.stakeholders[2..] {
            p.tags = vec!["finance".into()];
        }
        let p = apply(&m, Profile::Pseudonymous);
        let by_id = |id: i64| p.stakeholders.iter().find(|s| s.id.0 == id).unwrap();
        assert_eq!(
            by_id(2).role,
            "Staff",
            "a role naming someone becomes its level"
        );
        assert_eq!(by_id(3).group, "Other units", "nor a unit naming someone");
        assert_eq!(
            by_id(5).group,
            "Finance",
            "a unit at a site becomes its parent unit"
        );
        assert_eq!(
            by_id(5).name,
            "Staff E",
            "an e-mail address never becomes the pseudonym"
        );
        assert_eq!(
            by_id(2).tags,
            ["finance"],
            "a tag naming someone, or rare, is dropped"
        );
        let all = format!("{p:?}").to_lowercase();
        for word in [
            "dana", "ortiz", "brandt", "oleg", "petrov", "harwell", "leeds", "@",
        ] {
            assert!(!all.contains(word), "{word} survives: {all}");
        }
    }

    #[test]
    fn what_was_generalised_is_listed_for_the_export_dialog() {
        let m = map(&[
            ("Ana Lopez", "Chief Financial Officer", "Finance"),
            ("Ben Ray", "Analyst", "Finance"),
            ("Cy Dunn", "Analyst", "Finance"),
            ("Di Eng", "Analyst", "Finance"),
            ("Ed Fox", "Analyst", "Plant"),
            ("Flo Gale", "Analyst", "Lab"),
        ]);
        let lines = generalised(&m);
        assert_eq!(
            lines,
            [
                "1 role held by fewer than 3 people generalised to a level (Senior leader, \
                 Manager, Staff)",
                "3 people shown as 'Stakeholder', so that no level is held by fewer than 3",
                "2 groups merged into 'Other units'",
                "1 person of a bigger group also shown in 'Other units', so that it covers at \
                 least 3",
            ]
        );
        assert!(
            Profile::Pseudonymous
                .describe()
                .contains(&format!("k = {K}"))
        );
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
            pseudo.starts_with("Names become a generalised role and a letter"),
            "{pseudo}"
        );
        assert!(pseudo.contains("k-anonymity, k = 3"), "{pseudo}");
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

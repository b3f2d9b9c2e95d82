//! k-anonymity for the pseudonymous profile: every role, org unit and tag that
//! is shown is held by at least [`K`] people and names no one. A rarer role
//! becomes its level ("Senior leader", "Manager", "Staff", or "External adviser"
//! for people from outside firms), a rarer unit its parent unit ("Operations –
//! Leeds" → "Operations") or "Other units", a rarer tag is dropped.

use std::collections::HashMap;

use super::identifiers::{Identifiers, base};
use crate::model::text::name_key;
use crate::model::{MapSnapshot, Stakeholder};

/// The smallest number of people any shown role, org unit or tag covers.
pub const K: usize = 3;

/// The label of people whose level is held by fewer than [`K`] people.
pub const ANY_ROLE: &str = "Stakeholder";

/// The org unit of people whose unit and parent unit are held by fewer than [`K`].
pub const OTHER_UNITS: &str = "Other units";

/// The level a role is generalised to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Chief executives, chiefs, directors, presidents.
    SeniorLeader,
    /// Heads, managers, leads, supervisors.
    Manager,
    /// Everyone else inside the organisation.
    Staff,
    /// People from outside firms: auditors, lenders, consultants, customers.
    External,
}

impl Family {
    /// The label shown for the family.
    pub fn label(self) -> &'static str {
        match self {
            Family::SeniorLeader => "Senior leader",
            Family::Manager => "Manager",
            Family::Staff => "Staff",
            Family::External => "External adviser",
        }
    }

    /// The family of a person's role: external when their unit or a tag says
    /// so or their role names a firm in brackets, else by the role's words.
    pub fn of(p: &Stakeholder) -> Family {
        let external = name_key(&p.group).contains("external")
            || p.tags.iter().any(|t| name_key(t).contains("external"))
            || names_a_firm(&p.role);
        if external {
            return Family::External;
        }
        let words: Vec<String> = base(&p.role)
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        if has(&[
            "chief",
            "president",
            "vp",
            "director",
            "counsel",
            "ceo",
            "cfo",
            "coo",
            "cio",
            "cto",
            "cpo",
            "cmo",
            "cco",
            "cso",
            "cro",
            "md",
        ]) {
            Family::SeniorLeader
        } else if has(&[
            "manager",
            "head",
            "lead",
            "leader",
            "supervisor",
            "superintendent",
            "foreman",
        ]) {
            Family::Manager
        } else {
            Family::Staff
        }
    }
}

/// True when the role's brackets hold a firm: "(Calder & Finch LLP)".
fn names_a_firm(role: &str) -> bool {
    const MARKS: [&str; 16] = [
        "llp",
        "ltd",
        "limited",
        "inc",
        "llc",
        "gmbh",
        "plc",
        "ag",
        "bv",
        "sa",
        "bank",
        "advisory",
        "consulting",
        "partners",
        "automotive",
        "systems",
    ];
    super::identifiers::qualifiers(role)
        .into_iter()
        .filter(|q| role.contains(&format!("({q}")))
        .any(|q| {
            q.contains('&')
                || q.split(|c: char| !c.is_alphanumeric())
                    .any(|w| MARKS.contains(&w.to_lowercase().as_str()))
        })
}

/// What generalising one map changed, counted for the export dialog and the
/// CLI ("12 roles held by fewer than 3 people generalised").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generalised {
    /// Distinct roles held by fewer than [`K`] people, generalised to a level.
    pub rare_roles: usize,
    /// Distinct roles that named someone, a firm or the client, generalised.
    pub naming_roles: usize,
    /// Distinct roles of people from outside firms, now "External adviser".
    pub external_roles: usize,
    /// Distinct roles shown without their qualifier (a site, a firm in brackets).
    pub shortened_roles: usize,
    /// People whose level is held by fewer than [`K`], labelled [`ANY_ROLE`].
    pub any_role: usize,
    /// Distinct org units shown as their parent unit.
    pub parent_units: usize,
    /// Distinct org units merged into [`OTHER_UNITS`].
    pub other_units: usize,
    /// People of a bigger unit also shown in [`OTHER_UNITS`], so that it covers [`K`].
    pub other_units_filled: usize,
    /// Distinct tags dropped (rare, or naming someone).
    pub tags: usize,
    /// Conversation channels reduced to their kind.
    pub channels: usize,
    /// Stance-history sources replaced.
    pub sources: usize,
}

impl Generalised {
    /// One line per kind of change, for people to read; empty when nothing changed.
    pub fn lines(&self) -> Vec<String> {
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let mut out = Vec::new();
        let mut push = |count: usize, text: String| {
            if count > 0 {
                out.push(text);
            }
        };
        push(
            self.rare_roles,
            format!(
                "{} held by fewer than {K} people generalised to a level (Senior leader, \
                 Manager, Staff)",
                n(self.rare_roles, "role", "roles")
            ),
        );
        push(
            self.naming_roles,
            format!(
                "{} naming a person, a firm or the client generalised to a level",
                n(self.naming_roles, "role", "roles")
            ),
        );
        push(
            self.external_roles,
            format!(
                "{} of people from outside firms shown as 'External adviser'",
                n(self.external_roles, "role", "roles")
            ),
        );
        push(
            self.shortened_roles,
            format!(
                "{} shown without the site or firm they named",
                n(self.shortened_roles, "role", "roles")
            ),
        );
        push(
            self.any_role,
            format!(
                "{} shown as '{ANY_ROLE}', so that no level is held by fewer than {K}",
                n(self.any_role, "person", "people")
            ),
        );
        push(
            self.parent_units,
            format!(
                "{} shown as their parent unit",
                n(self.parent_units, "group", "groups")
            ),
        );
        push(
            self.other_units,
            format!(
                "{} merged into '{OTHER_UNITS}'",
                n(self.other_units, "group", "groups")
            ),
        );
        push(
            self.other_units_filled,
            format!(
                "{} of a bigger group also shown in '{OTHER_UNITS}', so that it covers at \
                 least {K}",
                n(self.other_units_filled, "person", "people")
            ),
        );
        push(
            self.tags,
            format!(
                "{} held by fewer than {K} people or naming someone left out",
                n(self.tags, "tag", "tags")
            ),
        );
        push(
            self.channels,
            format!(
                "{} reduced to a kind (meeting, call…)",
                n(
                    self.channels,
                    "conversation channel",
                    "conversation channels"
                )
            ),
        );
        push(
            self.sources,
            format!(
                "{} replaced by 'note'",
                n(
                    self.sources,
                    "stance-history source",
                    "stance-history sources"
                )
            ),
        );
        out
    }
}

/// Generalises everyone's role, org unit and tags in place so that each shown
/// value covers at least [`K`] people and names no one, and says what changed.
pub fn roles_units_and_tags(map: &mut MapSnapshot, ids: &Identifiers) -> Generalised {
    let mut report = Generalised::default();
    roles(map, ids, &mut report);
    units(map, ids, &mut report);
    tags(map, ids, &mut report);
    report
}

/// How many people hold each label, by its case-insensitive key.
fn counts<'a>(labels: impl Iterator<Item = &'a Option<String>>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for label in labels.flatten() {
        *out.entry(name_key(label)).or_default() += 1;
    }
    out
}

/// Moves everyone whose label is held by fewer than [`K`] people to `catch_all`.
/// While `catch_all` itself is then held by fewer than [`K`], it takes the people
/// it lacks from the largest label that can spare them and still hold [`K`] (the
/// last of them in order), or else the whole smallest label. Returns how many
/// people were moved.
fn enforce(labels: &mut [Option<String>], catch_all: &str) -> usize {
    let catch_key = name_key(catch_all);
    let mut moved = 0;
    let count = counts(labels.iter());
    for label in labels.iter_mut() {
        if let Some(l) = label
            && name_key(l) != catch_key
            && count[&name_key(l)] < K
        {
            *label = Some(catch_all.to_string());
            moved += 1;
        }
    }
    loop {
        let count = counts(labels.iter());
        let held = count.get(&catch_key).copied().unwrap_or(0);
        if held == 0 || held >= K {
            return moved;
        }
        let need = K - held;
        let others = || count.iter().filter(|(key, _)| **key != catch_key);
        let spare = others()
            .filter(|(_, n)| **n >= K + need)
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(key, _)| (key.clone(), need));
        let whole = || {
            others()
                .min_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)))
                .map(|(key, n)| (key.clone(), *n))
        };
        let Some((from, take)) = spare.or_else(whole) else {
            return moved;
        };
        let mut left = take;
        for label in labels.iter_mut().rev() {
            if left > 0 && label.as_deref().is_some_and(|l| name_key(l) == from) {
                *label = Some(catch_all.to_string());
                moved += 1;
                left -= 1;
            }
        }
    }
}

/// Roles: the role without its qualifiers when at least [`K`] people hold it and
/// it names no one; else the person's [`Family`]; levels held by fewer than
/// [`K`] become [`ANY_ROLE`].
fn roles(map: &mut MapSnapshot, ids: &Identifiers, report: &mut Generalised) {
    let people = &map.stakeholders;
    let families: Vec<Family> = people.iter().map(Family::of).collect();
    let bases: Vec<Option<String>> = people
        .iter()
        .zip(&families)
        .map(|(p, f)| {
            let b = base(&p.role);
            (*f != Family::External && !b.is_empty() && !ids.found_in(&b)).then_some(b)
        })
        .collect();
    let held = counts(bases.iter());
    let mut rare = HashMap::new();
    let mut naming = HashMap::new();
    let mut external = HashMap::new();
    let mut shortened = HashMap::new();
    let mut labels: Vec<Option<String>> = Vec::with_capacity(people.len());
    for ((p, family), b) in people.iter().zip(&families).zip(&bases) {
        let key = name_key(&p.role);
        if key.is_empty() {
            labels.push(None);
            continue;
        }
        let label = match b {
            Some(b) if held[&name_key(b)] >= K => {
                if name_key(b) != key {
                    shortened.insert(key, ());
                }
                b.clone()
            }
            _ => {
                let tally = match (family, b) {
                    (Family::External, _) => &mut external,
                    (_, None) => &mut naming,
                    (_, Some(_)) => &mut rare,
                };
                tally.insert(key, ());
                family.label().to_string()
            }
        };
        labels.push(Some(label));
    }
    report.rare_roles = rare.len();
    report.naming_roles = naming.len();
    report.external_roles = external.len();
    report.shortened_roles = shortened.len();
    report.any_role = enforce(&mut labels, ANY_ROLE);
    for (p, label) in map.stakeholders.iter_mut().zip(labels) {
        p.role = label.unwrap_or_default();
    }
}

/// Org units: the unit when at least [`K`] people are in it and it names no one;
/// else its parent unit on the same terms; else [`OTHER_UNITS`].
fn units(map: &mut MapSnapshot, ids: &Identifiers, report: &mut Generalised) {
    let groups: Vec<Option<String>> = map
        .stakeholders
        .iter()
        .map(|p| Some(p.group.trim().to_string()).filter(|g| !g.is_empty()))
        .collect();
    let held = counts(groups.iter());
    let keep = |g: &str| !ids.found_in(g) && held[&name_key(g)] >= K;
    let parents: Vec<Option<String>> = groups
        .iter()
        .map(|g| match g {
            Some(g) if keep(g) => Some(g.clone()),
            Some(g) => Some(base(g)).filter(|b| !b.is_empty() && !ids.found_in(b)),
            None => None,
        })
        .collect();
    let pool = counts(parents.iter());
    let mut parent_units = HashMap::new();
    let mut labels: Vec<Option<String>> = groups
        .iter()
        .zip(&parents)
        .map(|(g, parent)| {
            let g = g.as_ref()?;
            match parent {
                Some(p) if pool[&name_key(p)] >= K => {
                    if name_key(p) != name_key(g) {
                        parent_units.insert(name_key(g), ());
                    }
                    Some(p.clone())
                }
                _ => Some(OTHER_UNITS.to_string()),
            }
        })
        .collect();
    enforce(&mut labels, OTHER_UNITS);
    let mut fate: HashMap<String, (usize, usize)> = HashMap::new();
    for (g, label) in groups.iter().zip(&labels) {
        if let (Some(g), Some(label)) = (g, label)
            && name_key(g) != name_key(OTHER_UNITS)
        {
            let (all, other) = fate.entry(name_key(g)).or_default();
            *all += 1;
            *other += usize::from(label == OTHER_UNITS);
        }
    }
    let mut merged = 0;
    for (key, (all, other)) in fate {
        if other == all {
            parent_units.remove(&key);
            merged += 1;
        } else {
            report.other_units_filled += other;
        }
    }
    report.parent_units = parent_units.len();
    report.other_units = merged;
    for (p, label) in map.stakeholders.iter_mut().zip(labels) {
        p.group = label.unwrap_or_default();
    }
}

/// Tags: kept when at least [`K`] people carry them and they name no one.
fn tags(map: &mut MapSnapshot, ids: &Identifiers, report: &mut Generalised) {
    let mut held: HashMap<String, usize> = HashMap::new();
    for p in &map.stakeholders {
        for t in &p.tags {
            *held.entry(name_key(t)).or_default() += 1;
        }
    }
    let mut dropped = HashMap::new();
    for p in &mut map.stakeholders {
        p.tags.retain(|t| {
            let key = name_key(t);
            let keep = held[&key] >= K && !ids.found_in(t);
            if !keep {
                dropped.insert(key, ());
            }
            keep
        });
    }
    report.tags = dropped.len();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(role: &str, group: &str) -> Stakeholder {
        let mut p = Stakeholder::new("X").unwrap();
        p.role = role.into();
        p.group = group.into();
        p
    }

    #[test]
    fn roles_fall_into_levels() {
        for (role, group, family) in [
            ("Chief Financial Officer", "Executive", Family::SeniorLeader),
            ("HR Director", "Executive", Family::SeniorLeader),
            ("General Counsel", "Legal", Family::SeniorLeader),
            ("Head of Treasury", "Finance", Family::Manager),
            ("Accounts Payable Lead", "Finance", Family::Manager),
            ("Plant Manager – Leeds", "Operations", Family::Manager),
            ("FP&A Analyst", "Finance", Family::Staff),
            ("Senior Developer (legacy ERP)", "IT", Family::Staff),
            (
                "Audit Partner (Calder & Finch LLP)",
                "Audit",
                Family::External,
            ),
            (
                "Relationship Director (Northgate Bank)",
                "",
                Family::External,
            ),
            ("SAP Account Manager", "External", Family::External),
        ] {
            assert_eq!(Family::of(&person(role, group)), family, "{role}");
        }
    }

    #[test]
    fn a_label_too_rare_moves_to_the_catch_all_which_grows_until_it_holds() {
        let label = |s: &str| Some(s.to_string());
        let mut labels = vec![
            label("Staff"),
            label("Staff"),
            label("Staff"),
            label("Manager"),
            label("Manager"),
            label("Manager"),
            label("Manager"),
            label("Senior leader"),
            None,
        ];
        assert_eq!(
            enforce(&mut labels, ANY_ROLE),
            4,
            "one rare, then all of the smallest"
        );
        let count = counts(labels.iter());
        assert!(count.values().all(|&n| n >= K), "{count:?}");
        assert_eq!(count[&name_key(ANY_ROLE)], 4);
        assert_eq!(labels[8], None, "no role stays no role");
        let mut labels = vec![label("Lone")];
        labels.extend(std::iter::repeat_n(label("Manager"), 6));
        // Lone is rare; 'Manager' (6) spares the two the catch-all lacks.
        assert_eq!(enforce(&mut labels, ANY_ROLE), 3);
        let count = counts(labels.iter());
        assert_eq!(count[&name_key(ANY_ROLE)], 3, "{labels:?}");
        assert_eq!(count["manager"], 4);
    }

    #[test]
    fn the_report_reads_in_plain_words() {
        let report = Generalised {
            rare_roles: 12,
            other_units: 3,
            channels: 1,
            ..Generalised::default()
        };
        assert_eq!(
            report.lines(),
            [
                "12 roles held by fewer than 3 people generalised to a level (Senior leader, \
                 Manager, Staff)",
                "3 groups merged into 'Other units'",
                "1 conversation channel reduced to a kind (meeting, call…)",
            ]
        );
    }
}

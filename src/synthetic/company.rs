//! A generated company that reads like a real one: [`company_map`] takes the
//! structure of [`super::org_map`] (reporting tree, org units, ties, ratings) and
//! gives it realistic, unique full names, roles by level (Chief Executive Officer,
//! Chief Financial Officer, Director of Treasury, Head of Treasury, Treasury
//! Manager, Financial Analyst…), org units named for a team and a site
//! ("Accounts Payable – Leeds"), tags, a few advisers from outside firms ("Audit
//! Partner (Calder & Finch LLP)"), the odd e-mail address typed as a name, notes,
//! conversations and their stance history. `coalition generate` writes it.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::names::NamePicker;
use crate::error::{Error, Result};
use crate::model::{Engagement, EngagementId, MapSnapshot, RelationKind, Stance, StanceChange};
use crate::store::MapFile;

/// The generated company's name.
pub const COMPANY: &str = "Brackenridge Instruments";

/// The domain of the e-mail addresses some people are named by.
pub const DOMAIN: &str = "brackenridge.example";

/// The company's sites; every org unit below the executive sits at one.
pub const SITES: &[&str] = &[
    "Leeds",
    "Coventry",
    "Gdańsk",
    "Rotterdam",
    "Porto",
    "Brno",
    "Monterrey",
];

/// The outside firms advisers come from: (firm, the adviser's title, a tag).
pub const FIRMS: &[(&str, &str, &str)] = &[
    ("Calder & Finch LLP", "Audit Partner", "auditor"),
    (
        "Meridian Advisory",
        "Implementation Partner Lead",
        "implementation-partner",
    ),
    ("Northgate Bank", "Relationship Director", "lender"),
    ("Vantor Automotive", "Supply Chain Director", "key-customer"),
    ("Halden & Voss", "Employment Lawyer", "legal-adviser"),
    ("Brightwater Consulting", "Change Consultant", "consultant"),
    ("Orrin Technik GmbH", "Account Manager", "vendor"),
];

/// One function of the company, led by one of the chief executive's reports.
struct Function {
    /// The tag its people carry.
    tag: &'static str,
    /// Its leader's title.
    chief: &'static str,
    /// Its teams: each org unit is one team at one site.
    teams: &'static [&'static str],
    /// The titles of its people without reports.
    staff: &'static [&'static str],
    /// Whether its staff titles name their site ("Shift Supervisor – Leeds").
    on_site: bool,
}

const FUNCTIONS: [Function; 9] = [
    Function {
        tag: "finance",
        chief: "Chief Financial Officer",
        teams: &[
            "Financial Planning",
            "Accounts Payable",
            "Treasury",
            "Tax",
            "Payroll",
            "Financial Reporting",
        ],
        staff: &[
            "Financial Analyst",
            "Accountant",
            "Payroll Specialist",
            "Credit Controller",
            "Accounts Assistant",
        ],
        on_site: false,
    },
    Function {
        tag: "operations",
        chief: "Chief Operating Officer",
        teams: &[
            "Production",
            "Maintenance",
            "Logistics",
            "Warehouse",
            "Production Planning",
            "Health and Safety",
        ],
        staff: &[
            "Production Operator",
            "Maintenance Engineer",
            "Production Planner",
            "Shift Supervisor",
            "Warehouse Operative",
            "Forklift Driver",
        ],
        on_site: true,
    },
    Function {
        tag: "it",
        chief: "Chief Information Officer",
        teams: &[
            "Infrastructure",
            "Business Applications",
            "Service Desk",
            "Information Security",
            "Data and Analytics",
        ],
        staff: &[
            "Software Engineer",
            "Systems Administrator",
            "Data Analyst",
            "Service Desk Analyst",
            "Security Engineer",
        ],
        on_site: false,
    },
    Function {
        tag: "people",
        chief: "Chief People Officer",
        teams: &[
            "Talent Acquisition",
            "Learning and Development",
            "Employee Relations",
            "Reward",
        ],
        staff: &[
            "HR Advisor",
            "Recruiter",
            "Learning Specialist",
            "HR Administrator",
        ],
        on_site: false,
    },
    Function {
        tag: "sales",
        chief: "Chief Commercial Officer",
        teams: &[
            "Key Accounts",
            "Sales Operations",
            "Customer Service",
            "Pricing",
            "Marketing",
        ],
        staff: &[
            "Account Executive",
            "Customer Service Advisor",
            "Sales Analyst",
            "Marketing Executive",
        ],
        on_site: false,
    },
    Function {
        tag: "quality",
        chief: "Chief Quality Officer",
        teams: &[
            "Quality Assurance",
            "Quality Control",
            "Compliance",
            "Supplier Quality",
        ],
        staff: &[
            "Quality Inspector",
            "Quality Engineer",
            "Compliance Analyst",
            "Lab Technician",
        ],
        on_site: true,
    },
    Function {
        tag: "supply-chain",
        chief: "Chief Procurement Officer",
        teams: &[
            "Procurement",
            "Supplier Management",
            "Inventory",
            "Demand Planning",
        ],
        staff: &[
            "Buyer",
            "Procurement Analyst",
            "Inventory Controller",
            "Demand Planner",
        ],
        on_site: false,
    },
    Function {
        tag: "engineering",
        chief: "Chief Technology Officer",
        teams: &[
            "Product Engineering",
            "Process Engineering",
            "Research",
            "Test Engineering",
        ],
        staff: &[
            "Design Engineer",
            "Process Engineer",
            "Test Engineer",
            "Research Scientist",
            "Technician",
        ],
        on_site: true,
    },
    Function {
        tag: "legal",
        chief: "General Counsel",
        teams: &["Legal", "Risk", "Internal Audit", "Company Secretariat"],
        staff: &[
            "Legal Counsel",
            "Paralegal",
            "Risk Analyst",
            "Internal Auditor",
        ],
        on_site: false,
    },
];

/// Tags some people carry beside their function's, their site's and their level's.
const EXTRA_TAGS: &[&str] = &[
    "super-user",
    "change-champion",
    "union-member",
    "key-user",
    "works-council",
    "new-joiner",
    "legacy-knowledge",
    "remote",
];

/// What people worry about, for notes and conversation summaries.
const CONCERNS: &[&str] = &[
    "worried the new process will slow the team down",
    "wants to see the training plan before committing",
    "sceptical of the timeline, not of the change",
    "asks who will own the data after go-live",
    "keen to pilot the new way of working",
    "lived through a failed rollout before and expects a repeat",
];

/// The org unit of the chief executive and their reports.
const EXECUTIVE: &str = "Executive";

/// The org unit of the advisers from outside firms.
const EXTERNAL: &str = "External";

/// One person's place in the organisation.
#[derive(Clone, Copy)]
struct Place {
    depth: usize,
    manager: Option<usize>,
    function: usize,
    /// The team and site of their org unit (none for the executive).
    unit: Option<(usize, usize)>,
    reports: usize,
}

/// A generated company of `people` people from `seed`: the same structure,
/// ratings and ties as [`super::org_map`]`(people, seed)`, with realistic names,
/// roles, org units, tags, outside advisers, notes and conversations. The same
/// `(people, seed)` always gives the same map.
pub fn company_map(people: usize, seed: u64) -> MapSnapshot {
    let mut map = super::org_map(people, seed);
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed_c0a1_17e5);
    let places = places(&map);
    let mut picker = NamePicker::new();
    let mut first_names = Vec::with_capacity(people);
    let externals = externals(&places);
    for (i, person) in map.stakeholders.iter_mut().enumerate() {
        let place = places[i];
        let (first, last, full) = picker.pick(&mut rng);
        first_names.push(first);
        person.name = full;
        if i > 0 && rng.usize(..150) == 0 {
            let email = format!("{}.{}@{DOMAIN}", first.to_lowercase(), last.to_lowercase());
            if picker.claim(&email) {
                person.name = email;
            }
        }
        if let Some(n) = externals.iter().position(|&e| e == i) {
            let (firm, title, tag) = FIRMS[n % FIRMS.len()];
            person.role = format!("{title} ({firm})");
            person.group = EXTERNAL.into();
            person.tags = vec!["external".into(), tag.into()];
            person.advocate = false;
            continue;
        }
        person.role = role(place, &mut rng);
        person.group = unit_name(place);
        person.tags = tags(place, &mut rng);
    }
    let names: Vec<String> = map.stakeholders.iter().map(|p| p.name.clone()).collect();
    for (i, person) in map.stakeholders.iter_mut().enumerate() {
        if let Some(manager) = places[i].manager
            && rng.usize(..8) == 0
        {
            person.notes = format!(
                "Works closely with {}; {}.",
                names[manager],
                CONCERNS[rng.usize(..CONCERNS.len())]
            );
        }
    }
    for relation in &mut map.relations {
        if rng.usize(..50) == 0 {
            let other = rng.usize(..people.max(1));
            relation.note = format!("Introduced by {}", names[other]);
        }
    }
    let created = DateTime::from_timestamp(1_764_547_200, 0).expect("a valid timestamp");
    map.info.name = format!("{COMPANY} – operating model");
    map.info.change = format!(
        "Bring {COMPANY}' {} sites onto one operating model and one ERP by the end of 2026",
        list(SITES)
    );
    map.info.description = format!(
        "A generated organisation of {people} people (seed {seed}), made by `coalition generate`."
    );
    map.info.created = created;
    map.info.updated = created;
    history_and_conversations(&mut map, &places, &first_names, created, &mut rng);
    map
}

/// Writes [`company_map`]`(people, seed)` to a new map file at `path` and returns
/// the map. Never replaces a file: an existing `path` is an error naming it.
pub fn write_company_map(path: &Path, people: usize, seed: u64) -> Result<MapSnapshot> {
    if path.symlink_metadata().is_ok() {
        return Err(Error::Conflict(format!(
            "{} already exists; a generated map is never written over a file: choose another \
             file name, or delete the file first",
            path.display()
        )));
    }
    let map = company_map(people, seed);
    MapFile::create_holding(path, &map)?;
    Ok(map)
}

/// Everyone's depth, manager, function and unit, from the reporting ties
/// (`org_map` numbers people breadth first, so a manager comes before their reports).
fn places(map: &MapSnapshot) -> Vec<Place> {
    let n = map.stakeholders.len();
    let mut manager = vec![None; n];
    for r in &map.relations {
        if r.kind == RelationKind::ReportsTo {
            manager[(r.from.0 - 1) as usize] = Some((r.to.0 - 1) as usize);
        }
    }
    let mut places: Vec<Place> = Vec::with_capacity(n);
    let mut children: HashMap<usize, usize> = HashMap::new();
    for &boss in &manager {
        let place = match boss {
            None => Place {
                depth: 0,
                manager: None,
                function: 0,
                unit: None,
                reports: 0,
            },
            Some(m) => {
                let sibling = *children.entry(m).and_modify(|c| *c += 1).or_insert(0);
                let up = places[m];
                let depth = up.depth + 1;
                let function = if depth == 1 {
                    sibling % FUNCTIONS.len()
                } else {
                    up.function
                };
                let unit = match depth {
                    1 => None,
                    2 => {
                        let teams = FUNCTIONS[function].teams.len();
                        let site = (function + sibling / teams) % SITES.len();
                        Some((sibling % teams, site))
                    }
                    _ => up.unit,
                };
                places[m].reports += 1;
                Place {
                    depth,
                    manager: Some(m),
                    function,
                    unit,
                    reports: 0,
                }
            }
        };
        places.push(place);
    }
    places
}

/// The people who come from outside firms: a few of those with no reports,
/// at least three (when the map is big enough), about one in two hundred.
fn externals(places: &[Place]) -> Vec<usize> {
    if places.len() < 20 {
        return Vec::new();
    }
    let wanted = (places.len() / 200).clamp(3, 40);
    let mut out: Vec<usize> = (0..places.len())
        .rev()
        .filter(|&i| places[i].reports == 0 && places[i].depth >= 2)
        .take(wanted)
        .collect();
    out.reverse();
    out
}

/// A title by level: chief executive, chiefs, directors, heads, managers, staff.
fn role(place: Place, rng: &mut fastrand::Rng) -> String {
    let function = &FUNCTIONS[place.function];
    let team = place.unit.map_or("", |(t, _)| function.teams[t]);
    match place.depth {
        0 => "Chief Executive Officer".into(),
        1 => function.chief.into(),
        2 => format!("Director of {team}"),
        3 if place.reports > 0 => format!("Head of {team}"),
        _ if place.reports > 0 => format!("{team} Manager"),
        _ => {
            let title = function.staff[rng.usize(..function.staff.len())];
            let senior = if rng.usize(..5) == 0 { "Senior " } else { "" };
            match place.unit {
                Some((_, site)) if function.on_site => {
                    format!("{senior}{title} – {}", SITES[site])
                }
                _ => format!("{senior}{title}"),
            }
        }
    }
}

/// The org unit: "Executive", or a team at a site ("Treasury – Porto").
fn unit_name(place: Place) -> String {
    match place.unit {
        None => EXECUTIVE.into(),
        Some((team, site)) => format!(
            "{} – {}",
            FUNCTIONS[place.function].teams[team], SITES[site]
        ),
    }
}

/// The function's tag, the site's, the level's and now and then another.
fn tags(place: Place, rng: &mut fastrand::Rng) -> Vec<String> {
    let mut tags = Vec::new();
    if place.depth <= 1 {
        tags.push("leadership".to_string());
    }
    if place.depth >= 1 {
        tags.push(FUNCTIONS[place.function].tag.to_string());
    }
    if let Some((_, site)) = place.unit {
        tags.push(SITES[site].to_lowercase());
    }
    if place.depth >= 2 && place.reports > 0 {
        tags.push("people-manager".into());
    }
    if rng.usize(..7) == 0 {
        tags.push(EXTRA_TAGS[rng.usize(..EXTRA_TAGS.len())].into());
    }
    tags
}

/// Everyone's stance history from the map's creation, and about one
/// conversation per forty people, held by an advocate, each moving the person
/// by at most one step (and recorded in their history).
fn history_and_conversations(
    map: &mut MapSnapshot,
    places: &[Place],
    first_names: &[&str],
    created: DateTime<Utc>,
    rng: &mut fastrand::Rng,
) {
    map.stance_history = map
        .stakeholders
        .iter()
        .map(|p| StanceChange {
            stakeholder: p.id,
            at: created,
            stance: p.stance,
            source: "created".into(),
        })
        .collect();
    let advocates: Vec<usize> = (0..map.stakeholders.len())
        .filter(|&i| map.stakeholders[i].advocate)
        .collect();
    let others: Vec<usize> = (0..map.stakeholders.len())
        .filter(|&i| !map.stakeholders[i].advocate)
        .collect();
    if advocates.is_empty() || others.is_empty() {
        return;
    }
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("a valid day");
    let count = (map.stakeholders.len() / 40).max(1);
    for k in 0..count {
        let who = others[rng.usize(..others.len())];
        let by = advocates[rng.usize(..advocates.len())];
        let date = start + Days::new(k as u64 * 2 % 330);
        let first = first_names[who];
        let site = places[who].unit.map_or(SITES[0], |(_, s)| SITES[s]);
        let before = map.stakeholders[who].stance;
        let after = Stance::new((before.level() as i64 + rng.i64(-1..=1)).clamp(-2, 2))
            .expect("clamped to -2..2");
        let channel = match rng.usize(..8) {
            0 => format!("call with {first}"),
            1 => format!("coffee with {}", map.stakeholders[who].name),
            2 => format!("Teams call, {site}"),
            n => ["meeting", "call", "lunch", "workshop", "email"][n - 3].to_string(),
        };
        map.engagements.push(Engagement {
            id: EngagementId(k as i64 + 1),
            date,
            stakeholder: map.stakeholders[who].id,
            held_by: Some(map.stakeholders[by].id),
            channel,
            summary: format!(
                "Talked {first} through the {site} changes; {}.",
                CONCERNS[rng.usize(..CONCERNS.len())]
            ),
            stance_before: Some(before),
            stance_after: Some(after),
            next_step: format!("Send {first} the {site} timeline"),
            next_step_due: Some(date + Days::new(14)),
        });
        map.stakeholders[who].stance = after;
        let source = if rng.usize(..5) == 0 {
            format!("told by {} in confidence", map.stakeholders[by].name)
        } else {
            "engagement".into()
        };
        let at = date
            .and_hms_opt(12, 0, 0)
            .expect("noon is a time")
            .and_utc();
        map.stance_history.push(StanceChange {
            stakeholder: map.stakeholders[who].id,
            at,
            stance: after,
            source,
        });
    }
    map.info.updated = map
        .stance_history
        .iter()
        .map(|c| c.at)
        .max()
        .unwrap_or(created);
}

/// "a, b and c".
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_same_seed_gives_the_same_company() {
        assert_eq!(company_map(500, 3), company_map(500, 3));
        assert_ne!(company_map(500, 3), company_map(500, 4));
    }

    #[test]
    fn the_company_keeps_the_org_maps_structure_and_ratings() {
        let plain = super::super::org_map(800, 9);
        let company = company_map(800, 9);
        assert_eq!(plain.relations.len(), company.relations.len());
        for (a, b) in plain.relations.iter().zip(&company.relations) {
            assert_eq!(
                (a.from, a.to, a.kind, a.strength),
                (b.from, b.to, b.kind, b.strength)
            );
        }
        for (a, b) in plain.stakeholders.iter().zip(&company.stakeholders) {
            assert_eq!((a.id, a.power, a.interest), (b.id, b.power, b.interest));
        }
    }

    #[test]
    fn the_company_reads_like_a_real_one() {
        let m = company_map(2000, 1);
        let names: HashSet<String> = m
            .stakeholders
            .iter()
            .map(|p| p.name.to_lowercase())
            .collect();
        assert_eq!(names.len(), 2000, "names are unique");
        assert!(names.iter().all(|n| !n.starts_with("p0")));
        let roles: Vec<&str> = m.stakeholders.iter().map(|p| p.role.as_str()).collect();
        assert_eq!(roles[0], "Chief Executive Officer");
        assert!(roles.contains(&"Chief Financial Officer"));
        assert!(roles.iter().any(|r| r.starts_with("Director of ")));
        assert!(roles.iter().any(|r| r.starts_with("Head of ")));
        assert!(roles.iter().any(|r| r.ends_with(" Manager")));
        assert!(roles.iter().any(|r| r.contains("Analyst")));
        assert!(roles.iter().any(|r| r.contains("Engineer")));
        let outside = roles
            .iter()
            .filter(|r| r.ends_with("LLP)") || r.contains(" ("))
            .count();
        assert_eq!(outside, 10, "one in two hundred comes from an outside firm");
        assert!(names.iter().any(|n| n.ends_with(&format!("@{DOMAIN}"))));
        let groups: HashSet<&str> = m.stakeholders.iter().map(|p| p.group.as_str()).collect();
        assert!(groups.len() > 10, "{groups:?}");
        assert!(groups.iter().all(|g| *g == EXECUTIVE
            || *g == EXTERNAL
            || SITES.iter().any(|s| g.ends_with(&format!(" – {s}")))));
        assert!(m.stakeholders.iter().any(|p| !p.tags.is_empty()));
        assert!(m.stakeholders.iter().any(|p| !p.notes.is_empty()));
        assert_eq!(m.engagements.len(), 50);
        assert!(m.stance_history.len() >= 2050);
        assert!(
            m.stance_history
                .iter()
                .any(|c| c.source.starts_with("told by "))
        );
    }
}

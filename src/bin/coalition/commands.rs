//! What each command does: parse the arguments, call the core, print the result.

use crate::out::{say, say_raw};
use chrono::NaiveDate;
use coalition::export::ExportOptions;
use coalition::formats::json::{EngagementDto, MapDto, RelationDto, StakeholderDto};
use coalition::model::{Field, Level, Relation, RelationId, RelationKind, Stakeholder};
use coalition::store::MapFile;
use coalition::{Error, Result};

use crate::sharing;
use crate::table::{inert, render};
use crate::{Add, Command, Remove, StakeholderFields};

/// Runs one command.
pub fn run(command: Command) -> Result<()> {
    match command {
        Command::New { map, name, change } => {
            let name = name.unwrap_or_else(|| {
                map.file_stem()
                    .map(|stem| stem.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            MapFile::create(&map, &name, &change)?;
            say!("Created {}", crate::table::path(&map));
        }
        Command::Demo { map } => {
            let demo = coalition::demo::write_demo(&map)?;
            say!(
                "Wrote the demo map '{}' with {} people to {}",
                coalition::demo::NAME,
                demo.stakeholders()?.len(),
                crate::table::path(&map)
            );
        }
        Command::Generate { map, people, seed } => {
            let made = coalition::synthetic::company::write_company_map(&map, people, seed)?;
            let count = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            say!(
                "Wrote a generated organisation of {}, {} and {} (seed {seed}) to {}",
                count(made.stakeholders.len(), "person", "people"),
                count(made.relations.len(), "tie", "ties"),
                count(made.engagements.len(), "conversation", "conversations"),
                crate::table::path(&map)
            );
        }
        Command::List {
            map,
            group,
            tag,
            as_of,
            json,
        } => {
            let snapshot = crate::analysis::snapshot_at(&MapFile::open_read_only(&map)?, as_of)?;
            list(snapshot.stakeholders, group, tag, json)?
        }
        Command::Show { map, name, json } => show(&MapFile::open_read_only(&map)?, &name, json)?,
        Command::Add(add) => self::add(*add)?,
        Command::Set {
            map,
            name,
            field,
            value,
        } => {
            let field: Field = field.parse()?;
            let person = MapFile::open(&map)?.set_field(&name, field, &value)?;
            say!(
                "{}: {field} is now {}",
                inert(&person.name),
                inert(&person.get(field))
            );
        }
        Command::Remove(Remove::Stakeholder { map, name }) => {
            let mut file = MapFile::open(&map)?;
            let person = file.find(&name)?;
            file.remove_stakeholder(person.id)?;
            say!("Removed {} and their ties", inert(&person.name));
        }
        Command::Remove(Remove::Relation {
            map,
            from,
            kind,
            to,
        }) => {
            let mut file = MapFile::open(&map)?;
            let relation = file.find_relation(&from, kind.parse()?, &to)?;
            file.remove_relation(relation.id)?;
            say!("Removed {} {kind} {}", inert(&from), inert(&to));
        }
        Command::Import {
            map,
            files,
            format,
            people,
            relations,
            engagements,
            dry_run,
            merge,
        } => sharing::import(sharing::ImportArgs {
            map,
            files,
            format,
            named: [people, relations, engagements]
                .into_iter()
                .flatten()
                .collect(),
            dry_run,
            merge,
        })?,
        Command::Export {
            map,
            format,
            view,
            full,
            profile,
            advocate,
            output,
            force,
        } => {
            let options = ExportOptions {
                format: format.parse()?,
                view: sharing::picture_view(&view, full)?,
                profile: profile.parse()?,
                advocate,
            };
            sharing::export_map(&map, &options, output.as_deref(), force)?;
        }
        Command::SaveAs { map, new, profile } => {
            MapFile::open_read_only(&map)?.save_as(&new, profile.parse()?)?;
            say!("Saved a copy as {}", inert(&new.display().to_string()));
        }
        Command::Recover { map, new } => recover(&map, &new)?,
        Command::Plan {
            map,
            advocate,
            steps,
            budget,
            theta,
            goal,
            seed,
            as_of,
            save,
            json,
        } => crate::analysis::plan(
            &map,
            crate::analysis::PlanArgs {
                advocate,
                steps,
                budget,
                theta,
                goal,
                seed,
                as_of,
                save,
            },
            json,
        )?,
        Command::Log {
            map,
            name,
            conversation,
        } => crate::timeline::log(&map, &name, conversation)?,
        Command::History {
            map,
            name,
            since,
            json,
        } => crate::timeline::history(&map, name, since, json)?,
        Command::Diff {
            map,
            from,
            to,
            json,
        } => crate::timeline::diff(&map, &from, to, json)?,
        Command::Progress {
            map,
            advocate,
            json,
        } => crate::timeline::progress(&map, &advocate, json)?,
        Command::Stale { map, today, json } => crate::timeline::stale(&map, today, json)?,
        Command::Brief {
            map,
            name,
            advocate,
            json,
        } => crate::timeline::brief(&map, &name, advocate, json)?,
        Command::Simulate {
            map,
            talk,
            stance,
            theta,
            as_of,
            json,
        } => crate::analysis::simulate_cmd(&map, talk, stance, theta, as_of, json)?,
        Command::Metrics { map, as_of, json } => crate::analysis::metrics_cmd(&map, as_of, json)?,
        Command::Config { map, key, value } => crate::analysis::config(&map, key, value)?,
        Command::Check { map } => {
            MapFile::open_read_only(&map)?.integrity_check()?;
            say!("{} is sound", crate::table::path(&map));
        }
    }
    Ok(())
}

/// Recovers a damaged map and says what came back and what was left behind.
fn recover(map: &std::path::Path, new: &std::path::Path) -> Result<()> {
    let r = coalition::store::recover(map, new)?;
    say!(
        "Recovered {} people, {} ties, {} conversations and {} stance changes into {}",
        r.people,
        r.ties,
        r.conversations,
        r.history,
        inert(&new.display().to_string())
    );
    if r.plans_left > 0 {
        say!(
            "{} saved plans were not carried over; plan again in the new map",
            r.plans_left
        );
    }
    if r.skipped.is_empty() {
        say!("Nothing was skipped");
    } else {
        say!("Skipped {}:", r.skipped.len());
        for line in &r.skipped {
            say!("  {}", inert(line));
        }
    }
    Ok(())
}

fn list(
    people: Vec<Stakeholder>,
    group: Option<String>,
    tag: Option<String>,
    json: bool,
) -> Result<()> {
    let people: Vec<Stakeholder> = people
        .into_iter()
        .filter(|p| {
            group
                .as_ref()
                .is_none_or(|g| p.group.eq_ignore_ascii_case(g))
        })
        .filter(|p| {
            tag.as_ref()
                .is_none_or(|t| p.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
        })
        .collect();
    if json {
        let dtos: Vec<StakeholderDto> = people.iter().map(StakeholderDto::from).collect();
        say!("{}", crate::table::json(&dtos)?);
        return Ok(());
    }
    let mut rows = vec![
        [
            "name", "role", "group", "stance", "target", "power", "interest", "advocate",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for p in &people {
        rows.push(vec![
            p.name.clone(),
            p.role.clone(),
            p.group.clone(),
            p.stance.label().into(),
            p.target.label().into(),
            p.power.to_string(),
            p.interest.to_string(),
            if p.advocate {
                "yes".into()
            } else {
                String::new()
            },
        ]);
    }
    say_raw!("{}", render(&rows, &[]));
    say!("{} people", people.len());
    Ok(())
}

fn show(map: &MapFile, name: &str, json: bool) -> Result<()> {
    let snapshot = map.snapshot()?;
    let person = map.find(name)?;
    let dto = MapDto::from_snapshot(&snapshot);
    let is_theirs = |n: &str| n == person.name;
    let relations: Vec<&RelationDto> = dto
        .relations
        .iter()
        .filter(|r| is_theirs(&r.from) || is_theirs(&r.to))
        .collect();
    let engagements: Vec<&EngagementDto> = dto
        .engagements
        .iter()
        .filter(|e| is_theirs(&e.stakeholder))
        .collect();
    if json {
        let value = serde_json::json!({
            "stakeholder": StakeholderDto::from(&person),
            "relations": relations,
            "engagements": engagements,
            "stance_history": dto.stance_history.iter().filter(|c| is_theirs(&c.stakeholder)).collect::<Vec<_>>(),
        });
        say!("{}", crate::table::json(&value)?);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = Field::ALL
        .iter()
        .filter(|f| **f != Field::Notes)
        .map(|f| vec![f.to_string(), person.get(*f)])
        .collect();
    say_raw!("{}", render(&rows, &[]));
    if !person.notes.is_empty() {
        say!("notes:\n  {}", inert(&person.notes).replace('\n', "\n  "));
    }
    if !relations.is_empty() {
        say!("ties:");
        for r in relations {
            say!(
                "  {} {} {} (strength {}){}",
                inert(&r.from),
                r.kind,
                inert(&r.to),
                r.strength,
                if r.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", inert(&r.note))
                }
            );
        }
    }
    if !engagements.is_empty() {
        say!("conversations:");
        for e in engagements {
            say!(
                "  {} {} by {}: {}",
                e.date,
                inert(&e.channel),
                inert(e.held_by.as_deref().unwrap_or("?")),
                inert(&e.summary)
            );
        }
    }
    Ok(())
}

fn add(add: Add) -> Result<()> {
    match add {
        Add::Stakeholder { map, name, fields } => {
            let mut person = Stakeholder::new(&name)?;
            for (field, value) in field_values(fields) {
                person.set(field, &value)?;
            }
            let person = MapFile::open(&map)?.add_stakeholder(&person)?;
            say!("Added {}", inert(&person.name));
        }
        Add::Relation {
            map,
            from,
            kind,
            to,
            strength,
            note,
        } => {
            let kind: RelationKind = kind.parse()?;
            let strength = Level::parse(&strength, "strength")?;
            let mut file = MapFile::open(&map)?;
            let (a, b) = (file.find(&from)?, file.find(&to)?);
            file.add_relation(&Relation {
                id: RelationId(0),
                from: a.id,
                to: b.id,
                kind,
                strength,
                note,
            })?;
            say!("Added {} {kind} {}", inert(&a.name), inert(&b.name));
        }
        Add::Engagement {
            map,
            name,
            conversation,
        } => crate::timeline::log(&map, &name, conversation)?,
    }
    Ok(())
}

fn field_values(f: StakeholderFields) -> Vec<(Field, String)> {
    [
        (Field::Role, f.role),
        (Field::Group, f.group),
        (Field::Tags, f.tags),
        (Field::Stance, f.stance),
        (Field::Target, f.target),
        (Field::Power, f.power),
        (Field::Interest, f.interest),
        (Field::Openness, f.openness),
        (Field::Legitimacy, f.legitimacy),
        (Field::Urgency, f.urgency),
        (Field::Confidence, f.confidence),
        (Field::Effort, f.effort),
        (Field::Advocate, f.advocate),
        (Field::Notes, f.notes),
    ]
    .into_iter()
    .filter_map(|(field, value)| value.map(|v| (field, v)))
    .collect()
}

pub fn parse_date(text: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Invalid(format!(
            "{what} '{text}' is not a date; write it as YYYY-MM-DD"
        ))
    })
}

//! Our JSON map format (see [`crate::formats::json`]), read back and validated.
//!
//! The `format` and `version` are checked before anything else, so a file of
//! another program or of a newer Coalition is refused with a message saying so.
//! Every person, tie, conversation and stance is then checked as the CSV rows
//! are; problems name the entry (`map.json stakeholders row 3`) and the field.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    ImportBatch, NamedEngagement, NamedRelation, NamedStanceChange, ProblemCap, Restore, RowRef,
    excerpt, inert_message, parse_day,
};
use crate::error::{Error, Result};
use crate::formats::json::{FORMAT, MapDto, StakeholderDto, VERSION};
use crate::model::text::{MAX_COORDINATE, MAX_TAGS, check_text, clean_name, name_key};
use crate::model::{Field, Level, MapInfo, RelationKind, Stakeholder, Stance};

/// The two fields checked before the rest of the file is read. Reading into this
/// walks the document without building it, so memory stays near the file's size.
#[derive(serde::Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

/// A serde_json error as a problem quotes it: control characters escaped, and a
/// long one (serde quotes the offending string whole) cut in the middle, keeping
/// its start and where it was found.
fn short(e: &serde_json::Error) -> String {
    let text = excerpt_long(&e.to_string());
    if text.chars().count() <= 200 {
        return text;
    }
    let start: String = text.chars().take(120).collect();
    let tail: Vec<char> = text.chars().rev().take(60).collect();
    let end: String = tail.into_iter().rev().collect();
    format!("{start}…{end}")
}

/// `text` with control characters escaped, whole.
fn excerpt_long(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Reads a JSON map. A file that is not a Coalition map, or is from a newer
/// version, is an error; problems inside the map are listed in the batch.
pub fn read_map_json(file: &str, text: &str) -> Result<ImportBatch> {
    let probe: Probe = match serde_json::from_str(text) {
        Ok(probe) => probe,
        Err(e) if e.is_data() => Probe {
            format: None,
            version: None,
        },
        Err(e) => {
            return Err(Error::Invalid(format!(
                "{file} is not valid JSON ({}); export the map again, or check the file was not cut short",
                short(&e)
            )));
        }
    };
    let format = probe.format.as_ref().and_then(|f| f.as_str());
    if format != Some(FORMAT) {
        return Err(Error::Invalid(format!(
            "{file} is not a Coalition map (its \"format\" is {}, not \"{FORMAT}\"); \
             import a file made by `coalition export --format json`",
            format.map_or("missing".to_string(), |f| format!("\"{}\"", excerpt(f)))
        )));
    }
    let version = probe.version.as_ref().and_then(|v| v.as_u64());
    match version {
        Some(v) if v > u64::from(VERSION) => {
            return Err(Error::Invalid(format!(
                "{file} was made by a newer Coalition (map format version {v}); this version \
                 reads up to version {VERSION}: update Coalition to import it"
            )));
        }
        Some(v) if v >= 1 => {}
        _ => {
            return Err(Error::Invalid(format!(
                "{file} has no valid \"version\" (a whole number from 1 to {VERSION}); \
                 export the map again"
            )));
        }
    }
    let dto: MapDto = serde_json::from_str(text).map_err(|e| {
        Error::Invalid(format!(
            "{file} does not follow the map format ({}); compare it with assets/map.schema.json",
            short(&e)
        ))
    })?;
    Ok(batch_of(file, &dto))
}

fn batch_of(file: &str, dto: &MapDto) -> ImportBatch {
    let mut batch = ImportBatch::default();
    let mut cap = ProblemCap::new(file, &batch.problems);
    let at = |list: &str, i: usize| RowRef {
        file: format!("{file} {list}").into(),
        row: i + 1,
    };
    for (i, p) in dto.stakeholders.iter().enumerate() {
        match stakeholder(p) {
            Ok(person) => batch.people.push((at("stakeholders", i), person)),
            Err(problems) => batch.problems.extend(
                problems
                    .into_iter()
                    .map(|e| format!("{}, {e}", at("stakeholders", i))),
            ),
        }
        cap.trim(&mut batch.problems);
    }
    for (i, r) in dto.relations.iter().enumerate() {
        let here = at("relations", i);
        let kind = r
            .kind
            .parse::<RelationKind>()
            .map_err(|e| inert_message(&e.to_string(), &r.kind));
        let strength = Level::new(i64::from(r.strength), "strength");
        let note = check_text(&r.note, "the note");
        match (kind, strength, note) {
            (Ok(kind), Ok(strength), Ok(())) => batch.relations.push(NamedRelation {
                at: here,
                from: r.from.as_str().into(),
                kind,
                to: r.to.as_str().into(),
                strength,
                note: r.note.clone(),
            }),
            (kind, strength, note) => {
                for (field, e) in [
                    ("kind", kind.err()),
                    ("strength", strength.err().map(|e| e.to_string())),
                    ("note", note.err().map(|e| e.to_string())),
                ] {
                    if let Some(e) = e {
                        batch.problems.push(format!("{here}, field {field}: {e}"));
                    }
                }
            }
        }
        cap.trim(&mut batch.problems);
    }
    for (i, e) in dto.engagements.iter().enumerate() {
        let here = at("engagements", i);
        let mut problems = Vec::new();
        let mut day = |text: &str, field: &str| -> Option<NaiveDate> {
            let day = parse_day(text);
            if day.is_none() {
                problems.push(format!(
                    "{here}, field {field}: '{}' is not a date; write it as YYYY-MM-DD",
                    excerpt(text)
                ));
            }
            day
        };
        let date = day(&e.date, "date");
        let due = e.next_step_due.as_deref().map(|d| day(d, "next_step_due"));
        let mut stance = |level: Option<i8>, field: &str| {
            level.and_then(|l| {
                Stance::new(i64::from(l))
                    .map_err(|err| problems.push(format!("{here}, field {field}: {err}")))
                    .ok()
            })
        };
        let (before, after) = (
            stance(e.stance_before, "stance_before"),
            stance(e.stance_after, "stance_after"),
        );
        for (text, field) in [
            (&e.channel, "channel"),
            (&e.summary, "summary"),
            (&e.next_step, "next_step"),
        ] {
            if let Err(err) = check_text(text, field) {
                problems.push(format!("{here}, field {field}: {err}"));
            }
        }
        match date {
            Some(date) if problems.is_empty() => batch.engagements.push(NamedEngagement {
                at: here,
                date,
                stakeholder: e.stakeholder.clone(),
                held_by: e.held_by.clone(),
                channel: e.channel.clone(),
                summary: e.summary.clone(),
                stance_before: before,
                stance_after: after,
                next_step: e.next_step.clone(),
                next_step_due: due.flatten(),
            }),
            _ => batch.problems.extend(problems),
        }
        cap.trim(&mut batch.problems);
    }
    let people: HashSet<String> = dto.stakeholders.iter().map(|p| name_key(&p.name)).collect();
    let mut history = Vec::new();
    for (i, c) in dto.stance_history.iter().enumerate() {
        let here = at("stance_history", i);
        if !people.contains(&name_key(&c.stakeholder)) {
            batch.problems.push(format!(
                "{here}, field stakeholder: '{}' is not among the file's stakeholders; remove the entry",
                excerpt(&c.stakeholder)
            ));
            cap.trim(&mut batch.problems);
            continue;
        }
        if let Err(e) = check_text(&c.source, "the source") {
            batch.problems.push(format!("{here}, field source: {e}"));
            cap.trim(&mut batch.problems);
            continue;
        }
        match (time(&c.at), Stance::new(i64::from(c.stance))) {
            (Ok(at), Ok(stance)) => history.push(NamedStanceChange {
                stakeholder: c.stakeholder.clone(),
                at,
                stance,
                source: c.source.clone(),
            }),
            (at, stance) => {
                for (field, e) in [("at", at.err()), ("stance", stance.err())] {
                    if let Some(e) = e {
                        batch.problems.push(format!("{here}, field {field}: {e}"));
                    }
                }
            }
        }
        cap.trim(&mut batch.problems);
    }
    let info = &dto.map;
    let times = (time(&info.created), time(&info.updated));
    let name = clean_name(&info.name);
    for (text, field) in [(&info.change, "change"), (&info.description, "description")] {
        if let Err(e) = check_text(text, field) {
            batch
                .problems
                .push(format!("{file} map, field {field}: {e}"));
        }
    }
    match (name, times) {
        (Ok(name), (Ok(created), Ok(updated))) => {
            batch.restore = Some(Restore {
                info: MapInfo {
                    name,
                    change: info.change.clone(),
                    description: info.description.clone(),
                    created,
                    updated,
                },
                history,
            });
        }
        (name, (created, updated)) => {
            for (field, e) in [
                ("name", name.err()),
                ("created", created.err()),
                ("updated", updated.err()),
            ] {
                if let Some(e) = e {
                    batch
                        .problems
                        .push(format!("{file} map, field {field}: {e}"));
                }
            }
        }
    }
    cap.finish(&mut batch.problems);
    batch
}

/// A person from the DTO, checked field by field; every problem is listed.
fn stakeholder(p: &StakeholderDto) -> Result<Stakeholder, Vec<String>> {
    let mut person = Stakeholder::new(&p.name).map_err(|e| vec![format!("field name: {e}")])?;
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let mut problems = Vec::new();
    for (field, value) in [
        (Field::Role, p.role.clone()),
        (Field::Group, p.group.clone()),
        (Field::Notes, p.notes.clone()),
        (Field::Stance, p.stance.to_string()),
        (Field::Target, p.target.to_string()),
        (Field::Power, p.power.to_string()),
        (Field::Interest, p.interest.to_string()),
        (Field::Openness, p.openness.to_string()),
        (Field::Legitimacy, yes_no(p.legitimacy)),
        (Field::Urgency, yes_no(p.urgency)),
        (Field::Confidence, p.confidence.clone()),
        (Field::Effort, p.effort.to_string()),
        (Field::Advocate, yes_no(p.advocate)),
    ] {
        if let Err(e) = person.set(field, &value) {
            problems.push(format!(
                "field {field}: {}",
                inert_message(&e.to_string(), &value)
            ));
        }
    }
    if p.tags.len() > MAX_TAGS {
        problems.push(format!(
            "field tags: the tags list {} tags; the limit is {MAX_TAGS}: keep the ones you \
             filter by and move the rest to the notes",
            p.tags.len()
        ));
    } else {
        for tag in &p.tags {
            if let Err(e) = check_text(tag, "a tag") {
                problems.push(format!("field tags: {e}"));
            }
        }
    }
    person.tags = p.tags.clone();
    if let Some([x, y]) = p.position {
        let fine = |v: f64| v.is_finite() && v.abs() <= MAX_COORDINATE;
        if fine(x) && fine(y) {
            person.position = Some((x, y));
        } else {
            problems.push(format!(
                "field position: [{x:e}, {y:e}] is not a place on the map (each coordinate is \
                 a finite number within ±{MAX_COORDINATE:e}); remove the position and the \
                 layout places the person again"
            ));
        }
    }
    if problems.is_empty() {
        Ok(person)
    } else {
        Err(problems)
    }
}

fn time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Error::Invalid(format!(
                "'{}' is not a time; write it as RFC 3339, e.g. 2026-05-01T09:30:00Z",
                excerpt(text)
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_formats_and_newer_versions_are_refused_by_name() {
        let e = read_map_json("x.json", r#"{"format": "kumu", "version": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("x.json is not a Coalition map") && e.contains("\"kumu\""),
            "{e}"
        );
        let e = read_map_json("x.json", r#"{"format": "coalition-map", "version": 7}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("newer Coalition (map format version 7)"), "{e}");
        assert!(e.contains("update Coalition"), "{e}");
        let e = read_map_json("x.json", "{").unwrap_err().to_string();
        assert!(e.contains("x.json is not valid JSON"), "{e}");
    }

    #[test]
    fn bad_values_are_listed_per_entry_and_field() {
        let text = r#"{"format":"coalition-map","version":1,
          "map":{"name":"M","change":"","description":"","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"},
          "stakeholders":[{"name":"Ana","role":"","group":"","tags":[],"stance":3,"stance_label":"","target":0,
             "power":9,"interest":3,"openness":3,"legitimacy":false,"urgency":false,"confidence":"sure",
             "effort":1,"advocate":false,"notes":""}],
          "relations":[{"from":"Ana","kind":"likes","to":"Bo","strength":3,"note":""}],
          "engagements":[],"stance_history":[{"stakeholder":"Zed","at":"2026-01-01T00:00:00Z","stance":0,"source":"created"}]}"#;
        let b = read_map_json("m.json", text).unwrap();
        let all = b.problems.join("\n");
        for expected in [
            "m.json stakeholders row 1, field stance: stance 3",
            "m.json stakeholders row 1, field power: power 9",
            "m.json stakeholders row 1, field confidence: confidence 'sure'",
            "m.json relations row 1, field kind: relation kind 'likes'",
            "m.json stance_history row 1, field stakeholder: 'Zed'",
        ] {
            assert!(all.contains(expected), "{expected} not in\n{all}");
        }
    }
}

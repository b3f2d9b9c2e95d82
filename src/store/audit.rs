//! Every row of a file checked against the domain's own rules, as typed values.
//!
//! Opening a map audits it whole: one value out of range (a stance of 99, a tie
//! to a person who is not there, text over the limits, a position of 1e308)
//! refuses the file with the table, row and field named. `recover` runs the same
//! audit leniently and keeps what passes. Values are read as SQLite gives them
//! (`ValueRef`), never converted by trusting the file's types.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use foldhash::{HashSet, HashSetExt};

use super::guard::{columns, inert_excerpt, quoted};
use super::kept::{Kept, data_version};
use crate::error::Result;
use crate::model::text::{
    MAX_COORDINATE, MAX_TAGS, MAX_TEXT_BYTES, check_text, clean_name, name_key,
};
use crate::model::{
    Confidence, Engagement, EngagementId, Level, MapInfo, Relation, RelationId, RelationKind,
    Stakeholder, StakeholderId, Stance, StanceChange,
};

/// What an audit found: the rows that passed, as domain values, and a line for
/// every row that did not.
#[derive(Debug, Default)]
pub struct Audit {
    /// The map's name and change, when its one row passed.
    pub info: Option<MapInfo>,
    /// People that passed.
    pub stakeholders: Vec<Stakeholder>,
    /// Ties that passed (both ends among the people that passed).
    pub relations: Vec<Relation>,
    /// Conversations that passed.
    pub engagements: Vec<Engagement>,
    /// Stance history entries that passed.
    pub stance_history: Vec<StanceChange>,
    /// θ and the staleness window, when present and valid.
    pub settings: Vec<(String, String)>,
    /// How many saved plans the file holds (recover does not carry them over).
    pub plans: usize,
    /// One line per row that failed: `stakeholders row 7, stance: …`.
    pub problems: Vec<String>,
    /// True when a name passed only once cleaned (spaces trimmed, say): the
    /// people read then differ from the rows as stored, so they are not
    /// [`Audit::kept`] for the first snapshot.
    pub cleaned: bool,
    /// SQLite's `data_version` in the audit's read: what it read stands for the
    /// file while no other connection has committed since.
    pub data_version: i64,
}

impl Audit {
    /// The people and ties of a clean audit, kept so the first snapshot after
    /// opening need not read them again (at 100,000 people that second read was a
    /// fifth of `coalition list`); `None` when a problem was found or a name was
    /// cleaned.
    pub fn kept(self) -> Option<Kept> {
        if self.cleaned || !self.problems.is_empty() {
            return None;
        }
        Some(Kept::of_audit(
            self.data_version,
            self.info?,
            self.stakeholders,
            self.relations,
        ))
    }
}

/// How strictly to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The file's schema was verified: every table and column is there.
    Verified,
    /// The schema may differ (recover): missing tables and columns are reported
    /// and read as empty.
    Lenient,
}

/// Reads and checks every row of every table.
pub fn audit(conn: &Connection, mode: Mode) -> Result<Audit> {
    let mut audit = Audit::default();
    read_info(conn, mode, &mut audit)?;
    read_stakeholders(conn, mode, &mut audit)?;
    let people: HashSet<i64> = audit.stakeholders.iter().map(|p| p.id.0).collect();
    read_relations(conn, mode, &people, &mut audit)?;
    read_engagements(conn, mode, &people, &mut audit)?;
    read_history(conn, mode, &people, &mut audit)?;
    read_settings(conn, mode, &mut audit)?;
    read_plans(conn, mode, &people, &mut audit)?;
    audit.data_version = data_version(conn)?;
    Ok(audit)
}

/// One row as SQLite holds it, with the table's column names to find fields by.
struct Raw<'a, 'r> {
    row: &'a rusqlite::Row<'r>,
    names: &'a [String],
    present: &'a [bool],
    /// Where each column asked for is, by where its name's text lives: the
    /// readers ask by string literals, so after a table's first row a column is
    /// found by comparing two numbers, not names (at 100,000 people, comparing
    /// names took a tenth of `coalition plan`).
    found: &'a std::cell::RefCell<Vec<((usize, usize), usize)>>,
}

impl Raw<'_, '_> {
    fn value(&self, column: &'static str) -> std::result::Result<ValueRef<'_>, String> {
        // Static text: the same address and length are always the same name.
        let key = (column.as_ptr() as usize, column.len());
        let known = self
            .found
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, i)| i);
        let i = match known {
            Some(i) => i,
            None => {
                let i = self
                    .names
                    .iter()
                    .position(|n| n == column)
                    .ok_or_else(|| format!("is not a column of Coalition's {column}"))?;
                self.found.borrow_mut().push((key, i));
                i
            }
        };
        if !self.present[i] {
            return Ok(ValueRef::Null);
        }
        self.row
            .get_ref(i + 1)
            .map_err(|e| format!("could not be read ({})", inert_excerpt(&e.to_string())))
    }

    fn int(&self, column: &'static str) -> std::result::Result<i64, String> {
        match self.value(column)? {
            ValueRef::Integer(i) => Ok(i),
            ValueRef::Null => Err("is missing".into()),
            ValueRef::Real(_) => Err("is a fraction, not a whole number".into()),
            ValueRef::Text(_) | ValueRef::Blob(_) => Err("is not a number".into()),
        }
    }

    fn optional_int(&self, column: &'static str) -> std::result::Result<Option<i64>, String> {
        match self.value(column)? {
            ValueRef::Null => Ok(None),
            _ => self.int(column).map(Some),
        }
    }

    fn real(&self, column: &'static str) -> std::result::Result<Option<f64>, String> {
        let v = match self.value(column)? {
            ValueRef::Null => return Ok(None),
            ValueRef::Integer(i) => i as f64,
            ValueRef::Real(f) => f,
            ValueRef::Text(_) | ValueRef::Blob(_) => return Err("is not a number".into()),
        };
        if !v.is_finite() {
            return Err(format!("{v} is not a finite number"));
        }
        Ok(Some(v))
    }

    fn text(&self, column: &'static str) -> std::result::Result<String, String> {
        self.str(column).map(str::to_string)
    }

    /// [`Raw::text`] borrowed from the row, for a value that is only checked or
    /// parsed: no copy made to be thrown away (half a million of them for the
    /// ties' kinds at 100,000 people).
    fn str(&self, column: &'static str) -> std::result::Result<&str, String> {
        match self.value(column)? {
            ValueRef::Text(bytes) => {
                if bytes.len() > MAX_TEXT_BYTES {
                    return Err(format!(
                        "is {} bytes long; the limit is {MAX_TEXT_BYTES} bytes (1 MiB)",
                        bytes.len()
                    ));
                }
                let text = std::str::from_utf8(bytes)
                    .map_err(|_| "is not valid text (UTF-8)".to_string())?;
                check_text(text, "the text").map_err(|e| e.to_string())?;
                Ok(text)
            }
            ValueRef::Null => Err("is missing".into()),
            _ => Err("is not text".into()),
        }
    }

    fn optional_text(&self, column: &'static str) -> std::result::Result<Option<String>, String> {
        self.optional_str(column).map(|t| t.map(str::to_string))
    }

    /// [`Raw::optional_text`] borrowed from the row, as [`Raw::str`].
    fn optional_str(&self, column: &'static str) -> std::result::Result<Option<&str>, String> {
        match self.value(column)? {
            ValueRef::Null => Ok(None),
            _ => self.str(column).map(Some),
        }
    }

    /// Text that may be absent from an older or damaged table: empty then.
    fn text_or_empty(&self, column: &'static str) -> std::result::Result<String, String> {
        Ok(self.optional_text(column)?.unwrap_or_default())
    }
}

/// Reads every row of `table` (Coalition's columns only, by Coalition's own
/// names) and hands each to `each`; a row that fails becomes a problem.
fn each_row(
    conn: &Connection,
    table: &str,
    mode: Mode,
    audit: &mut Audit,
    mut each: impl FnMut(&Raw, &mut Audit) -> std::result::Result<(), (String, String)>,
) -> Result<()> {
    let names = columns(table)?;
    let present: Vec<bool> = match mode {
        Mode::Verified => vec![true; names.len()],
        Mode::Lenient => {
            let is_table = conn.query_row(
                "SELECT count(*) FROM main.sqlite_schema WHERE type = 'table' AND name = ?1 \
                 AND sql LIKE 'CREATE TABLE%'",
                [table],
                |r| r.get::<_, i64>(0),
            );
            let missing = match is_table {
                Ok(n) if n > 0 => None,
                Ok(_) => Some("the table is missing or not a plain table".to_string()),
                Err(e) => Some(format!(
                    "the file's list of tables could not be read ({})",
                    inert_excerpt(&e.to_string())
                )),
            };
            if let Some(why) = missing {
                audit
                    .problems
                    .push(format!("{table}: {why}; nothing read from it"));
                return Ok(());
            }
            let found: HashSet<String> = conn
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .and_then(|mut stmt| {
                    stmt.query_map([table], |r| r.get::<_, String>(0))?
                        .collect::<rusqlite::Result<_>>()
                })
                .unwrap_or_default();
            let present: Vec<bool> = names.iter().map(|n| found.contains(n)).collect();
            for (name, there) in names.iter().zip(&present) {
                if !there {
                    audit.problems.push(format!(
                        "{table}: the column {name} is missing; its values are left empty where that is allowed"
                    ));
                }
            }
            present
        }
    };
    let select: Vec<String> = names
        .iter()
        .zip(&present)
        .map(|(n, there)| if *there { quoted(n) } else { "NULL".into() })
        .collect();
    let sql = format!(
        "SELECT rowid, {} FROM main.{} ORDER BY rowid",
        select.join(", "),
        quoted(table)
    );
    let mut stmt = match conn.prepare(&sql) {
        Ok(stmt) => stmt,
        Err(e) if mode == Mode::Lenient => {
            audit.problems.push(format!(
                "{table}: could not be read ({}); nothing read from it",
                inert_excerpt(&e.to_string())
            ));
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    let mut rows = stmt.query([])?;
    let found = std::cell::RefCell::new(Vec::new());
    loop {
        let row = match rows.next() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(e) if mode == Mode::Lenient => {
                audit.problems.push(format!(
                    "{table}: the rest of the table could not be read ({}); the rows before it were kept",
                    inert_excerpt(&e.to_string())
                ));
                break;
            }
            Err(e) => return Err(e.into()),
        };
        let rowid: i64 = row.get(0).unwrap_or(0);
        let raw = Raw {
            row,
            names: &names,
            present: &present,
            found: &found,
        };
        if let Err((field, problem)) = each(&raw, audit) {
            audit
                .problems
                .push(format!("{table} row {rowid}, {field}: {problem}"));
        }
    }
    Ok(())
}

/// Attaches the field name to a value problem.
fn at<T>(
    field: &str,
    r: std::result::Result<T, String>,
) -> std::result::Result<T, (String, String)> {
    r.map_err(|p| (field.to_string(), p))
}

/// Attaches the field name to a domain error.
fn rule<T>(field: &str, r: Result<T>) -> std::result::Result<T, (String, String)> {
    r.map_err(|e| (field.to_string(), inert_excerpt_long(&e.to_string())))
}

fn inert_excerpt_long(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .take(300)
        .collect()
}

fn time(text: &str) -> std::result::Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            format!(
                "'{}' is not a time (YYYY-MM-DDTHH:MM:SSZ)",
                inert_excerpt(text)
            )
        })
}

fn day(text: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{}' is not a date (YYYY-MM-DD)", inert_excerpt(text)))
}

fn flag(value: i64) -> std::result::Result<bool, String> {
    match value {
        0 => Ok(false),
        1 => Ok(true),
        v => Err(format!("{v} is not 0 or 1")),
    }
}

fn read_info(conn: &Connection, mode: Mode, audit: &mut Audit) -> Result<()> {
    each_row(conn, "map_info", mode, audit, |r, audit| {
        let id = at("id", r.int("id"))?;
        if id != 1 || audit.info.is_some() {
            return Err(("id".into(), "a map has one description row, id 1".into()));
        }
        let name = at("name", r.text("name"))?;
        let info = MapInfo {
            name: rule("name", clean_name(&name))?,
            change: at("change", r.text_or_empty("change"))?,
            description: at("description", r.text_or_empty("description"))?,
            created: at("created", r.str("created").and_then(time))?,
            updated: at("updated", r.str("updated").and_then(time))?,
        };
        audit.info = Some(info);
        Ok(())
    })?;
    if audit.info.is_none() && !audit.problems.iter().any(|p| p.starts_with("map_info")) {
        audit
            .problems
            .push("map_info: the map's name and change are missing".into());
    }
    Ok(())
}

fn read_stakeholders(conn: &Connection, mode: Mode, audit: &mut Audit) -> Result<()> {
    let mut keys: HashSet<String> = HashSet::new();
    each_row(conn, "stakeholders", mode, audit, |r, audit| {
        let id = at("id", r.int("id"))?;
        let stored = at("name", r.str("name"))?;
        let name = rule("name", clean_name(stored))?;
        audit.cleaned |= name != stored;
        let key = name_key(&name);
        if mode == Mode::Verified && at("name_key", r.str("name_key"))? != key {
            return Err(("name_key".into(), "does not match the name".into()));
        }
        if !keys.insert(key) {
            return Err((
                "name".into(),
                format!(
                    "'{}' is already the name of another person",
                    inert_excerpt(&name)
                ),
            ));
        }
        let tags_json = at("tags", r.optional_str("tags"))?;
        // Most people have no tags: "[]" needs no JSON parser.
        let tags: Vec<String> = match tags_json {
            None | Some("[]") => Vec::new(),
            Some(json) => super::rows::tags_from_json(json)
                .map_err(|_| ("tags".to_string(), "is not a list of tags".to_string()))?,
        };
        if tags.len() > MAX_TAGS {
            return Err((
                "tags".into(),
                format!("lists {} tags; the limit is {MAX_TAGS}", tags.len()),
            ));
        }
        for tag in &tags {
            rule("tags", check_text(tag, "a tag"))?;
        }
        let stance = |c: &'static str| rule(c, Stance::new(at(c, r.int(c))?));
        let level = |c: &'static str| rule(c, Level::new(at(c, r.int(c))?, c));
        let coordinate = |c: &'static str| -> std::result::Result<Option<f64>, (String, String)> {
            let v = at(c, r.real(c))?;
            match v {
                Some(v) if v.abs() > MAX_COORDINATE => Err((
                    c.to_string(),
                    format!("position {v:e} is off the map (beyond ±{MAX_COORDINATE})"),
                )),
                v => Ok(v),
            }
        };
        let confidence = at("confidence", r.str("confidence"))?;
        let person = Stakeholder {
            id: StakeholderId(id),
            name,
            role: at("role", r.text_or_empty("role"))?,
            group: at("grp", r.text_or_empty("grp"))?,
            tags,
            notes: at("notes", r.text_or_empty("notes"))?,
            stance: stance("stance")?,
            target: stance("target")?,
            power: level("power")?,
            interest: level("interest")?,
            openness: level("openness")?,
            legitimacy: at("legitimacy", r.int("legitimacy").and_then(flag))?,
            urgency: at("urgency", r.int("urgency").and_then(flag))?,
            confidence: rule("confidence", Confidence::parse(confidence))?,
            effort: level("effort")?,
            advocate: at("advocate", r.int("advocate").and_then(flag))?,
            position: coordinate("x")?.zip(coordinate("y")?),
        };
        audit.stakeholders.push(person);
        Ok(())
    })
}

fn person(
    people: &HashSet<i64>,
    field: &str,
    id: i64,
) -> std::result::Result<StakeholderId, (String, String)> {
    if people.contains(&id) {
        Ok(StakeholderId(id))
    } else {
        Err((
            field.into(),
            format!("points at person {id}, who is missing from the map"),
        ))
    }
}

fn read_relations(
    conn: &Connection,
    mode: Mode,
    people: &HashSet<i64>,
    audit: &mut Audit,
) -> Result<()> {
    let mut ties: HashSet<(i64, RelationKind, i64)> = HashSet::new();
    each_row(conn, "relations", mode, audit, |r, audit| {
        let from = person(people, "from_id", at("from_id", r.int("from_id"))?)?;
        let to = person(people, "to_id", at("to_id", r.int("to_id"))?)?;
        if from == to {
            return Err(("to_id".into(), "a tie joins two different people".into()));
        }
        let kind = at("kind", r.str("kind"))?;
        let kind: RelationKind = rule("kind", kind.parse())?;
        if !ties.insert((from.0, kind, to.0)) {
            return Err(("kind".into(), "the same tie is listed twice".into()));
        }
        audit.relations.push(Relation {
            id: RelationId(at("id", r.int("id"))?),
            from,
            to,
            kind,
            strength: rule(
                "strength",
                Level::new(at("strength", r.int("strength"))?, "strength"),
            )?,
            note: at("note", r.text_or_empty("note"))?,
        });
        Ok(())
    })
}

fn read_engagements(
    conn: &Connection,
    mode: Mode,
    people: &HashSet<i64>,
    audit: &mut Audit,
) -> Result<()> {
    each_row(conn, "engagements", mode, audit, |r, audit| {
        let stance = |c: &'static str| -> std::result::Result<Option<Stance>, (String, String)> {
            at(c, r.optional_int(c))?
                .map(|v| rule(c, Stance::new(v)))
                .transpose()
        };
        let id = at("id", r.int("id"))?;
        let held_by = match at("held_by", r.optional_int("held_by"))? {
            Some(by) if !people.contains(&by) => {
                audit.problems.push(format!(
                    "engagements row {id}, held_by: points at person {by}, who is missing from the map; the conversation is kept without who held it"
                ));
                None
            }
            by => by.map(StakeholderId),
        };
        audit.engagements.push(Engagement {
            id: EngagementId(id),
            date: at("date", r.str("date").and_then(day))?,
            stakeholder: person(
                people,
                "stakeholder_id",
                at("stakeholder_id", r.int("stakeholder_id"))?,
            )?,
            held_by,
            channel: at("channel", r.text_or_empty("channel"))?,
            summary: at("summary", r.text_or_empty("summary"))?,
            stance_before: stance("stance_before")?,
            stance_after: stance("stance_after")?,
            next_step: at("next_step", r.text_or_empty("next_step"))?,
            next_step_due: at("next_step_due", r.optional_str("next_step_due"))?
                .map(|t| at("next_step_due", day(t)))
                .transpose()?,
        });
        Ok(())
    })
}

fn read_history(
    conn: &Connection,
    mode: Mode,
    people: &HashSet<i64>,
    audit: &mut Audit,
) -> Result<()> {
    each_row(conn, "stance_history", mode, audit, |r, audit| {
        audit.stance_history.push(StanceChange {
            stakeholder: person(
                people,
                "stakeholder_id",
                at("stakeholder_id", r.int("stakeholder_id"))?,
            )?,
            at: at("at", r.str("at").and_then(time))?,
            stance: rule("stance", Stance::new(at("stance", r.int("stance"))?))?,
            source: at("source", r.text("source"))?,
        });
        Ok(())
    })
}

fn read_settings(conn: &Connection, mode: Mode, audit: &mut Audit) -> Result<()> {
    each_row(conn, "settings", mode, audit, |r, audit| {
        let key = at("key", r.text("key"))?;
        let value = at("value", r.text("value"))?;
        let valid = match key.as_str() {
            "theta" => value.parse::<f64>().is_ok_and(|t| t > 0.0 && t <= 1.0),
            "stale_days" => value.parse::<u32>().is_ok_and(|d| (1..=3650).contains(&d)),
            _ => {
                return Err((
                    "key".into(),
                    format!("'{}' is not a map setting", inert_excerpt(&key)),
                ));
            }
        };
        if !valid {
            return Err((
                "value".into(),
                format!("'{}' is not a valid {key}", inert_excerpt(&value)),
            ));
        }
        audit.settings.push((key, value));
        Ok(())
    })
}

fn read_plans(
    conn: &Connection,
    mode: Mode,
    people: &HashSet<i64>,
    audit: &mut Audit,
) -> Result<()> {
    let mut plans: HashSet<i64> = HashSet::new();
    each_row(conn, "plans", mode, audit, |r, audit| {
        person(
            people,
            "advocate_id",
            at("advocate_id", r.int("advocate_id"))?,
        )?;
        at("saved", r.str("saved").and_then(time))?;
        for c in ["theta", "support_before", "support_after"] {
            at(c, r.real(c))?.ok_or_else(|| (c.to_string(), "is missing".to_string()))?;
        }
        plans.insert(at("id", r.int("id"))?);
        audit.plans += 1;
        Ok(())
    })?;
    each_row(conn, "plan_steps", mode, audit, |r, _| {
        let plan = at("plan_id", r.int("plan_id"))?;
        if !plans.contains(&plan) {
            return Err((
                "plan_id".into(),
                format!("points at plan {plan}, which is missing"),
            ));
        }
        at("position", r.int("position"))?;
        person(
            people,
            "stakeholder_id",
            at("stakeholder_id", r.int("stakeholder_id"))?,
        )?;
        at("gain", r.real("gain"))?
            .ok_or_else(|| ("gain".to_string(), "is missing".to_string()))?;
        at("reason", r.str("reason"))?;
        Ok(())
    })
}

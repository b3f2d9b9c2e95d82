//! Kumu-style sheets, as exported from Kumu or kept by hand in its layout.
//!
//! Elements: `Label, Type, Description, Tags`, plus any column named after one of
//! our fields (`Stance`, `Power`, `Role`, `Group`…). `Label` is the name,
//! `Description` the notes, and `Type` (e.g. "Person") is kept as a tag. Tags may
//! be separated by `|` (Kumu's way), `;` or `,`. Other columns are ignored with a
//! warning. Connections: `From, To, Type, Strength` (and `Description` as the
//! note); the type is matched to our kinds by name.

use std::io::Read;

use super::csv::{Row, Rows, cell, twice};
use super::{ImportBatch, NamedRelation, NamesSeen, ProblemCap, excerpt, inert_message};
use crate::model::{Field, Level, RelationKind, Stakeholder};

/// Reads a Kumu elements sheet into people.
pub fn read_kumu_elements(file: &str, input: impl Read) -> ImportBatch {
    let mut batch = ImportBatch::default();
    let Some(mut rows) = Rows::open(file, input, &mut batch.problems) else {
        return batch;
    };
    let header = rows.header().to_vec();
    let Some(label) = header.iter().position(|h| h == "label") else {
        batch.problems.push(format!(
            "{file}: there is no 'Label' column; a Kumu elements sheet names each element in 'Label'"
        ));
        return batch;
    };
    let position = |name: &str| header.iter().position(|h| h == name);
    let (kind, description, tags) = (position("type"), position("description"), position("tags"));
    let mut fields: Vec<(usize, Field)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if [Some(label), kind, description, tags].contains(&Some(i)) {
            continue;
        }
        match h.parse::<Field>() {
            Ok(Field::Name | Field::Notes | Field::Tags) => batch.warnings.push(format!(
                "{file} header, column {}: '{h}' is ignored; Kumu sheets give the name in Label, \
                 notes in Description and tags in Tags",
                i + 1
            )),
            Ok(field) => {
                if let Some(&(j, _)) = fields.iter().find(|(_, f)| *f == field) {
                    batch.problems.push(twice(file, field.as_str(), j, i));
                    return batch;
                }
                fields.push((i, field));
            }
            Err(_) => batch.warnings.push(format!(
                "{file} header, column {}: '{}' is not a stakeholder field, so it is ignored; \
                 rename it to one of {} to import it",
                i + 1,
                excerpt(h),
                Field::ALL.map(Field::as_str).join(", ")
            )),
        }
    }
    let mut cap = ProblemCap::new(file, &batch.problems);
    let mut seen = NamesSeen::default();
    while let Some(row) = rows.next_row(&mut batch.problems) {
        let read = read_element(
            &row,
            &header,
            [Some(label), kind, description, tags],
            &fields,
            &mut batch,
        );
        if let Some((name, ok)) = read {
            seen.note(&row.at, &name, ok, &mut batch);
        }
        cap.trim(&mut batch.problems);
    }
    cap.finish(&mut batch.problems);
    batch
}

/// One row of an elements sheet into `batch`: the person, or their problems.
/// `cols` are the Label, Type, Description and Tags columns. Returns the row's
/// name, when it has a valid one, and whether the row was read without a problem.
fn read_element(
    row: &Row<'_>,
    header: &[String],
    cols: [Option<usize>; 4],
    fields: &[(usize, Field)],
    batch: &mut ImportBatch,
) -> Option<(String, bool)> {
    let [label, kind, description, tags] = cols;
    let mut problems = Vec::new();
    let mut text = |col: Option<usize>, column: &str| match cell(row, col) {
        Ok(t) => t.to_string(),
        Err(p) => {
            problems.push(format!("{}, column {column}: {p}", row.at));
            String::new()
        }
    };
    let name = text(label, "Label");
    let element_type = text(kind, "Type");
    let notes = text(description, "Description");
    let tag_text = text(tags, "Tags").replace('|', ";");
    let mut person = match Stakeholder::new(&name) {
        Ok(p) => p,
        Err(e) => {
            problems.push(format!(
                "{}, column Label: {}",
                row.at,
                inert_message(&e.to_string(), &name)
            ));
            batch.problems.extend(problems);
            return None;
        }
    };
    let mut set = |field: Field, value: &str, column: &str| {
        if let Err(e) = person.set(field, value) {
            problems.push(format!(
                "{}, column {column}: {}",
                row.at,
                inert_message(&e.to_string(), value)
            ));
        }
    };
    let mut given = vec![Field::Name];
    if !notes.is_empty() {
        given.push(Field::Notes);
    }
    if !(element_type.trim().is_empty() && tag_text.trim().is_empty()) {
        given.push(Field::Tags);
    }
    set(Field::Notes, &notes, "Description");
    set(
        Field::Tags,
        &format!("{};{tag_text}", element_type.trim()),
        "Tags",
    );
    let mut unreadable = Vec::new();
    for &(col, field) in fields {
        match cell(row, Some(col)) {
            Ok("") => {}
            Ok(value) => {
                given.push(field);
                set(field, value, &header[col]);
            }
            Err(p) => unreadable.push(format!("{}, column {}: {p}", row.at, header[col])),
        }
    }
    problems.extend(unreadable);
    let name = person.name.clone();
    let ok = problems.is_empty();
    if ok {
        batch.people.push((row.at.clone(), person));
        batch.people_fields.push(given);
    } else {
        batch.problems.extend(problems);
    }
    Some((name, ok))
}

/// Our kind for a Kumu connection type, by name (with the usual synonyms).
fn kind_of(text: &str) -> Option<RelationKind> {
    let key = text.trim().to_ascii_lowercase().replace(['-', '_'], " ");
    let kind = match key.as_str() {
        "influence" | "influences" | "influencer" | "sways" => RelationKind::Influences,
        "reports to" | "reporting" | "reporting line" => RelationKind::ReportsTo,
        "trust" | "trusts" | "listens to" | "advice" | "advises" => RelationKind::Trusts,
        "ally" | "allies" | "allied" | "alliance" | "collaboration" | "collaborates" => {
            RelationKind::Allied
        }
        "conflict" | "conflicts" | "tension" | "opposition" | "opposes" => RelationKind::Conflict,
        _ => return text.parse().ok(),
    };
    Some(kind)
}

/// Reads a Kumu connections sheet into relations.
pub fn read_kumu_connections(file: &str, input: impl Read) -> ImportBatch {
    let mut batch = ImportBatch::default();
    let Some(mut rows) = Rows::open(file, input, &mut batch.problems) else {
        return batch;
    };
    let header = rows.header().to_vec();
    let position = |name: &str| header.iter().position(|h| h == name);
    let cols = [
        position("from"),
        position("to"),
        position("type"),
        position("strength"),
        position("description"),
    ];
    for (needed, col) in ["From", "To", "Type"].iter().zip(cols) {
        if col.is_none() {
            batch.problems.push(format!(
                "{file}: there is no '{needed}' column; a Kumu connections sheet needs From, To and Type"
            ));
        }
    }
    if cols[..3].iter().any(Option::is_none) {
        return batch;
    }
    for (i, h) in header.iter().enumerate() {
        if !cols.contains(&Some(i)) {
            batch.warnings.push(format!(
                "{file} header, column {}: '{}' is ignored; connections take From, To, Type, \
                 Strength and Description",
                i + 1,
                excerpt(h)
            ));
        }
    }
    let mut cap = ProblemCap::new(file, &batch.problems);
    while let Some(row) = rows.next_row(&mut batch.problems) {
        read_connection(&row, &cols, &mut batch);
        cap.trim(&mut batch.problems);
    }
    cap.finish(&mut batch.problems);
    batch
}

fn read_connection(row: &Row<'_>, cols: &[Option<usize>; 5], batch: &mut ImportBatch) {
    const NAMES: [&str; 5] = ["From", "To", "Type", "Strength", "Description"];
    let mut problems = Vec::new();
    let mut text = |i: usize| match cell(row, cols[i]) {
        Ok(t) => t.trim().to_string(),
        Err(p) => {
            problems.push(format!("{}, column {}: {p}", row.at, NAMES[i]));
            String::new()
        }
    };
    let (from, to, kind, strength, note) = (text(0), text(1), text(2), text(3), text(4));
    for (value, column) in [(&from, "From"), (&to, "To")] {
        if value.is_empty() {
            problems.push(format!(
                "{}, column {column}: the name is empty; fill it in",
                row.at
            ));
        }
    }
    let kind = match kind_of(&kind) {
        Some(kind) => Some(kind),
        None => {
            problems.push(format!(
                "{}, column Type: connection type '{}' is not one we know; use influences, \
                 reports to, trusts, allied or conflict (or a synonym such as advice, ally, tension)",
                row.at,
                excerpt(&kind)
            ));
            None
        }
    };
    let strength = if strength.is_empty() {
        Some(Level::MEDIUM)
    } else {
        Level::parse(&strength, "strength")
            .map_err(|e| {
                problems.push(format!(
                    "{}, column Strength: {}",
                    row.at,
                    inert_message(&e.to_string(), &strength)
                ))
            })
            .ok()
    };
    if let Err(e) = crate::model::text::check_text(&note, "the description") {
        problems.push(format!("{}, column Description: {e}", row.at));
    }
    match (kind, strength) {
        (Some(kind), Some(strength)) if problems.is_empty() => {
            batch.relations.push(NamedRelation {
                at: row.at.clone(),
                from: from.into(),
                kind,
                to: to.into(),
                strength,
                note,
            });
        }
        _ => batch.problems.extend(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_again_is_a_problem_even_when_its_first_row_has_another() {
        let csv = "Label,Stance\nErik,maybe\nerik,1\n";
        let b = read_kumu_elements("elements.csv", csv.as_bytes());
        assert_eq!(b.problems.len(), 2, "{:?}", b.problems);
        assert!(
            b.problems[1].starts_with(
                "elements.csv row 3, column name: 'erik' appears again (first on row 2)"
            ),
            "{:?}",
            b.problems
        );
        assert_eq!(b.rejected_people[0].1, "Erik");
    }

    #[test]
    fn elements_map_label_description_tags_and_extra_fields() {
        let csv = "Label,Type,Description,Tags,Stance,Power,Image\n\
                   Dana,Person,Runs finance,exec|budget,Resistant,5,x.png\n\
                   Erik,Person,,,maybe,9,\n";
        let b = read_kumu_elements("elements.csv", csv.as_bytes());
        assert_eq!(b.people.len(), 1);
        let dana = &b.people[0].1;
        assert_eq!(dana.notes, "Runs finance");
        assert_eq!(dana.tags, vec!["Person", "exec", "budget"]);
        assert_eq!(dana.stance.level(), -1);
        assert_eq!(dana.power.value(), 5);
        assert_eq!(b.problems.len(), 2, "{:?}", b.problems);
        assert!(b.problems[0].starts_with("elements.csv row 3, column stance: stance 'maybe'"));
        assert!(b.warnings[0].contains("'image' is not a stakeholder field"));
    }

    #[test]
    fn connection_types_map_by_name_and_unknown_ones_are_named() {
        let csv = "From,To,Type,Strength\nA,B,Reports to,4\nA,C,Advice,\nA,D,friends,2\nA,,ally,\n";
        let b = read_kumu_connections("connections.csv", csv.as_bytes());
        let kinds: Vec<RelationKind> = b.relations.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, vec![RelationKind::ReportsTo, RelationKind::Trusts]);
        assert_eq!(b.relations[1].strength, Level::MEDIUM);
        assert!(
            b.problems[0].starts_with(
                "connections.csv row 4, column Type: connection type 'friends' is not one we know"
            ),
            "{:?}",
            b.problems
        );
        assert!(b.problems[1].contains("row 5, column To: the name is empty"));
    }
}

//! Org charts: an HR system's export of employees and their managers.
//!
//! A sheet with an employee id, a name (or first and last names), an e-mail, the
//! manager's id or e-mail, a title and a department becomes people (the title as
//! their role, the department as their group) and `reports_to` ties from each
//! person to their manager. The columns are found by the spellings of the common
//! HR exports (Workday, BambooHR, SAP SuccessFactors, HiBob, Personio), ignoring
//! case, spaces, underscores and hyphens; [`OrgColumns`] says what was read as
//! what, and a corrected one can be given back to read the file again.

use std::collections::HashMap;
use std::io::Read;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv::{Row, Rows, cell};
use super::{ImportBatch, NamedRelation, ProblemCap, RowRef, excerpt, inert_message};
use crate::model::text::name_key;
use crate::model::{Field, Level, RelationKind, Stakeholder};

/// Which column of an org chart holds what: each a header as the file spells it,
/// or `None` when the file has no such column. Detected from the header, shown to
/// the user, and given back corrected to read the file again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrgColumns {
    /// The employee id (`Employee ID`, `Worker ID`, `emp_id`…).
    pub id: Option<String>,
    /// The full name (`Name`, `Full Name`, `Employee Name`…); when it is set,
    /// `first_name` and `last_name` are not read.
    pub name: Option<String>,
    /// The first name, read with `last_name` when there is no full name.
    pub first_name: Option<String>,
    /// The last name, read with `first_name` when there is no full name.
    pub last_name: Option<String>,
    /// The person's e-mail, read to find managers given by e-mail (not stored).
    pub email: Option<String>,
    /// The manager's employee id (`Manager ID`, `Supervisor ID`, `Reports To`…);
    /// a value that is no one's id is tried as a name.
    pub manager_id: Option<String>,
    /// The manager's e-mail (`Manager Email`, `Supervisor Email`), read where the
    /// manager id is empty or absent.
    pub manager_email: Option<String>,
    /// The job title, stored as the person's role.
    pub title: Option<String>,
    /// The department or team, stored as the person's group.
    pub department: Option<String>,
}

/// The spellings each column is recognised by, squashed (see [`squash`]), in
/// order of preference.
const IDS: &[&str] = &[
    "employeeid",
    "employeenumber",
    "employeeno",
    "employee#",
    "empid",
    "empno",
    "eeid",
    "workerid",
    "personid",
    "personidexternal",
    "userid",
    "staffid",
    "staffnumber",
    "personnelnumber",
    "id",
];
const NAMES: &[&str] = &[
    "fullname",
    "name",
    "employeename",
    "workername",
    "displayname",
    "preferredname",
    "preferredfullname",
    "legalname",
    "worker",
    "employee",
];
const FIRST_NAMES: &[&str] = &[
    "firstname",
    "preferredfirstname",
    "legalfirstname",
    "givenname",
    "forename",
];
const LAST_NAMES: &[&str] = &[
    "lastname",
    "preferredlastname",
    "legallastname",
    "surname",
    "familyname",
];
const EMAILS: &[&str] = &[
    "email",
    "workemail",
    "emailwork",
    "emailaddress",
    "workemailaddress",
    "primaryworkemail",
    "businessemail",
    "companyemail",
];
const MANAGER_IDS: &[&str] = &[
    "managerid",
    "manageremployeeid",
    "manageremployeenumber",
    "managerworkerid",
    "supervisorid",
    "supervisoremployeeid",
    "linemanagerid",
    "reportstoid",
    "reportsto",
    "manager",
    "supervisor",
    "linemanager",
    "managername",
    "supervisorname",
];
const MANAGER_EMAILS: &[&str] = &[
    "manageremail",
    "managerworkemail",
    "manageremailaddress",
    "supervisoremail",
    "linemanageremail",
    "reportstoemail",
];
const TITLES: &[&str] = &[
    "jobtitle",
    "title",
    "businesstitle",
    "positiontitle",
    "position",
    "role",
    "jobprofile",
];
const DEPARTMENTS: &[&str] = &[
    "department",
    "dept",
    "departmentname",
    "orgunit",
    "organizationalunit",
    "organisationalunit",
    "supervisoryorganization",
    "team",
    "division",
    "businessunit",
    "group",
    "unit",
];

/// A header as it is compared: lower-case, without spaces, underscores or hyphens.
fn squash(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl OrgColumns {
    /// The columns of `header` (as the file spells it) recognised by their usual
    /// spellings. First and last names are taken only when there is no full name.
    pub fn detect(header: &[String]) -> OrgColumns {
        let squashed: Vec<String> = header.iter().map(|h| squash(h)).collect();
        let find = |spellings: &[&str]| {
            spellings.iter().find_map(|s| {
                squashed
                    .iter()
                    .position(|h| h == s)
                    .map(|i| header[i].clone())
            })
        };
        let name = find(NAMES);
        let (first_name, last_name) = if name.is_none() {
            (find(FIRST_NAMES), find(LAST_NAMES))
        } else {
            (None, None)
        };
        OrgColumns {
            id: find(IDS),
            name,
            first_name,
            last_name,
            email: find(EMAILS),
            manager_id: find(MANAGER_IDS),
            manager_email: find(MANAGER_EMAILS),
            title: find(TITLES),
            department: find(DEPARTMENTS),
        }
    }

    /// True when a column gives the name (whole, or first or last name).
    pub fn has_name(&self) -> bool {
        self.name.is_some() || self.first_name.is_some() || self.last_name.is_some()
    }

    /// True when a column gives the manager (by id or by e-mail).
    pub fn has_manager(&self) -> bool {
        self.manager_id.is_some() || self.manager_email.is_some()
    }

    /// True when `header` reads as an org chart: a name and a manager column.
    pub fn is_org_chart(header: &[String]) -> bool {
        let columns = OrgColumns::detect(header);
        columns.has_name() && columns.has_manager()
    }
}

/// The column indexes of an org chart, resolved against its header.
#[derive(Default)]
struct Located {
    id: Option<usize>,
    name: Option<usize>,
    first_name: Option<usize>,
    last_name: Option<usize>,
    email: Option<usize>,
    manager_id: Option<usize>,
    manager_email: Option<usize>,
    title: Option<usize>,
    department: Option<usize>,
}

/// The index of the column `wanted` names in `header`: its exact spelling, else
/// the same ignoring case, else the same [`squash`]ed.
fn position(header: &[String], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    header
        .iter()
        .position(|h| h == wanted)
        .or_else(|| {
            header
                .iter()
                .position(|h| h.to_lowercase() == wanted.to_lowercase())
        })
        .or_else(|| {
            let squashed = squash(wanted);
            header.iter().position(|h| squash(h) == squashed)
        })
}

/// A list of columns as a message quotes them: the first few, each a short inert
/// excerpt.
fn listed(columns: &[&String]) -> String {
    const SHOWN: usize = 12;
    let mut names: Vec<String> = columns
        .iter()
        .take(SHOWN)
        .map(|h| format!("'{}'", excerpt(h)))
        .collect();
    if columns.len() > SHOWN {
        names.push(format!("… {} more", columns.len() - SHOWN));
    }
    names.join(", ")
}

/// One row of the org chart, kept until every manager can be looked up.
struct Employee {
    at: RowRef,
    /// The person's index in the batch, or `None` when their row had a problem.
    person: Option<usize>,
    manager_id: String,
    manager_email: String,
}

/// The most reporting cycles listed one by one; the rest are counted.
const MAX_CYCLES_LISTED: usize = 10;

/// Reads an org chart into people and `reports_to` ties. The columns are
/// `columns` when given (a mapping the user corrected: a header it names that
/// the file lacks is a problem), else those [`OrgColumns::detect`] finds. The
/// batch says what was read as what (`org_columns`) and the file's header
/// (`org_headers`).
pub fn read_orgchart(file: &str, input: impl Read, columns: Option<&OrgColumns>) -> ImportBatch {
    let mut batch = ImportBatch::default();
    let Some(mut rows) = Rows::open(file, input, &mut batch.problems) else {
        return batch;
    };
    let header = rows.header_as_written().to_vec();
    let given = columns
        .cloned()
        .unwrap_or_else(|| OrgColumns::detect(&header));
    batch.org_headers = header.clone();
    let mut missing = Vec::new();
    let mut locate = |wanted: &Option<String>, role: &str| -> (Option<String>, Option<usize>) {
        let Some(wanted) = wanted.as_deref().filter(|w| !w.trim().is_empty()) else {
            return (None, None);
        };
        match position(&header, wanted) {
            Some(i) => (Some(header[i].clone()), Some(i)),
            None => {
                missing.push(format!(
                    "{file}: the column mapping reads '{}' as the {role}, but the file has no \
                     such column; choose one of {}, or none",
                    excerpt(wanted),
                    listed(&header.iter().collect::<Vec<_>>())
                ));
                (Some(wanted.to_string()), None)
            }
        }
    };
    let (id, id_at) = locate(&given.id, "id");
    let (name, name_at) = locate(&given.name, "name");
    let (first_name, first_name_at) = locate(&given.first_name, "first name");
    let (last_name, last_name_at) = locate(&given.last_name, "last name");
    let (email, email_at) = locate(&given.email, "e-mail");
    let (manager_id, manager_id_at) = locate(&given.manager_id, "manager id");
    let (manager_email, manager_email_at) = locate(&given.manager_email, "manager e-mail");
    let (title, title_at) = locate(&given.title, "title");
    let (department, department_at) = locate(&given.department, "department");
    let read_as = OrgColumns {
        id,
        name,
        first_name,
        last_name,
        email,
        manager_id,
        manager_email,
        title,
        department,
    };
    // A full name wins over first and last names.
    let full = name_at.is_some();
    let at = Located {
        id: id_at,
        name: name_at,
        first_name: first_name_at.filter(|_| !full),
        last_name: last_name_at.filter(|_| !full),
        email: email_at,
        manager_id: manager_id_at,
        manager_email: manager_email_at,
        title: title_at,
        department: department_at,
    };
    batch.org_columns = Some(read_as.clone());
    if !missing.is_empty() {
        batch.problems.extend(missing);
        return batch;
    }
    if at.name.is_none() && at.first_name.is_none() && at.last_name.is_none() {
        batch.problems.push(format!(
            "{file}: no column was read as the name; its columns are {}. Name the column that \
             holds the names (Name, Full Name, Employee Name…), or the first and last names",
            listed(&header.iter().collect::<Vec<_>>())
        ));
        return batch;
    }
    if at.manager_id.is_none() && at.manager_email.is_none() {
        batch.warnings.push(format!(
            "{file}: no column was read as the manager (Manager ID, Supervisor ID, Reports To, \
             Manager Email…), so the people are imported without reporting lines"
        ));
    }
    if at.manager_email.is_some() && at.email.is_none() {
        batch.problems.push(format!(
            "{file}: managers are given by e-mail in '{}', but no column was read as the people's \
             e-mail; name the e-mail column (Email, Work Email…)",
            excerpt(read_as.manager_email.as_deref().unwrap_or_default())
        ));
        return batch;
    }
    if let Some(email) = &read_as.email {
        batch.warnings.push(format!(
            "{file}: the e-mail addresses in '{}' were read to find managers, not stored \
             (a map keeps no e-mail)",
            excerpt(email)
        ));
    }
    let used = [
        at.id,
        at.name,
        at.first_name,
        at.last_name,
        at.email,
        at.manager_id,
        at.manager_email,
        at.title,
        at.department,
    ];
    let skipped: Vec<&String> = header
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.is_empty() && !used.contains(&Some(*i)))
        .map(|(_, h)| h)
        .collect();
    if !skipped.is_empty() {
        batch.warnings.push(format!(
            "{file}: {} column(s) not read, skipped: {}",
            skipped.len(),
            listed(&skipped)
        ));
    }
    let label =
        |i: Option<usize>| excerpt(i.and_then(|i| header.get(i)).map_or("", String::as_str));
    let mut cap = ProblemCap::new(file, &batch.problems);
    let mut employees: Vec<Employee> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut emails: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    let columns_read = used.iter().flatten().copied().collect::<Vec<_>>();
    while let Some(row) = rows.next_row(&mut batch.problems) {
        if columns_read
            .iter()
            .all(|&c| cell(&row, Some(c)).is_ok_and(|t| t.trim().is_empty()))
        {
            continue;
        }
        let index = employees.len();
        let mut problems = Vec::new();
        let mut text = |col: Option<usize>| -> String {
            match cell(&row, col) {
                Ok(t) => t.trim().to_string(),
                Err(p) => {
                    problems.push(format!("{}, column {}: {p}", row.at, label(col)));
                    String::new()
                }
            }
        };
        let id = text(at.id);
        let email = text(at.email).to_lowercase();
        let manager_id = text(at.manager_id);
        let manager_email = text(at.manager_email).to_lowercase();
        let title = text(at.title);
        let department = text(at.department);
        let name = match at.name {
            Some(_) => text(at.name),
            None => {
                let (first, last) = (text(at.first_name), text(at.last_name));
                format!("{first} {last}").trim().to_string()
            }
        };
        let person = person(&row, &name, &title, &department, &label, &at, &mut problems);
        if at.manager_id.is_some() && !id.is_empty() {
            let key = id.to_lowercase();
            if let Some(&first) = ids.get(&key) {
                problems.push(format!(
                    "{}, column {}: the id '{}' is also on row {}; ids must be unique, fix one",
                    row.at,
                    label(at.id),
                    excerpt(&id),
                    employees[first].at.row
                ));
            } else {
                ids.insert(key, index);
            }
        }
        if at.manager_email.is_some() && !email.is_empty() {
            if let Some(&first) = emails.get(&email) {
                problems.push(format!(
                    "{}, column {}: the e-mail '{}' is also on row {}; each person needs their \
                     own, fix one",
                    row.at,
                    label(at.email),
                    excerpt(&email),
                    employees[first].at.row
                ));
            } else {
                emails.insert(email, index);
            }
        }
        let mut slot = None;
        match person {
            Some((person, given)) if problems.is_empty() => {
                names.entry(name_key(&person.name)).or_insert(index);
                slot = Some(batch.people.len());
                batch.people.push((row.at.clone(), person));
                batch.people_fields.push(given);
            }
            _ => batch.problems.extend(problems),
        }
        employees.push(Employee {
            at: row.at.clone(),
            person: slot,
            manager_id,
            manager_email,
        });
        cap.trim(&mut batch.problems);
    }
    let mut manager: Vec<Option<usize>> = vec![None; employees.len()];
    for (index, employee) in employees.iter().enumerate() {
        let Some(slot) = employee.person else {
            continue;
        };
        let (found, column, value) = if !employee.manager_id.is_empty() {
            let value = &employee.manager_id;
            let found = ids
                .get(&value.to_lowercase())
                .or_else(|| names.get(&name_key(value)))
                .copied();
            (found, at.manager_id, value)
        } else if !employee.manager_email.is_empty() {
            let value = &employee.manager_email;
            (emails.get(value).copied(), at.manager_email, value)
        } else {
            continue;
        };
        let Some(boss) = found else {
            let looked_in = if column == at.manager_email {
                format!(
                    "with the e-mail '{}' in '{}'",
                    excerpt(value),
                    label(at.email)
                )
            } else if at.id.is_some() {
                format!(
                    "with the id '{}' in '{}' (or that name)",
                    excerpt(value),
                    label(at.id)
                )
            } else {
                format!("named '{}'", excerpt(value))
            };
            batch.problems.push(format!(
                "{}, column {}: no one in the file {looked_in}; fix the manager, add the \
                 manager's row, or clear the cell if they have no manager",
                employee.at,
                label(column)
            ));
            cap.trim(&mut batch.problems);
            continue;
        };
        if boss == index {
            batch.problems.push(format!(
                "{}, column {}: '{}' is given as their own manager; clear the cell or give their \
                 manager",
                employee.at,
                label(column),
                excerpt(&batch.people[slot].1.name)
            ));
            cap.trim(&mut batch.problems);
            continue;
        }
        let Some(boss_slot) = employees[boss].person else {
            // The manager's row has a problem of its own, already listed.
            continue;
        };
        manager[index] = Some(boss);
        batch.relations.push(NamedRelation {
            at: employee.at.clone(),
            from: batch.people[slot].1.name.as_str().into(),
            kind: RelationKind::ReportsTo,
            to: batch.people[boss_slot].1.name.as_str().into(),
            strength: Level::MEDIUM,
            note: String::new(),
        });
    }
    cap.finish(&mut batch.problems);
    let warnings = cycles(file, &employees, &manager, &batch);
    batch.warnings.extend(warnings);
    batch
}

/// The person of one row, with the fields it gave, or `None` with the problems
/// added to `problems`.
fn person(
    row: &Row<'_>,
    name: &str,
    title: &str,
    department: &str,
    label: &dyn Fn(Option<usize>) -> String,
    at: &Located,
    problems: &mut Vec<String>,
) -> Option<(Stakeholder, Vec<Field>)> {
    let name_column = label(at.name.or(at.first_name).or(at.last_name));
    let mut person = match Stakeholder::new(name) {
        Ok(p) => p,
        Err(e) => {
            problems.push(format!(
                "{}, column {name_column}: {}",
                row.at,
                inert_message(&e.to_string(), name)
            ));
            return None;
        }
    };
    let mut given = vec![Field::Name];
    for (field, value, col) in [
        (Field::Role, title, at.title),
        (Field::Group, department, at.department),
    ] {
        if value.is_empty() {
            continue;
        }
        match person.set(field, value) {
            Ok(()) => given.push(field),
            Err(e) => problems.push(format!(
                "{}, column {}: {}",
                row.at,
                label(col),
                inert_message(&e.to_string(), value)
            )),
        }
    }
    Some((person, given))
}

/// A warning for each reporting cycle (A reports to B, who reports to A): allowed
/// as data, but rarely meant. Linear in the number of people.
fn cycles(
    file: &str,
    employees: &[Employee],
    manager: &[Option<usize>],
    batch: &ImportBatch,
) -> Vec<String> {
    let mut out = Vec::new();
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; employees.len()];
    let mut found = 0usize;
    let name = |i: usize| {
        employees[i]
            .person
            .map_or(String::new(), |slot| excerpt(&batch.people[slot].1.name))
    };
    for start in 0..employees.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            if state[i] != NEW {
                break;
            }
            state[i] = ON_PATH;
            path.push(i);
            at = manager[i];
        }
        if let Some(i) = at
            && state[i] == ON_PATH
        {
            found += 1;
            if found <= MAX_CYCLES_LISTED {
                let cycle = &path[path.iter().position(|&p| p == i).unwrap_or(0)..];
                let mut names: Vec<String> = cycle.iter().map(|&c| name(c)).collect();
                names.push(name(i));
                let rows: Vec<String> = cycle
                    .iter()
                    .map(|&c| employees[c].at.row.to_string())
                    .collect();
                out.push(format!(
                    "{file}: a reporting cycle, {} (rows {}); imported as the file has it, but \
                     check who manages whom",
                    names.join(" → "),
                    rows.join(", ")
                ));
            }
        }
        for i in path {
            state[i] = DONE;
        }
    }
    if found > MAX_CYCLES_LISTED {
        out.push(format!(
            "{file}: {} more reporting cycles are not listed",
            found - MAX_CYCLES_LISTED
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn spellings_of_the_common_exports_are_recognised() {
        let c = OrgColumns::detect(&header(&[
            "Employee_Number",
            "First Name",
            "last-name",
            "E-mail",
            "Line Manager ID",
            "Position",
            "Org Unit",
            "Location",
        ]));
        assert_eq!(c.id.as_deref(), Some("Employee_Number"));
        assert_eq!(c.name, None);
        assert_eq!(c.first_name.as_deref(), Some("First Name"));
        assert_eq!(c.last_name.as_deref(), Some("last-name"));
        assert_eq!(c.email.as_deref(), Some("E-mail"));
        assert_eq!(c.manager_id.as_deref(), Some("Line Manager ID"));
        assert_eq!(c.title.as_deref(), Some("Position"));
        assert_eq!(c.department.as_deref(), Some("Org Unit"));
        assert!(OrgColumns::is_org_chart(&header(&["name", "reports_to"])));
        assert!(!OrgColumns::is_org_chart(&header(&[
            "name", "role", "group"
        ])));
    }

    #[test]
    fn managers_by_id_become_reports_to_ties_and_cycles_are_warned() {
        let csv = "id,name,manager id,title,dept\n1,Ana,,CEO,Board\n2,Bo,1,CFO,Finance\n\
                   3,Cy,4,,\n4,Di,3,,\n";
        let b = read_orgchart("org.csv", csv.as_bytes(), None);
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        assert_eq!(b.people.len(), 4);
        assert_eq!(b.people[1].1.role, "CFO");
        assert_eq!(b.people[1].1.group, "Finance");
        let ties: Vec<(&str, &str)> = b.relations.iter().map(|r| (&*r.from, &*r.to)).collect();
        assert_eq!(ties, vec![("Bo", "Ana"), ("Cy", "Di"), ("Di", "Cy")]);
        assert!(
            b.warnings
                .iter()
                .any(|w| w.contains("a reporting cycle, Cy → Di → Cy (rows 4, 5)")),
            "{:?}",
            b.warnings
        );
    }

    #[test]
    fn own_manager_and_unknown_manager_are_problems() {
        let csv = "id,name,manager id\n1,Ana,1\n2,Bo,9\n";
        let b = read_orgchart("org.csv", csv.as_bytes(), None);
        assert_eq!(b.problems.len(), 2, "{:?}", b.problems);
        assert!(
            b.problems[0].starts_with(
                "org.csv row 2, column manager id: 'Ana' is given as their own manager"
            )
        );
        assert!(b.problems[1].starts_with(
            "org.csv row 3, column manager id: no one in the file with the id '9' in 'id'"
        ));
    }
}

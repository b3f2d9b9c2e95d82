//! The demo map: Harwell Components rolling out a new ERP ("Project Keystone").
//!
//! Its people, ties and conversations are readable CSV under `assets/demo/`,
//! loaded through the same importer users run.

use std::path::Path;

use crate::error::{Error, Result};
use crate::import::{read_engagements_csv, read_people_csv, read_relations_csv};
use crate::store::MapFile;

const PEOPLE: &str = include_str!("../assets/demo/people.csv");
const RELATIONS: &str = include_str!("../assets/demo/relations.csv");
const ENGAGEMENTS: &str = include_str!("../assets/demo/engagements.csv");

/// The demo map's name.
pub const NAME: &str = "Project Keystone";

/// Writes the demo map to `path` (which must not exist yet) and returns it open.
pub fn write_demo(path: &Path) -> Result<MapFile> {
    let mut map = MapFile::create(
        path,
        NAME,
        "Replace Harwell Components' 20-year-old in-house ERP with SAP S/4HANA across \
         the Leeds, Coventry and Gdańsk plants by Q3",
    )?;
    map.set_info(
        NAME,
        &map.info()?.change,
        "A fictional 1,400-person industrial components manufacturer. Finance sponsors \
         the change; operations and the builder of the old system push back.",
    )?;
    let mut batch = read_people_csv("people.csv", PEOPLE.as_bytes());
    batch.extend(read_relations_csv("relations.csv", RELATIONS.as_bytes()));
    batch.extend(read_engagements_csv(
        "engagements.csv",
        ENGAGEMENTS.as_bytes(),
    ));
    map.import(&batch, true).map_err(|e| match e {
        Error::Import(problems) => Error::Invalid(format!(
            "the built-in demo map is broken (a bug): {}",
            problems.join("; ")
        )),
        other => other,
    })?;
    Ok(map)
}

//! An open map as the desktop app works with it: the map file, its undo history
//! and the view DTOs. Every app command is one call of a [`Workspace`] method, so
//! the shell only translates.

mod recent;
mod startup;

pub use recent::{RECENT_LIMIT, RecentMaps};
pub use startup::{DEMO_FILE, map_to_open};

use std::path::{Path, PathBuf};

use crate::analysis::{self, PlanOptions, WhatIf};
use crate::error::{Error, Result};
use crate::formats::analysis::{MetricsDto, PlanDto, SimulationDto, WhatIfDto};
use crate::formats::view::{NewConversationDto, NewTieDto, PlaceDto, WorkspaceDto};
use crate::model::{
    EngagementId, Field, MapSnapshot, RelationId, Stakeholder, StakeholderId, Stance,
};
use crate::store::{History, MapFile};

/// An open map with its undo history.
#[derive(Debug)]
pub struct Workspace {
    map: MapFile,
    history: History,
}

impl Workspace {
    /// Opens a map file (locking it) with an empty history.
    pub fn open(path: &Path) -> Result<Workspace> {
        let mut map = MapFile::open(path)?;
        let history = History::attach(&mut map)?;
        Ok(Workspace { map, history })
    }

    /// Creates a new, empty map named `name` at `path` and opens it.
    pub fn create(path: &Path, name: &str) -> Result<Workspace> {
        let mut map = MapFile::create(path, name, "")?;
        let history = History::attach(&mut map)?;
        Ok(Workspace { map, history })
    }

    /// Copies the map to `dest` and continues working in the copy (Save As).
    /// The history starts afresh; the original file stays as it was.
    pub fn save_as(&mut self, dest: &Path) -> Result<()> {
        self.map.save_as(dest)?;
        *self = Workspace::open(dest)?;
        Ok(())
    }

    /// Where the map lives.
    pub fn path(&self) -> PathBuf {
        self.map.path().to_path_buf()
    }

    /// Everything in the map, for analysis.
    pub fn snapshot(&self) -> Result<MapSnapshot> {
        self.map.snapshot()
    }

    /// The view of the whole map.
    pub fn view(&self) -> Result<WorkspaceDto> {
        Ok(WorkspaceDto::from_snapshot(
            self.map.path(),
            &self.map.snapshot()?,
            self.history.next_undo(),
            self.history.next_redo(),
        ))
    }

    /// Adds a person with default ratings; returns their id.
    pub fn add_person(&mut self, name: &str) -> Result<i64> {
        let person = Stakeholder::new(name)?;
        let label = format!("Add {}", person.name);
        let added = self
            .history
            .record(&mut self.map, &label, |m| m.add_stakeholder(&person))?;
        Ok(added.id.0)
    }

    /// Sets one field of a person from text (`field` as in the CSV headers).
    pub fn set_field(&mut self, id: i64, field: &str, value: &str) -> Result<()> {
        let field: Field = field.parse()?;
        let mut person = self.map.stakeholder(StakeholderId(id))?;
        person.set(field, value)?;
        let label = format!("Edit {field} of {}", person.name);
        self.history
            .record(&mut self.map, &label, |m| m.update_stakeholder(&person))
    }

    /// Sets several fields of a person as one edit (one undo step), e.g. power and
    /// interest after a drag on the grid. Nothing changes if any value is refused.
    pub fn set_fields(&mut self, id: i64, values: &[(String, String)]) -> Result<()> {
        let mut person = self.map.stakeholder(StakeholderId(id))?;
        let mut names = Vec::new();
        for (field, value) in values {
            let field: Field = field.parse()?;
            person.set(field, value)?;
            names.push(field.as_str());
        }
        let label = format!("Edit {} of {}", names.join(" and "), person.name);
        self.history
            .record(&mut self.map, &label, |m| m.update_stakeholder(&person))
    }

    /// Removes a person with their ties and conversations.
    pub fn remove_person(&mut self, id: i64) -> Result<()> {
        let person = self.map.stakeholder(StakeholderId(id))?;
        let label = format!("Delete {}", person.name);
        self.history
            .record(&mut self.map, &label, |m| m.remove_stakeholder(person.id))
    }

    /// Adds a tie; returns its id.
    pub fn add_relation(&mut self, tie: &NewTieDto) -> Result<i64> {
        let relation = tie.to_relation(RelationId(0))?;
        let label = format!("Add {} tie", relation.kind);
        let added = self
            .history
            .record(&mut self.map, &label, |m| m.add_relation(&relation))?;
        Ok(added.id.0)
    }

    /// Changes a tie (its ends, kind, strength and note).
    pub fn update_relation(&mut self, id: i64, tie: &NewTieDto) -> Result<()> {
        let relation = tie.to_relation(RelationId(id))?;
        let label = format!("Edit {} tie", relation.kind);
        self.history
            .record(&mut self.map, &label, |m| m.update_relation(&relation))
    }

    /// Removes a tie.
    pub fn remove_relation(&mut self, id: i64) -> Result<()> {
        self.history.record(&mut self.map, "Delete tie", |m| {
            m.remove_relation(RelationId(id))
        })
    }

    /// Records a conversation (its stance after becomes the person's stance).
    pub fn add_engagement(&mut self, talk: &NewConversationDto) -> Result<i64> {
        let engagement = talk.to_engagement()?;
        let added = self
            .history
            .record(&mut self.map, "Record conversation", |m| {
                m.add_engagement(&engagement)
            })?;
        Ok(added.id.0)
    }

    /// Removes a conversation record.
    pub fn remove_engagement(&mut self, id: i64) -> Result<()> {
        self.history
            .record(&mut self.map, "Delete conversation", |m| {
                m.remove_engagement(EngagementId(id))
            })
    }

    /// Saves where the user dragged people to (one undo step).
    pub fn move_people(&mut self, places: &[PlaceDto]) -> Result<()> {
        let positions = positions(places);
        let label = if places.len() == 1 {
            "Move person"
        } else {
            "Move people"
        };
        self.history
            .record(&mut self.map, label, |m| m.set_positions(&positions))
    }

    /// Saves positions an automatic layout chose (no undo step: not the user's edit).
    pub fn place_people(&mut self, places: &[PlaceDto]) -> Result<()> {
        let positions = positions(places);
        self.history
            .untracked(&mut self.map, |m| m.set_positions(&positions))
    }

    /// The conversation plan of the advocate with this id, at most `steps` long.
    pub fn plan(&self, advocate: i64, steps: usize) -> Result<PlanDto> {
        let map = self.map.snapshot()?;
        let name = &self.map.stakeholder(StakeholderId(advocate))?.name;
        let mut options = PlanOptions::new(name);
        options.k = steps;
        options.theta = self.map.theta()?;
        let report = analysis::plan_for(&map, &options)?;
        Ok(PlanDto::from_report(&map, &report))
    }

    /// Predicted opinions and support if the what-if's conversations were held and
    /// its stances were true. The map does not change.
    pub fn simulate(&self, what_if: &WhatIfDto) -> Result<SimulationDto> {
        let map = self.map.snapshot()?;
        let name = |id: i64| -> Result<String> {
            map.stakeholder(StakeholderId(id))
                .map(|p| p.name.clone())
                .ok_or_else(|| Error::NotFound(format!("no stakeholder has id {id}")))
        };
        let mut request = WhatIf {
            theta: self.map.theta()?,
            ..WhatIf::default()
        };
        for &id in &what_if.talk {
            request.talk.push(name(id)?);
        }
        for tried in &what_if.stances {
            request
                .stances
                .push((name(tried.id)?, Stance::new(tried.stance)?));
        }
        let report = analysis::simulate(&map, &request)?;
        Ok(SimulationDto::from_report(&map, &report))
    }

    /// PageRank, betweenness, influence in/out and groups of everyone.
    pub fn metrics(&self) -> Result<MetricsDto> {
        let map = self.map.snapshot()?;
        Ok(MetricsDto::from_report(&map, &analysis::metrics(&map)))
    }

    /// Undoes the latest edit; returns what was undone.
    pub fn undo(&mut self) -> Result<Option<String>> {
        self.history.undo(&mut self.map)
    }

    /// Redoes the latest undone edit; returns what was redone.
    pub fn redo(&mut self) -> Result<Option<String>> {
        self.history.redo(&mut self.map)
    }
}

fn positions(places: &[PlaceDto]) -> Vec<(StakeholderId, Option<(f64, f64)>)> {
    places
        .iter()
        .map(|p| (StakeholderId(p.id), Some((p.x, p.y))))
        .collect()
}

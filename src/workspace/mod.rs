//! An open map as the desktop app works with it: the map file, its undo history
//! and the view DTOs. Every app command is one call of a [`Workspace`] method, so
//! the shell only translates.

mod model_input;
mod recent;
mod sent;
mod sharing;
mod stale;
mod startup;

pub use model_input::ModelInput;
pub use recent::{RECENT_LIMIT, RecentMaps};
pub use startup::{DEMO_FILE, map_to_open};

use sent::{Built, Sent};
use stale::{Change, stale_after};

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;

use crate::analysis::{self, Cancel, PlanOptions};
use crate::error::{Error, Result};
use crate::formats::analysis::{
    MetricsDto, PlanDto, PlanRequestDto, SimulationDto, TryStanceDto, WhatIfDto,
};
use crate::formats::groups::GroupMapDto;
use crate::formats::timeline::{BriefDto, DiffDto, ProgressDto, TimelineDto};
use crate::formats::view::{
    EditedDto, Lists, NewConversationDto, NewTieDto, PersonDto, PlaceDto, RecoveryDto,
    WorkspaceDto, parse_day,
};
use crate::model::{
    EngagementId, Field, MapSnapshot, RelationId, Stakeholder, StakeholderId, Stance,
};
use crate::store::{History, MapFile, Stamped};
use crate::timeline;

/// An open map with its undo history, and the last view it sent.
#[derive(Debug)]
pub struct Workspace {
    map: MapFile,
    history: History,
    /// The last view [`Workspace::view`] gave out: an edit answers with what it
    /// changed since then. Behind a lock because reading a view is `&self`.
    sent: Mutex<Option<Sent>>,
}

impl Workspace {
    /// Opens a map file (locking it) with an empty history.
    pub fn open(path: &Path) -> Result<Workspace> {
        let mut map = MapFile::open(path)?;
        let history = History::attach(&mut map)?;
        Ok(Workspace::with(map, history))
    }

    /// Recovers every valid row of the map at `source` — one that cannot be
    /// opened safely — into a new map at `dest` and opens the new map. The report
    /// lists every row left behind.
    pub fn recover(source: &Path, dest: &Path) -> Result<(Workspace, RecoveryDto)> {
        let recovery = crate::store::recover(source, dest)?;
        let report = RecoveryDto::new(source, dest, &recovery);
        Ok((Workspace::open(dest)?, report))
    }

    /// Where [`Workspace::recover`] puts a recovered map by default: beside
    /// `source`, as `NAME (recovered).coalition`, numbered when that exists.
    pub fn recovery_path(source: &Path) -> PathBuf {
        let stem = source
            .file_stem()
            .map_or_else(|| "map".into(), |s| s.to_string_lossy().into_owned());
        let folder = source.parent().unwrap_or(Path::new("."));
        (1..)
            .map(|n| {
                let suffix = if n == 1 {
                    String::new()
                } else {
                    format!(" {n}")
                };
                folder.join(format!(
                    "{stem} (recovered{suffix}).{}",
                    crate::store::EXTENSION
                ))
            })
            .find(|p| !p.exists() && p.symlink_metadata().is_err())
            .unwrap_or_else(|| folder.join("recovered.coalition"))
    }

    /// Creates a new, empty map named `name` about `change` (may be empty) at
    /// `path` and opens it.
    pub fn create(path: &Path, name: &str, change: &str) -> Result<Workspace> {
        let mut map = MapFile::create(path, name, change)?;
        let history = History::attach(&mut map)?;
        Ok(Workspace::with(map, history))
    }

    /// A workspace over `map` that has sent no view yet.
    fn with(map: MapFile, history: History) -> Workspace {
        Workspace {
            map,
            history,
            sent: Mutex::new(None),
        }
    }

    /// Copies the map to `dest` and continues working in the copy (Save As).
    /// The history starts afresh; the original file stays as it was.
    pub fn save_as(&mut self, dest: &Path) -> Result<()> {
        self.map.save_as(dest, crate::export::Profile::Full)?;
        *self = Workspace::open(dest)?;
        Ok(())
    }

    /// Where the map lives.
    pub fn path(&self) -> PathBuf {
        self.map.path().to_path_buf()
    }

    /// Everything in the map, for analysis.
    pub fn snapshot(&self) -> Result<MapSnapshot> {
        self.map.with_snapshot(MapSnapshot::clone)
    }

    /// The view of the whole map as it is now, numbered one above the last view
    /// sent (which it replaces as the base of the next edit's change).
    pub fn view(&self) -> Result<WorkspaceDto> {
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        let revision = sent.as_ref().map_or(1, |s| s.view.revision + 1);
        let built = self.fresh_view(revision, |_| Lists::ALL)?;
        *sent = Some(Sent::new(&built.view, built.stamps));
        Ok(built.view)
    }

    /// The view of the map as it is now, as revision `revision`, with the lists
    /// `lists` asks for given the snapshot read (the others empty).
    fn fresh_view(
        &self,
        revision: u64,
        lists: impl FnOnce(&Stamped<'_>) -> Lists,
    ) -> Result<Built> {
        let (stale_days, theta) = (self.map.stale_days()?, self.map.theta()?);
        let today = today();
        self.map.with_stamped_snapshot(|lent| {
            let map = lent.map();
            let lists = lists(lent);
            let check = timeline::staleness(map, today, stale_days);
            let view = WorkspaceDto {
                revision,
                ..WorkspaceDto::build(
                    self.map.path(),
                    map,
                    self.history.next_undo(),
                    self.history.next_redo(),
                    TimelineDto::new(map, &check, None, today),
                    theta,
                    lists.clone(),
                )
            };
            Built {
                view,
                stamps: lent.stamps(),
                lists,
                order: map.stakeholders.iter().map(|p| p.id.0).collect(),
            }
        })
    }

    /// The view of the map as it stood at the end of `day` (YYYY-MM-DD), from the
    /// stance history: read-only, so it offers no undo or redo.
    pub fn view_as_of(&self, day: &str) -> Result<WorkspaceDto> {
        let day = past_day(day, "the day to view")?;
        let (stale_days, theta) = (self.map.stale_days()?, self.map.theta()?);
        self.map.with_snapshot(|map| {
            let then = timeline::as_of(map, day);
            let check = timeline::staleness(&then, day, stale_days);
            WorkspaceDto::from_snapshot(
                self.map.path(),
                &then,
                None,
                None,
                TimelineDto::new(map, &check, Some(day), today()),
                theta,
            )
        })
    }

    /// Who moved between two days (YYYY-MM-DD, the earlier first) and the change
    /// in the support score.
    pub fn diff(&self, from: &str, to: &str) -> Result<DiffDto> {
        let (from, to) = (
            past_day(from, "the first day")?,
            past_day(to, "the second day")?,
        );
        if to < from {
            return Err(Error::Invalid(format!(
                "the second day {to} is before the first day {from}; give the earlier day first"
            )));
        }
        self.map
            .with_snapshot(|map| DiffDto::from_diff(map, &timeline::diff(map, from, to)))
    }

    /// Sets how many days a rating stays fresh without a conversation (1..3650).
    pub fn set_stale_days(&mut self, days: u32) -> Result<EditedDto> {
        let label = format!("Set stale ratings to {days} days");
        self.history.record(&mut self.map, &label, |m| {
            m.set_setting("stale_days", &days.to_string())
        })?;
        self.edited(None, Change::ViewSettings)
    }

    /// Adds a person with default ratings; the answer carries their id.
    pub fn add_person(&mut self, name: &str) -> Result<EditedDto> {
        let person = Stakeholder::new(name)?;
        let label = format!("Add {}", person.name);
        let added = self
            .history
            .record(&mut self.map, &label, |m| m.add_stakeholder(&person))?;
        self.edited(Some(added.id.0), Change::People)
    }

    /// Sets one field of a person from text (`field` as in the CSV headers).
    pub fn set_field(&mut self, id: i64, field: &str, value: &str) -> Result<EditedDto> {
        self.set_fields(id, &[(field.to_string(), value.to_string())])
    }

    /// Sets several fields of a person as one edit (one undo step), e.g. power and
    /// interest after a drag on the grid. Nothing changes if any value is refused.
    pub fn set_fields(&mut self, id: i64, values: &[(String, String)]) -> Result<EditedDto> {
        let mut person = self.map.stakeholder(StakeholderId(id))?;
        let mut fields = Vec::new();
        for (field, value) in values {
            let field: Field = field.parse()?;
            person.set(field, value)?;
            fields.push(field);
        }
        let names: Vec<&str> = fields.iter().map(|f| f.as_str()).collect();
        let label = format!("Edit {} of {}", names.join(" and "), person.name);
        self.history
            .record(&mut self.map, &label, |m| m.update_stakeholder(&person))?;
        self.edited(None, Change::Fields(fields))
    }

    /// Sets the stances of several people as one edit (one transaction, one undo
    /// step): "keep" of a what-if. Nothing changes if any person or stance is refused.
    pub fn set_stances(&mut self, stances: &[TryStanceDto]) -> Result<EditedDto> {
        if stances.is_empty() {
            return Err(Error::Invalid(
                "there is no stance to keep: try a stance in the what-if first".into(),
            ));
        }
        let mut people = Vec::with_capacity(stances.len());
        for tried in stances {
            let mut person = self.map.stakeholder(StakeholderId(tried.id))?;
            person.stance = Stance::new(tried.stance)?;
            people.push(person);
        }
        let label = match people.as_slice() {
            [one] => format!("Keep what-if stance of {}", one.name),
            many => format!("Keep what-if stances of {} people", many.len()),
        };
        self.history
            .record(&mut self.map, &label, |m| m.update_stakeholders(&people))?;
        self.edited(None, Change::Fields(vec![Field::Stance]))
    }

    /// Removes a person with their ties and conversations.
    pub fn remove_person(&mut self, id: i64) -> Result<EditedDto> {
        let person = self.map.stakeholder(StakeholderId(id))?;
        let label = format!("Delete {}", person.name);
        self.history
            .record(&mut self.map, &label, |m| m.remove_stakeholder(person.id))?;
        self.edited(None, Change::People)
    }

    /// Adds a tie; the answer carries its id.
    pub fn add_relation(&mut self, tie: &NewTieDto) -> Result<EditedDto> {
        let relation = tie.to_relation(RelationId(0))?;
        let label = format!("Add {} tie", relation.kind);
        let added = self
            .history
            .record(&mut self.map, &label, |m| m.add_relation(&relation))?;
        self.edited(Some(added.id.0), Change::Ties)
    }

    /// Changes a tie (its ends, kind, strength and note).
    pub fn update_relation(&mut self, id: i64, tie: &NewTieDto) -> Result<EditedDto> {
        let relation = tie.to_relation(RelationId(id))?;
        let label = format!("Edit {} tie", relation.kind);
        self.history
            .record(&mut self.map, &label, |m| m.update_relation(&relation))?;
        self.edited(None, Change::Ties)
    }

    /// Removes a tie.
    pub fn remove_relation(&mut self, id: i64) -> Result<EditedDto> {
        self.history.record(&mut self.map, "Delete tie", |m| {
            m.remove_relation(RelationId(id))
        })?;
        self.edited(None, Change::Ties)
    }

    /// Records a conversation (its stance after becomes the person's stance); the
    /// answer carries its id.
    pub fn add_engagement(&mut self, talk: &NewConversationDto) -> Result<EditedDto> {
        let engagement = talk.to_engagement()?;
        let added = self
            .history
            .record(&mut self.map, "Record conversation", |m| {
                m.add_engagement(&engagement)
            })?;
        self.edited(Some(added.id.0), Change::Conversations)
    }

    /// Changes a conversation record (a new stance after enters the history).
    pub fn update_engagement(&mut self, id: i64, talk: &NewConversationDto) -> Result<EditedDto> {
        let engagement = crate::model::Engagement {
            id: EngagementId(id),
            ..talk.to_engagement()?
        };
        self.history
            .record(&mut self.map, "Edit conversation", |m| {
                m.update_engagement(&engagement)
            })?;
        self.edited(None, Change::Conversations)
    }

    /// Removes a conversation record.
    pub fn remove_engagement(&mut self, id: i64) -> Result<EditedDto> {
        self.history
            .record(&mut self.map, "Delete conversation", |m| {
                m.remove_engagement(EngagementId(id))
            })?;
        self.edited(None, Change::Conversations)
    }

    /// Saves where the user dragged people to (one undo step).
    pub fn move_people(&mut self, places: &[PlaceDto]) -> Result<EditedDto> {
        let positions = positions(places);
        let label = if places.len() == 1 {
            "Move person"
        } else {
            "Move people"
        };
        self.history
            .record(&mut self.map, label, |m| m.set_positions(&positions))?;
        self.edited(None, Change::Positions)
    }

    /// Saves positions an automatic layout chose (no undo step: not the user's edit).
    /// The app already shows these places, so the last view sent takes them too.
    pub fn place_people(&mut self, places: &[PlaceDto]) -> Result<()> {
        let positions = positions(places);
        self.history
            .untracked(&mut self.map, |m| m.set_positions(&positions))?;
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sent) = sent.as_mut() {
            let placed: HashSet<i64> = places.iter().map(|p| p.id).collect();
            let people: Vec<PersonDto> = self.map.with_snapshot(|map| {
                (map.stakeholders.iter())
                    .filter(|p| placed.contains(&p.id.0))
                    .map(PersonDto::from)
                    .collect()
            })?;
            sent.took(&people);
        }
        Ok(())
    }

    /// Gives everyone without a saved position the place the exports draw them
    /// at ([`crate::export::layout::places`]: deterministic, group by group, a
    /// force-directed picture for a map nobody has placed) and saves it, so the
    /// app and every export show one layout. Like a drag's autosave, not a step
    /// of undo. Answers like an edit: what it changed (everyone's position) in
    /// the view last sent, so the ties are not sent again.
    pub fn lay_out(&mut self) -> Result<EditedDto> {
        let positions: Vec<_> = self.map.with_snapshot(|map| {
            crate::export::layout::places(map)
                .into_iter()
                .zip(&map.stakeholders)
                .filter(|(place, _)| !place.saved)
                .map(|(place, p)| (p.id, Some((place.x, place.y))))
                .collect()
        })?;
        if !positions.is_empty() {
            self.history
                .untracked(&mut self.map, |m| m.set_positions(&positions))?;
        }
        self.edited(None, Change::Positions)
    }

    /// What a plan or a what-if reads, taken now: work on it with the map let go.
    pub fn model_input(&self) -> Result<ModelInput> {
        Ok(ModelInput {
            map: self.snapshot()?,
            theta: self.map.theta()?,
        })
    }

    /// The conversation plan the request asks for (see [`ModelInput::plan`]).
    pub fn plan(&self, request: &PlanRequestDto, cancel: &Cancel) -> Result<PlanDto> {
        self.model_input()?.plan(request, cancel)
    }

    /// The plan the request would get from the map as it stood at the end of `day`.
    pub fn plan_as_of(
        &self,
        request: &PlanRequestDto,
        day: &str,
        cancel: &Cancel,
    ) -> Result<PlanDto> {
        self.model_input()?.plan_as_of(request, day, cancel)
    }

    /// Saves the plan the request asks for so its progress can be followed; one
    /// undo step.
    pub fn save_plan(&mut self, request: &PlanRequestDto) -> Result<EditedDto> {
        let input = self.model_input()?;
        let map = &input.map;
        let report = input.report(map, request, today(), &Cancel::default())?;
        let plan = report.to_saved(input.theta);
        let who = map.people().name(report.advocate).to_string();
        let label = format!("Save plan for {who}");
        self.history
            .record(&mut self.map, &label, |m| m.save_plan(&plan))?;
        self.edited(None, Change::Plans)
    }

    /// The advocate's latest saved plan against the conversations logged since;
    /// `None` when they have no saved plan.
    pub fn progress(&self, advocate: i64) -> Result<Option<ProgressDto>> {
        let who = self.map.stakeholder(StakeholderId(advocate))?;
        let Some(plan) = self.map.latest_plan(who.id)? else {
            return Ok(None);
        };
        self.map.with_snapshot(|map| {
            let progress = timeline::plan_progress(map, &plan);
            Some(ProgressDto::from_progress(map, &progress))
        })
    }

    /// The brief before talking to the person with this id; with an advocate, it
    /// says why the person is in that advocate's plan.
    pub fn brief(&self, id: i64, advocate: Option<i64>) -> Result<BriefDto> {
        let map = self.snapshot()?;
        let plan = advocate
            .map(|a| {
                let mut options = PlanOptions::new(StakeholderId(a));
                options.today = Some(today());
                options.theta = self.map.theta()?;
                analysis::plan_for(&map, &options)
            })
            .transpose()?;
        let brief = timeline::brief(&map, StakeholderId(id), plan.as_ref())?;
        Ok(BriefDto::from_brief(&map, &brief))
    }

    /// Predicted opinions and support if the what-if's conversations were held and
    /// its stances were true. The map does not change.
    pub fn simulate(&self, what_if: &WhatIfDto) -> Result<SimulationDto> {
        self.model_input()?.simulate(what_if, &Cancel::default())
    }

    /// The map summarised by group (org unit), as it is now or, with `day`, as it
    /// stood at the end of that day: what the network shows at group level.
    pub fn group_map(&self, day: Option<&str>) -> Result<GroupMapDto> {
        self.map.with_snapshot(|map| group_map_of(map, day))?
    }

    /// PageRank, betweenness, influence in/out and groups of everyone.
    pub fn metrics(&self) -> Result<MetricsDto> {
        self.map.with_snapshot(metrics_of)
    }

    /// Undoes the latest edit; the answer says what was undone.
    pub fn undo(&mut self) -> Result<EditedDto> {
        let done = self.history.undo(&mut self.map)?;
        Ok(EditedDto {
            done,
            ..self.edited(None, Change::Anything)?
        })
    }

    /// Redoes the latest undone edit; the answer says what was redone.
    pub fn redo(&mut self) -> Result<EditedDto> {
        let done = self.history.redo(&mut self.map)?;
        Ok(EditedDto {
            done,
            ..self.edited(None, Change::Anything)?
        })
    }

    /// The answer to an edit: what it changed in the last view sent (the whole
    /// view if none was sent), what it added, what it made stale.
    fn edited(&self, id: Option<i64>, change: Change) -> Result<EditedDto> {
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        let (view, change_dto) = match sent.take() {
            Some(before) => {
                let revision = before.view.revision + 1;
                let after = self.fresh_view(revision, |now| before.stale(now))?;
                let (change, next) = before.next(after);
                *sent = Some(next);
                (None, Some(change))
            }
            None => {
                let after = self.fresh_view(1, |_| Lists::ALL)?;
                *sent = Some(Sent::new(&after.view, after.stamps));
                (Some(after.view), None)
            }
        };
        Ok(EditedDto {
            view,
            change: change_dto,
            id,
            done: None,
            stale: stale_after(&change),
        })
    }
}

/// `map` (a [`Workspace::snapshot`]) summarised by group, as it is or, with `day`
/// (YYYY-MM-DD), as it stood at the end of that day: the app works it out with
/// the map free for edits.
pub fn group_map_of(map: &MapSnapshot, day: Option<&str>) -> Result<GroupMapDto> {
    Ok(match day {
        Some(day) => GroupMapDto::of(&timeline::as_of(map, past_day(day, "the day to view")?)),
        None => GroupMapDto::of(map),
    })
}

/// PageRank, betweenness, influence in/out and groups of everyone in `map` (a
/// [`Workspace::snapshot`]): the app computes them with the map free for edits.
pub fn metrics_of(map: &MapSnapshot) -> MetricsDto {
    MetricsDto::from_report(map, &analysis::metrics(map))
}

/// Today, in the user's time zone.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A day (YYYY-MM-DD) no later than today; `what` names it in errors.
fn past_day(text: &str, what: &str) -> Result<NaiveDate> {
    let day = parse_day(text, what)?;
    let today = today();
    if day > today {
        return Err(Error::Invalid(format!(
            "{what} {day} is after today ({today}); the map can only be shown as it stood on a past day"
        )));
    }
    Ok(day)
}

fn positions(places: &[PlaceDto]) -> Vec<(StakeholderId, Option<(f64, f64)>)> {
    places
        .iter()
        .map(|p| (StakeholderId(p.id), Some((p.x, p.y))))
        .collect()
}

//! What a plan or a what-if reads from the map, taken while the map is held so
//! the work itself runs with the map free for edits (the app's plans and
//! what-ifs never keep an edit waiting).

use chrono::NaiveDate;

use super::{past_day, today};
use crate::analysis::{self, Cancel, Goal, PlanOptions, PlanReport, WhatIf};
use crate::error::Result;
use crate::formats::analysis::{PlanDto, PlanRequestDto, SimulationDto, WhatIfDto};
use crate::model::{MapSnapshot, StakeholderId, Stance};
use crate::timeline;

/// Everything in the map and θ, the setting the model reads, at one moment.
#[derive(Debug, Clone)]
pub struct ModelInput {
    /// Everything in the map.
    pub(super) map: MapSnapshot,
    /// θ, how far one conversation moves an open person.
    pub(super) theta: f64,
}

impl ModelInput {
    /// The conversation plan the request asks for: the advocate's, at most `steps`
    /// long, within the budget if any, aimed at the goal (support by default).
    /// Stops with [`crate::Error::Cancelled`] once `cancel` is set (the app's
    /// Cancel, or a newer plan).
    pub fn plan(&self, request: &PlanRequestDto, cancel: &Cancel) -> Result<PlanDto> {
        let report = self.report(&self.map, request, today(), cancel)?;
        Ok(PlanDto::from_report(&self.map, &report))
    }

    /// The plan the request would get from the map as it stood at the end of `day`
    /// (YYYY-MM-DD, no later than today).
    pub fn plan_as_of(
        &self,
        request: &PlanRequestDto,
        day: &str,
        cancel: &Cancel,
    ) -> Result<PlanDto> {
        let day = past_day(day, "the day to plan as of")?;
        let map = timeline::as_of(&self.map, day);
        let report = self.report(&map, request, day, cancel)?;
        Ok(PlanDto::from_report(&map, &report))
    }

    /// The plan's report for `map` as of `day`, before it is made a DTO.
    pub(super) fn report(
        &self,
        map: &MapSnapshot,
        request: &PlanRequestDto,
        day: NaiveDate,
        cancel: &Cancel,
    ) -> Result<PlanReport> {
        let mut options = PlanOptions::new(StakeholderId(request.advocate));
        options.today = Some(day);
        options.k = request.steps;
        options.budget = request.budget;
        if let Some(goal) = &request.goal {
            options.goal = Goal::parse(goal)?;
        }
        options.theta = self.theta;
        analysis::plan_for_until(map, &options, cancel)
    }

    /// Predicted opinions and support if the what-if's conversations were held and
    /// its stances were true; stops with [`crate::Error::Cancelled`] once
    /// `cancel` is set (Discard, or a newer what-if).
    pub fn simulate(&self, what_if: &WhatIfDto, cancel: &Cancel) -> Result<SimulationDto> {
        let request = WhatIf {
            theta: self.theta,
            talk: what_if.talk.iter().map(|&id| StakeholderId(id)).collect(),
            stances: what_if
                .stances
                .iter()
                .map(|t| Ok((StakeholderId(t.id), Stance::new(t.stance)?)))
                .collect::<Result<_>>()?,
        };
        let report = analysis::simulate_until(&self.map, &request, cancel)?;
        Ok(SimulationDto::from_report(&self.map, &report))
    }
}

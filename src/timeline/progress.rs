//! How far a saved plan has come: which conversations were held, and support
//! then and now.

use super::support;
use crate::model::{MapSnapshot, SavedPlan, StakeholderId};
use chrono::NaiveDate;

/// One step of a saved plan and whether it was held.
#[derive(Debug, Clone, PartialEq)]
pub struct StepProgress {
    /// Whom to talk to.
    pub id: StakeholderId,
    /// The support it was predicted to add.
    pub gain: f64,
    /// Why, as the plan said it.
    pub reason: String,
    /// The day of the first conversation with them since the plan was saved.
    pub held_on: Option<NaiveDate>,
}

/// A saved plan against what has happened since.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanProgress {
    /// The advocate.
    pub advocate: StakeholderId,
    /// The day the plan was saved.
    pub saved_on: NaiveDate,
    /// The steps, in plan order.
    pub steps: Vec<StepProgress>,
    /// How many steps were held.
    pub held: usize,
    /// Support when the plan was saved.
    pub support_then: f64,
    /// Support now, from the map's current stances.
    pub support_now: f64,
    /// The support the plan predicted once every step is taken.
    pub support_planned: f64,
}

/// Ticks each step of `plan` for which a conversation with that person was logged
/// on or after the day the plan was saved (by any advocate).
pub fn plan_progress(map: &MapSnapshot, plan: &SavedPlan) -> PlanProgress {
    let saved_on = plan.saved.date_naive();
    let steps: Vec<StepProgress> = plan
        .steps
        .iter()
        .map(|s| StepProgress {
            id: s.stakeholder,
            gain: s.gain,
            reason: s.reason.clone(),
            held_on: map
                .engagements
                .iter()
                .filter(|e| e.stakeholder == s.stakeholder && e.date >= saved_on)
                .map(|e| e.date)
                .min(),
        })
        .collect();
    PlanProgress {
        advocate: plan.advocate,
        saved_on,
        held: steps.iter().filter(|s| s.held_on.is_some()).count(),
        steps,
        support_then: plan.support_before,
        support_now: support(map),
        support_planned: plan.support_after,
    }
}

impl PlanProgress {
    /// "3 of 5 conversations held; support 0.120 → 0.310"
    pub fn summary(&self) -> String {
        format!(
            "{} of {} conversations held; support {:.3} → {:.3} (the plan aimed at {:.3})",
            self.held,
            self.steps.len(),
            self.support_then,
            self.support_now,
            self.support_planned
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::super::tests::{day, history_map};
    use crate::model::{SavedPlan, SavedPlanId, SavedStep, StakeholderId};

    #[test]
    fn progress_counts_conversations_held_since_the_plan_was_saved() {
        let map = history_map();
        let plan = |saved| SavedPlan {
            id: SavedPlanId(1),
            advocate: StakeholderId(1),
            saved: day(4, saved).and_time(NaiveTime::MIN).and_utc(),
            theta: 0.5,
            support_before: -0.2,
            support_after: 0.1,
            steps: vec![
                SavedStep {
                    stakeholder: StakeholderId(2),
                    gain: 0.2,
                    reason: "Bo first".into(),
                },
                SavedStep {
                    stakeholder: StakeholderId(3),
                    gain: 0.1,
                    reason: "then Cy".into(),
                },
            ],
        };
        let p = super::plan_progress(&map, &plan(10));
        assert_eq!(p.held, 1);
        assert_eq!(p.steps[0].held_on, Some(day(5, 1)));
        assert_eq!(p.steps[1].held_on, None);
        assert!(
            p.summary()
                .starts_with("1 of 2 conversations held; support -0.200 → ")
        );
        assert_eq!(p.advocate, StakeholderId(1));
    }
}

//! Saving plans and reading them back.

use chrono::{DateTime, SubsecRound, Utc};
use rusqlite::params;

use super::stakeholders::touch;
use super::{MapFile, format_time};
use crate::error::{Error, Result};
use crate::model::{NewPlan, SavedPlan, SavedPlanId, SavedStep, StakeholderId};

impl MapFile {
    /// Saves a plan so its progress can be followed; the advocate and everyone
    /// in it must be in the map.
    pub fn save_plan(&mut self, plan: &NewPlan) -> Result<SavedPlan> {
        let tx = self.conn.transaction()?;
        for id in std::iter::once(plan.advocate).chain(plan.steps.iter().map(|s| s.stakeholder)) {
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM stakeholders WHERE id = ?1)",
                [id.0],
                |r| r.get(0),
            )?;
            if !known {
                return Err(Error::NotFound(format!(
                    "no stakeholder has id {} in this map; the plan is out of date, make it again",
                    id.0
                )));
            }
        }
        let (advocate, theta, steps) = (plan.advocate, plan.theta, plan.steps.clone());
        if steps.is_empty() {
            return Err(Error::Invalid(
                "this plan has no steps to save; nobody's support would rise from a conversation"
                    .into(),
            ));
        }
        // Stored to the second, so what is returned equals what is read back.
        let saved = Utc::now().trunc_subsecs(0);
        tx.execute(
            "INSERT INTO plans (advocate_id, saved, theta, support_before, support_after)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                advocate.0,
                format_time(saved),
                theta,
                plan.support_before,
                plan.support_after
            ],
        )?;
        let id = SavedPlanId(tx.last_insert_rowid());
        for (position, step) in steps.iter().enumerate() {
            tx.execute(
                "INSERT INTO plan_steps (plan_id, position, stakeholder_id, gain, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id.0,
                    position as i64,
                    step.stakeholder.0,
                    step.gain,
                    step.reason
                ],
            )?;
        }
        touch(&tx, saved)?;
        tx.commit()?;
        Ok(SavedPlan {
            id,
            advocate,
            saved,
            theta,
            support_before: plan.support_before,
            support_after: plan.support_after,
            steps,
        })
    }

    /// Every saved plan, oldest first.
    pub fn saved_plans(&self) -> Result<Vec<SavedPlan>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, advocate_id, saved, theta, support_before, support_after
             FROM plans ORDER BY saved, id",
        )?;
        let mut plans = stmt
            .query_map([], |r| {
                let saved: String = r.get(2)?;
                Ok(SavedPlan {
                    id: SavedPlanId(r.get(0)?),
                    advocate: StakeholderId(r.get(1)?),
                    saved: DateTime::parse_from_rfc3339(&saved)
                        .map(|t| t.with_timezone(&Utc))
                        .map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(
                                2,
                                rusqlite::types::Type::Text,
                                Box::new(e),
                            )
                        })?,
                    theta: r.get(3)?,
                    support_before: r.get(4)?,
                    support_after: r.get(5)?,
                    steps: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut steps = self.conn.prepare_cached(
            "SELECT stakeholder_id, gain, reason FROM plan_steps WHERE plan_id = ?1 ORDER BY position",
        )?;
        for plan in &mut plans {
            plan.steps = steps
                .query_map([plan.id.0], |r| {
                    Ok(SavedStep {
                        stakeholder: StakeholderId(r.get(0)?),
                        gain: r.get(1)?,
                        reason: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(plans)
    }

    /// The advocate's most recently saved plan, if any.
    pub fn latest_plan(&self, advocate: StakeholderId) -> Result<Option<SavedPlan>> {
        Ok(self
            .saved_plans()?
            .into_iter()
            .rev()
            .find(|p| p.advocate == advocate))
    }
}

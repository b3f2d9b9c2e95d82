//! The commands about change over time: `log`, `history`, `diff`, `progress`,
//! `stale` and `brief`.

use crate::out::say;
use std::path::Path;

use coalition::analysis::{PlanOptions, plan_for};
use coalition::formats::json::{EngagementDto, MapDto, StanceChangeDto};
use coalition::formats::timeline::{BriefDto, DiffDto, ProgressDto, TimelineDto};
use coalition::model::{Engagement, EngagementId, Stance};
use coalition::store::MapFile;
use coalition::timeline;
use coalition::{Error, Result};

use crate::Conversation;
use crate::commands::parse_date;
use crate::table::inert;

/// Today, in the user's time zone.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// `coalition log` (and `add engagement`): record a conversation.
pub fn log(map: &Path, name: &str, c: Conversation) -> Result<()> {
    let mut file = MapFile::open(map)?;
    let person = file.find(name)?;
    let held_by = c.by.map(|b| file.find(&b)).transpose()?.map(|p| p.id);
    let stance = |s: Option<String>| s.map(|s| Stance::parse(&s)).transpose();
    let engagement = Engagement {
        id: EngagementId(0),
        date: match c.date {
            Some(d) => parse_date(&d, "--date")?,
            None => today(),
        },
        stakeholder: person.id,
        held_by,
        channel: c.channel,
        summary: c.summary,
        stance_before: stance(c.before)?,
        stance_after: stance(c.after)?,
        next_step: c.next_step,
        next_step_due: c.due.map(|d| parse_date(&d, "--due")).transpose()?,
    };
    file.add_engagement(&engagement)?;
    let now = file.find(name)?;
    say!(
        "Recorded a conversation with {}; their stance is {}",
        inert(&now.name),
        now.stance
    );
    Ok(())
}

/// `coalition history`: stance changes and conversations, oldest first.
pub fn history(map: &Path, name: Option<String>, since: Option<String>, json: bool) -> Result<()> {
    let file = MapFile::open_read_only(map)?;
    let who = name.map(|n| file.find(&n)).transpose()?.map(|p| p.name);
    let since = since.map(|d| parse_date(&d, "--since")).transpose()?;
    let dto = MapDto::from_snapshot(&file.snapshot()?);
    let keep_day =
        |day: &str| since.is_none_or(|s| day >= s.format("%Y-%m-%d").to_string().as_str());
    let changes: Vec<StanceChangeDto> = dto
        .stance_history
        .into_iter()
        .filter(|c| who.as_ref().is_none_or(|w| &c.stakeholder == w) && keep_day(&c.at))
        .collect();
    let conversations: Vec<EngagementDto> = dto
        .engagements
        .into_iter()
        .filter(|e| who.as_ref().is_none_or(|w| &e.stakeholder == w) && keep_day(&e.date))
        .collect();
    if json {
        let value = serde_json::json!({ "changes": changes, "conversations": conversations });
        say!("{}", crate::table::json(&value)?);
        return Ok(());
    }
    for c in &changes {
        let label = Stance::new(c.stance.into())?.label();
        say!(
            "{}  {}: {label} ({})",
            c.at,
            inert(&c.stakeholder),
            c.source
        );
    }
    for e in &conversations {
        say!(
            "{}  conversation with {}{}: {}",
            e.date,
            inert(&e.stakeholder),
            e.held_by
                .as_deref()
                .map(|b| format!(" by {}", inert(b)))
                .unwrap_or_default(),
            inert(&e.summary)
        );
    }
    Ok(())
}

/// `coalition diff`: who moved between two dates.
pub fn diff(map: &Path, from: &str, to: Option<String>, json: bool) -> Result<()> {
    let from = parse_date(from, "--from")?;
    let to = to
        .map(|d| parse_date(&d, "--to"))
        .transpose()?
        .unwrap_or_else(today);
    if to < from {
        return Err(Error::Invalid(format!(
            "--to {to} is before --from {from}; give the earlier day first"
        )));
    }
    let snapshot = MapFile::open_read_only(map)?.snapshot()?;
    let dto = DiffDto::from_diff(&snapshot, &timeline::diff(&snapshot, from, to));
    crate::analysis::print(json, &dto, || crate::print::diff(&dto))
}

/// `coalition progress`: the advocate's latest saved plan against what happened.
pub fn progress(map: &Path, advocate: &str, json: bool) -> Result<()> {
    let file = MapFile::open_read_only(map)?;
    let who = file.find(advocate)?;
    let plan = file.latest_plan(who.id)?.ok_or_else(|| {
        Error::NotFound(format!(
            "{} has no saved plan; save one with `coalition plan MAP --advocate \"{}\" --save`",
            who.name, who.name
        ))
    })?;
    let snapshot = file.snapshot()?;
    let dto = ProgressDto::from_progress(&snapshot, &timeline::plan_progress(&snapshot, &plan));
    crate::analysis::print(json, &dto, || crate::print::progress(&dto))
}

/// `coalition stale`: ratings not confirmed lately and overdue next steps.
pub fn stale(map: &Path, today_arg: Option<String>, json: bool) -> Result<()> {
    let file = MapFile::open_read_only(map)?;
    let day = today_arg
        .map(|d| parse_date(&d, "--today"))
        .transpose()?
        .unwrap_or_else(today);
    let snapshot = file.snapshot()?;
    let check = timeline::staleness(&snapshot, day, file.stale_days()?);
    let dto = TimelineDto::new(&snapshot, &check, None, day);
    crate::analysis::print(json, &dto, || crate::print::stale(&dto))
}

/// `coalition brief`: the one-screen brief before a conversation.
pub fn brief(map: &Path, name: &str, advocate: Option<String>, json: bool) -> Result<()> {
    let file = MapFile::open_read_only(map)?;
    let snapshot = file.snapshot()?;
    let plan = match advocate {
        Some(a) => {
            let mut options = PlanOptions::new(file.find(&a)?.id);
            options.theta = file.theta()?;
            options.today = Some(today());
            Some(plan_for(&snapshot, &options)?)
        }
        None => None,
    };
    let report = timeline::brief(&snapshot, file.find(name)?.id, plan.as_ref())?;
    let dto = BriefDto::from_brief(&snapshot, &report);
    crate::analysis::print(json, &dto, || crate::print::brief(&dto))
}

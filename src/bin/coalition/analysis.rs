//! The analysis commands: `plan`, `simulate`, `metrics`, and the map's `config`.

use crate::out::{say, say_raw};
use std::path::Path;

use coalition::analysis::{Goal, PlanOptions, WhatIf, metrics, plan_for, simulate};
use coalition::formats::analysis::{MetricsDto, PlanDto, SimulationDto};
use coalition::model::{MapSnapshot, Stance};
use coalition::store::MapFile;
use coalition::{Error, Result};

use crate::commands::parse_date;
use crate::table::inert;

/// The options of `coalition plan`.
pub struct PlanArgs {
    /// The advocate's name.
    pub advocate: String,
    /// How many steps.
    pub steps: Option<usize>,
    /// The effort budget.
    pub budget: Option<u32>,
    /// θ, or the map's setting.
    pub theta: Option<f64>,
    /// The goal's name, or the support score.
    pub goal: Option<String>,
    /// The seed of the re-sampled ratings.
    pub seed: Option<u64>,
    /// Plan from the map as of this day.
    pub as_of: Option<String>,
    /// Save the plan in the map.
    pub save: bool,
}

/// `coalition plan`: whom the advocate should talk to first, and why.
pub fn plan(map: &Path, args: PlanArgs, json: bool) -> Result<()> {
    if args.save && args.as_of.is_some() {
        return Err(Error::Invalid(
            "a plan made --as-of a past day cannot be saved; leave out --as-of or --save".into(),
        ));
    }
    let mut file = if args.save {
        MapFile::open(map)?
    } else {
        MapFile::open_read_only(map)?
    };
    let mut options = PlanOptions::new(file.find(&args.advocate)?.id);
    options.theta = args.theta.map_or_else(|| file.theta(), Ok)?;
    options.budget = args.budget;
    if let Some(seed) = args.seed {
        options.seed = seed;
    }
    if let Some(goal) = &args.goal {
        options.goal = Goal::parse(goal)?;
    }
    if let Some(k) = args.steps {
        options.k = k;
    }
    options.today = Some(match &args.as_of {
        Some(day) => parse_date(day, "--as-of")?,
        None => crate::timeline::today(),
    });
    let snapshot = snapshot_at(&file, args.as_of)?;
    let report = plan_for(&snapshot, &options)?;
    if args.save {
        file.save_plan(&report.to_saved(options.theta))?;
    }
    let dto = PlanDto::from_report(&snapshot, &report);
    let printed = print(json, &dto, || crate::print::plan(&dto));
    // The process ends with this command: freeing a big map person by person would
    // only delay the exit (0.11 s of 1.7 s of CPU at 100,000 people, perf).
    std::mem::forget(snapshot);
    printed
}

/// The map now, or as it stood at the end of the `--as-of` day.
pub fn snapshot_at(file: &MapFile, as_of: Option<String>) -> Result<MapSnapshot> {
    let snapshot = file.snapshot()?;
    Ok(match as_of {
        Some(day) => coalition::timeline::as_of(&snapshot, parse_date(&day, "--as-of")?),
        None => snapshot,
    })
}

/// `coalition simulate`: predicted stances after some conversations or stance edits.
pub fn simulate_cmd(
    map: &Path,
    talk: Vec<String>,
    stances: Vec<String>,
    theta: Option<f64>,
    as_of: Option<String>,
    json: bool,
) -> Result<()> {
    let file = MapFile::open_read_only(map)?;
    let stances = stances
        .iter()
        .map(|edit| {
            let (name, stance) = edit.rsplit_once('=').ok_or_else(|| {
                Error::Invalid(format!(
                    "--stance '{edit}' is not NAME=STANCE; write e.g. --stance \"Dana Ortiz=Supportive\""
                ))
            })?;
            Ok((file.find(name.trim())?.id, Stance::parse(stance)?))
        })
        .collect::<Result<Vec<_>>>()?;
    let what_if = WhatIf {
        talk: talk
            .iter()
            .map(|name| Ok(file.find(name)?.id))
            .collect::<Result<_>>()?,
        stances,
        theta: theta.map_or_else(|| file.theta(), Ok)?,
    };
    let snapshot = snapshot_at(&file, as_of)?;
    let dto = SimulationDto::from_report(&snapshot, &simulate(&snapshot, &what_if)?);
    print(json, &dto, || crate::print::simulation(&dto))
}

/// `coalition metrics`: PageRank, brokers, influence in and out, groups.
pub fn metrics_cmd(map: &Path, as_of: Option<String>, json: bool) -> Result<()> {
    let snapshot = snapshot_at(&MapFile::open_read_only(map)?, as_of)?;
    let dto = MetricsDto::from_report(&snapshot, &metrics(&snapshot));
    print(json, &dto, || crate::print::metrics(&dto))
}

/// `coalition config`: show the map's settings, or change one.
pub fn config(map: &Path, key: Option<String>, value: Option<String>) -> Result<()> {
    let mut file = if value.is_some() {
        MapFile::open(map)?
    } else {
        MapFile::open_read_only(map)?
    };
    match (key, value) {
        (Some(key), Some(value)) => {
            file.set_setting(&key, &value)?;
            say!("{} is now {}", inert(&key), inert(&value));
        }
        (Some(key), None) => {
            return Err(Error::Invalid(format!(
                "give a value: `coalition config MAP {key} VALUE`"
            )));
        }
        _ => {
            say!("theta       {}", file.theta()?);
            say!("stale_days  {}", file.stale_days()?);
        }
    }
    Ok(())
}

/// Prints a report's versioned DTO as JSON, or as its readable text.
pub fn print<T: serde::Serialize>(
    json: bool,
    report: &T,
    text: impl FnOnce() -> String,
) -> Result<()> {
    if json {
        say!("{}", crate::table::json(report)?);
    } else {
        say_raw!("{}", inert(&text()));
    }
    Ok(())
}

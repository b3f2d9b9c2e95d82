//! The analysis commands: `plan`, `simulate`, `metrics`, and the map's `config`.

use std::path::Path;

use coalition::analysis::{PlanOptions, WhatIf, metrics, plan_for, simulate};
use coalition::model::Stance;
use coalition::store::MapFile;
use coalition::{Error, Result};

use crate::table::inert;

/// `coalition plan`: whom the advocate should talk to first, and why.
pub fn plan(
    map: &Path,
    advocate: &str,
    steps: Option<usize>,
    budget: Option<u32>,
    theta: Option<f64>,
    json: bool,
) -> Result<()> {
    let file = MapFile::open(map)?;
    let mut options = PlanOptions::new(advocate);
    options.theta = theta.map_or_else(|| file.theta(), Ok)?;
    options.budget = budget;
    if let Some(k) = steps {
        options.k = k;
    }
    let report = plan_for(&file.snapshot()?, &options)?;
    print(json, &report, || report.to_text())
}

/// `coalition simulate`: predicted stances after some conversations or stance edits.
pub fn simulate_cmd(
    map: &Path,
    talk: Vec<String>,
    stances: Vec<String>,
    theta: Option<f64>,
    json: bool,
) -> Result<()> {
    let file = MapFile::open(map)?;
    let stances = stances
        .iter()
        .map(|edit| {
            let (name, stance) = edit.rsplit_once('=').ok_or_else(|| {
                Error::Invalid(format!(
                    "--stance '{edit}' is not NAME=STANCE; write e.g. --stance \"Dana Ortiz=Supportive\""
                ))
            })?;
            Ok((name.trim().to_string(), Stance::parse(stance)?))
        })
        .collect::<Result<Vec<_>>>()?;
    let what_if = WhatIf {
        talk,
        stances,
        theta: theta.map_or_else(|| file.theta(), Ok)?,
    };
    let report = simulate(&file.snapshot()?, &what_if)?;
    print(json, &report, || report.to_text())
}

/// `coalition metrics`: PageRank, brokers, influence in and out, groups.
pub fn metrics_cmd(map: &Path, json: bool) -> Result<()> {
    let report = metrics(&MapFile::open(map)?.snapshot()?);
    print(json, &report, || report.to_text())
}

/// `coalition config`: show the map's settings, or change one.
pub fn config(map: &Path, key: Option<String>, value: Option<String>) -> Result<()> {
    let mut file = MapFile::open(map)?;
    match (key, value) {
        (Some(key), Some(value)) => {
            file.set_setting(&key, &value)?;
            println!("{key} is now {value}");
        }
        (Some(key), None) => {
            return Err(Error::Invalid(format!(
                "give a value: `coalition config MAP {key} VALUE`"
            )));
        }
        _ => {
            println!("theta       {}", file.theta()?);
            println!("stale_days  {}", file.stale_days()?);
        }
    }
    Ok(())
}

fn print<T: serde::Serialize>(json: bool, report: &T, text: impl FnOnce() -> String) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
    } else {
        print!("{}", inert(&text()));
    }
    Ok(())
}

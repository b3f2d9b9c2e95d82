//! The app's contract as TypeScript, generated from the DTOs with `ts-rs`: every
//! type the shell sends or receives, so the UI's types cannot drift from Rust's.
//! `ui/src/lib/contract.gen.ts` is this text; a test fails when it is stale
//! (`make types` rewrites it).

use ts_rs::{Config, TS};

use super::analysis::*;
use super::groups::*;
use super::sharing::*;
use super::timeline::*;
use super::view::*;
use super::view_change::*;
use crate::error::ErrorKind;
use crate::import::OrgColumns;

/// The first lines of the generated file.
const HEADER: &str = "// Generated from the Rust DTOs (src/formats/) by `make types`: do not edit.\n\
// The shell sends and receives exactly these shapes; ids are numbers.\n\n";

/// The TypeScript declarations of every DTO of the app's contract.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(HEADER);
    macro_rules! declare {
        ($($t:ty),* $(,)?) => { $( declare::<$t>(&mut out, &cfg); )* };
    }
    declare!(
        // The map and its edits.
        WorkspaceDto,
        PersonDto,
        TieDto,
        ConversationDto,
        EditedDto,
        ViewChangeDto,
        ListChangeDto<PersonDto>,
        Derived,
        NewTieDto,
        NewConversationDto,
        PlaceDto,
        RecoveryDto,
        RecoveredDto,
        ErrorDto,
        ErrorKind,
        // An org chart's columns: what each was read as, and a corrected mapping.
        OrgColumns,
        // The scales, labels and colours.
        ScalesDto,
        ScaleValueDto,
        ClassDto,
        GridCellDto,
        StanceColourDto,
        RelationStyleDto,
        QuadrantColourDto,
        // The planner and the metrics.
        PlanRequestDto,
        PlanDto,
        MeasuresDto,
        MeasuresChangeDto,
        PlanStepDto,
        FlowDto,
        BandChangeDto,
        AvoidDto,
        RecentTalkDto,
        RangeDto,
        CheckFirstDto,
        WhatIfDto,
        TryStanceDto,
        SimulationDto,
        PredictedDto,
        MetricsDto,
        PersonMetricsDto,
        // A big map by group.
        GroupMapDto,
        GroupDto,
        GroupLinkDto,
        // Change over time.
        TimelineDto,
        StaleDto,
        OverdueDto,
        DiffDto,
        MovedDto,
        ProgressDto,
        StepProgressDto,
        BriefDto,
        ListenerDto,
        BriefConversationDto,
        // Bringing files in and sending maps out.
        ImportRequestDto,
        ImportPreviewDto,
        ConflictDto,
        ExportChoicesDto,
        FormatDto,
        ProfileDto,
        ExportRequestDto,
        ExportedDto,
        ExportProgressDto,
        ImportProgressDto,
    );
    out
}

/// Appends `T`'s doc comment and exported declaration.
fn declare<T: TS>(out: &mut String, cfg: &Config) {
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push_str("\n\n");
}

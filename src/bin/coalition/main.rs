//! `coalition`: map the people around a change from the command line.
//!
//! Every command opens the map, does one thing and exits: 0 when it worked, 1 when
//! the input needs fixing (a one-line message says how), 2 on an internal error.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod analysis;
mod commands;
mod out;
mod print;
mod sharing;
mod table;
mod timeline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Map who supports a change, who resists, who influences whom — and whom to talk
/// to first. A map is one file (NAME.coalition); every change is saved at once.
#[derive(Debug, Parser)]
#[command(name = "coalition", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create an empty map file.
    New {
        /// The file to create, e.g. keystone.coalition.
        map: PathBuf,
        /// The map's name, e.g. "Project Keystone"; without it, the file's name
        /// without its extension (`office.coalition` is named "office").
        #[arg(long)]
        name: Option<String>,
        /// The change it is about, in a sentence.
        #[arg(long, default_value = "")]
        change: String,
    },
    /// Write the demo map (an ERP rollout at a fictional manufacturer) to a new file.
    Demo {
        /// The file to create.
        map: PathBuf,
    },
    /// Write a generated organisation to a new map file, to try Coalition at scale.
    ///
    /// Org units at several sites, reporting lines, influence, trust, alliances and
    /// some conflict, realistic names and roles, a few outside advisers and
    /// conversations. The same --people and --seed always give the same file.
    Generate {
        /// The file to create; must not exist yet.
        map: PathBuf,
        /// How many people, e.g. 2000.
        #[arg(long)]
        people: usize,
        /// Another seed gives another organisation of the same size.
        #[arg(long, default_value_t = coalition::synthetic::BENCH_SEED)]
        seed: u64,
    },
    /// List the people in a map.
    List {
        /// The map file.
        map: PathBuf,
        /// Only people in this group (org unit).
        #[arg(long)]
        group: Option<String>,
        /// Only people with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// As the map stood on this day (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<String>,
        /// Print JSON for scripts instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one person: ratings, notes, ties and conversations.
    Show {
        /// The map file.
        map: PathBuf,
        /// The person's name (any case).
        name: String,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Add a person, a relation or a conversation.
    #[command(subcommand)]
    Add(Box<Add>),
    /// Change one field of a person, e.g. `set MAP "Dana Ortiz" stance Supportive`.
    Set {
        /// The map file.
        map: PathBuf,
        /// The person's name.
        name: String,
        /// name, role, group, tags, stance, target, power, interest, openness,
        /// legitimacy, urgency, confidence, effort, advocate or notes.
        field: String,
        /// The new value: a number or a label (stance: -2..2 or Active resistance..Champion).
        value: String,
    },
    /// Remove a person (with their ties) or a relation.
    #[command(subcommand)]
    Remove(Remove),
    /// Import people, relations and conversations: our CSV, an XLSX workbook, Kumu
    /// sheets or a JSON map.
    /// All or nothing; --dry-run previews, --merge keeps people already in the map.
    Import {
        /// The map file.
        map: PathBuf,
        /// Files to import; their kind is read from the extension (.json, .xlsx) and the
        /// CSV header (Coalition people/relations/engagements, Kumu elements/connections);
        /// a workbook's sheets by their names (People, Relations, Conversations) or headers.
        files: Vec<PathBuf>,
        /// csv, kumu, json or xlsx, instead of guessing from each file.
        #[arg(long)]
        format: Option<String>,
        /// people.csv: name, role, group, tags, stance, target, power, interest,
        /// openness, legitimacy, urgency, confidence, effort, advocate, notes.
        #[arg(long)]
        people: Option<PathBuf>,
        /// relations.csv: from, kind, to, strength, note.
        #[arg(long)]
        relations: Option<PathBuf>,
        /// engagements.csv: date, stakeholder, held_by, channel, summary,
        /// stance_before, stance_after, next_step, next_step_due.
        #[arg(long)]
        engagements: Option<PathBuf>,
        /// Check the files and report what would be added, without changing the map.
        #[arg(long)]
        dry_run: bool,
        /// Keep people already in the map unchanged, list each differing field as a
        /// conflict, skip ties already there, and add the rest.
        #[arg(long)]
        merge: bool,
    },
    /// Export the map to share it: json, csv, xlsx, gexf, graphml, svg, png, pdf or html.
    Export {
        /// The map file.
        map: PathBuf,
        /// json, csv (a folder of people/relations/engagements.csv), xlsx (one workbook),
        /// gexf, graphml, svg, png, pdf or html (one offline report).
        #[arg(long, default_value = "json")]
        format: String,
        /// The picture for svg, png and pdf: network, group-network (one disc per
        /// org unit) or grid. Above 2,000 people network is drawn by group, unless --full.
        #[arg(long, default_value = "network")]
        view: String,
        /// Draw everyone in the network (svg, png, pdf and the html report's), even
        /// on maps drawn by group.
        #[arg(long)]
        full: bool,
        /// full, no-notes (no notes or conversations) or pseudonymous (names
        /// replaced by a generalised role and letter; every role, group and tag
        /// shown held by at least 3 people; no notes or summaries).
        #[arg(long, default_value = "full")]
        profile: String,
        /// The advocate whose plan the html report shows (default: the first by name).
        #[arg(long)]
        advocate: Option<String>,
        /// Write here (a folder for csv) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the output file or folder if it exists (never a map file).
        #[arg(long)]
        force: bool,
    },
    /// Save a copy of the map under a new name (the original stays as it is). The
    /// copy is a fresh file: nothing deleted lingers in it.
    SaveAs {
        /// The map file.
        map: PathBuf,
        /// The new file; must not exist yet.
        new: PathBuf,
        /// full, no-notes (no notes or conversation summaries) or pseudonymous
        /// (names replaced): the copy holds only what the profile shows.
        #[arg(long, default_value = "full")]
        profile: String,
    },
    /// Copy every valid person, tie and conversation of a map that cannot be
    /// opened safely (damaged, or holding what Coalition did not write) into a new
    /// map, and list every row left behind. The damaged file is only read.
    Recover {
        /// The damaged map file.
        map: PathBuf,
        /// The new map; must not exist yet.
        new: PathBuf,
    },
    /// Plan an advocate's conversations: whom to talk to first, in what order, and why.
    Plan {
        /// The map file.
        map: PathBuf,
        /// The advocate who will hold the conversations.
        #[arg(long)]
        advocate: String,
        /// How many conversations to plan (default 5).
        #[arg(long)]
        steps: Option<usize>,
        /// The most total effort to spend (each person's effort is 1..5): the plan
        /// is the best set that fits.
        #[arg(long)]
        budget: Option<u32>,
        /// How far one conversation moves an open person, in (0, 1]; the map's
        /// setting (default 0.5) when left out.
        #[arg(long)]
        theta: Option<f64>,
        /// What to aim at: support (the support score, default), coalition (the
        /// power held by supporters) or commitment (the power at target).
        #[arg(long)]
        goal: Option<String>,
        /// The seed of the re-sampled ratings behind the plan's range (default 1):
        /// the same seed gives the same range.
        #[arg(long)]
        seed: Option<u64>,
        /// Plan from the map as it stood on this day (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<String>,
        /// Save the plan, so `coalition progress` can follow it.
        #[arg(long)]
        save: bool,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Predict everyone's stance after some conversations, without changing the map.
    Simulate {
        /// The map file.
        map: PathBuf,
        /// Hold a conversation with this person (repeat for several).
        #[arg(long)]
        talk: Vec<String>,
        /// Try a different stance first, as NAME=STANCE (repeat for several).
        #[arg(long)]
        stance: Vec<String>,
        /// How far one conversation moves an open person, in (0, 1].
        #[arg(long)]
        theta: Option<f64>,
        /// As the map stood on this day (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Who matters in the network: PageRank, brokers, influence in and out, groups.
    Metrics {
        /// The map file.
        map: PathBuf,
        /// As the map stood on this day (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Show the map's settings, or set one: theta (0..1] or stale_days.
    Config {
        /// The map file.
        map: PathBuf,
        /// theta or stale_days.
        key: Option<String>,
        /// The new value.
        value: Option<String>,
    },
    /// Record a conversation: `log MAP "Dana Ortiz" --by Erik --after Neutral --summary "…"`.
    Log {
        /// The map file.
        map: PathBuf,
        /// Who was talked to.
        name: String,
        #[command(flatten)]
        conversation: Conversation,
    },
    /// Stance changes and conversations over time, oldest first.
    History {
        /// The map file.
        map: PathBuf,
        /// Only this person.
        name: Option<String>,
        /// Only from this day on (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Who moved between two dates, by how much, and the change in support.
    Diff {
        /// The map file.
        map: PathBuf,
        /// The earlier day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// The later day (YYYY-MM-DD); today when left out.
        #[arg(long)]
        to: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// How far the advocate's saved plan has come: conversations held, support then and now.
    Progress {
        /// The map file.
        map: PathBuf,
        /// The advocate whose latest saved plan to follow.
        #[arg(long)]
        advocate: String,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Ratings no conversation has confirmed lately, and next steps past due.
    Stale {
        /// The map file.
        map: PathBuf,
        /// Check as of this day instead of today (YYYY-MM-DD).
        #[arg(long)]
        today: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// A one-screen brief before talking to someone: stance, what they care about,
    /// whom they listen to, why they are in the plan, the last conversations.
    Brief {
        /// The map file.
        map: PathBuf,
        /// Whom you are about to talk to.
        name: String,
        /// Say why they are in this advocate's plan.
        #[arg(long)]
        advocate: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Check a map file for damage.
    Check {
        /// The map file.
        map: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum Add {
    /// Add a person: `add stakeholder MAP "Dana Ortiz" --role CFO --stance Resistant`.
    Stakeholder {
        /// The map file.
        map: PathBuf,
        /// The person's name; unique in the map.
        name: String,
        #[command(flatten)]
        fields: StakeholderFields,
    },
    /// Add a tie: `add relation MAP "Erik" reports_to "Dana" --strength 4`.
    Relation {
        /// The map file.
        map: PathBuf,
        /// The first person.
        from: String,
        /// influences, reports_to, trusts (FROM listens to TO), allied or conflict.
        kind: String,
        /// The second person.
        to: String,
        /// How strong the tie is, 1..5.
        #[arg(long, default_value = "3")]
        strength: String,
        /// A note on the tie.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record a conversation; --after updates the person's stance.
    Engagement {
        /// The map file.
        map: PathBuf,
        /// Who was talked to.
        name: String,
        #[command(flatten)]
        conversation: Conversation,
    },
}

/// What was said in a conversation, for `log` and `add engagement`.
#[derive(Debug, Args)]
struct Conversation {
    /// The advocate who held it.
    #[arg(long)]
    by: Option<String>,
    /// The day (YYYY-MM-DD); today when left out.
    #[arg(long)]
    date: Option<String>,
    /// meeting, call, email…
    #[arg(long, default_value = "")]
    channel: String,
    /// What was said.
    #[arg(long, default_value = "")]
    summary: String,
    /// Their stance going in.
    #[arg(long, allow_hyphen_values = true)]
    before: Option<String>,
    /// Their stance coming out; it becomes their stance and enters their history.
    #[arg(long, allow_hyphen_values = true)]
    after: Option<String>,
    /// The agreed next step.
    #[arg(long, default_value = "")]
    next_step: String,
    /// When the next step is due (YYYY-MM-DD).
    #[arg(long)]
    due: Option<String>,
}

/// The optional fields of `add stakeholder`.
#[derive(Debug, Args)]
struct StakeholderFields {
    /// Role or title.
    #[arg(long)]
    role: Option<String>,
    /// Group or org unit.
    #[arg(long)]
    group: Option<String>,
    /// Tags, separated by ';'.
    #[arg(long)]
    tags: Option<String>,
    /// Current stance: -2..2 or Active resistance, Resistant, Neutral, Supportive, Champion.
    #[arg(long, allow_hyphen_values = true)]
    stance: Option<String>,
    /// The stance the change needs from them.
    #[arg(long, allow_hyphen_values = true)]
    target: Option<String>,
    /// Sway over the decision, 1..5.
    #[arg(long)]
    power: Option<String>,
    /// How much they care or are affected, 1..5.
    #[arg(long)]
    interest: Option<String>,
    /// How receptive to persuasion, 1..5 (default 3).
    #[arg(long)]
    openness: Option<String>,
    /// yes or no.
    #[arg(long)]
    legitimacy: Option<String>,
    /// yes or no.
    #[arg(long)]
    urgency: Option<String>,
    /// low, medium or high.
    #[arg(long)]
    confidence: Option<String>,
    /// How costly a conversation is, 1..5 (default 1).
    #[arg(long)]
    effort: Option<String>,
    /// yes to mark them as an advocate of the change.
    #[arg(long)]
    advocate: Option<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Remove {
    /// Remove a person and every tie and conversation with them.
    Stakeholder {
        /// The map file.
        map: PathBuf,
        /// The person's name.
        name: String,
    },
    /// Remove a tie: `remove relation MAP "Erik" reports_to "Dana"`.
    Relation {
        /// The map file.
        map: PathBuf,
        /// The first person.
        from: String,
        /// The kind of tie.
        kind: String,
        /// The second person.
        to: String,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap's messages quote what was typed: made inert like every line.
            let text = table::inert(&e.render().to_string());
            if !e.use_stderr() {
                out::write(&text);
                return ExitCode::SUCCESS;
            }
            out::error(&text);
            return ExitCode::from(1);
        }
    };
    match commands::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out::error(&format!("coalition: {}\n", table::inert(&e.to_string())));
            ExitCode::from(if e.is_user_error() { 1 } else { 2 })
        }
    }
}

// Generated from the Rust DTOs (src/formats/) by `make types`: do not edit.
// The shell sends and receives exactly these shapes; ids are numbers.

/**
 * Everything the workspace shows of an open map.
 */
export type WorkspaceDto = { 
/**
 * Always [`VIEW_VERSION`].
 */
version: number, 
/**
 * The map file.
 */
path: string, 
/**
 * The map's name.
 */
name: string, 
/**
 * The change it is about.
 */
change: string, 
/**
 * Longer description.
 */
description: string, 
/**
 * The people, ordered by name.
 */
people: Array<PersonDto>, 
/**
 * The advocate to plan for first: the most powerful one (the sponsor, as a
 * rule), ties by name.
 */
lead_advocate: number | null, 
/**
 * The ties, in the order they were added.
 */
relations: Array<TieDto>, 
/**
 * The conversations, oldest first.
 */
engagements: Array<ConversationDto>, 
/**
 * Every group in use, sorted.
 */
groups: Array<string>, 
/**
 * Every tag in use, sorted.
 */
tags: Array<string>, 
/**
 * What Undo would undo, if anything.
 */
undo: string | null, 
/**
 * What Redo would redo, if anything.
 */
redo: string | null, 
/**
 * The day shown (a past day makes the view read-only), the days it can be
 * shown as of, stale ratings and overdue next steps.
 */
timeline: TimelineDto, 
/**
 * θ, the map's setting for how far one conversation moves an open person.
 */
theta: number, 
/**
 * Which view of the open map this is: each view the workspace sends the app
 * is numbered, so an edit can answer with what changed since that view
 * ([`ViewChangeDto`]). 0 for a view no change builds on (a past day's).
 */
revision: number, };

/**
 * A person as the views show them.
 */
export type PersonDto = { 
/**
 * The id to send back in edits.
 */
id: number, 
/**
 * The name.
 */
name: string, 
/**
 * Role or title.
 */
role: string, 
/**
 * Group or org unit.
 */
group: string, 
/**
 * Free tags.
 */
tags: Array<string>, 
/**
 * Notes.
 */
notes: string, 
/**
 * Current stance, −2..2.
 */
stance: number, 
/**
 * Its label.
 */
stance_label: string, 
/**
 * Target stance, −2..2.
 */
target: number, 
/**
 * Its label.
 */
target_label: string, 
/**
 * target − stance: how far they must move (negative: they are past the target).
 */
gap: number, 
/**
 * 1..5.
 */
power: number, 
/**
 * 1..5.
 */
interest: number, 
/**
 * 1..5.
 */
openness: number, 
/**
 * Mitchell legitimacy.
 */
legitimacy: boolean, 
/**
 * Mitchell urgency.
 */
urgency: boolean, 
/**
 * low, medium or high.
 */
confidence: string, 
/**
 * 1..5.
 */
effort: number, 
/**
 * An advocate of the change.
 */
advocate: boolean, 
/**
 * Saved network position.
 */
position: [number, number] | null, 
/**
 * Mendelow quadrant key (see [`ScalesDto::quadrants`]).
 */
quadrant: string, 
/**
 * Mitchell salience class key (see [`ScalesDto::salience`]).
 */
salience: string, };

/**
 * A tie and how influence flows along it.
 */
export type TieDto = { 
/**
 * The id to send back in edits.
 */
id: number, 
/**
 * The first person's id.
 */
from: number, 
/**
 * The second person's id.
 */
to: number, 
/**
 * influences, reports_to, trusts, allied or conflict.
 */
kind: string, 
/**
 * 1..5.
 */
strength: number, 
/**
 * A note.
 */
note: string, 
/**
 * Who sways whom: `forward` (from → to), `backward` (to → from) or `both`.
 */
flow: string, 
/**
 * True when influence along it pushes opinions apart (conflict).
 */
negative: boolean, };

/**
 * A conversation as the engagement log shows it.
 */
export type ConversationDto = { 
/**
 * The id to send back in edits.
 */
id: number, 
/**
 * YYYY-MM-DD.
 */
date: string, 
/**
 * Who was talked to (id).
 */
stakeholder: number, 
/**
 * Who was talked to (name).
 */
stakeholder_name: string, 
/**
 * The advocate who held it.
 */
held_by: string | null, 
/**
 * The advocate who held it (id), to send back in edits.
 */
held_by_id: number | null, 
/**
 * Meeting, call…
 */
channel: string, 
/**
 * What was said.
 */
summary: string, 
/**
 * Stance going in (label).
 */
stance_before: string | null, 
/**
 * Stance coming out (label).
 */
stance_after: string | null, 
/**
 * The agreed next step.
 */
next_step: string, 
/**
 * YYYY-MM-DD.
 */
next_step_due: string | null, };

/**
 * The answer to an edit: what it changed in the view the app has (or the whole
 * new view, when the workspace has sent none), the id of what was added, if
 * anything, and which derived results the edit made stale.
 */
export type EditedDto = { 
/**
 * The map after the edit, whole: only when the workspace has sent no view
 * this answer could be a change of.
 */
view: WorkspaceDto | null, 
/**
 * What the edit changed in the view the workspace sent last (revision
 * [`ViewChangeDto::base`]); `None` when `view` is given.
 */
change: ViewChangeDto | null, 
/**
 * The id of the person, tie or conversation the edit added.
 */
id: number | null, 
/**
 * What was undone or redone, for a notice.
 */
done: string | null, 
/**
 * The derived results that read what the edit changed: the app refetches
 * these (those it shows) and nothing else.
 */
stale: Array<Derived>, };

/**
 * What changed in the view since the revision the app has: the lists as
 * [`ListChangeDto`]s, the rest whole (a few short fields), the timeline only
 * when it changed.
 */
export type ViewChangeDto = { 
/**
 * The revision of the view this change applies to.
 */
base: number, 
/**
 * The revision of the view it makes.
 */
revision: number, 
/**
 * The map's name.
 */
name: string, 
/**
 * The change the map is about.
 */
change: string, 
/**
 * Longer description.
 */
description: string, 
/**
 * The advocate to plan for first.
 */
lead_advocate: number | null, 
/**
 * Every group in use, sorted.
 */
groups: Array<string>, 
/**
 * Every tag in use, sorted.
 */
tags: Array<string>, 
/**
 * What Undo would undo, if anything.
 */
undo: string | null, 
/**
 * What Redo would redo, if anything.
 */
redo: string | null, 
/**
 * θ.
 */
theta: number, 
/**
 * The timeline, when it changed.
 */
timeline: TimelineDto | null, 
/**
 * The people.
 */
people: ListChangeDto<PersonDto>, 
/**
 * The ties.
 */
relations: ListChangeDto<TieDto>, 
/**
 * The conversations.
 */
engagements: ListChangeDto<ConversationDto>, };

/**
 * How one of the view's lists changed.
 */
export type ListChangeDto<T> = { 
/**
 * Items that are new or differ from the earlier view, whole.
 */
changed: Array<T>, 
/**
 * Ids of items no longer in the list.
 */
removed: Array<number>, 
/**
 * Every id in the new order, when the order is not the earlier order less the
 * removed items (something was added, or the list was re-sorted); `None`
 * keeps the earlier order.
 */
order: Array<number> | null, };

/**
 * A result derived from the map, which an edit can make stale.
 */
export type Derived = "plan" | "metrics" | "progress" | "simulation" | "brief" | "groups";

/**
 * A new tie, as the app sends it.
 */
export type NewTieDto = { 
/**
 * The first person's id.
 */
from: number, 
/**
 * The second person's id.
 */
to: number, 
/**
 * influences, reports_to, trusts, allied or conflict.
 */
kind: string, 
/**
 * 1..5.
 */
strength: number, 
/**
 * A note.
 */
note: string, };

/**
 * A new conversation, as the app sends it.
 */
export type NewConversationDto = { 
/**
 * Who was talked to (id).
 */
stakeholder: number, 
/**
 * YYYY-MM-DD.
 */
date: string, 
/**
 * The advocate who held it (id).
 */
held_by: number | null, 
/**
 * Meeting, call…
 */
channel: string, 
/**
 * What was said.
 */
summary: string, 
/**
 * −2..2 or a label.
 */
stance_before: string | null, 
/**
 * −2..2 or a label.
 */
stance_after: string | null, 
/**
 * The agreed next step.
 */
next_step: string, 
/**
 * YYYY-MM-DD.
 */
next_step_due: string | null, };

/**
 * A person's place on the network view, as the app sends it after a drag or a layout.
 */
export type PlaceDto = { 
/**
 * The person's id.
 */
id: number, 
/**
 * x in model coordinates.
 */
x: number, 
/**
 * y in model coordinates.
 */
y: number, };

/**
 * What recovering a map got back and left behind, for the app's report.
 */
export type RecoveryDto = { 
/**
 * The damaged file that was read.
 */
source: string, 
/**
 * The new map the valid rows went into.
 */
path: string, 
/**
 * People copied.
 */
people: number, 
/**
 * Ties copied.
 */
ties: number, 
/**
 * Conversations copied.
 */
conversations: number, 
/**
 * Saved plans in the file, which are not carried over.
 */
plans_left: number, 
/**
 * One line per row or table left behind, with its reason.
 */
skipped: Array<string>, };

/**
 * A recovered map, opened: its view and the report of what was left behind.
 */
export type RecoveredDto = { 
/**
 * The new map, as the app shows it.
 */
view: WorkspaceDto, 
/**
 * What was recovered and what was not.
 */
recovery: RecoveryDto, };

/**
 * An error as the app receives it: a machine-readable kind and a sentence for
 * people that names the thing and the fix.
 */
export type ErrorDto = { 
/**
 * What kind of error.
 */
kind: ErrorKind, 
/**
 * What went wrong and what to do.
 */
message: string, 
/**
 * The map concerned, when the app can offer to act on it (a `damaged` map
 * can be recovered).
 */
path?: string, };

/**
 * What kind of error happened, as the app's contract names it (`snake_case`).
 */
export type ErrorKind = "invalid" | "not_found" | "conflict" | "import" | "not_a_map" | "damaged" | "already_open" | "newer_format" | "io" | "no_map" | "cancelled" | "internal";

/**
 * Which column of an org chart holds what: each a header as the file spells it,
 * or `None` when the file has no such column. Detected from the header, shown to
 * the user, and given back corrected to read the file again.
 */
export type OrgColumns = { 
/**
 * The employee id (`Employee ID`, `Worker ID`, `emp_id`…).
 */
id: string | null, 
/**
 * The full name (`Name`, `Full Name`, `Employee Name`…); when it is set,
 * `first_name` and `last_name` are not read.
 */
name: string | null, 
/**
 * The first name, read with `last_name` when there is no full name.
 */
first_name: string | null, 
/**
 * The last name, read with `first_name` when there is no full name.
 */
last_name: string | null, 
/**
 * The person's e-mail, read to find managers given by e-mail (not stored).
 */
email: string | null, 
/**
 * The manager's employee id (`Manager ID`, `Supervisor ID`, `Reports To`…);
 * a value that is no one's id is tried as a name.
 */
manager_id: string | null, 
/**
 * The manager's e-mail (`Manager Email`, `Supervisor Email`), read where the
 * manager id is empty or absent.
 */
manager_email: string | null, 
/**
 * The job title, stored as the person's role.
 */
title: string | null, 
/**
 * The department or team, stored as the person's group.
 */
department: string | null, };

/**
 * The scales and class names of the model, for pickers, legends and axes.
 */
export type ScalesDto = { 
/**
 * Always [`VIEW_VERSION`].
 */
version: number, 
/**
 * Stance −2..2 with labels.
 */
stances: Array<ScaleValueDto>, 
/**
 * Ratings 1..5 with labels.
 */
levels: Array<ScaleValueDto>, 
/**
 * low, medium, high.
 */
confidences: Array<string>, 
/**
 * The relation kinds.
 */
relation_kinds: Array<ClassDto>, 
/**
 * The editable fields of a person, in table order.
 */
fields: Array<string>, 
/**
 * Mendelow's quadrants.
 */
quadrants: Array<ClassDto>, 
/**
 * Mitchell's salience classes.
 */
salience: Array<ClassDto>, 
/**
 * Power or interest from this level up is "high".
 */
high_from: number, 
/**
 * The quadrant of every cell of the 5×5 power/interest grid.
 */
grid: Array<GridCellDto>, 
/**
 * The colour of each stance, the same as the exports'.
 */
stance_colours: Array<StanceColourDto>, 
/**
 * How each kind of tie is drawn, the same as the exports'.
 */
relation_styles: Array<RelationStyleDto>, 
/**
 * The colour of each quadrant of the grid, the same as the exports'.
 */
quadrant_colours: Array<QuadrantColourDto>, };

/**
 * A value of a scale and its label.
 */
export type ScaleValueDto = { 
/**
 * The number (stance −2..2, ratings 1..5, confidence 1..3).
 */
value: number, 
/**
 * The label, e.g. `Supportive`.
 */
label: string, };

/**
 * A named class (relation kind, quadrant, salience class) and what it means.
 */
export type ClassDto = { 
/**
 * A stable key.
 */
key: string, 
/**
 * The label.
 */
label: string, 
/**
 * What it means, in a sentence.
 */
description: string, };

/**
 * One cell of the power/interest grid.
 */
export type GridCellDto = { 
/**
 * 1..5.
 */
power: number, 
/**
 * 1..5.
 */
interest: number, 
/**
 * The quadrant key.
 */
quadrant: string, };

/**
 * The colours of one stance level.
 */
export type StanceColourDto = { 
/**
 * −2..2.
 */
value: number, 
/**
 * The fill of a person's dot, `#rrggbb`.
 */
fill: string, 
/**
 * Text that reads on the fill, `#rrggbb`.
 */
ink: string, };

/**
 * How one kind of tie is drawn.
 */
export type RelationStyleDto = { 
/**
 * The relation kind key, e.g. `reports_to`.
 */
kind: string, 
/**
 * The line colour, `#rrggbb`.
 */
colour: string, 
/**
 * The dash pattern, e.g. `8 4`; empty for a solid line.
 */
dash: string, 
/**
 * True when the line ends in an arrow (directed kinds).
 */
arrow: boolean, };

/**
 * How one quadrant of the power/interest grid is shaded.
 */
export type QuadrantColourDto = { 
/**
 * The quadrant key, e.g. `manage_closely`.
 */
key: string, 
/**
 * Its colour, `#rrggbb`.
 */
colour: string, 
/**
 * How much of the colour shades a cell over the background, 0..1.
 */
tint: number, };

/**
 * A plan as the app asks for it: for whom, how long, within what budget, aimed
 * at what.
 */
export type PlanRequestDto = { 
/**
 * The advocate who will hold the conversations (id).
 */
advocate: number, 
/**
 * The most conversations in the plan.
 */
steps: number, 
/**
 * The most effort points in all, or none.
 */
budget: number | null, 
/**
 * `support` (the default), `coalition` or `commitment`.
 */
goal: string | null, };

/**
 * A conversation plan.
 */
export type PlanDto = { 
/**
 * Always [`ANALYSIS_VERSION`].
 */
version: number, 
/**
 * The advocate (id).
 */
advocate_id: number, 
/**
 * The advocate's name.
 */
advocate: string, 
/**
 * What the plan aims at: `support`, `coalition` or `commitment`.
 */
goal: string, 
/**
 * `exact` when no plan does better for the goal ("best possible"), `greedy` when
 * it is the best one found.
 */
proof: string, 
/**
 * Support now.
 */
support_before: number, 
/**
 * Support once every step is taken.
 */
support_after: number, 
/**
 * The three measures now and once every step is taken.
 */
measures: MeasuresChangeDto, 
/**
 * The total effort of the steps.
 */
effort: number, 
/**
 * The conversations, in the order to hold them.
 */
steps: Array<PlanStepDto>, 
/**
 * Whom not to talk to for now.
 */
avoid: Array<AvoidDto>, 
/**
 * People left out because they were talked to in the last 30 days, latest first.
 */
skipped_recent: Array<RecentTalkDto>, 
/**
 * Ratings to check before acting on the plan (an advocate rated resistant).
 */
warnings: Array<string>, 
/**
 * A range for the plan's gain from re-sampled ratings.
 */
range: RangeDto, 
/**
 * The stance and openness ratings whose one-level error would change the plan
 * most, costliest first (support goal only).
 */
check_first: Array<CheckFirstDto>, };

/**
 * The three measures of where the change stands, for one set of predictions.
 */
export type MeasuresDto = { 
/**
 * The support score, −100..+100: round(100·F).
 */
score: number, 
/**
 * F itself, −1..1.
 */
support: number, 
/**
 * How many people are predicted Supportive or better.
 */
supporters: number, 
/**
 * How many people there are.
 */
people: number, 
/**
 * The supporters' share of the power, 0..1.
 */
supporter_power: number, 
/**
 * The power share of the people predicted at or beyond their target, 0..1.
 */
committed_power: number, 
/**
 * The three in words: "Support score 3; supporters 12 of 34, holding 41% of the
 * power; 20% of the power at target".
 */
summary: string, };

/**
 * The three measures before and after a plan or a what-if.
 */
export type MeasuresChangeDto = { 
/**
 * Before.
 */
before: MeasuresDto, 
/**
 * After.
 */
after: MeasuresDto, 
/**
 * The change in words: "Support score 3 → 12; supporters 12 of 34, holding 41%
 * of the power → 14 of 34, holding 48%; power at target 20% → 31%".
 */
summary: string, };

/**
 * One conversation of the plan.
 */
export type PlanStepDto = { 
/**
 * Whom to talk to (id).
 */
id: number, 
/**
 * Whom to talk to (name).
 */
name: string, 
/**
 * The support it adds.
 */
gain: number, 
/**
 * Its share of the plan's gain, 0..1.
 */
share: number, 
/**
 * The effort of the conversation, 1..5.
 */
effort: number, 
/**
 * Why, in a sentence.
 */
reason: string, 
/**
 * Who can introduce the advocate, nearest the advocate first (at most three).
 */
introduced_by: Array<string>, 
/**
 * The introduction path as ids: the advocate, the introducers, the person.
 */
path: Array<number>, 
/**
 * The warmth of the way in, ρ^(introducers)·Π w with ρ = 0.5, in (0, 1]:
 * 1 is a direct, strongest tie. `None` when no warm path exists.
 */
warmth: number | null, 
/**
 * The people through whom most of the gain flows (who warm), with their share
 * of the gain: they cover 80% of it, or are the three largest.
 */
flows_through: Array<FlowDto>, 
/**
 * The people through whom part of the gain is lost (who harden), negative shares.
 */
losses_through: Array<FlowDto>, 
/**
 * Whose predicted band the step changes, the person talked to first.
 */
band_changes: Array<BandChangeDto>, 
/**
 * The chance of reaching them, 0..1: the warmth of the way in, 0.1 for a cold
 * approach.
 */
reach: number, 
/**
 * reach × gain: the support to expect from the step.
 */
expected_gain: number, 
/**
 * With no warm path, the nearest person who could help (name), if anyone has a
 * tie to them.
 */
helper: string | null, 
/**
 * How often they stay in the plan when ratings are re-sampled, 0..1 (support
 * goal only).
 */
stays: number | null, };

/**
 * Part of a step's gain that comes through one person.
 */
export type FlowDto = { 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * Their predicted change of opinion, Δz.
 */
change: number, 
/**
 * Their share of the step's gain.
 */
share: number, };

/**
 * A predicted band change a step causes.
 */
export type BandChangeDto = { 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * The band before the step, e.g. `Resistant`.
 */
from: string, 
/**
 * The band after it, e.g. `Neutral`.
 */
to: string, };

/**
 * Someone whom talking to would backfire.
 */
export type AvoidDto = { 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * The (negative) change of support.
 */
gain: number, 
/**
 * The person whose opinion would drop most (name).
 */
hardens: string, 
/**
 * Why, in a sentence.
 */
reason: string, };

/**
 * Someone left out of the plan because they were talked to lately.
 */
export type RecentTalkDto = { 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * The day of their latest conversation, YYYY-MM-DD.
 */
date: string, };

/**
 * The plan's gain when ratings are re-sampled one level up or down, with a chance
 * by confidence (low 0.5, medium 0.3, high 0.1).
 */
export type RangeDto = { 
/**
 * The 10th percentile of the plan's gain (ΔF).
 */
low: number, 
/**
 * The 90th percentile.
 */
high: number, 
/**
 * How many samples.
 */
samples: number, 
/**
 * The seed: the same seed gives the same range.
 */
seed: number, };

/**
 * A rating to check first.
 */
export type CheckFirstDto = { 
/**
 * Whose rating (id).
 */
id: number, 
/**
 * Whose rating (name).
 */
name: string, 
/**
 * `stance` or `openness`.
 */
rating: string, 
/**
 * The rating now, e.g. `Resistant`.
 */
now: string, 
/**
 * The rating one level off that would change the plan most.
 */
if_off: string, 
/**
 * The expected support (ΔF) the plan as it stands would leave on the table.
 */
regret: number, 
/**
 * Who would come into the plan (names).
 */
joins: Array<string>, 
/**
 * Who would leave it (names).
 */
leaves: Array<string>, 
/**
 * In words: "If Graham's openness is Low rather than Medium, Ivo comes into the
 * plan in place of Graham."
 */
summary: string, };

/**
 * A what-if as the app sends it: whom to talk to and which stances to try, by id.
 */
export type WhatIfDto = { 
/**
 * People to hold one conversation with each.
 */
talk: Array<number>, 
/**
 * Stances to try, −2..2.
 */
stances: Array<TryStanceDto>, };

/**
 * A stance to try for one person.
 */
export type TryStanceDto = { 
/**
 * The person.
 */
id: number, 
/**
 * −2..2.
 */
stance: number, };

/**
 * The predicted outcome of a what-if.
 */
export type SimulationDto = { 
/**
 * Always [`ANALYSIS_VERSION`].
 */
version: number, 
/**
 * Support without the changes.
 */
support_before: number, 
/**
 * Support with them.
 */
support: number, 
/**
 * The three measures without and with the changes.
 */
measures: MeasuresChangeDto, 
/**
 * Everyone's predicted opinion.
 */
people: Array<PredictedDto>, };

/**
 * One person's predicted opinion, z ∈ [−1, 1].
 */
export type PredictedDto = { 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * Their stance as rated, −2..2 scaled to [−1, 1].
 */
stance: number, 
/**
 * Their own opinion after the tried stances and conversations.
 */
stance_after: number, 
/**
 * Predicted opinion without the changes.
 */
predicted_before: number, 
/**
 * Predicted opinion with them.
 */
predicted: number, 
/**
 * `supportive`, `neutral` or `resistant`, from the model's thresholds.
 */
outlook: string, 
/**
 * The predicted band without the changes, e.g. `Resistant`.
 */
band_before: string, 
/**
 * The predicted band with them, e.g. `Neutral`.
 */
band: string, };

/**
 * Graph metrics of everyone.
 */
export type MetricsDto = { 
/**
 * Always [`ANALYSIS_VERSION`].
 */
version: number, 
/**
 * Everyone, in name order.
 */
people: Array<PersonMetricsDto>, 
/**
 * True when betweenness was sampled (big maps) rather than exact.
 */
sampled: boolean, 
/**
 * The number of (source, target) pairs betweenness was sampled from, when it was.
 */
sample: number | null, 
/**
 * When sampled: every betweenness is within ± this of exact ...
 */
betweenness_epsilon: number | null, 
/**
 * ... with probability at least 1 − this.
 */
betweenness_delta: number | null, 
/**
 * How many groups of mutually-influencing people there are.
 */
groups: number, };

/**
 * One person's metrics.
 */
export type PersonMetricsDto = { 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * Weighted PageRank: how much they are listened to.
 */
pagerank: number, 
/**
 * Normalised betweenness 0..1: how much they broker.
 */
betweenness: number, 
/**
 * Influence reaching them.
 */
influence_in: number, 
/**
 * Influence they exert.
 */
influence_out: number, 
/**
 * Their group of mutually-influencing people, if any.
 */
group: number | null, };

/**
 * The map summarised by group.
 */
export type GroupMapDto = { 
/**
 * Always [`VIEW_VERSION`].
 */
version: number, 
/**
 * Everyone on the map.
 */
people: number, 
/**
 * Maps of more people than this open at group level ([`GROUP_LEVEL_ABOVE`]).
 */
threshold: number, 
/**
 * The groups, biggest first (ties by name).
 */
groups: Array<GroupDto>, 
/**
 * The ties between two groups, summed per pair of groups, most ties first.
 */
links: Array<GroupLinkDto>, };

/**
 * One group (org unit).
 */
export type GroupDto = { 
/**
 * The group's key (its name, case-folded): what links name.
 */
key: string, 
/**
 * The group's name as written, or [`NO_GROUP`].
 */
name: string, 
/**
 * Its people's ids.
 */
members: Array<number>, 
/**
 * How many people hold each stance, from Active resistance (−2) to Champion (+2).
 */
stances: [number, number, number, number, number], 
/**
 * How many of them are advocates.
 */
advocates: number, 
/**
 * Ties between two of its people.
 */
inner_ties: number, 
/**
 * Where it is drawn: the centre of its people's places.
 */
x: number, 
/**
 * Where it is drawn, down.
 */
y: number, 
/**
 * How far its people reach from the centre.
 */
radius: number, };

/**
 * The ties between two groups, in either direction.
 */
export type GroupLinkDto = { 
/**
 * One group's key (the smaller).
 */
a: string, 
/**
 * The other group's key.
 */
b: string, 
/**
 * How many ties join them.
 */
ties: number, 
/**
 * How many of those are conflicts.
 */
conflicts: number, 
/**
 * The ties' strengths summed.
 */
strength: number, };

/**
 * Where the shown map sits in time, and what is out of date in it.
 */
export type TimelineDto = { 
/**
 * Always [`TIMELINE_VERSION`].
 */
version: number, 
/**
 * The past day shown (YYYY-MM-DD), or `None` for the map as it is now. A past
 * view is read-only.
 */
as_of: string | null, 
/**
 * The first day of the stance history: the earliest day the map can be shown as of.
 */
first_day: string | null, 
/**
 * Today (YYYY-MM-DD): the latest day the map can be shown as of.
 */
today: string, 
/**
 * A rating not confirmed by a conversation for more than this many days is stale.
 */
stale_days: number, 
/**
 * People whose rating is stale on the day shown, oldest first.
 */
stale: Array<StaleDto>, 
/**
 * Next steps past due on the day shown, most overdue first.
 */
overdue: Array<OverdueDto>, };

/**
 * A person whose rating no conversation has confirmed lately.
 */
export type StaleDto = { 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * The last conversation with them, or their last recorded stance (YYYY-MM-DD).
 */
last_confirmed: string, 
/**
 * Days since then.
 */
days: number, 
/**
 * True when nobody has ever logged a conversation with them.
 */
never_met: boolean, };

/**
 * A next step whose due date has passed with no conversation since.
 */
export type OverdueDto = { 
/**
 * Whom the step is with (id).
 */
id: number, 
/**
 * Whom the step is with (name).
 */
name: string, 
/**
 * What was agreed.
 */
next_step: string, 
/**
 * When it was due (YYYY-MM-DD).
 */
due: string, 
/**
 * Days past due.
 */
days_late: number, 
/**
 * The advocate who held the conversation that set it.
 */
held_by: string | null, };

/**
 * What changed between two dates.
 */
export type DiffDto = { 
/**
 * Always [`TIMELINE_VERSION`].
 */
version: number, 
/**
 * The first day (YYYY-MM-DD).
 */
from: string, 
/**
 * The second day (YYYY-MM-DD).
 */
to: string, 
/**
 * Support score at the first day.
 */
support_from: number, 
/**
 * Support score at the second day.
 */
support_to: number, 
/**
 * Everyone whose stance changed, biggest move first.
 */
moved: Array<MovedDto>, 
/**
 * People on the map at the second day but not the first.
 */
added: Array<string>, 
/**
 * People on the map at the first day but not the second.
 */
removed: Array<string>, };

/**
 * Someone whose stance differs between the two dates.
 */
export type MovedDto = { 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * Stance level at the first day, −2..2.
 */
from: number, 
/**
 * Stance level at the second day.
 */
to: number, 
/**
 * `to − from`: positive is toward support.
 */
change: number, 
/**
 * e.g. "Resistant → Neutral".
 */
label: string, };

/**
 * A saved plan against what has happened since it was saved.
 */
export type ProgressDto = { 
/**
 * Always [`TIMELINE_VERSION`].
 */
version: number, 
/**
 * The advocate's name.
 */
advocate: string, 
/**
 * The day the plan was saved (YYYY-MM-DD).
 */
saved_on: string, 
/**
 * The steps, in plan order.
 */
steps: Array<StepProgressDto>, 
/**
 * How many steps were held.
 */
held: number, 
/**
 * Support when the plan was saved.
 */
support_then: number, 
/**
 * Support now.
 */
support_now: number, 
/**
 * The support the plan predicted once every step is taken.
 */
support_planned: number, 
/**
 * "3 of 5 conversations held; support 0.120 → 0.310 (the plan aimed at 0.400)".
 */
summary: string, };

/**
 * One step of a saved plan and whether it was held.
 */
export type StepProgressDto = { 
/**
 * Whom to talk to (id).
 */
id: number, 
/**
 * Whom to talk to (name).
 */
name: string, 
/**
 * The support it was predicted to add.
 */
gain: number, 
/**
 * Why, as the plan said it.
 */
reason: string, 
/**
 * The day of the first conversation with them since the plan was saved
 * (YYYY-MM-DD); `None` while it is still to do.
 */
held_on: string | null, };

/**
 * Everything to read before talking to someone.
 */
export type BriefDto = { 
/**
 * Always [`TIMELINE_VERSION`].
 */
version: number, 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * Role or title.
 */
role: string, 
/**
 * Group.
 */
group: string, 
/**
 * Current stance label.
 */
stance: string, 
/**
 * Target stance label.
 */
target: string, 
/**
 * Target minus current stance, in levels.
 */
gap: number, 
/**
 * What they care about.
 */
notes: string, 
/**
 * Whose opinion reaches them, strongest first.
 */
listens_to: Array<ListenerDto>, 
/**
 * Their step in the plan (1-based), if they are in it.
 */
plan_step: number | null, 
/**
 * Why they are in the plan.
 */
plan_reason: string | null, 
/**
 * The most recent conversations, newest first.
 */
conversations: Array<BriefConversationDto>, };

/**
 * Someone whose opinion reaches the person.
 */
export type ListenerDto = { 
/**
 * Who (id).
 */
id: number, 
/**
 * Who (name).
 */
name: string, 
/**
 * How their opinion reaches the person, e.g. "is their manager".
 */
tie: string, 
/**
 * Tie strength, 1..5.
 */
strength: number, 
/**
 * Their stance label.
 */
stance: string, 
/**
 * True for a conflict tie: their support pushes the other way.
 */
opposed: boolean, };

/**
 * A past conversation, for the brief.
 */
export type BriefConversationDto = { 
/**
 * When (YYYY-MM-DD).
 */
date: string, 
/**
 * The advocate who held it.
 */
held_by: string | null, 
/**
 * Meeting, call…
 */
channel: string, 
/**
 * What was said.
 */
summary: string, 
/**
 * The agreed next step.
 */
next_step: string, };

/**
 * Files to import, and how.
 */
export type ImportRequestDto = { 
/**
 * The files, as the native dialog or a drop gave them.
 */
paths: Array<string>, 
/**
 * Keep people already in the map and add the rest (conflicts are listed).
 */
merge: boolean, 
/**
 * For an org chart: which header to read as what, when the user corrected
 * what was recognised; `None` to recognise the columns by their names.
 */
columns: OrgColumns | null, };

/**
 * What an import would do, shown before anything changes.
 */
export type ImportPreviewDto = { 
/**
 * The files read, by name.
 */
files: Array<string>, 
/**
 * People that would be added.
 */
people: number, 
/**
 * Ties that would be added.
 */
relations: number, 
/**
 * Conversations that would be added.
 */
engagements: number, 
/**
 * The first names of the people added (at most [`ImportPreviewDto::SHOWN`]).
 */
added: Array<string>, 
/**
 * People already in the map, kept as they are (merge).
 */
kept: Array<string>, 
/**
 * Ties already in the map, skipped (merge).
 */
skipped_relations: number, 
/**
 * Conversations already in the map, skipped.
 */
skipped_engagements: number, 
/**
 * Mutual ties the files list both ways, each kept once (the stronger).
 */
merged_ties: Array<string>, 
/**
 * Where the file and the map disagree (merge); the map wins.
 */
conflicts: Array<ConflictDto>, 
/**
 * True when a JSON map's name, description and history are adopted.
 */
restores_map: boolean, 
/**
 * Every problem, with its file, row, column and fix; the import applies only
 * when there is none.
 */
problems: Array<string>, 
/**
 * Things worth knowing that do not stop the import.
 */
warnings: Array<string>, 
/**
 * For an org chart: which header was read as what (the user may correct it).
 */
columns: OrgColumns | null, 
/**
 * For an org chart: its header, the choices for each column.
 */
headers: Array<string>, };

/**
 * A field where the file and the map disagree; the map's value is kept.
 */
export type ConflictDto = { 
/**
 * The person or tie.
 */
name: string, 
/**
 * The field.
 */
field: string, 
/**
 * The map's value, which is kept.
 */
in_map: string, 
/**
 * The file's value, which is not applied.
 */
in_file: string, };

/**
 * Everything the export dialog offers for the open map.
 */
export type ExportChoicesDto = { 
/**
 * The formats, in the order shown.
 */
formats: Array<FormatDto>, 
/**
 * The privacy profiles, the full map first.
 */
profiles: Array<ProfileDto>, 
/**
 * The name the save dialog proposes, from the map's name (no extension).
 */
file_stem: string, };

/**
 * One export format as the export dialog offers it.
 */
export type FormatDto = { 
/**
 * The key the export request names, e.g. `html`.
 */
key: string, 
/**
 * What people call it, e.g. "HTML report".
 */
label: string, 
/**
 * What it is for, in a few words.
 */
hint: string, 
/**
 * The file extension the save dialog proposes.
 */
extension: string, 
/**
 * True when it draws a picture of the network or the grid (a view to choose).
 */
picture: boolean, 
/**
 * True when it writes several files into a folder (CSV).
 */
folder: boolean, };

/**
 * One privacy profile as the export dialog offers it.
 */
export type ProfileDto = { 
/**
 * The key the export request names, e.g. `pseudonymous`.
 */
key: string, 
/**
 * What people call it.
 */
label: string, 
/**
 * What it leaves out of this map, in a sentence with counts.
 */
removes: string, 
/**
 * What it generalises in this map, one line per kind, e.g. "12 roles held by
 * fewer than 3 people generalised to a level (Senior leader, Manager, Staff)",
 * "3 groups merged into 'Other units'"; empty for the other profiles.
 */
generalised: Array<string>, 
/**
 * The name the save dialog proposes under this profile (no extension): the
 * map's, except for the pseudonymous profile, whose files must not carry it.
 */
file_stem: string, };

/**
 * What to export.
 */
export type ExportRequestDto = { 
/**
 * The format's key (see [`FormatDto::key`]).
 */
format: string, 
/**
 * For the picture formats: `network` (by group above 2,000 people, everyone
 * below), `full-network` (everyone), `group-network` (by group) or `grid`.
 */
view: string, 
/**
 * The privacy profile's key.
 */
profile: string, 
/**
 * The advocate whose plan the HTML report shows; `None` for the first one.
 */
advocate: number | null, };

/**
 * What an export wrote.
 */
export type ExportedDto = { 
/**
 * The files written, full paths.
 */
paths: Array<string>, 
/**
 * Their total size in bytes.
 */
bytes: number, 
/**
 * The file (or folder, for CSV) to offer to open.
 */
open: string, };

/**
 * How far a long export has come, sent to the app as it goes.
 */
export type ExportProgressDto = { 
/**
 * What is being done, e.g. "writing people".
 */
stage: string, 
/**
 * Items done in this stage.
 */
done: number, 
/**
 * Items in this stage.
 */
total: number, };

/**
 * How far an import (or its preview) has come, sent to the app as it goes:
 * rows read, and bytes of the CSV sheets read of their size together.
 */
export type ImportProgressDto = { 
/**
 * Rows read so far (people and ties, every file).
 */
rows: number, 
/**
 * Bytes of the streamed sheets read so far.
 */
bytes: number, 
/**
 * The size of the streamed sheets together (0 when nothing streams).
 */
total_bytes: number, };


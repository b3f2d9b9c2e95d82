// The DTOs the shell sends (coalition::formats::view and ::analysis). Mirrors of
// the Rust structs; the rules behind their values live in the core.

export interface PersonDto {
  id: number;
  name: string;
  role: string;
  group: string;
  tags: string[];
  notes: string;
  stance: number;
  stance_label: string;
  target: number;
  target_label: string;
  gap: number;
  power: number;
  interest: number;
  openness: number;
  legitimacy: boolean;
  urgency: boolean;
  confidence: string;
  effort: number;
  advocate: boolean;
  position: [number, number] | null;
  quadrant: string;
  salience: string;
}

export interface TieDto {
  id: number;
  from: number;
  to: number;
  from_name: string;
  to_name: string;
  kind: string;
  strength: number;
  note: string;
  flow: 'forward' | 'backward' | 'both';
  negative: boolean;
}

export interface ConversationDto {
  id: number;
  date: string;
  stakeholder: number;
  stakeholder_name: string;
  held_by: string | null;
  held_by_id: number | null;
  channel: string;
  summary: string;
  stance_before: string | null;
  stance_after: string | null;
  next_step: string;
  next_step_due: string | null;
}

export interface WorkspaceDto {
  version: number;
  path: string;
  name: string;
  change: string;
  description: string;
  people: PersonDto[];
  /** The advocate to plan for first (the most powerful; ties by name). */
  lead_advocate: number | null;
  relations: TieDto[];
  engagements: ConversationDto[];
  groups: string[];
  tags: string[];
  undo: string | null;
  redo: string | null;
  /** The day shown (a past day is read-only), the range it can be, staleness. */
  timeline: TimelineDto;
}

export interface StaleDto {
  id: number;
  name: string;
  last_confirmed: string;
  days: number;
  never_met: boolean;
}

export interface OverdueDto {
  id: number;
  name: string;
  next_step: string;
  due: string;
  days_late: number;
  held_by: string | null;
}

export interface TimelineDto {
  version: number;
  as_of: string | null;
  first_day: string | null;
  today: string;
  stale_days: number;
  stale: StaleDto[];
  overdue: OverdueDto[];
}

export interface MovedDto {
  id: number;
  name: string;
  from: number;
  to: number;
  change: number;
  label: string;
}

export interface DiffDto {
  version: number;
  from: string;
  to: string;
  support_from: number;
  support_to: number;
  moved: MovedDto[];
  added: string[];
  removed: string[];
}

export interface StepProgressDto {
  id: number;
  name: string;
  gain: number;
  reason: string;
  held_on: string | null;
}

export interface ProgressDto {
  version: number;
  advocate: string;
  saved_on: string;
  steps: StepProgressDto[];
  held: number;
  support_then: number;
  support_now: number;
  support_planned: number;
  summary: string;
}

export interface ListenerDto {
  id: number;
  name: string;
  tie: string;
  strength: number;
  stance: string;
  opposed: boolean;
}

export interface BriefConversationDto {
  date: string;
  held_by: string | null;
  channel: string;
  summary: string;
  next_step: string;
}

export interface BriefDto {
  version: number;
  id: number;
  name: string;
  role: string;
  group: string;
  stance: string;
  target: string;
  gap: number;
  notes: string;
  listens_to: ListenerDto[];
  plan_step: number | null;
  plan_reason: string | null;
  conversations: BriefConversationDto[];
}

export interface EditedDto {
  view: WorkspaceDto;
  id: number | null;
  done: string | null;
}

export interface ScaleValueDto {
  value: number;
  label: string;
}

export interface ClassDto {
  key: string;
  label: string;
  description: string;
}

export interface ScalesDto {
  version: number;
  stances: ScaleValueDto[];
  levels: ScaleValueDto[];
  confidences: string[];
  relation_kinds: ClassDto[];
  fields: string[];
  quadrants: ClassDto[];
  salience: ClassDto[];
  high_from: number;
  grid: { power: number; interest: number; quadrant: string }[];
}

export interface NewTieDto {
  from: number;
  to: number;
  kind: string;
  strength: number;
  note: string;
}

export interface NewConversationDto {
  stakeholder: number;
  date: string;
  held_by: number | null;
  channel: string;
  summary: string;
  stance_before: string | null;
  stance_after: string | null;
  next_step: string;
  next_step_due: string | null;
}

export interface PlaceDto {
  id: number;
  x: number;
  y: number;
}

export interface PlanStepDto {
  id: number;
  name: string;
  gain: number;
  share: number;
  reason: string;
  introduced_by: string[];
  path: number[];
}

export interface AvoidDto {
  id: number;
  name: string;
  gain: number;
  reason: string;
}

export interface PlanDto {
  version: number;
  advocate: string;
  support_before: number;
  support_after: number;
  steps: PlanStepDto[];
  avoid: AvoidDto[];
}

export interface PredictedDto {
  id: number;
  name: string;
  stance: number;
  predicted_before: number;
  predicted: number;
  outlook: string;
}

export interface SimulationDto {
  version: number;
  support_before: number;
  support: number;
  people: PredictedDto[];
}

export interface WhatIfDto {
  talk: number[];
  stances: { id: number; stance: number }[];
}

/** An error from the shell: a machine-readable kind and a sentence for people. */
export interface AppError {
  kind: string;
  message: string;
  /** The map concerned, when the app can act on it (a `damaged` map can be recovered). */
  path?: string;
}

/** What recovering a damaged map got back and left behind. */
export interface RecoveryDto {
  source: string;
  path: string;
  people: number;
  ties: number;
  conversations: number;
  plans_left: number;
  skipped: string[];
}

/** A recovered map, opened. */
export interface RecoveredDto {
  view: WorkspaceDto;
  recovery: RecoveryDto;
}

export interface PersonMetricsDto {
  id: number;
  pagerank: number;
  betweenness: number;
  influence_in: number;
  influence_out: number;
  group: number | null;
}

export interface MetricsDto {
  version: number;
  people: PersonMetricsDto[];
  sampled: boolean;
}

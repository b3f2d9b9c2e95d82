// Test fixtures: small view DTOs as the shell would send them.

import { mockIPC } from '@tauri-apps/api/mocks';
import type { BriefDto, Derived, MeasuresChangeDto, PersonDto, PlanDto, PlanStepDto, ScalesDto, TieDto, WorkspaceDto } from './types';

export function person(id: number, name: string, extra: Partial<PersonDto> = {}): PersonDto {
  return {
    id,
    name,
    role: '',
    group: '',
    tags: [],
    notes: '',
    stance: 0,
    stance_label: 'Neutral',
    target: 0,
    target_label: 'Neutral',
    gap: 0,
    power: 3,
    interest: 3,
    openness: 3,
    legitimacy: false,
    urgency: false,
    confidence: 'medium',
    effort: 1,
    advocate: false,
    position: null,
    quadrant: 'monitor',
    salience: 'none',
    ...extra,
  };
}

export function tie(id: number, from: number, to: number, kind = 'influences'): TieDto {
  return {
    id,
    from,
    to,
    kind,
    strength: 3,
    note: '',
    flow: kind === 'allied' || kind === 'conflict' ? 'both' : kind === 'influences' ? 'forward' : 'backward',
    negative: kind === 'conflict',
  };
}

export function workspace(extra: Partial<WorkspaceDto> = {}): WorkspaceDto {
  return {
    version: 3,
    path: '/maps/test.coalition',
    name: 'Test',
    change: '',
    description: '',
    people: [
      person(1, 'Ana', { advocate: true, stance: 2, group: 'Finance', tags: ['sponsor'] }),
      person(2, 'Bo', { stance: -1, group: 'Ops', role: 'Plant manager' }),
      person(3, 'Cy', { group: 'Ops', notes: 'Worried about overtime' }),
    ],
    lead_advocate: 1,
    relations: [tie(10, 2, 1, 'reports_to'), tie(11, 3, 2, 'conflict')],
    engagements: [],
    groups: ['Finance', 'Ops'],
    tags: ['sponsor'],
    undo: null,
    redo: null,
    theta: 0.5,
    revision: 1,
    timeline: {
      version: 1,
      as_of: null,
      first_day: '2026-08-19',
      today: '2026-11-28',
      stale_days: 45,
      stale: [],
      overdue: [],
    },
    ...extra,
  };
}

export const scales: ScalesDto = {
  version: 1,
  stances: [
    { value: -2, label: 'Active resistance' },
    { value: -1, label: 'Resistant' },
    { value: 0, label: 'Neutral' },
    { value: 1, label: 'Supportive' },
    { value: 2, label: 'Champion' },
  ],
  levels: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: `L${v}` })),
  confidences: ['low', 'medium', 'high'],
  relation_kinds: [],
  fields: [],
  quadrants: [],
  salience: [],
  high_from: 4,
  grid: [],
  stance_colours: [
    { value: -2, fill: '#b84a00', ink: '#ffffff' },
    { value: -1, fill: '#f0a35e', ink: '#111111' },
    { value: 0, fill: '#bababa', ink: '#111111' },
    { value: 1, fill: '#66c2a5', ink: '#111111' },
    { value: 2, fill: '#00785f', ink: '#ffffff' },
  ],
  relation_styles: [
    { kind: 'reports_to', colour: '#2c3e50', dash: '6 3', arrow: true },
    { kind: 'conflict', colour: '#c0392b', dash: '8 4', arrow: false },
  ],
  quadrant_colours: [
    { key: 'manage_closely', colour: '#d6604d', tint: 0.18 },
    { key: 'monitor', colour: '#95a5a6', tint: 0.18 },
  ],
};

/** Bo's brief; `plan_reason` tells one answer from another. */
export function brief(plan_reason = 'Bo first'): BriefDto {
  return {
    version: 1,
    id: 2,
    name: 'Bo',
    role: '',
    group: '',
    stance: 'Resistant',
    target: 'Supportive',
    gap: 2,
    notes: '',
    listens_to: [],
    plan_step: 1,
    plan_reason,
    conversations: [],
  };
}

/** Every derived result: what an edit of a tie or a person makes stale. */
export const ALL_STALE: Derived[] = ['plan', 'metrics', 'progress', 'simulation', 'brief'];

/** What the mocked shell answers for one command. */
export type Handler = (args: Record<string, unknown>) => unknown;

/** Mocks the shell (mockIPC): every invoke is recorded in the returned list and
 * answered by `handlers[cmd]`, looked up at call time so tests can change them;
 * an unmocked command fails like an internal error. */
export function mockShell(handlers: Record<string, Handler>): [string, Record<string, unknown>][] {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, (args ?? {}) as Record<string, unknown>]);
    const h = handlers[cmd];
    if (!h) throw { kind: 'internal', message: `no mock for ${cmd}` };
    return h((args ?? {}) as Record<string, unknown>);
  });
  return calls;
}

/** The three measures before and after, for a plan or what-if of support `before` → `after`. */
export function measures(before: number, after: number): MeasuresChangeDto {
  const m = (support: number) => ({
    score: Math.round(support * 100),
    support,
    supporters: 1,
    people: 3,
    supporter_power: 0.3,
    committed_power: 0.2,
    summary: `Support score ${Math.round(support * 100)}`,
  });
  return { before: m(before), after: m(after), summary: 'Support score' };
}

/** A plan step with the reach and flows a model-v2 plan carries. */
export function step(extra: Partial<PlanStepDto> & Pick<PlanStepDto, 'id' | 'name' | 'gain'>): PlanStepDto {
  return {
    share: 1,
    effort: 1,
    reason: `Reach ${extra.name}`,
    introduced_by: [],
    path: [1, extra.id],
    warmth: 1,
    flows_through: [],
    losses_through: [],
    band_changes: [],
    reach: 1,
    expected_gain: extra.gain,
    helper: null,
    stays: null,
    ...extra,
  };
}

/** A plan for Ana with these steps, support `before` → `after`. */
export function planOf(steps: PlanStepDto[], before: number, after: number): PlanDto {
  return {
    version: 3,
    advocate_id: 1,
    advocate: 'Ana',
    goal: 'support',
    proof: 'exact',
    support_before: before,
    support_after: after,
    measures: measures(before, after),
    effort: steps.reduce((a, s) => a + s.effort, 0),
    steps,
    avoid: [],
    skipped_recent: [],
    warnings: [],
    range: { low: after - before, high: after - before, samples: 0, seed: 1 },
    check_first: [],
  };
}

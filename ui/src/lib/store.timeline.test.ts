// The store over time: logging and editing conversations, saved-plan progress,
// the map as of a past day (read-only), comparisons and the brief (mockIPC).

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { AppStore } from './store.svelte';
import { ALL_STALE, brief, mockShell, person, scales, workspace, type Handler } from './fixtures.test-helpers';
import type { ConversationDto, ProgressDto, WorkspaceDto } from './types';

let calls: [string, Record<string, unknown>][];
let handlers: Record<string, Handler>;

const progress = (held: number, now: number): ProgressDto => ({
  version: 1,
  advocate: 'Ana',
  saved_on: '2026-11-28',
  steps: [
    { id: 2, name: 'Bo', gain: 0.2, reason: 'Bo first', held_on: held > 0 ? '2026-11-28' : null },
    { id: 3, name: 'Cy', gain: 0.1, reason: 'then Cy', held_on: null },
  ],
  held,
  support_then: 0.1,
  support_now: now,
  support_planned: 0.4,
  summary: `${held} of 2 conversations held; support 0.100 → ${now.toFixed(3)}`,
});

function past(day: string): WorkspaceDto {
  const view = workspace({ people: [person(1, 'Ana', { advocate: true }), person(2, 'Bo', { stance: -2 })] });
  view.timeline = { ...view.timeline, as_of: day };
  return view;
}

beforeEach(() => {
  handlers = {
    scales: () => scales,
    current_map: () => workspace(),
    recent_maps: () => [],
    metrics: () => ({ version: 1, people: [], sampled: false }),
    plan_progress: () => null,
  };
  calls = mockShell(handlers);
});

afterEach(() => clearMocks());

async function ready(): Promise<AppStore> {
  const s = new AppStore();
  await s.init();
  return s;
}

describe('conversations', () => {
  test('a plan step opens the form with that person, the advocate and their stance', async () => {
    const s = await ready();
    s.startLog(2, 1);
    expect(s.draft?.id).toBeNull();
    expect(s.draft?.talk).toMatchObject({ stakeholder: 2, held_by: 1, stance_before: '-1', stance_after: null });
    expect(s.draft?.talk.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('logging sends the form, closes it and refreshes the plan progress', async () => {
    const s = await ready();
    let logged = false;
    handlers.plan_progress = () => (logged ? progress(1, 0.3) : progress(0, 0.1));
    handlers.add_engagement = () => {
      logged = true;
      return { view: workspace({ undo: 'Record conversation' }), id: 7, done: null, stale: ['plan', 'progress', 'simulation', 'brief'] };
    };
    await s.refreshProgress();
    expect(s.progress?.held).toBe(0);
    s.startLog(2, 1);
    s.draft!.talk.summary = 'Went well';
    s.draft!.talk.stance_after = '1';
    s.draft!.talk.next_step_due = '';
    expect(await s.saveDraft()).toBe(true);
    const sent = calls.find(([c]) => c === 'add_engagement')![1].talk as Record<string, unknown>;
    expect(sent).toMatchObject({ stakeholder: 2, held_by: 1, summary: 'Went well', stance_after: '1', next_step_due: null });
    expect(s.draft).toBeNull();
    await s.refreshProgress();
    expect(s.progress?.held).toBe(1);
    expect(s.progress?.steps[0].held_on).toBe('2026-11-28');
  });

  test('editing a conversation sends its id and the advocate by id; a refusal keeps the form open', async () => {
    const s = await ready();
    const c: ConversationDto = {
      id: 5,
      date: '2026-10-01',
      stakeholder: 2,
      stakeholder_name: 'Bo',
      held_by: 'Ana',
      held_by_id: 1,
      channel: 'call',
      summary: '<img src=x onerror=alert(1)>',
      stance_before: 'Resistant',
      stance_after: 'Neutral',
      next_step: 'Send numbers',
      next_step_due: '2026-10-15',
    };
    handlers.update_engagement = () => {
      throw { kind: 'invalid', message: "the date '2026-13-01' is not a date; write it as YYYY-MM-DD" };
    };
    s.startEdit(c);
    s.draft!.talk.date = '2026-13-01';
    expect(await s.saveDraft()).toBe(false);
    expect(s.draft?.id).toBe(5);
    expect(s.toasts.at(-1)?.text).toContain('YYYY-MM-DD');
    const [, args] = calls.find(([cmd]) => cmd === 'update_engagement')!;
    expect(args.id).toBe(5);
    expect(args.talk).toMatchObject({ held_by: 1, stance_after: 'Neutral', summary: c.summary });
  });

  test('saving a plan is an edit and loads its progress', async () => {
    const s = await ready();
    handlers.save_plan = () => ({ view: workspace({ undo: 'Save plan for Ana' }), id: null, done: null, stale: ['progress'] });
    handlers.plan_progress = () => progress(0, 0.1);
    await s.savePlan();
    expect(calls.find(([c]) => c === 'save_plan')![1]).toEqual({ request: { advocate: 1, steps: 5, budget: null, goal: 'support' } });
    await s.refreshProgress();
    expect(s.progress?.summary).toContain('0 of 2 conversations held');
  });
});

describe('the map over time', () => {
  test('a past day is shown read-only, refuses edits, and today comes back', async () => {
    const s = await ready();
    handlers.view_as_of = ({ day }) => past(String(day));
    await s.showAsOf('2026-08-26');
    expect(calls.find(([c]) => c === 'view_as_of')![1]).toEqual({ day: '2026-08-26' });
    expect(s.asOf).toBe('2026-08-26');
    expect(s.readOnly).toBe(true);
    expect(s.view?.people.find((p) => p.id === 2)?.stance).toBe(-2);
    expect(s.progress).toBeNull();
    expect(s.metrics).toBeNull();

    handlers.set_field = () => ({ view: workspace(), id: null, done: null, stale: ALL_STALE });
    expect(await s.setField(2, 'stance', 'Neutral')).toBe(false);
    expect(calls.some(([c]) => c === 'set_field')).toBe(false);
    expect(s.toasts.at(-1)?.text).toBe('You are viewing the map as of 26 Aug 2026; go back to today to change it.');

    await s.showAsOf(null);
    expect(s.readOnly).toBe(false);
    expect(s.view?.people).toHaveLength(3);
  });

  test('the plan is made from the day shown', async () => {
    const s = await ready();
    handlers.view_as_of = ({ day }) => past(String(day));
    handlers.plan_as_of = () => ({ version: 1, advocate: 'Ana', support_before: -0.2, support_after: 0, steps: [], avoid: [] });
    await s.showAsOf('2026-09-01');
    await s.runPlan();
    expect(calls.find(([c]) => c === 'plan_as_of')![1]).toEqual({ request: { advocate: 1, steps: 5, budget: null, goal: 'support' }, day: '2026-09-01' });
    expect(s.plan?.support_before).toBe(-0.2);
  });

  test('compare asks the core for the diff; stale people are looked up by id', async () => {
    const s = await ready();
    handlers.diff = ({ from, to }) => ({
      version: 1,
      from,
      to,
      support_from: -0.1,
      support_to: 0.2,
      moved: [{ id: 2, name: 'Bo', from: -2, to: -1, change: 1, label: 'Active resistance → Resistant' }],
      added: [],
      removed: [],
    });
    await s.compare('2026-08-26', '2026-08-27');
    expect(s.diff?.moved[0].label).toBe('Active resistance → Resistant');

    const view = workspace();
    view.timeline.stale = [{ id: 3, name: 'Cy', last_confirmed: '2026-08-19', days: 101, never_met: true }];
    s.show(view);
    expect(s.staleById.get(3)?.days).toBe(101);
    expect(s.staleById.has(2)).toBe(false);
  });

  test('the brief is asked for with the chosen advocate', async () => {
    const s = await ready();
    handlers.brief = () => brief();
    await s.openBrief(2);
    expect(calls.find(([c]) => c === 'brief')![1]).toEqual({ id: 2, advocate: 1 });
    expect(s.brief?.plan_reason).toBe('Bo first');
  });
});

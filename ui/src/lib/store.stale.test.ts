// After an edit the store refetches exactly what the core says the edit made
// stale (and only what is shown), inside the edit queue, and never lets an older
// answer replace a newer one.

import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AppStore } from './store.svelte';
import { ALL_STALE, brief, mockShell, planOf, scales, step, workspace, type Handler } from './fixtures.test-helpers';
import type { BriefDto, Derived, PlanDto } from './types';

let handlers: Record<string, Handler>;
let calls: [string, Record<string, unknown>][];

/** A plan whose one step is worth `gain`, to tell answers apart. */
function plan(gain: number): PlanDto {
  return planOf([step({ id: 3, name: 'Cy', gain, path: [1, 3] })], 0, gain);
}

/** A promise and the function that settles it, to answer calls out of order. */
function deferred<T>(): [Promise<T>, (v: T) => void] {
  let settle!: (v: T) => void;
  const p = new Promise<T>((r) => (settle = r));
  return [p, settle];
}

const edited = (stale: Derived[]) => () => ({ view: workspace(), id: null, done: null, stale });
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  handlers = {
    scales: () => scales,
    current_map: () => workspace(),
    recent_maps: () => [],
    metrics: () => ({ version: 2, people: [], sampled: false, sample: null, groups: 0 }),
    plan_progress: () => null,
    cancel_simulation: () => null,
  };
  calls = mockShell(handlers);
});

afterEach(() => clearMocks());

async function ready(): Promise<AppStore> {
  const s = new AppStore();
  await s.init();
  await tick();
  return s;
}

/** The commands sent after `from` (an index into the call log). */
const since = (from: number) => calls.slice(from).map(([c]) => c);

describe('what an edit made stale', () => {
  test('an edit that makes nothing stale makes no other call; one that makes the metrics stale, one metrics call', async () => {
    const s = await ready();
    handlers.move_people = edited([]);
    let from = calls.length;
    await s.movePeople([{ id: 2, x: 1, y: 2 }]);
    expect(since(from)).toEqual(['move_people']);

    handlers.add_relation = edited(['metrics']);
    from = calls.length;
    await s.addRelation({ from: 1, to: 2, kind: 'influences', strength: 3, note: '' });
    expect(since(from)).toEqual(['add_relation', 'metrics']);
  });

  test('only what is shown is refetched: the plan once a plan is shown, the what-if while it is on', async () => {
    const s = await ready();
    handlers.set_field = edited(ALL_STALE);
    let from = calls.length;
    await s.setField(2, 'stance', 'Neutral');
    expect(since(from).sort()).toEqual(['metrics', 'plan_progress', 'set_field']);

    handlers.plan = () => plan(0.2);
    handlers.simulate = () => ({ version: 2, support_before: 0, support: 0.1, people: [] });
    await s.runPlan();
    s.startWhatIf();
    await tick();
    handlers.set_field = edited(['plan', 'simulation']);
    from = calls.length;
    await s.setField(2, 'power', '4');
    expect(since(from).sort()).toEqual(['plan', 'set_field', 'simulate']);
  });

  test('the follow-ups of an edit answer before the next edit is sent', async () => {
    const s = await ready();
    const [metrics, answerMetrics] = deferred<unknown>();
    handlers.metrics = () => metrics;
    handlers.add_relation = edited(['metrics']);
    handlers.set_field = edited([]);
    const first = s.addRelation({ from: 1, to: 2, kind: 'influences', strength: 3, note: '' });
    const second = s.setField(2, 'notes', 'cost');
    await tick();
    expect(calls.some(([c]) => c === 'set_field')).toBe(false);
    answerMetrics({ version: 2, people: [], sampled: false, sample: null, betweenness_epsilon: null, betweenness_delta: null, groups: 1 });
    await Promise.all([first, second]);
    const order = calls.map(([c]) => c);
    expect(order.lastIndexOf('metrics')).toBeLessThan(order.indexOf('set_field'));
  });

  test('a stale plan answer never replaces a newer one', async () => {
    const s = await ready();
    const [slow, answerSlow] = deferred<PlanDto>();
    let asked = 0;
    handlers.plan = () => (++asked === 1 ? slow : plan(0.5));
    // The user asks twice (say 5 steps, then 3); the first answer comes last.
    const older = s.runPlan();
    const newer = s.runPlan();
    await newer;
    expect(s.plan?.support_after).toBe(0.5);
    answerSlow(plan(0.1));
    await older;
    expect(s.plan?.support_after).toBe(0.5);
  });

  test('a cancelled plan frees the panel at once and its late answer never shows', async () => {
    const s = await ready();
    handlers.plan = () => plan(0.2);
    await s.runPlan();
    const [slow, answerSlow] = deferred<PlanDto>();
    handlers.plan = () => slow;
    handlers.cancel_plan = () => null;
    const asked = s.runPlan();
    expect(s.planning).toBe(true);
    s.cancelPlan();
    expect(s.planning).toBe(false);
    // Rust is told to stop too, so the next call need not wait for it.
    await Promise.resolve();
    expect(calls.some(([cmd]) => cmd === 'cancel_plan')).toBe(true);
    answerSlow(plan(0.9));
    await asked;
    expect(s.plan?.support_after).toBe(0.2);
    expect(s.planning).toBe(false);
  });

  test('a plan Rust stopped (cancelled) is no error to show and keeps the plan shown', async () => {
    const s = await ready();
    handlers.plan = () => plan(0.2);
    await s.runPlan();
    handlers.plan = () => {
      throw { kind: 'cancelled', message: 'stopped before it finished; nothing was changed' };
    };
    await s.runPlan();
    expect(s.plan?.support_after).toBe(0.2);
    expect(s.toasts.filter((t) => t.tone === 'error')).toEqual([]);
  });

  test('a plan asked for before an edit is dropped; the edit brings the fresh one', async () => {
    const s = await ready();
    handlers.plan = () => plan(0.3);
    await s.runPlan();
    const [slow, answerSlow] = deferred<PlanDto>();
    handlers.plan = () => slow;
    const before = s.runPlan();
    handlers.plan = () => plan(0.9);
    handlers.set_field = edited(['plan']);
    await s.setField(2, 'stance', 'Champion');
    expect(s.plan?.support_after).toBe(0.9);
    answerSlow(plan(0.3));
    await before;
    expect(s.plan?.support_after).toBe(0.9);
  });

  test('a plan asked for before an edit that left it fresh still lands', async () => {
    const s = await ready();
    const [slow, answerSlow] = deferred<PlanDto>();
    handlers.plan = () => slow;
    const asked = s.runPlan();
    handlers.move_people = edited([]);
    await s.movePeople([{ id: 2, x: 1, y: 2 }]);
    answerSlow(plan(0.4));
    await asked;
    expect(s.plan?.support_after).toBe(0.4);
    expect(s.planning).toBe(false);
  });

  test('the first plan, still on its way when an edit makes it stale, is asked for again', async () => {
    const s = await ready();
    const [slow, answerSlow] = deferred<PlanDto>();
    handlers.plan = () => slow;
    const asked = s.runPlan();
    handlers.plan = () => plan(0.7);
    handlers.set_field = edited(['plan']);
    const from = calls.length;
    await s.setField(2, 'effort', '3');
    expect(since(from)).toEqual(['set_field', 'plan']);
    answerSlow(plan(0.1));
    await asked;
    expect(s.plan?.support_after).toBe(0.7);
  });

  test('a brief on its way when an edit makes it stale is asked for again', async () => {
    const s = await ready();
    const [slow, answerSlow] = deferred<BriefDto>();
    handlers.brief = () => slow;
    const asked = s.openBrief(2);
    handlers.brief = () => brief('after the note');
    handlers.set_field = edited(['brief']);
    const from = calls.length;
    await s.setField(2, 'notes', 'cost');
    expect(since(from)).toEqual(['set_field', 'brief']);
    answerSlow(brief('before the note'));
    await asked;
    expect(s.brief?.plan_reason).toBe('after the note');
  });

  test('a plan on its way when another map opens never shows', async () => {
    const s = await ready();
    const [slow, answerSlow] = deferred<PlanDto>();
    handlers.plan = () => slow;
    const asked = s.runPlan();
    handlers.open_map = ({ path }) => workspace({ path: String(path) });
    await s.openPath('/maps/other.coalition');
    answerSlow(plan(0.6));
    await asked;
    expect(s.plan).toBeNull();
  });

  test('metrics on their way when a past day is shown never show', async () => {
    const s = await ready();
    const [slow, answerSlow] = deferred<unknown>();
    handlers.metrics = () => slow;
    const asked = s.refreshMetrics();
    handlers.view_as_of = ({ day }) => workspace({ timeline: { ...workspace().timeline, as_of: String(day) } });
    await s.showAsOf('2026-08-26');
    answerSlow({ version: 2, people: [], sampled: false, sample: null, betweenness_epsilon: null, betweenness_delta: null, groups: 1 });
    await asked;
    expect(s.metrics).toBeNull();
  });

  test('a simulation on its way when the what-if is discarded never shows', async () => {
    const s = await ready();
    const [slow, answerSlow] = deferred<unknown>();
    handlers.simulate = () => slow;
    s.startWhatIf();
    await tick();
    s.discardWhatIf();
    answerSlow({ version: 2, support_before: 0, support: 0.1, people: [] });
    await tick();
    expect(s.simulation).toBeNull();
    // Rust is told to stop predicting, so it works on nothing nobody will see.
    expect(calls.some(([cmd]) => cmd === 'cancel_simulation')).toBe(true);
  });

  test('a what-if stopped mid-prediction keeps the older prediction, marked as behind, and drops the late answer', async () => {
    const s = await ready();
    handlers.simulate = () => ({ version: 2, support_before: 0, support: 0.1, people: [] });
    s.startWhatIf();
    await tick();
    expect(s.simulation?.support).toBe(0.1);
    expect(s.simulating).toBe(false);
    const [slow, answerSlow] = deferred<unknown>();
    handlers.simulate = () => slow;
    s.toggleTalk(3);
    expect(s.simulating).toBe(true);
    s.stopWhatIf();
    expect(s.simulating).toBe(false);
    expect(s.simulationBehind).toBe(true);
    await tick();
    expect(calls.filter(([cmd]) => cmd === 'cancel_simulation')).toHaveLength(1);
    answerSlow({ version: 2, support_before: 0, support: 0.9, people: [] });
    await tick();
    expect(s.simulation?.support).toBe(0.1);
    // Rust's answer to a stopped what-if is its own kind of error: not shown.
    handlers.simulate = () => {
      throw { kind: 'cancelled', message: 'stopped before it finished; nothing was changed' };
    };
    s.toggleTalk(4);
    await tick();
    expect(s.toasts.filter((t) => t.tone === 'error')).toEqual([]);
    // The next change predicts again, and the prediction is current once more.
    handlers.simulate = () => ({ version: 2, support_before: 0, support: 0.4, people: [] });
    s.toggleTalk(4);
    await tick();
    expect(s.simulation?.support).toBe(0.4);
    expect(s.simulationBehind).toBe(false);
  });
});

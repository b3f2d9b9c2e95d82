import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { AppStore } from './store.svelte';
import { mockShell, person, planOf, scales, step, workspace, type Handler, ALL_STALE } from './fixtures.test-helpers';
import type { PlanDto } from './types';

let calls: [string, Record<string, unknown>][];
let handlers: Record<string, Handler>;

beforeEach(() => {
  handlers = {
    scales: () => scales,
    current_map: () => workspace(),
    recent_maps: () => ['/maps/test.coalition'],
    metrics: () => ({ version: 1, people: [], sampled: false }),
    plan_progress: () => null,
  };
  calls = mockShell(handlers);
});

afterEach(() => clearMocks());

const plan: PlanDto = planOf(
  [step({ id: 3, name: 'Cy', gain: 0.2, reason: 'Reach Cy first', introduced_by: ['Bo'], path: [1, 2, 3], warmth: 0.6 })],
  0.1,
  0.3,
);

describe('the app store', () => {
  test('loads the scales, the open map and the recent maps, and picks an advocate', async () => {
    const s = new AppStore();
    await s.init();
    expect(s.view?.people).toHaveLength(3);
    expect(s.scales?.stances).toHaveLength(5);
    expect(s.recent).toEqual(['/maps/test.coalition']);
    expect(s.advocate).toBe(1);
    expect(s.loading).toBe(false);
  });

  test('on a map built by hand, the first advocate marked is the one Plan plans from', async () => {
    const nobody = workspace({
      people: [person(1, 'Ana'), person(2, 'Bo')],
      lead_advocate: null,
      relations: [],
    });
    handlers.current_map = () => nobody;
    const s = new AppStore();
    await s.init();
    expect(s.advocate).toBeNull();
    handlers.set_field = () => ({
      view: workspace({ people: [person(1, 'Ana', { advocate: true }), person(2, 'Bo')], lead_advocate: 1 }),
      id: 1,
      done: null,
      stale: ['plan'],
    });
    handlers.plan = () => plan;
    await s.setField(1, 'advocate', 'true');
    expect(s.advocate).toBe(1);
    await s.runPlan();
    expect(calls.some(([cmd, args]) => cmd === 'plan' && (args.request as { advocate: number }).advocate === 1)).toBe(true);
    expect(s.plan?.steps).toHaveLength(1);
    // Unmarked again: no advocate left, so no plan from someone who is not one.
    handlers.set_field = () => ({ view: nobody, id: 1, done: null, stale: ['plan'] });
    await s.setField(1, 'advocate', 'false');
    expect(s.advocate).toBeNull();
    expect(s.plan).toBeNull();
  });

  test('quick successive edits reach the map in order and the last view wins', async () => {
    const s = new AppStore();
    await s.init();
    const events: string[] = [];
    handlers.set_field = async ({ field }) => {
      events.push(`start ${field}`);
      // The first edit answers slowly: without ordering its stale view would land last.
      await new Promise((r) => setTimeout(r, field === 'stance' ? 30 : 1));
      events.push(`end ${field}`);
      return { view: workspace({ undo: `Edit ${field}` }), id: null, done: null, stale: ALL_STALE };
    };
    await Promise.all([s.setField(2, 'stance', '2'), s.setField(2, 'power', '5')]);
    expect(events).toEqual(['start stance', 'end stance', 'start power', 'end power']);
    expect(s.view?.undo).toBe('Edit power');
  });

  test('an added person is shown and selected', async () => {
    const s = new AppStore();
    await s.init();
    handlers.add_person = ({ name }) => {
      const view = workspace();
      view.people.push({ ...view.people[2], id: 4, name: String(name) });
      view.undo = `Add ${name}`;
      return { view, id: 4, done: null, stale: ALL_STALE };
    };
    const id = await s.addPerson('Dee');
    expect(id).toBe(4);
    expect(s.selected).toBe(4);
    expect(s.person?.name).toBe('Dee');
    expect(s.view?.undo).toBe('Add Dee');
  });

  test('a refused edit shows the core’s message in a toast and changes nothing', async () => {
    const s = new AppStore();
    await s.init();
    handlers.set_field = () => {
      throw { kind: 'invalid', message: "stance 'maybe' is not one of -2..2" };
    };
    expect(await s.setField(2, 'stance', 'maybe')).toBe(false);
    expect(s.toasts.at(-1)).toMatchObject({ tone: 'error', text: "stance 'maybe' is not one of -2..2" });
    expect(s.view?.people[1].stance).toBe(-1);
  });

  test('deleting asks first; cancelling sends nothing', async () => {
    const s = new AppStore();
    await s.init();
    const pending = s.removePerson(2);
    expect(s.confirmRequest?.question).toContain('Delete Bo?');
    s.confirmRequest!.resolve(false);
    await pending;
    expect(calls.some(([c]) => c === 'remove_person')).toBe(false);

    handlers.remove_person = () => ({ view: workspace({ undo: 'Delete Bo' }), id: null, done: null, stale: ALL_STALE });
    const again = s.removePerson(2);
    s.confirmRequest!.resolve(true);
    await again;
    expect(calls.filter(([c]) => c === 'remove_person')).toEqual([['remove_person', { id: 2 }]]);
  });

  test('undo runs only when there is something to undo, and says what it undid', async () => {
    const s = new AppStore();
    await s.init();
    await s.undo();
    expect(calls.some(([c]) => c === 'undo')).toBe(false);
    s.view = workspace({ undo: 'Add Dee' });
    handlers.undo = () => ({ view: workspace(), id: null, done: 'Add Dee', stale: ALL_STALE });
    await s.undo();
    expect(s.view?.undo).toBeNull();
    expect(s.toasts.at(-1)?.text).toBe('Undone: Add Dee');
  });

  test('a plan step highlights its person and introduction path; edits re-plan', async () => {
    const s = new AppStore();
    await s.init();
    handlers.plan = () => plan;
    await s.runPlan();
    expect(calls.at(-1)).toEqual(['plan', { request: { advocate: 1, steps: 5, budget: null, goal: 'support' } }]);
    s.goal = 'coalition';
    await s.runPlan();
    expect(calls.at(-1)).toEqual(['plan', { request: { advocate: 1, steps: 5, budget: null, goal: 'coalition' } }]);
    expect(s.highlight).toBeNull();
    s.planStep = 0;
    expect(s.highlight).toEqual({ target: 3, path: [1, 2, 3] });
    handlers.set_field = () => ({ view: workspace(), id: null, done: null, stale: ALL_STALE });
    await s.setField(3, 'power', '5');
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.filter(([c]) => c === 'plan')).toHaveLength(3);
  });

  test('what-if sends ticked conversations and tried stances, and keep saves the stances', async () => {
    const s = new AppStore();
    await s.init();
    handlers.simulate = () => ({ version: 1, support_before: 0.1, support: 0.2, people: [] });
    handlers.set_stances = () => ({ view: workspace({ undo: 'Keep what-if stances of 2 people' }), id: null, done: null, stale: ['plan', 'progress', 'brief'] });
    s.startWhatIf();
    s.toggleTalk(3);
    s.overrideStance(2, 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.filter(([c]) => c === 'simulate').at(-1)).toEqual([
      'simulate',
      { whatIf: { talk: [3], stances: [{ id: 2, stance: 1 }] } },
    ]);
    expect(s.simulation?.support).toBe(0.2);
    s.overrideStance(3, -1);
    await new Promise((r) => setTimeout(r, 0));
    const before = calls.length;
    await s.keepWhatIf();
    // One call for every kept stance (one undo step), and no stance edit one by one.
    expect(calls.slice(before).map(([c]) => c)).toEqual(['set_stances', 'plan_progress']);
    expect(calls.at(before)).toEqual(['set_stances', { stances: [{ id: 2, stance: 1 }, { id: 3, stance: -1 }] }]);
    expect(calls.some(([c]) => c === 'set_field')).toBe(false);
    expect(s.whatIf).toBe(false);
  });
});

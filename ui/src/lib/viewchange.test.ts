import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { applyChange, applyList, viewAfter } from './viewchange';
import { AppStore } from './store.svelte';
import { mockShell, person, scales, tie, workspace, type Handler } from './fixtures.test-helpers';
import type { ListChangeDto, PersonDto, ViewChangeDto, WorkspaceDto } from './contract.gen';

const none = <T>(): ListChangeDto<T> => ({ changed: [], removed: [], order: null });

/** The change from `view` (revision 1) that an edit answering `extra` makes. */
function changeOf(view: WorkspaceDto, extra: Partial<ViewChangeDto> = {}): ViewChangeDto {
  return {
    base: view.revision,
    revision: view.revision + 1,
    name: view.name,
    change: view.change,
    description: view.description,
    lead_advocate: view.lead_advocate,
    groups: view.groups,
    tags: view.tags,
    undo: view.undo,
    redo: view.redo,
    theta: view.theta,
    timeline: null,
    people: none(),
    relations: none(),
    engagements: none(),
    ...extra,
  };
}

describe('applying what an edit changed', () => {
  test('an edited person replaces theirs in place; everyone else stays the same object', () => {
    const view = workspace();
    const bo = person(2, 'Bo', { stance: 2, group: 'Ops' });
    const after = applyChange(view, changeOf(view, { people: { changed: [bo], removed: [], order: null }, undo: 'Edit stance of Bo' }));
    expect(after.people.map((p) => p.name)).toEqual(['Ana', 'Bo', 'Cy']);
    expect(after.people[1]).toBe(bo);
    expect(after.people[0]).toBe(view.people[0]);
    expect(after.relations).toBe(view.relations);
    expect(after.undo).toBe('Edit stance of Bo');
    expect(after.revision).toBe(2);
    expect(after.timeline).toBe(view.timeline);
  });

  test('additions follow the order sent, removals leave', () => {
    const list: PersonDto[] = [person(1, 'Ana'), person(2, 'Bo'), person(3, 'Cy')];
    const dee = person(4, 'Bea');
    const added = applyList(list, { changed: [dee], removed: [2], order: [1, 4, 3] });
    expect(added.map((p) => p.name)).toEqual(['Ana', 'Bea', 'Cy']);
    const removed = applyList(list, { changed: [], removed: [1], order: null });
    expect(removed.map((p) => p.id)).toEqual([2, 3]);
    expect(applyList(list, none())).toBe(list);
  });

  test('a tie removed and the timeline replaced when sent', () => {
    const view = workspace();
    const timeline = { ...view.timeline, stale_days: 30 };
    const after = applyChange(view, changeOf(view, { relations: { changed: [], removed: [10], order: null }, timeline }));
    expect(after.relations.map((r) => r.id)).toEqual([11]);
    expect(after.timeline.stale_days).toBe(30);
  });

  test('a change is applied only to the revision it was made from', () => {
    const view = workspace();
    const change = changeOf(view);
    expect(viewAfter(view, { view: null, change, id: null, done: null, stale: [] })?.revision).toBe(2);
    expect(viewAfter({ ...view, revision: 5 }, { view: null, change, id: null, done: null, stale: [] })).toBeNull();
    expect(viewAfter(null, { view: null, change, id: null, done: null, stale: [] })).toBeNull();
    const whole = workspace({ revision: 9 });
    expect(viewAfter(view, { view: whole, change: null, id: null, done: null, stale: [] })).toBe(whole);
  });
});

describe('the store after an edit', () => {
  let handlers: Record<string, Handler>;
  let calls: [string, Record<string, unknown>][];
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

  test('shows the change applied to the view it has, without asking for the whole map', async () => {
    const s = new AppStore();
    await s.init();
    const shown = s.view!;
    handlers.set_field = () => ({
      view: null,
      change: changeOf(shown, { people: { changed: [person(3, 'Cy', { stance: 1, group: 'Ops' })], removed: [], order: null } }),
      id: null,
      done: null,
      stale: [],
    });
    const before = calls.filter(([cmd]) => cmd === 'current_map').length;
    await s.setField(3, 'stance', '1');
    expect(s.view?.people.find((p) => p.id === 3)?.stance).toBe(1);
    expect(s.view?.people[0]).toBe(shown.people[0]);
    expect(calls.filter(([cmd]) => cmd === 'current_map').length).toBe(before);
  });

  test('places a layout saved are kept in the view shown, as Rust keeps them in the view it sent', async () => {
    const s = new AppStore();
    await s.init();
    handlers.place_people = () => null;
    await s.placePeople([{ id: 2, x: 10, y: 20 }]);
    expect(s.view?.people.find((p) => p.id === 2)?.position).toEqual([10, 20]);
    expect(s.view?.people.find((p) => p.id === 1)?.position).toBeNull();
    expect(s.view?.revision).toBe(1);
  });

  test('asks for the whole map when the change was made from another revision', async () => {
    const s = new AppStore();
    await s.init();
    const shown = s.view!;
    handlers.current_map = () => workspace({ revision: 7, relations: [tie(12, 1, 3)] });
    handlers.set_field = () => ({ view: null, change: { ...changeOf(shown), base: 4, revision: 5 }, id: null, done: null, stale: [] });
    await s.setField(3, 'stance', '1');
    expect(s.view?.revision).toBe(7);
    expect(s.view?.relations.map((r) => r.id)).toEqual([12]);
  });
});

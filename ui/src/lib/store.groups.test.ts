import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { AppStore } from './store.svelte';
import { mockShell, person, scales, workspace, type Handler } from './fixtures.test-helpers';
import type { GroupMapDto, WorkspaceDto } from './types';

let calls: [string, Record<string, unknown>][];
let handlers: Record<string, Handler>;

/** A map of `n` people in two groups: ids below n/2 in Finance, the rest in Plant. */
function big(n: number): WorkspaceDto {
  return workspace({ people: Array.from({ length: n }, (_, i) => person(i + 1, `P${i + 1}`)), relations: [] });
}

function byGroup(n: number, threshold: number): GroupMapDto {
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  const group = (key: string, members: number[]) => ({
    key,
    name: key,
    members,
    stances: [0, 0, members.length, 0, 0] as [number, number, number, number, number],
    advocates: 0,
    inner_ties: 0,
    x: 0,
    y: 0,
    radius: 1,
  });
  return {
    version: 1,
    people: n,
    threshold,
    groups: [group('finance', ids.slice(0, n / 2)), group('plant', ids.slice(n / 2))],
    links: [],
  };
}

beforeEach(() => {
  handlers = {
    scales: () => scales,
    recent_maps: () => [],
    metrics: () => ({ version: 1, people: [], sampled: false }),
    plan_progress: () => null,
  };
  calls = mockShell(handlers);
});

afterEach(() => clearMocks());

describe('a big map at group level', () => {
  test('a map of more people than the threshold opens by group; one below it opens with everyone', async () => {
    handlers.current_map = () => big(1000);
    handlers.group_map = () => byGroup(1000, 500);
    const s = new AppStore();
    await s.init();
    await s.refreshGroups();
    expect(s.byGroup).toBe(true);
    expect(s.groupsReady).toBe(s.view!.path);

    handlers.group_map = () => byGroup(1000, 2000);
    const t = new AppStore();
    await t.init();
    await t.refreshGroups();
    expect(t.groups?.groups).toHaveLength(2);
    expect(t.byGroup).toBe(false);
  });

  test('a small map opens with everyone and never asks for groups again', async () => {
    handlers.current_map = () => workspace();
    handlers.group_map = () => byGroup(4, 2000);
    const s = new AppStore();
    await s.init();
    await s.refreshGroups();
    expect(calls.filter(([cmd]) => cmd === 'group_map')).toHaveLength(1);
    expect(s.groups).toBeNull();
    expect(s.byGroup).toBe(false);
    expect(s.groupsReady).toBe(s.view!.path);
  });

  test('at start the map by group is asked for before the view, and once', async () => {
    handlers.current_map = () => big(1000);
    handlers.group_map = () => byGroup(1000, 500);
    const s = new AppStore();
    await s.init();
    await vi.waitFor(() => expect(s.groupsReady).toBe(s.view!.path));
    const order = calls.map(([cmd]) => cmd);
    expect(order.indexOf('group_map')).toBeLessThan(order.indexOf('current_map'));
    expect(order.filter((cmd) => cmd === 'group_map')).toHaveLength(1);
    expect(s.byGroup).toBe(true);
  });

  test('while the map opens, its headcount from the map by group readies the window before the view comes', async () => {
    let answerView!: (v: unknown) => void;
    handlers.current_map = () => new Promise((r) => (answerView = r));
    handlers.group_map = () => byGroup(1000, 500);
    const s = new AppStore();
    const started = s.init();
    await vi.waitFor(() => expect(s.opening).toBe(1000));
    expect(s.view).toBeNull();
    answerView(big(1000));
    await started;
    expect(s.view!.people).toHaveLength(1000);
    expect(s.opening).toBeNull();
  });

  test('a map that could not be opened leaves nothing opening', async () => {
    handlers.current_map = () => {
      throw { kind: 'refused', message: 'holds what Coalition did not write' };
    };
    handlers.group_map = () => {
      throw { kind: 'no_map', message: 'no map is open' };
    };
    const s = new AppStore();
    await s.init();
    expect(s.opening).toBeNull();
    expect(s.view).toBeNull();
  });

  test('selecting a person opens their group; a group closes again, or all of them', async () => {
    handlers.current_map = () => big(1000);
    handlers.group_map = () => byGroup(1000, 500);
    const s = new AppStore();
    await s.init();
    await s.refreshGroups();
    s.select(900);
    expect(s.openGroups).toEqual(['plant']);
    s.revealPeople([1, 2, 901]);
    expect(s.openGroups).toEqual(['plant', 'finance']);
    s.closeGroup('plant');
    expect(s.openGroups).toEqual(['finance']);
    s.closeGroup(null);
    expect(s.openGroups).toEqual([]);
    s.setByGroup(false);
    s.select(2);
    expect(s.openGroups).toEqual([]);
  });

  test('the groups of a past day are asked for that day', async () => {
    handlers.current_map = () => big(1000);
    handlers.group_map = () => byGroup(1000, 500);
    handlers.view_as_of = () => ({ ...big(1000), timeline: { ...big(1000).timeline, as_of: '2026-01-05' } });
    const s = new AppStore();
    await s.init();
    await s.showAsOf('2026-01-05');
    await s.refreshGroups();
    expect(calls.filter(([cmd]) => cmd === 'group_map').at(-1)![1]).toEqual({ day: '2026-01-05' });
  });

  test('a map too big to draw one by one stays at group level', async () => {
    handlers.current_map = () => big(20002);
    handlers.group_map = () => byGroup(20002, 2000);
    const s = new AppStore();
    await s.init();
    await s.refreshGroups();
    s.setByGroup(false);
    expect(s.byGroup).toBe(true);
  });

  test('an edit that changes the groups asks for them again once the edit is on screen', async () => {
    handlers.current_map = () => big(1000);
    handlers.group_map = () => byGroup(1000, 500);
    const s = new AppStore();
    await s.init();
    await s.refreshGroups();
    const asked = () => calls.filter(([cmd]) => cmd === 'group_map').length;
    const before = asked();
    handlers.set_field = () => ({ view: big(1000), id: null, done: null, stale: ['groups'] });
    const painted = vi.fn();
    requestAnimationFrame(painted);
    await s.setField(1, 'stance', 'Supportive');
    // The edit is shown before the map by group is asked for again…
    expect(asked()).toBe(before);
    // …which it is after the next frame.
    await vi.waitFor(() => expect(asked()).toBe(before + 1));
    expect(painted).toHaveBeenCalled();
  });
});

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { AppStore } from './store.svelte';
import { mockShell, scales, workspace, type Handler } from './fixtures.test-helpers';

let calls: [string, Record<string, unknown>][];
let handlers: Record<string, Handler>;

const damaged = {
  kind: 'damaged',
  message: "/maps/sent.coalition cannot be opened safely: it contains a trigger 'x' that Coalition did not write",
  path: '/maps/sent.coalition',
};

beforeEach(() => {
  handlers = {
    scales: () => scales,
    current_map: () => {
      throw damaged;
    },
    recent_maps: () => [],
    metrics: () => ({ version: 1, people: [], sampled: false }),
    plan_progress: () => null,
  };
  calls = mockShell(handlers);
});

afterEach(() => clearMocks());

describe('a map that cannot be opened safely', () => {
  test('is offered for recovery instead of a passing toast', async () => {
    const s = new AppStore();
    await s.init();
    expect(s.damaged).toEqual({ path: damaged.path, message: damaged.message });
    expect(s.toasts).toHaveLength(0);
    expect(s.view).toBeNull();
  });

  test('recovering opens the new map and keeps the report of what was left behind', async () => {
    const recovery = {
      source: damaged.path,
      path: '/maps/sent (recovered).coalition',
      people: 3,
      ties: 1,
      conversations: 0,
      plans_left: 0,
      skipped: ['stakeholders row 4, stance: stance 99 is not one of -2..2'],
    };
    handlers.recover_map = () => ({ view: workspace(), recovery });
    const s = new AppStore();
    await s.init();
    await s.recover(s.damaged!.path);
    expect(calls).toContainEqual(['recover_map', { source: damaged.path }]);
    expect(s.damaged).toBeNull();
    expect(s.view?.people).toHaveLength(3);
    expect(s.recovery?.skipped).toEqual(recovery.skipped);
  });

  test('a failed recovery says why and leaves nothing half open', async () => {
    handlers.recover_map = () => {
      throw { kind: 'invalid', message: 'sent.coalition is too damaged to recover' };
    };
    const s = new AppStore();
    await s.init();
    await s.recover(damaged.path);
    expect(s.view).toBeNull();
    expect(s.recovery).toBeNull();
    expect(s.toasts.map((t) => t.text)).toEqual(['sent.coalition is too damaged to recover']);
  });
});

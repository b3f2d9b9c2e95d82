import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { api, toAppError } from './api';

afterEach(() => clearMocks());

describe('the api adapter', () => {
  test('sends each command with its arguments', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { view: null, id: 7, done: null };
    });
    const done = await api.addPerson('Dana');
    await api.setField(7, 'stance', 'Champion');
    await api.addRelation({ from: 1, to: 2, kind: 'trusts', strength: 4, note: '' });
    await api.simulate({ talk: [3], stances: [] });
    expect(done.id).toBe(7);
    expect(calls).toEqual([
      ['add_person', { name: 'Dana' }],
      ['set_field', { id: 7, field: 'stance', value: 'Champion' }],
      ['add_relation', { tie: { from: 1, to: 2, kind: 'trusts', strength: 4, note: '' } }],
      ['simulate', { whatIf: { talk: [3], stances: [] } }],
    ]);
  });

  test('passes the shell’s {kind, message} errors through', async () => {
    mockIPC(() => {
      throw { kind: 'conflict', message: "a stakeholder named 'Bo' is already in the map" };
    });
    await expect(api.addPerson('bo')).rejects.toEqual({
      kind: 'conflict',
      message: "a stakeholder named 'Bo' is already in the map",
    });
  });

  test('turns anything else thrown into an internal error', () => {
    expect(toAppError(new Error('boom'))).toEqual({ kind: 'internal', message: 'boom' });
    expect(toAppError('plain')).toEqual({ kind: 'internal', message: 'plain' });
  });
});

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { AppStore } from './store.svelte';
import { mockShell, scales, workspace, type Handler, ALL_STALE } from './fixtures.test-helpers';
import type { ImportPreviewDto } from './types';

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

afterEach(() => {
  clearMocks();
  delete (window as unknown as { __coalitionPaths?: string[] }).__coalitionPaths;
});

function preview(extra: Partial<ImportPreviewDto> = {}): ImportPreviewDto {
  return {
    files: ['people.csv'],
    people: 2,
    relations: 1,
    engagements: 0,
    added: ['Dee', 'Eve'],
    kept: [],
    skipped_relations: 0,
    skipped_engagements: 0,
    merged_ties: [],
    conflicts: [],
    restores_map: false,
    problems: [],
    warnings: [],
    columns: null,
    headers: [],
    ...extra,
  };
}

const named = (cmd: string) => calls.filter(([c]) => c === cmd);

describe('import', () => {
  test('a preview with a problem cannot be applied and changes nothing', async () => {
    const s = new AppStore();
    await s.init();
    handlers.pick_import_files = () => ['/data/people.csv'];
    handlers.preview_import = () =>
      preview({ problems: ['people.csv row 3, column stance: "maybe" is not a stance; use -2..2'] });
    await s.startImport();
    await s.chooseImportFiles();
    expect(named('preview_import')).toEqual([
      ['preview_import', { request: { paths: ['/data/people.csv'], merge: false, columns: null } }],
    ]);
    expect(s.importing?.preview?.problems).toHaveLength(1);
    await s.applyImport();
    expect(named('import_files')).toEqual([]);
    expect(s.importing).not.toBeNull();
  });

  test('a clean preview applies as one edit, closes the dialog and says what came in', async () => {
    const s = new AppStore();
    await s.init();
    handlers.preview_import = () => preview();
    handlers.import_files = () => ({
      view: workspace({ undo: 'Import people.csv' }),
      id: null,
      done: null,
      stale: ALL_STALE,
    });
    await s.startImport(['/drop/people.csv']);
    await s.applyImport();
    expect(named('import_files')).toEqual([
      ['import_files', { request: { paths: ['/drop/people.csv'], merge: false, columns: null } }],
    ]);
    expect(s.importing).toBeNull();
    expect(s.view?.undo).toBe('Import people.csv');
    expect(s.toasts.at(-1)?.text).toBe('Imported 2 people, 1 tie and 0 conversations. Undo puts the map back as it was.');
  });

  test('an import under way shows how far it has come; Cancel stops it in Rust, and the map stays as it was', async () => {
    const s = new AppStore();
    await s.init();
    handlers.preview_import = () => preview();
    handlers.cancel_import = () => null;
    let refuse!: (e: unknown) => void;
    handlers.import_files = () => new Promise((_, reject) => (refuse = reject));
    await s.startImport(['/drop/people.csv']);
    const applying = s.applyImport();
    expect(s.importing?.busy).toBe(true);
    s.importProgress({ rows: 40_000, bytes: 500, total_bytes: 2000 });
    expect(s.importing?.progress).toEqual({ rows: 40_000, bytes: 500, total_bytes: 2000 });
    s.cancelImport();
    expect(s.importing).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(named('cancel_import')).toHaveLength(1);
    // Rust rolls back and answers that it stopped: no error, a plain word.
    refuse({ kind: 'cancelled', message: 'stopped before it finished; nothing was changed' });
    await applying;
    expect(s.toasts.filter((t) => t.tone === 'error')).toEqual([]);
    expect(s.toasts.at(-1)?.text).toBe('Import cancelled: nothing was imported, and the map is as it was.');
  });

  test('an import that finished before Cancel reached Rust says so, and can be undone', async () => {
    const s = new AppStore();
    await s.init();
    handlers.preview_import = () => preview();
    handlers.cancel_import = () => null;
    let answer!: (v: unknown) => void;
    handlers.import_files = () => new Promise((r) => (answer = r));
    await s.startImport(['/drop/people.csv']);
    const applying = s.applyImport();
    s.cancelImport();
    await new Promise((r) => setTimeout(r, 0));
    answer({ view: workspace({ undo: 'Import people.csv' }), id: null, done: null, stale: [] });
    await applying;
    expect(s.view?.undo).toBe('Import people.csv');
    expect(s.toasts.at(-1)?.text).toMatch(/^The import had finished before Cancel: imported 2 people/);
  });

  test('closing a dialog that is not busy asks Rust to stop nothing', async () => {
    const s = new AppStore();
    await s.init();
    handlers.preview_import = () => preview();
    await s.startImport(['/drop/people.csv']);
    s.cancelImport();
    expect(named('cancel_import')).toHaveLength(0);
  });

  test('merging previews again with merge on', async () => {
    const s = new AppStore();
    await s.init();
    handlers.preview_import = () => preview();
    await s.startImport(['/drop/people.csv']);
    await s.setImportMerge(true);
    expect(named('preview_import').at(-1)).toEqual([
      'preview_import',
      { request: { paths: ['/drop/people.csv'], merge: true, columns: null } },
    ]);
    expect(s.importing?.merge).toBe(true);
  });

  test('an org chart column read as something else is corrected and previewed again', async () => {
    const s = new AppStore();
    await s.init();
    const columns = {
      id: 'Employee ID',
      name: 'Full Name',
      first_name: null,
      last_name: null,
      email: null,
      manager_id: 'Manager ID',
      manager_email: null,
      title: 'Job Title',
      department: 'Department',
    };
    handlers.preview_import = () =>
      preview({ columns, headers: ['Employee ID', 'Full Name', 'Manager ID', 'Job Title', 'Department', 'Cost Centre'] });
    await s.startImport(['/drop/hr.csv']);
    await s.setImportColumn('department', 'Cost Centre');
    expect(named('preview_import').at(-1)).toEqual([
      'preview_import',
      { request: { paths: ['/drop/hr.csv'], merge: false, columns: { ...columns, department: 'Cost Centre' } } },
    ]);
    handlers.import_files = () => ({ view: workspace(), id: null, done: null, stale: ALL_STALE });
    await s.applyImport();
    expect(named('import_files').at(-1)).toEqual([
      'import_files',
      { request: { paths: ['/drop/hr.csv'], merge: false, columns: { ...columns, department: 'Cost Centre' } } },
    ]);
  });

  test('a path handed in by a test replaces the native dialog', async () => {
    const s = new AppStore();
    await s.init();
    handlers.preview_import = () => preview();
    (window as unknown as { __coalitionPaths: string[] }).__coalitionPaths = ['/e2e/people.csv'];
    await s.startImport();
    await s.chooseImportFiles();
    expect(named('pick_import_files')).toEqual([]);
    expect(s.importing?.paths).toEqual(['/e2e/people.csv']);
  });
});

describe('export', () => {
  test('the chosen format, view, profile and advocate go to Rust, and the result can be opened', async () => {
    const s = new AppStore();
    await s.init();
    handlers.export_choices = () => ({
      formats: [{ key: 'png', label: 'PNG picture', hint: '', extension: 'png', picture: true, folder: false }],
      profiles: [{ key: 'pseudonymous', label: 'Pseudonymous', removes: 'Names become role and letter.' }],
      file_stem: 'Test',
    });
    handlers.export_map = () => ({ paths: ['/out/Test.png'], bytes: 2048, open: '/out/Test.png' });
    handlers.open_exported = () => null;
    await s.startExport();
    s.exporting = { ...s.exporting!, format: 'png', view: 'grid', profile: 'pseudonymous' };
    await s.runExport();
    expect(named('export_map')).toEqual([
      ['export_map', { request: { format: 'png', view: 'grid', profile: 'pseudonymous', advocate: 1 }, path: null }],
    ]);
    expect(s.exporting?.done?.paths).toEqual(['/out/Test.png']);
    await s.openExported('/out/Test.png');
    expect(named('open_exported')).toEqual([['open_exported', { path: '/out/Test.png' }]]);
  });

  test('a cancelled save dialog leaves the dialog open with nothing done', async () => {
    const s = new AppStore();
    await s.init();
    handlers.export_choices = () => ({ formats: [], profiles: [], file_stem: 'Test' });
    handlers.export_map = () => null;
    await s.startExport();
    await s.runExport();
    expect(s.exporting?.done).toBeNull();
    expect(s.exporting?.busy).toBe(false);
  });
});

describe('plan options and map details', () => {
  test('a budget goes with the plan and with the saved plan', async () => {
    const s = new AppStore();
    await s.init();
    handlers.plan = () => null;
    s.budget = 6;
    await s.runPlan();
    expect(named('plan').at(-1)).toEqual(['plan', { request: { advocate: 1, steps: 5, budget: 6, goal: 'support' } }]);
  });

  test('map details are one edit, and the form closes when saved', async () => {
    const s = new AppStore();
    await s.init();
    handlers.set_map_details = () => ({ view: workspace({ name: 'Keystone' }), id: null, done: null, stale: [] });
    s.editingDetails = true;
    expect(await s.setDetails('Keystone', 'One ERP', '')).toBe(true);
    expect(named('set_map_details')).toEqual([
      ['set_map_details', { name: 'Keystone', change: 'One ERP', description: '' }],
    ]);
    expect(s.editingDetails).toBe(false);
    expect(s.view?.name).toBe('Keystone');
  });
});

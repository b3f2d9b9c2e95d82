// The one adapter between the UI and Rust. Every call to the shell goes through
// here, so tests mock exactly this surface with @tauri-apps/api/mocks (mockIPC).

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import type {
  AppError,
  ErrorKind,
  BriefDto,
  DiffDto,
  ProgressDto,
  EditedDto,
  ExportChoicesDto,
  ExportProgressDto,
  ImportProgressDto,
  ExportedDto,
  ExportRequestDto,
  GroupMapDto,
  ImportPreviewDto,
  ImportRequestDto,
  MetricsDto,
  NewConversationDto,
  NewTieDto,
  PlaceDto,
  PlanDto,
  PlanRequestDto,
  RecoveredDto,
  ScalesDto,
  SimulationDto,
  TryStanceDto,
  WhatIfDto,
  WorkspaceDto,
} from './types';

/** Turns whatever a failed invoke threw into an {kind, message} error. */
export function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && 'kind' in e && 'message' in e) {
    const { kind, message, path } = e as AppError;
    // The shell serialises its ErrorKind enum, so `kind` is one of the union's.
    const err: AppError = { kind: kind as ErrorKind, message: String(message) };
    if (typeof path === 'string') err.path = path;
    return err;
  }
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** How many calls reached the shell, in all and by command, and how long each
 * command's latest call took to answer (ms): a debug counter the end-to-end tests
 * read (`window.__coalitionIpc`) to count the calls an edit makes, and
 * `make bench-app` to say where an edit's time goes. */
export const ipcCount: {
  calls: number;
  byCommand: Record<string, number>;
  lastMs: Record<string, number>;
  /** When each command's latest call was sent and answered (`performance.now()`). */
  lastAt: Record<string, [number, number]>;
} = {
  calls: 0,
  byCommand: {},
  lastMs: {},
  lastAt: {},
};
if (typeof window !== 'undefined') {
  (window as unknown as { __coalitionIpc: typeof ipcCount }).__coalitionIpc = ipcCount;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  ipcCount.calls += 1;
  ipcCount.byCommand[cmd] = (ipcCount.byCommand[cmd] ?? 0) + 1;
  const started = performance.now();
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  } finally {
    const answered = performance.now();
    ipcCount.lastMs[cmd] = Math.round(answered - started);
    ipcCount.lastAt[cmd] = [started, answered];
  }
}

export const api = {
  scales: () => call<ScalesDto>('scales'),
  currentMap: () => call<WorkspaceDto | null>('current_map'),
  recentMaps: () => call<string[]>('recent_maps'),
  openMap: (path: string) => call<WorkspaceDto>('open_map', { path }),
  openMapDialog: () => call<WorkspaceDto | null>('open_map_dialog'),
  newMapDialog: (name: string, change: string, path: string | null) =>
    call<WorkspaceDto | null>('new_map_dialog', { name, change, path }),
  saveMapAsDialog: () => call<WorkspaceDto | null>('save_map_as_dialog'),
  recoverMap: (source: string) => call<RecoveredDto>('recover_map', { source }),
  recoverMapDialog: () => call<RecoveredDto | null>('recover_map_dialog'),
  addPerson: (name: string) => call<EditedDto>('add_person', { name }),
  setField: (id: number, field: string, value: string) =>
    call<EditedDto>('set_field', { id, field, value }),
  setFields: (id: number, values: [string, string][]) =>
    call<EditedDto>('set_fields', { id, values }),
  setStances: (stances: TryStanceDto[]) => call<EditedDto>('set_stances', { stances }),
  removePerson: (id: number) => call<EditedDto>('remove_person', { id }),
  addRelation: (tie: NewTieDto) => call<EditedDto>('add_relation', { tie }),
  updateRelation: (id: number, tie: NewTieDto) => call<EditedDto>('update_relation', { id, tie }),
  removeRelation: (id: number) => call<EditedDto>('remove_relation', { id }),
  addEngagement: (talk: NewConversationDto) => call<EditedDto>('add_engagement', { talk }),
  updateEngagement: (id: number, talk: NewConversationDto) =>
    call<EditedDto>('update_engagement', { id, talk }),
  removeEngagement: (id: number) => call<EditedDto>('remove_engagement', { id }),
  movePeople: (places: PlaceDto[]) => call<EditedDto>('move_people', { places }),
  layOut: () => call<EditedDto>('lay_out'),
  placePeople: (places: PlaceDto[]) => call<void>('place_people', { places }),
  undo: () => call<EditedDto>('undo'),
  redo: () => call<EditedDto>('redo'),
  plan: (request: PlanRequestDto) => call<PlanDto>('plan', { request }),
  planAsOf: (request: PlanRequestDto, day: string) => call<PlanDto>('plan_as_of', { request, day }),
  cancelPlan: () => call<void>('cancel_plan'),
  savePlan: (request: PlanRequestDto) => call<EditedDto>('save_plan', { request }),
  planProgress: (advocate: number) => call<ProgressDto | null>('plan_progress', { advocate }),
  brief: (id: number, advocate: number | null) => call<BriefDto>('brief', { id, advocate }),
  viewAsOf: (day: string) => call<WorkspaceDto>('view_as_of', { day }),
  diff: (from: string, to: string) => call<DiffDto>('diff', { from, to }),
  setStaleDays: (days: number) => call<EditedDto>('set_stale_days', { days }),
  simulate: (whatIf: WhatIfDto) => call<SimulationDto>('simulate', { whatIf }),
  cancelSimulation: () => call<void>('cancel_simulation'),
  metrics: () => call<MetricsDto>('metrics'),
  groupMap: (day: string | null) => call<GroupMapDto>('group_map', { day }),
  setMapDetails: (name: string, change: string, description: string) =>
    call<EditedDto>('set_map_details', { name, change, description }),
  setTheta: (theta: number) => call<EditedDto>('set_theta', { theta }),
  modelHelp: () => call<string>('model_help'),
  closeMap: () => call<void>('close_map'),
  pickImportFiles: () => call<string[] | null>('pick_import_files'),
  previewImport: (request: ImportRequestDto) =>
    call<ImportPreviewDto>('preview_import', { request }),
  importFiles: (request: ImportRequestDto) => call<EditedDto>('import_files', { request }),
  cancelImport: () => call<void>('cancel_import'),
  exportChoices: () => call<ExportChoicesDto>('export_choices'),
  exportMap: (request: ExportRequestDto, path: string | null) =>
    call<ExportedDto | null>('export_map', { request, path }),
  openExported: (path: string) => call<void>('open_exported', { path }),
  /** Opens the system print dialog for the page (WebKitGTK's own
   * `window.print()` does nothing inside the app). */
  printPage: () => call<void>('plugin:webview|print'),
};

/** Paths an end-to-end test hands the app in place of a native file dialog:
 * `window.__coalitionPaths = ['/tmp/people.csv']` before clicking "Choose files…",
 * "Export…" or a new map's "Choose file…". Taken once; the real dialog is used when none is waiting. */
export function testPaths(): string[] | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { __coalitionPaths?: string[] };
  const paths = w.__coalitionPaths;
  if (!paths || paths.length === 0) return null;
  delete w.__coalitionPaths;
  return paths;
}


/** What the shell tells the UI without being asked. */
export interface ShellHandlers {
  /** A native menu item was chosen (its id, e.g. `import`, `recent:/path`). */
  menu: (id: string) => void;
  /** Files were dropped on the window. */
  drop: (paths: string[]) => void;
  /** A long export advanced. */
  exportProgress: (p: ExportProgressDto) => void;
  /** A long import (or its preview) advanced. */
  importProgress: (p: ImportProgressDto) => void;
}

/** Listens to the shell's events; returns the function that stops listening.
 * Outside the app (unit tests, a browser) there is no shell and nothing to hear. */
export function listenToShell(handlers: ShellHandlers): () => void {
  const internals = typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
  if (!internals) return () => {};
  const stops: Promise<UnlistenFn>[] = [
    listen<string>('menu', (e) => handlers.menu(e.payload)),
    listen<ExportProgressDto>('export-progress', (e) => handlers.exportProgress(e.payload)),
    listen<ImportProgressDto>('import-progress', (e) => handlers.importProgress(e.payload)),
    getCurrentWebview().onDragDropEvent((e) => {
      if (e.payload.type === 'drop' && e.payload.paths.length > 0) handlers.drop(e.payload.paths);
    }),
  ];
  return () => {
    for (const stop of stops) void stop.then((f) => f()).catch(() => {});
  };
}

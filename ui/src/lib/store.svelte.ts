// The UI's state and the actions that change it. Every action goes through the
// api adapter; the answers (view DTOs) replace what is shown. No domain rules here.
// DTOs are kept as raw (unproxied) state: they are replaced whole, never mutated,
// so big maps stay fast.

import { BIG_MAP, EVERYONE_UP_TO, type ColourBy, type SizeBy } from './graph';
import { api, testPaths } from './api';
import { setPalette } from './palette';
import { count } from './numbers';
import { viewAfter } from './viewchange';
import { noFilters, type Filters } from './filter';
import { formatDay, localToday } from './time';
import type {
  AppError,
  BriefDto,
  Derived,
  ConversationDto,
  DiffDto,
  EditedDto,
  ExportChoicesDto,
  ExportedDto,
  GroupMapDto,
  ImportPreviewDto,
  ImportProgressDto,
  MetricsDto,
  OrgColumns,
  PersonDto,
  NewConversationDto,
  NewTieDto,
  PlaceDto,
  PlanDto,
  PlanRequestDto,
  ProgressDto,
  RecoveryDto,
  ScalesDto,
  SimulationDto,
  WorkspaceDto,
} from './types';

/** The last map by group indexed, and its index: person id → group key. */
let indexed: { groups: GroupMapDto | null; index: Map<number, string> } = { groups: null, index: new Map() };

/** Each person's group key in `groups` (computed once per map by group). */
function groupIndex(groups: GroupMapDto | null): Map<number, string> {
  if (indexed.groups !== groups) {
    const index = new Map<number, string>();
    for (const g of groups?.groups ?? []) for (const id of g.members) index.set(id, g.key);
    indexed = { groups, index };
  }
  return indexed.index;
}

/** What a plan can aim at (the core's goals). */
export type Goal = 'support' | 'coalition' | 'commitment';

export type Tab = 'network' | 'table' | 'grid' | 'commitment' | 'salience' | 'conversations';

/** The import dialog: the files chosen, whether to merge, and the preview. */
export interface ImportState {
  paths: string[];
  merge: boolean;
  /** An org chart's columns as the user corrected them; null to recognise them. */
  columns: OrgColumns | null;
  preview: ImportPreviewDto | null;
  busy: boolean;
  /** How far the reading or the import has come, while busy (null until Rust says). */
  progress?: ImportProgressDto | null;
}

/** The export dialog: what is offered, what is chosen, and how it went. */
export interface ExportState {
  choices: ExportChoicesDto;
  format: string;
  /** What a picture shows: the network (by group above the threshold), everyone, or the grid. */
  view: 'network' | 'full-network' | 'grid';
  profile: string;
  busy: boolean;
  progress: string | null;
  done: ExportedDto | null;
}
export type Side = 'person' | 'plan';
export type Theme = 'light' | 'dark';

export interface Toast {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

export interface ConfirmRequest {
  question: string;
  action: string;
  resolve: (ok: boolean) => void;
}

/** The conversation being logged (`id` null) or edited, as the form holds it. */
export interface ConversationDraft {
  id: number | null;
  talk: NewConversationDto;
}

let toastIds = 0;

/** Every derived result the store shows. */
const DERIVED: Derived[] = ['plan', 'metrics', 'progress', 'simulation', 'brief', 'groups'];

export class AppStore {
  view = $state.raw<WorkspaceDto | null>(null);
  scales = $state.raw<ScalesDto | null>(null);
  recent = $state<string[]>([]);
  loading = $state(true);
  /** While the map chosen at start opens: how many people it has (its map by
   * group answers before its view), so the window shows the map's place and
   * the network gets ready; null otherwise. */
  opening = $state<number | null>(null);
  selected = $state<number | null>(null);
  tab = $state<Tab>('network');
  side = $state<Side>('person');
  filters = $state<Filters>(noFilters());
  toasts = $state<Toast[]>([]);
  theme = $state<Theme>('light');
  /** What a person's size shows on the network. */
  sizeBy = $state<SizeBy>('power');
  /** What a person's colour shows on the network. */
  colourBy = $state<ColourBy>('stance');
  confirmRequest = $state<ConfirmRequest | null>(null);
  /** A map that could not be opened safely, offered for recovery. */
  damaged = $state<{ path: string; message: string } | null>(null);
  /** The report of the last recovery, shown until closed. */
  recovery = $state.raw<RecoveryDto | null>(null);

  advocate = $state<number | null>(null);
  steps = $state(5);
  /** The most effort points the plan may take; `null` for no limit. */
  budget = $state<number | null>(null);
  /** What the plan aims at: the support score, the coalition or commitment. */
  goal = $state<Goal>('support');

  importing = $state<ImportState | null>(null);
  /** Import previews asked for: only the latest answer is shown. */
  private previewsAsked = 0;
  exporting = $state<ExportState | null>(null);
  /** The name being typed for a new map or person (the toolbar's form), or null. */
  naming = $state<'map' | 'person' | null>(null);
  /** The map details form is open. */
  editingDetails = $state(false);
  /** The tie open in the tie editor (its id), or null. */
  editingTie = $state<number | null>(null);
  /** The help page shown, as HTML from Rust, or null. */
  help = $state<string | null>(null);
  about = $state(false);
  plan = $state.raw<PlanDto | null>(null);
  planning = $state(false);
  /** Plan requests not answered yet: `planning` while there is one. */
  private plansAsked = 0;
  planStep = $state<number | null>(null);

  whatIf = $state(false);
  talk = $state<number[]>([]);
  stanceOverrides = $state<Record<number, number>>({});
  simulation = $state.raw<SimulationDto | null>(null);
  /** True while a what-if is being predicted (the prediction shown is older). */
  simulating = $state(false);
  /** True when the prediction shown was stopped before it caught up with the
   * latest ticks and stances (Stop). */
  simulationBehind = $state(false);
  /** What-if requests not answered yet: `simulating` while there is one. */
  private simulationsAsked = 0;
  metrics = $state.raw<MetricsDto | null>(null);
  /** A big map summarised by group (org unit), or null on a map of few people. */
  groups = $state.raw<GroupMapDto | null>(null);
  /** True while the network shows groups (a big map opens this way). */
  byGroup = $state(false);
  /** True when the network draws every tie of a big map, not only the strongest. */
  allTies = $state(false);
  /** The map whose summary by group has answered (or failed), so a big map is
   * drawn once it is known whether it opens at group level. */
  groupsReady = $state<string | null>(null);
  /** The groups opened on the network at group level, by key. */
  openGroups = $state<string[]>([]);

  progress = $state.raw<ProgressDto | null>(null);
  draft = $state<ConversationDraft | null>(null);
  brief = $state.raw<BriefDto | null>(null);
  /** The person whose brief was asked for and has not answered yet. */
  private briefFor: number | null = null;
  diff = $state.raw<DiffDto | null>(null);

  /** Loads the scales and the map the shell opened at start. */
  async init(): Promise<void> {
    this.loading = true;
    try {
      // The map by group is asked for first, so Rust works it out while it
      // makes the view: a big map's network waits for both.
      const groups = api.groupMap(null).catch(() => null);
      const scales = api.scales();
      const view = api.currentMap();
      // The map by group answers first and says how many people are coming: the
      // window lays itself out and the network sets up its canvas meanwhile.
      void Promise.all([scales, groups])
        .then(([s, g]) => {
          if (!g || this.view) return;
          this.useScales(s);
          this.opening = g.people;
          // A big map is drawn by group at once from it; its people follow with the view.
          if (g.people > BIG_MAP && g.people > g.threshold) {
            this.groups = g;
            this.byGroup = true;
          }
        })
        .catch(() => {});
      const [s, v] = await Promise.all([scales, view]);
      this.useScales(s);
      if (v) this.show(v, groups);
    } catch (e) {
      this.error(e);
    } finally {
      this.loading = false;
      this.opening = null;
    }
    await this.refreshRecent();
  }

  /** The scales and class names Rust sent, and the stance colours with them. */
  private useScales(scales: ScalesDto): void {
    if (this.scales === scales) return;
    this.scales = scales;
    setPalette(scales);
  }

  async refreshRecent(): Promise<void> {
    try {
      this.recent = await api.recentMaps();
    } catch (e) {
      this.error(e);
    }
  }

  /** Shows a map just opened, or the map on another day: clears what belonged
   * to a previous map and loads the metrics and progress shown beside it (and
   * the map by group, unless `groups` is on its way). */
  show(view: WorkspaceDto, groups?: Promise<GroupMapDto | null>): void {
    const samePath = this.view?.path === view.path;
    this.view = view;
    if (!samePath) {
      this.selected = null;
      this.editingTie = null;
      this.plan = null;
      this.planStep = null;
      this.discardWhatIf();
      this.diff = null;
      this.brief = null;
      this.briefFor = null;
      this.advocate = view.lead_advocate;
      this.groups = null;
      this.groupsReady = null;
      this.openGroups = [];
      // Answers still on their way belong to the map shown before.
      this.invalidate(DERIVED);
    } else {
      this.followAdvocate(view);
    }
    // The map by group first: a big map's network waits for it, the metrics and
    // progress shown beside it need not come before.
    void this.refreshGroups(groups);
    void this.refresh(['metrics', 'progress']);
  }

  /** Each group-map request's ticket: an answer counts only if it is the latest. */
  private groupsAsked = 0;

  /** Refetches the map by group for the map shown (a big map only); the first
   * answer for a map opens it at group level when it has more people than the
   * threshold. `early` is the map by group already asked for with the view
   * (at start), used when it came. */
  async refreshGroups(early?: Promise<GroupMapDto | null>): Promise<void> {
    const view = this.view;
    const ticket = ++this.groupsAsked;
    if (!view || view.people.length <= BIG_MAP) {
      this.groups = null;
      this.byGroup = false;
      this.groupsReady = view?.path ?? null;
      return;
    }
    try {
      const groups = (await early) ?? (await api.groupMap(this.asOf));
      if (ticket !== this.groupsAsked || this.view?.path !== view.path) return;
      if (this.groups === null || groups.people > EVERYONE_UP_TO) this.byGroup = groups.people > groups.threshold;
      this.groups = groups;
    } catch (e) {
      if (ticket === this.groupsAsked) this.error(e);
    } finally {
      if (ticket === this.groupsAsked) this.groupsReady = view.path;
    }
  }

  /** Each person's group key, from the map by group. */
  get groupOf(): Map<number, string> {
    return groupIndex(this.groups);
  }

  /** Shows everyone, or the map by group. */
  setByGroup(on: boolean): void {
    if (!on && (this.view?.people.length ?? 0) > EVERYONE_UP_TO) return;
    this.byGroup = on && this.groups !== null;
    if (!on) this.openGroups = [];
  }

  /** Opens these groups on the network at group level (the others stay closed). */
  openGroup(...keys: string[]): void {
    const more = keys.filter((k) => !this.openGroups.includes(k));
    if (more.length) this.openGroups = [...this.openGroups, ...more];
  }

  /** Closes one group again, or every group (`null`). */
  closeGroup(key: string | null): void {
    this.openGroups = key === null ? [] : this.openGroups.filter((k) => k !== key);
  }

  /** Opens the groups of these people, so they are drawn at group level. */
  revealPeople(ids: number[]): void {
    if (!this.byGroup) return;
    const index = this.groupOf;
    this.openGroup(...new Set(ids.map((id) => index.get(id)).filter((k) => k !== undefined)));
  }

  /** Plans from the lead advocate when none is chosen or the chosen one is no
   * longer an advocate (the first advocate marked on a map built by hand), so
   * Plan always has someone to plan from while the map has an advocate. */
  private followAdvocate(view: WorkspaceDto): void {
    if (view.people.some((p) => p.id === this.advocate && p.advocate)) return;
    if (this.advocate === view.lead_advocate) return;
    this.advocate = view.lead_advocate;
    this.plan = null;
    this.planStep = null;
  }

  /** Generation of each derived result: bumped by every request of that kind
   * (the refetch after an edit that made it stale is one) and when what is on its
   * way no longer belongs to what is shown; an answer counts only if its
   * generation is still the latest. */
  private asked: Record<Derived, number> = { plan: 0, metrics: 0, progress: 0, simulation: 0, brief: 0, groups: 0 };

  /** Drops the answers on their way for these derived results. */
  private invalidate(kinds: Derived[]): void {
    for (const kind of kinds) this.asked[kind] += 1;
  }

  /** Asks for a derived result; its answer (or failure) is dropped (`null`) if a
   * newer request of the same kind came since, so an older plan never replaces a
   * newer one nor the one refetched after an edit. */
  private async latest<T>(kind: Derived, ask: () => Promise<T>): Promise<{ value: T } | null> {
    const ticket = ++this.asked[kind];
    const current = () => ticket === this.asked[kind];
    try {
      const value = await ask();
      return current() ? { value } : null;
    } catch (e) {
      if (current()) throw e;
      return null;
    }
  }

  /** Refetches the derived results in `stale` that are shown now or on their
   * way, and nothing else. Each refetch is a newer request, so an answer asked
   * for before the edit is dropped. Metrics and progress are always shown: their
   * refresh clears them, without a call, on a past day or with no advocate. */
  private async refresh(stale: Derived[]): Promise<void> {
    const shown: Record<Derived, boolean> = {
      plan: this.plan !== null || this.planning,
      metrics: true,
      progress: true,
      simulation: this.whatIf,
      brief: this.brief !== null || this.briefFor !== null,
      groups: true,
    };
    const run: Record<Derived, () => Promise<void>> = {
      plan: () => this.runPlan(),
      metrics: () => this.refreshMetrics(),
      progress: () => this.refreshProgress(),
      simulation: () => this.runWhatIf(),
      brief: () => this.refreshBrief(),
      // Not awaited: the next edit need not wait for the picture by group. Asked
      // once the edit is on screen: on a 10,000-person map its answer and redraw
      // took a frame of 15–30 ms that held back the edited person's new look.
      groups: async () => afterPaint(() => void this.refreshGroups()),
    };
    await Promise.all(stale.filter((d) => shown[d]).map((d) => run[d]()));
  }

  /** The past day shown, or null when the map is shown as it is now. */
  get asOf(): string | null {
    return this.view?.timeline.as_of ?? null;
  }

  /** True while a past day is shown: nothing can be edited. */
  get readOnly(): boolean {
    return this.asOf !== null;
  }

  /** Each person by id, built once for each list of people shown. */
  get personById(): Map<number, PersonDto> {
    const people = this.view?.people ?? [];
    if (this.indexed !== people) {
      this.byId = new Map(people.map((p) => [p.id, p]));
      this.indexed = people;
    }
    return this.byId;
  }
  private indexed: readonly PersonDto[] | null = null;
  private byId = new Map<number, PersonDto>();

  /** Each person's name by id. */
  get nameById(): { get: (id: number) => string | undefined } {
    const people = this.personById;
    return { get: (id) => people.get(id)?.name };
  }

  /** Stale ratings of the day shown, by person id. */
  get staleById() {
    return new Map((this.view?.timeline.stale ?? []).map((s) => [s.id, s]));
  }

  /** Shows the map as it stood on a past day, or as it is now (`null`). */
  async showAsOf(day: string | null): Promise<void> {
    try {
      const view = day === null ? await api.currentMap() : await api.viewAsOf(day);
      if (!view) return;
      this.show(view);
      if (this.whatIf) this.discardWhatIf();
      if (this.plan) void this.runPlan();
    } catch (e) {
      this.error(e);
    }
  }

  /** Compares the map between two days: who moved, and the support score. */
  async compare(from: string, to: string): Promise<void> {
    try {
      this.diff = await api.diff(from, to);
    } catch (e) {
      this.diff = null;
      this.error(e);
    }
  }

  get person() {
    return this.view?.people.find((p) => p.id === this.selected) ?? null;
  }

  select(id: number | null): void {
    this.selected = id;
    if (id !== null) this.revealPeople([id]);
    if (id !== null) this.side = 'person';
  }

  notify(text: string): void {
    this.push({ id: ++toastIds, tone: 'info', text });
  }

  error(e: unknown): void {
    const err = e as AppError;
    // Work the user stopped (Cancel, Stop) is no failure; whoever asked says how it ended.
    if (err && typeof err === 'object' && err.kind === 'cancelled') return;
    if (err && typeof err === 'object' && err.kind === 'damaged' && err.path) {
      this.damaged = { path: err.path, message: err.message };
      return;
    }
    const text = err && typeof err === 'object' && 'message' in err ? err.message : String(e);
    this.push({ id: ++toastIds, tone: 'error', text });
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  private push(t: Toast): void {
    this.toasts = [...this.toasts.slice(-3), t];
    setTimeout(() => this.dismiss(t.id), t.tone === 'error' ? 9000 : 4000);
  }

  /** Asks the user in the app's own dialog; resolves true when they confirm. */
  confirm(question: string, action: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.confirmRequest = {
        question,
        action,
        resolve: (ok) => {
          this.confirmRequest = null;
          resolve(ok);
        },
      };
    });
  }

  /** Edits waiting their turn: each starts when the one before has answered. */
  private edits: Promise<unknown> = Promise.resolve();

  /** Runs an edit after the ones already sent, so quick successive edits reach the
   * map in order and the last view shown includes them all; on success shows the
   * new view and returns what the edit added. */
  private edit(run: () => Promise<EditedDto>): Promise<EditedDto | null> {
    const next = this.edits.then(() => this.runEdit(run));
    this.edits = next;
    return next;
  }

  private async runEdit(run: () => Promise<EditedDto>): Promise<EditedDto | null> {
    if (this.asOf !== null) {
      this.push({
        id: ++toastIds,
        tone: 'error',
        text: `You are viewing the map as of ${formatDay(this.asOf)}; go back to today to change it.`,
      });
      return null;
    }
    let done: EditedDto;
    let view: WorkspaceDto | null;
    try {
      done = await run();
      // The answer is what changed since the view shown; a view shown since
      // from elsewhere (another revision) is replaced whole.
      view = viewAfter(this.view, done) ?? (await api.currentMap());
    } catch (e) {
      this.error(e);
      return null;
    }
    if (!view) return done;
    this.view = view;
    this.followAdvocate(view);
    // Inside the queue: the next edit is sent once these have answered.
    await this.refresh(done.stale);
    return done;
  }

  private async openWith(run: () => Promise<WorkspaceDto | null>): Promise<void> {
    try {
      const view = await run();
      if (view) this.show(view);
    } catch (e) {
      this.error(e);
    }
    await this.refreshRecent();
  }

  openDialog = () => this.openWith(() => api.openMapDialog());
  openPath = (path: string) => this.openWith(() => api.openMap(path));
  newMap = (name: string, change = '') =>
    this.openWith(() => api.newMapDialog(name, change, testPaths()?.[0] ?? null));
  saveAs = () => this.openWith(() => api.saveMapAsDialog());

  /** Copies what is valid of a damaged map into a new map beside it
   * (`NAME (recovered).coalition`), opens it and shows what was left behind;
   * with no path, asks for the map first. */
  async recover(source: string | null): Promise<void> {
    this.damaged = null;
    try {
      const done = source === null ? await api.recoverMapDialog() : await api.recoverMap(source);
      if (done) {
        this.show(done.view);
        this.recovery = done.recovery;
      }
    } catch (e) {
      this.error(e);
    }
    await this.refreshRecent();
  }

  async addPerson(name: string): Promise<number | null> {
    const done = await this.edit(() => api.addPerson(name));
    if (done?.id != null) this.select(done.id);
    return done?.id ?? null;
  }

  setField = (id: number, field: string, value: string) =>
    this.edit(() => api.setField(id, field, value)).then((d) => d !== null);

  setFields = (id: number, values: [string, string][]) =>
    this.edit(() => api.setFields(id, values)).then((d) => d !== null);

  async removePerson(id: number): Promise<void> {
    const name = this.view?.people.find((p) => p.id === id)?.name ?? 'this person';
    const ok = await this.confirm(
      `Delete ${name}? Their ties and conversations go too. You can undo this.`,
      'Delete',
    );
    if (!ok) return;
    const done = await this.edit(() => api.removePerson(id));
    if (done && this.selected === id) this.selected = null;
  }

  addRelation = (tie: NewTieDto) => this.edit(() => api.addRelation(tie)).then((d) => d !== null);
  updateRelation = (id: number, tie: NewTieDto) =>
    this.edit(() => api.updateRelation(id, tie)).then((d) => d !== null);
  removeRelation = (id: number) => this.edit(() => api.removeRelation(id));

  /** Opens the conversation form for a new conversation with `stakeholder`,
   * held by `heldBy` (e.g. the plan's advocate). */
  startLog(stakeholder: number | null, heldBy: number | null = null): void {
    const person = this.view?.people.find((p) => p.id === stakeholder);
    this.draft = {
      id: null,
      talk: {
        stakeholder: stakeholder ?? 0,
        date: localToday(),
        held_by: heldBy,
        channel: 'meeting',
        summary: '',
        stance_before: person ? String(person.stance) : null,
        stance_after: null,
        next_step: '',
        next_step_due: null,
      },
    };
  }

  /** Opens the conversation form on a recorded conversation. */
  startEdit(c: ConversationDto): void {
    this.draft = {
      id: c.id,
      talk: {
        stakeholder: c.stakeholder,
        date: c.date,
        held_by: c.held_by_id,
        channel: c.channel,
        summary: c.summary,
        stance_before: c.stance_before,
        stance_after: c.stance_after,
        next_step: c.next_step,
        next_step_due: c.next_step_due,
      },
    };
  }

  /** Records or saves the conversation in the form; closes it on success. */
  async saveDraft(): Promise<boolean> {
    const draft = this.draft;
    if (!draft) return false;
    const talk = { ...draft.talk, next_step_due: draft.talk.next_step_due || null };
    const done = await this.edit(() =>
      draft.id === null ? api.addEngagement(talk) : api.updateEngagement(draft.id, talk),
    );
    if (done) this.draft = null;
    return done !== null;
  }

  /** Saves the advocate's plan so its progress is followed. */
  async savePlan(): Promise<void> {
    if (this.advocate === null) return;
    if (await this.edit(() => api.savePlan(this.planRequest(this.advocate as number)))) {
      this.notify('Plan saved: conversations with its people now tick its steps.');
    }
  }

  /** Reloads the progress of the chosen advocate's latest saved plan. */
  async refreshProgress(): Promise<void> {
    if (this.advocate === null || this.asOf !== null) {
      this.progress = null;
      this.invalidate(['progress']);
      return;
    }
    const advocate = this.advocate;
    try {
      const answer = await this.latest('progress', () => api.planProgress(advocate));
      if (answer) this.progress = answer.value;
    } catch (e) {
      this.progress = null;
      this.error(e);
    }
  }

  /** Opens the brief before a conversation with this person. */
  async openBrief(id: number): Promise<void> {
    this.briefFor = id;
    try {
      const answer = await this.latest('brief', () => api.brief(id, this.advocate));
      if (answer) {
        this.brief = answer.value;
        this.briefFor = null;
      }
    } catch (e) {
      this.briefFor = null;
      this.error(e);
    }
  }

  /** Reloads the open brief (after an edit made it stale); closes it if its
   * person is gone. */
  private async refreshBrief(): Promise<void> {
    const id = this.briefFor ?? this.brief?.id ?? null;
    if (id === null) return;
    if (!this.view?.people.some((p) => p.id === id)) {
      this.brief = null;
      this.briefFor = null;
      this.invalidate(['brief']);
      return;
    }
    await this.openBrief(id);
  }

  setStaleDays = (days: number) =>
    this.edit(() => api.setStaleDays(days)).then((d) => d !== null);

  async removeEngagement(id: number): Promise<void> {
    if (await this.confirm('Delete this conversation record? You can undo this.', 'Delete')) {
      await this.edit(() => api.removeEngagement(id));
    }
  }

  movePeople = (places: PlaceDto[]) => this.edit(() => api.movePeople(places));

  /** Has Rust place everyone never placed where the exports draw them (saved,
   * not a step of undo) and shows the map with those positions; false when it
   * could not (a past day, or an error, which is shown), so the caller draws
   * the map without. */
  async layOut(): Promise<boolean> {
    if (this.readOnly) return false;
    try {
      const done = await api.layOut();
      const view = viewAfter(this.view, done) ?? (await api.currentMap());
      if (!view) return false;
      this.view = view;
      void this.refreshGroups();
      return true;
    } catch (e) {
      this.error(e);
      return false;
    }
  }

  /** Saves the places a layout in the view chose; the view shown takes them too
   * (Rust's last view sent has them, so no edit's change will bring them). */
  async placePeople(places: PlaceDto[]): Promise<void> {
    try {
      await api.placePeople(places);
    } catch (e) {
      this.error(e);
      return;
    }
    const at = new Map(places.map((p) => [p.id, [p.x, p.y] as [number, number]]));
    const view = this.view;
    if (view) this.view = { ...view, people: view.people.map((p) => (at.has(p.id) ? { ...p, position: at.get(p.id)! } : p)) };
  }

  async undo(): Promise<void> {
    if (!this.view?.undo) return;
    const done = await this.edit(() => api.undo());
    if (done?.done) this.notify(`Undone: ${done.done}`);
  }

  async redo(): Promise<void> {
    if (!this.view?.redo) return;
    const done = await this.edit(() => api.redo());
    if (done?.done) this.notify(`Redone: ${done.done}`);
  }

  /** Recomputes the graph metrics shown in the detail panel. */
  async refreshMetrics(): Promise<void> {
    if (this.asOf !== null) {
      this.metrics = null;
      this.invalidate(['metrics']);
      return;
    }
    try {
      const answer = await this.latest('metrics', () => api.metrics());
      if (answer) this.metrics = answer.value;
    } catch (e) {
      this.metrics = null;
      this.error(e);
    }
  }

  /** Prints what is on screen (the brief's print layout) through the system
   * print dialog, where "Print to File" makes a PDF. */
  async print(): Promise<void> {
    try {
      await api.printPage();
    } catch (e) {
      this.error(e);
    }
  }

  /** Stops the plan being computed: Rust stops at its next stage, its answer
   * (if it still comes) is dropped, and the panel is free again at once (the plan
   * shown stays). */
  cancelPlan(): void {
    this.invalidate(['plan']);
    this.plansAsked = 0;
    this.planning = false;
    api.cancelPlan().catch((e) => this.error(e));
  }

  /** The plan the panel's choices ask for, from `advocate`. */
  private planRequest(advocate: number): PlanRequestDto {
    return { advocate, steps: this.steps, budget: this.budget, goal: this.goal };
  }

  /** Computes the plan for the chosen advocate (off the UI thread, in Rust). */
  async runPlan(): Promise<void> {
    if (this.advocate === null) return;
    const [request, asOf] = [this.planRequest(this.advocate), this.asOf];
    this.planning = ++this.plansAsked > 0;
    try {
      const answer = await this.latest('plan', () =>
        asOf === null ? api.plan(request) : api.planAsOf(request, asOf),
      );
      if (!answer) return;
      this.plan = answer.value;
      if (this.planStep !== null && this.planStep >= this.plan.steps.length) this.planStep = null;
    } catch (e) {
      // A plan stopped by Cancel or by a newer plan is no failure to show.
      if ((e as AppError).kind === 'cancelled') return;
      this.plan = null;
      this.error(e);
    } finally {
      this.plansAsked = Math.max(0, this.plansAsked - 1);
      this.planning = this.plansAsked > 0;
    }
  }

  /** The people to highlight on the map for the selected plan step: the target and
   * the introduction path to them. */
  get highlight(): { target: number; path: number[] } | null {
    const step = this.planStep !== null ? this.plan?.steps[this.planStep] : undefined;
    return step ? { target: step.id, path: step.path } : null;
  }

  startWhatIf(): void {
    this.whatIf = true;
    this.talk = [];
    this.stanceOverrides = {};
    void this.runWhatIf();
  }

  toggleTalk(id: number): void {
    this.talk = this.talk.includes(id) ? this.talk.filter((t) => t !== id) : [...this.talk, id];
    void this.runWhatIf();
  }

  overrideStance(id: number, stance: number): void {
    this.stanceOverrides = { ...this.stanceOverrides, [id]: stance };
    void this.runWhatIf();
  }

  async runWhatIf(): Promise<void> {
    if (!this.whatIf) return;
    const whatIf = {
      talk: this.talk,
      stances: Object.entries(this.stanceOverrides).map(([id, stance]) => ({
        id: Number(id),
        stance,
      })),
    };
    this.simulating = ++this.simulationsAsked > 0;
    try {
      const answer = await this.latest('simulation', () => api.simulate(whatIf));
      if (answer) {
        this.simulation = answer.value;
        this.simulationBehind = false;
      }
    } catch (e) {
      // A what-if stopped (Stop, Discard or a newer one) is no failure to show.
      if ((e as AppError).kind !== 'cancelled') this.error(e);
    } finally {
      this.simulationsAsked = Math.max(0, this.simulationsAsked - 1);
      this.simulating = this.simulationsAsked > 0;
    }
  }

  /** Stops predicting: Rust stops at its next stage and its answer is dropped;
   * the prediction shown stays, marked as not including the latest changes. */
  stopWhatIf(): void {
    if (!this.simulating) return;
    this.stopSimulation();
    this.simulationBehind = this.simulation !== null;
  }

  private stopSimulation(): void {
    this.invalidate(['simulation']);
    this.simulationsAsked = 0;
    this.simulating = false;
    api.cancelSimulation().catch((e) => this.error(e));
  }

  discardWhatIf(): void {
    if (this.simulating) this.stopSimulation();
    this.whatIf = false;
    this.talk = [];
    this.stanceOverrides = {};
    this.simulation = null;
    this.simulationBehind = false;
    this.invalidate(['simulation']);
  }

  /** Keeps the what-if stances as one edit: one call, one undo step. */
  async keepWhatIf(): Promise<void> {
    const stances = Object.entries(this.stanceOverrides).map(([id, stance]) => ({
      id: Number(id),
      stance,
    }));
    if (stances.length === 0) {
      this.discardWhatIf();
      return;
    }
    const [talk, overrides] = [this.talk, this.stanceOverrides];
    this.discardWhatIf();
    if (!(await this.edit(() => api.setStances(stances)))) {
      // Refused: the what-if comes back as it was, to be changed or discarded.
      this.whatIf = true;
      this.talk = talk;
      this.stanceOverrides = overrides;
      void this.runWhatIf();
    }
  }

  /** Renames the map and restates its change and description (undoable). */
  async setDetails(name: string, change: string, description: string): Promise<boolean> {
    const done = await this.edit(() => api.setMapDetails(name, change, description));
    if (done) this.editingDetails = false;
    return done !== null;
  }

  /** Sets θ, the effect of one conversation (undoable); the plan is redone. */
  setTheta = (theta: number) => this.edit(() => api.setTheta(theta)).then((d) => d !== null);

  /** Closes the open map and shows the start page. */
  async closeMap(): Promise<void> {
    try {
      await this.edits;
      await api.closeMap();
      this.view = null;
      this.selected = null;
      this.plan = null;
      this.groups = null;
      this.openGroups = [];
      this.discardWhatIf();
      this.invalidate(DERIVED);
    } catch (e) {
      this.error(e);
    }
    await this.refreshRecent();
  }

  /** Opens the import dialog; with paths (a drop on the window) previews them at once. */
  async startImport(paths: string[] = []): Promise<void> {
    if (!this.view) {
      this.notify('Open or create a map first, then import into it.');
      return;
    }
    this.importing = { paths: [], merge: false, columns: null, preview: null, busy: false };
    if (paths.length > 0) await this.previewImport(paths);
  }

  /** Asks for the files to import (the native dialog) and previews them. */
  async chooseImportFiles(): Promise<void> {
    try {
      const paths = testPaths() ?? (await api.pickImportFiles());
      if (paths && paths.length > 0) await this.previewImport(paths, this.importing?.merge ?? false, null);
    } catch (e) {
      this.error(e);
    }
  }

  /** Reads the files in Rust and shows what importing them would do; nothing changes. */
  async previewImport(
    paths: string[],
    merge = this.importing?.merge ?? false,
    columns: OrgColumns | null = this.importing?.columns ?? null,
  ): Promise<void> {
    if (!this.importing) return;
    const asked = ++this.previewsAsked;
    this.importing = { paths, merge, columns, preview: null, busy: true };
    try {
      const preview = await api.previewImport({
        paths: [...paths],
        merge,
        columns: columns ? { ...columns } : null,
      });
      // A newer choice of files (or of merge or columns) replaced this one meanwhile.
      if (this.importing && asked === this.previewsAsked) {
        this.importing = { paths, merge, columns, preview, busy: false };
      }
    } catch (e) {
      if (this.importing && asked === this.previewsAsked) {
        this.importing = { ...this.importing, busy: false };
      }
      this.error(e);
    }
  }

  /** Previews again, merging with people already in the map or not. */
  setImportMerge = (merge: boolean) =>
    this.importing ? this.previewImport([...this.importing.paths], merge) : Promise.resolve();

  /** Reads an org chart's column as another field (or not at all) and previews again. */
  setImportColumn(field: keyof OrgColumns, header: string | null): Promise<void> {
    const s = this.importing;
    const read = s?.columns ?? s?.preview?.columns;
    if (!s || !read) return Promise.resolve();
    return this.previewImport([...s.paths], s.merge, { ...read, [field]: header });
  }

  /** Applies the previewed import: one transaction, one undo step. */
  async applyImport(): Promise<void> {
    const state = this.importing;
    if (!state?.preview || state.preview.problems.length > 0) return;
    this.importing = { ...state, busy: true };
    const p = state.preview;
    const request = {
      paths: [...state.paths],
      merge: state.merge,
      columns: state.columns ? { ...state.columns } : null,
    };
    const done = await this.edit(() => api.importFiles(request));
    // Cancel closed the dialog meanwhile: say how it ended.
    const cancelled = this.importing === null;
    if (done) {
      this.importing = null;
      this.notify(
        `${cancelled ? 'The import had finished before Cancel: imported' : 'Imported'} ` +
          `${count(p.people, 'person', 'people')}, ${count(p.relations, 'tie', 'ties')} and ` +
          `${count(p.engagements, 'conversation', 'conversations')}. Undo puts the map back as it was.`,
      );
    } else if (cancelled) {
      this.notify('Import cancelled: nothing was imported, and the map is as it was.');
    } else if (this.importing) {
      this.importing = { ...this.importing, busy: false, progress: null };
    }
  }

  /** Closes the import dialog. An import or a reading under way stops in Rust
   * (an import is rolled back: nothing changes, no undo step). */
  cancelImport(): void {
    const busy = this.importing?.busy ?? false;
    this.importing = null;
    if (busy) api.cancelImport().catch((e) => this.error(e));
  }

  /** Shows how far the reading or the import under way has come. */
  importProgress(p: ImportProgressDto): void {
    if (this.importing?.busy) this.importing = { ...this.importing, progress: p };
  }

  /** Opens the export dialog with the formats and profiles for this map. */
  async startExport(): Promise<void> {
    if (!this.view) {
      this.notify('Open a map first, then export it.');
      return;
    }
    try {
      const choices = await api.exportChoices();
      this.exporting = {
        choices,
        format: 'html',
        view: 'network',
        profile: 'full',
        busy: false,
        progress: null,
        done: null,
      };
    } catch (e) {
      this.error(e);
    }
  }

  /** Writes the export where the user picks in the save dialog (in Rust). */
  async runExport(): Promise<void> {
    const state = this.exporting;
    if (!state) return;
    this.exporting = { ...state, busy: true, progress: null, done: null };
    try {
      const path = testPaths()?.[0] ?? null;
      const done = await api.exportMap(
        {
          format: state.format,
          view: state.view,
          profile: state.profile,
          advocate: this.advocate,
        },
        path,
      );
      if (this.exporting) this.exporting = { ...this.exporting, busy: false, progress: null, done };
    } catch (e) {
      if (this.exporting) this.exporting = { ...this.exporting, busy: false, progress: null };
      this.error(e);
    }
  }

  /** Shows how far a long export has come. */
  exportProgress(stage: string, done: number, total: number): void {
    if (this.exporting?.busy) {
      const share = total > 0 ? ` (${Math.round((100 * done) / total)}%)` : '';
      this.exporting = { ...this.exporting, progress: `${stage}${share}` };
    }
  }

  /** Opens an exported file with the desktop's default program. */
  async openExported(path: string): Promise<void> {
    try {
      await api.openExported(path);
    } catch (e) {
      this.error(e);
    }
  }

  /** Shows "How the plan is reached", shipped with the app. */
  async showHelp(): Promise<void> {
    try {
      this.help = await api.modelHelp();
    } catch (e) {
      this.error(e);
    }
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem('coalition-theme', theme);
    } catch {
      // Storage may be unavailable; the theme still applies for this session.
    }
  }

  loadTheme(): void {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem('coalition-theme');
    } catch {
      saved = null;
    }
    const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    this.setTheme(saved === 'dark' || saved === 'light' ? saved : prefersDark ? 'dark' : 'light');
  }
}

export const store = new AppStore();

/** Runs `then` after the next frame is painted (at once where there are no frames). */
function afterPaint(then: () => void): void {
  if (typeof requestAnimationFrame !== 'function') return then();
  requestAnimationFrame(() => setTimeout(then, 0));
}

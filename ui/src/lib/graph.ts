// Turning the workspace view into Cytoscape elements, and choosing a layout.

import type { ElementDefinition } from 'cytoscape';
import { paletteStamp, stanceColour } from './palette';
import { count } from './numbers';
import type { GroupMapDto, MetricsDto, PersonDto, TieDto, WorkspaceDto } from './types';

/** Node size in px for power 1..5. */
export function nodeSize(power: number): number {
  return 22 + (power - 1) * 9;
}

/** What a person's size shows on the network. */
export type SizeBy = 'power' | 'pagerank' | 'betweenness';
/** What a person's colour shows on the network. */
export type ColourBy = 'stance' | 'gap' | 'pagerank' | 'betweenness';

/** How people are drawn: size and colour by what, with the metrics to read. */
export interface Look {
  size: SizeBy;
  colour: ColourBy;
  metrics: MetricsDto | null;
}

/** The default look: size by power, colour by stance. */
export const PLAIN: Look = { size: 'power', colour: 'stance', metrics: null };

/** The ends of the scale "less" to "more" when colour shows a number. */
export const SCALE_LOW = '#dbe9f6';
export const SCALE_HIGH = '#08306b';

/** A colour between SCALE_LOW (t = 0) and SCALE_HIGH (t = 1). */
export function scaleColour(t: number): string {
  const u = Math.max(0, Math.min(1, t));
  const [a, b] = [SCALE_LOW, SCALE_HIGH].map((h) => Number.parseInt(h.slice(1), 16));
  const mix = (shift: number) => Math.round(((a >> shift) & 255) * (1 - u) + ((b >> shift) & 255) * u);
  return `#${((mix(16) << 16) | (mix(8) << 8) | mix(0)).toString(16).padStart(6, '0')}`;
}

/** Each person's share (0..1) of the highest value of a metric, by id. */
function shares(metrics: MetricsDto | null, key: 'pagerank' | 'betweenness'): Map<number, number> {
  const people = metrics?.people ?? [];
  const top = Math.max(0, ...people.map((m) => m[key]));
  return new Map(people.map((m) => [m.id, top > 0 ? m[key] / top : 0]));
}

/** The elements made for each person (with what they were drawn as) and each tie.
 * An edit's answer leaves the people and ties it did not change as the same
 * objects (see viewchange.ts), so they give the same element again and the
 * network skips them without comparing them field by field. Elements are shared:
 * give Cytoscape copies (see `drawable`), as it keeps and changes what it is given. */
const nodeMemo = new WeakMap<PersonDto, { key: string; el: ElementDefinition; context: object }>();

/** What a person's element depends on besides the person (sent anew whenever
 * the person changes): the look, the stale ratings (the view's timeline), the
 * places given and the stance colours. */
let lastContext: {
  size: string;
  colour: string;
  metrics: unknown;
  timeline: unknown;
  placed: unknown;
  palette: object;
  token: object;
} | null = null;

/** A token that stays the same object while everything but the people that a
 * person's element depends on stays the same: an element made under it is
 * still right for the same person object, so an edit's redraw of a group of
 * 1,514 people need not make the key of each again. */
function contextOf(look: Look, timeline: unknown, placed: unknown): object {
  const [c, palette] = [lastContext, paletteStamp()];
  const same =
    c?.size === look.size &&
    c.colour === look.colour &&
    c.metrics === look.metrics &&
    c.timeline === timeline &&
    c.placed === placed &&
    c.palette === palette;
  if (c && same) return c.token;
  lastContext = { size: look.size, colour: look.colour, metrics: look.metrics, timeline, placed, palette, token: {} };
  return lastContext.token;
}
const edgeMemo = new WeakMap<TieDto, ElementDefinition>();

/** The ties last found among a set of people, kept while both stay the same. */
let lastWithin: { relations: TieDto[]; only: Set<number>; ties: TieDto[] } | null = null;

/** The ties between people of `only`. */
function tiesWithin(relations: TieDto[], only: Set<number>): TieDto[] {
  if (lastWithin?.relations !== relations || lastWithin.only !== only) {
    lastWithin = { relations, only, ties: relations.filter((r) => only.has(r.from) && only.has(r.to)) };
  }
  return lastWithin.ties;
}

/** A copy of an element for Cytoscape to keep: it holds on to the data and
 * position objects it is given and changes them as people are dragged and marked. */
export function drawable(el: ElementDefinition): ElementDefinition {
  return { ...el, data: { ...el.data }, ...(el.position ? { position: { ...el.position } } : {}) };
}

/** Cytoscape elements of the map: people (at their saved position, or at the one
 * `placed` gives, sized and coloured as `look` says) and ties. An unchanged person
 * or tie gives the element it gave before (the same object). */
export function toElements(
  view: WorkspaceDto,
  placed?: Map<number, { x: number; y: number }>,
  look: Look = PLAIN,
  only?: Set<number>,
): ElementDefinition[] {
  const context = contextOf(look, view.timeline, placed);
  // Made only if some person's element must be made again.
  let made: { stale: Set<number>; sizeShare: Map<number, number> | null; colourShare: Map<number, number> | null } | null = null;
  const lazily = () =>
    (made ??= {
      stale: new Set(view.timeline.stale.map((s) => s.id)),
      sizeShare: look.size === 'power' ? null : shares(look.metrics, look.size),
      colourShare: look.colour === 'pagerank' || look.colour === 'betweenness' ? shares(look.metrics, look.colour) : null,
    });
  // Size by a metric: the area follows the value, from power 1's size to power 5's.
  const size = (p: WorkspaceDto['people'][number]) => {
    const { sizeShare } = lazily();
    return sizeShare ? nodeSize(1) + (nodeSize(5) - nodeSize(1)) * Math.sqrt(sizeShare.get(p.id) ?? 0) : nodeSize(p.power);
  };
  const colour = (p: WorkspaceDto['people'][number]) => {
    const { colourShare } = lazily();
    return colourShare
      ? scaleColour(colourShare.get(p.id) ?? 0)
      : look.colour === 'gap'
        ? scaleColour(Math.abs(p.target - p.stance) / 4)
        : stanceColour(p.stance);
  };
  const people = only ? view.people.filter((p) => only.has(p.id)) : view.people;
  const relations = only ? tiesWithin(view.relations, only) : view.relations;
  const nodes: ElementDefinition[] = people.map((p) => {
    const memo = nodeMemo.get(p);
    if (memo?.context === context) return memo.el;
    const [c, z, old] = [colour(p), size(p), lazily().stale.has(p.id)];
    const at = p.position ? { x: p.position[0], y: p.position[1] } : placed?.get(p.id);
    const key = `${c}|${z}|${old ? 1 : 0}|${at?.x},${at?.y}`;
    if (memo?.key === key) {
      memo.context = context;
      return memo.el;
    }
    const el: ElementDefinition = {
      group: 'nodes',
      data: {
        id: `p${p.id}`,
        personId: p.id,
        name: p.name,
        label: p.advocate ? `★ ${p.name}` : p.name,
        colour: c,
        size: z,
        advocate: p.advocate ? 1 : 0,
      },
      position: at,
      classes: [p.advocate ? 'advocate' : '', old ? 'stale' : ''].join(' ').trim(),
    };
    nodeMemo.set(p, { key, el, context });
    return el;
  });
  const edges: ElementDefinition[] = relations.map((r) => {
    const made = edgeMemo.get(r);
    if (made) return made;
    const el: ElementDefinition = {
      group: 'edges',
      data: {
        id: `r${r.id}`,
        relationId: r.id,
        source: `p${r.from}`,
        target: `p${r.to}`,
        kind: r.kind,
        strength: r.strength,
        width: 0.6 + r.strength * 0.5,
      },
      classes: [r.kind, `flow-${r.flow}`, r.negative ? 'negative' : ''].join(' ').trim(),
    };
    edgeMemo.set(r, el);
    return el;
  });
  return [...nodes, ...edges];
}

/** The id of a closed group's node on the network. */
export function groupNodeId(key: string): string {
  return `g:${key}`;
}

/** Cytoscape elements of a big map at group level: each closed group one node at
 * the centre of its people, sized by headcount, a pie of its stance mix (Active
 * resistance first), with the ties between closed groups summed; the people of
 * each open group drawn as on the full map, with their ties to the other open
 * groups' people, and their ties into each closed group summed per person. */
export function groupElements(
  view: WorkspaceDto,
  groups: GroupMapDto,
  open: readonly string[],
  placed?: Map<number, { x: number; y: number }>,
  look: Look = PLAIN,
): ElementDefinition[] {
  const frame = groupFrame(groups, open);
  if (frame.members.size === 0) return frame.closed;
  return [...frame.closed, ...toElements(view, placed, look, frame.members), ...linksInto(view, frame)];
}

/** The elements of a big map with every group closed, from its map by group
 * alone: what the network draws while the map's view is still on its way (the
 * same elements [`groupElements`] then gives). */
export function closedGroupElements(groups: GroupMapDto): ElementDefinition[] {
  return groupFrame(groups, []).closed;
}

/** What a map by group draws whatever its people's ratings: the closed groups and
 * the links between them, who is in an open group, and each person's group. */
interface GroupFrame {
  groups: GroupMapDto;
  open: string;
  closed: ElementDefinition[];
  members: Set<number>;
  groupOf: Map<number, string>;
}

/** The frame last made, kept while the map by group and the open groups stay. */
let lastFrame: GroupFrame | null = null;

/** The frame of `groups` with `open` open (the last one when they are the same). */
function groupFrame(groups: GroupMapDto, open: readonly string[]): GroupFrame {
  const key = open.join('\u0000');
  if (lastFrame?.groups === groups && lastFrame.open === key) return lastFrame;
  const opened = new Set(open);
  let groupOf = new Map<number, string>();
  let members = new Set<number>();
  for (const g of groups.groups) {
    for (const id of g.members) {
      groupOf.set(id, g.key);
      if (opened.has(g.key)) members.add(id);
    }
  }
  // A map by group refetched after an edit mostly has the same people in the
  // same groups: keep the sets, so the ties into closed groups are not summed again.
  if (lastFrame && lastFrame.open === key && sameEntries(lastFrame.groupOf, groupOf) && sameEntries(lastFrame.members, members)) {
    ({ groupOf, members } = lastFrame);
  }
  const closed: ElementDefinition[] = [];
  const sizeOf = (g: GroupMapDto['groups'][number]) =>
    Math.min(Math.max(40, 1.4 * g.radius), 80 * Math.sqrt(g.members.length) + 40);
  // Names scale with the biggest group, so they read at the zoom that fits the map.
  const biggest = Math.max(0, ...groups.groups.map(sizeOf));
  for (const g of groups.groups) {
    if (opened.has(g.key)) continue;
    const n = g.members.length;
    const size = sizeOf(g);
    const pie: Record<string, number> = {};
    g.stances.forEach((count, i) => (pie[`s${i}`] = n ? (100 * count) / n : 0));
    closed.push(
      stable({
        group: 'nodes',
        data: {
          id: groupNodeId(g.key),
          groupKey: g.key,
          label: `${g.name}\n${count(n, 'person', 'people')}`,
          size,
          font: Math.max(12, biggest / 18, Math.min(size / 7, biggest / 9)),
          wrap: Math.max(size * 1.8, biggest / 2),
          ...pie,
        },
        position: { x: g.x, y: g.y },
        classes: 'group',
        grabbable: false,
      }),
    );
  }
  for (const l of groups.links) {
    if (opened.has(l.a) || opened.has(l.b)) continue;
    closed.push(linkEdge(`gl:${l.a}|${l.b}`, groupNodeId(l.a), groupNodeId(l.b), l.ties, l.conflicts));
  }
  lastFrame = { groups, open: key, closed, members, groupOf };
  return lastFrame;
}

/** The last summed ties into closed groups, kept while the ties and the frame stay. */
let lastInto: { relations: WorkspaceDto['relations']; members: Set<number>; links: ElementDefinition[] } | null = null;

/** Each open member's ties into each closed group, summed. */
function linksInto(view: WorkspaceDto, frame: GroupFrame): ElementDefinition[] {
  if (lastInto?.relations === view.relations && lastInto.members === frame.members) return lastInto.links;
  const { members, groupOf } = frame;
  const into = new Map<string, { from: number; key: string; ties: number; conflicts: number }>();
  for (const r of view.relations) {
    const [inFrom, inTo] = [members.has(r.from), members.has(r.to)];
    if (inFrom === inTo) continue;
    const [person, other] = inFrom ? [r.from, r.to] : [r.to, r.from];
    const key = groupOf.get(other);
    if (key === undefined) continue;
    const id = `gm:${person}|${key}`;
    const sum = into.get(id) ?? { from: person, key, ties: 0, conflicts: 0 };
    sum.ties += 1;
    sum.conflicts += r.kind === 'conflict' ? 1 : 0;
    into.set(id, sum);
  }
  const links = [...into].map(([id, sum]) => linkEdge(id, `p${sum.from}`, groupNodeId(sum.key), sum.ties, sum.conflicts));
  lastInto = { relations: view.relations, members: frame.members, links };
  return links;
}

/** True when two maps (or sets) hold the same entries. */
function sameEntries<K, V>(a: Map<K, V> | Set<K>, b: Map<K, V> | Set<K>): boolean {
  if (a.size !== b.size) return false;
  if (a instanceof Set) return [...a].every((k) => (b as Set<K>).has(k));
  for (const [k, v] of a) if ((b as Map<K, V>).get(k) !== v) return false;
  return true;
}

/** Group-level elements by id, with what they were made of: an element made
 * again the same is the element made before, so the network skips it. */
let stableMemo = new Map<string, { key: string; el: ElementDefinition }>();

/** `el`, or the element made before with the same id and the same content. */
function stable(el: ElementDefinition): ElementDefinition {
  const id = el.data.id as string;
  const key = JSON.stringify([el.data, el.classes, el.position]);
  const made = stableMemo.get(id);
  if (made?.key === key) return made.el;
  // A map holds a few thousand group-level elements at most: start afresh past that.
  if (stableMemo.size > 100_000) stableMemo = new Map();
  stableMemo.set(id, { key, el });
  return el;
}

/** A summed tie between groups (or a person and a group): wider the more ties,
 * coloured as a conflict when most of them are. */
function linkEdge(id: string, source: string, target: string, ties: number, conflicts: number): ElementDefinition {
  return stable({
    group: 'edges',
    data: { id, source, target, ties, width: Math.min(1 + Math.log2(ties) * 1.5, 12) },
    classes: ['link', conflicts * 2 > ties ? 'conflict' : ''].join(' ').trim(),
  });
}

/** The most ties and summed links the network draws of people in open groups (or
 * of everyone on a big map) before it draws only the strongest: more than this
 * read as a haze. (Drawing them is cheap since they are drawn on their own layer,
 * tielayer.ts: Draw all costs little.) */
export const TIE_BUDGET = 3000;

/** What the network draws when ties are many: `elements` with at most `budget`
 * ties and links of people, the strongest first (a tie by its strength, 1–5; a
 * person's summed link into a closed group by its number of ties, counting up to
 * 5), plus every tie of the people in `keep` (the selected person, the focus,
 * a plan step's path); the links between closed groups always stay. `total` is
 * how many there were to choose from, `drawn` how many are drawn. Below the
 * budget, `elements` itself. */
export function strongestTies(
  elements: ElementDefinition[],
  keep: ReadonlySet<number>,
  budget = TIE_BUDGET,
): { elements: ElementDefinition[]; total: number; drawn: number } {
  const ofPeople = elements.filter((e) => e.group === 'edges' && !(e.data.id as string).startsWith('gl:'));
  if (ofPeople.length <= budget) return { elements, total: ofPeople.length, drawn: ofPeople.length };
  const kept = strongest(ofPeople, budget);
  const touches = (e: ElementDefinition) =>
    [e.data.source, e.data.target].some((end) => (end as string).startsWith('p') && keep.has(Number((end as string).slice(1))));
  const out = elements.filter((e) => e.group !== 'edges' || (e.data.id as string).startsWith('gl:') || kept.has(e) || touches(e));
  return { elements: out, total: ofPeople.length, drawn: out.length - (elements.length - ofPeople.length) };
}

/** The last ranking of ties, kept while the ties are the same (an edit of a
 * person's rating changes no tie). */
let lastRanking: { ties: ElementDefinition[]; budget: number; kept: Set<ElementDefinition> } | null = null;

/** The `budget` strongest of `ties` (a tie by its strength, a summed link by its
 * number of ties up to 5; ties of equal weight by id). */
function strongest(ties: ElementDefinition[], budget: number): Set<ElementDefinition> {
  const last = lastRanking;
  if (last && last.budget === budget && last.ties.length === ties.length && last.ties.every((t, i) => t === ties[i])) return last.kept;
  const weight = (e: ElementDefinition) => (e.data.strength as number | undefined) ?? Math.min(5, e.data.ties as number);
  const kept = new Set(
    [...ties]
      // Ids compared by code unit: localeCompare's collation took most of this sort.
      .sort((a, b) => weight(b) - weight(a) || byId(a.data.id as string, b.data.id as string))
      .slice(0, budget),
  );
  lastRanking = { ties, budget, kept };
  return kept;
}

/** Orders two ids by code unit. */
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** People without a saved position. */
export function unplaced(view: WorkspaceDto): number[] {
  return view.people.filter((p) => !p.position).map((p) => p.id);
}

/** Maps bigger than this are laid out by group clusters instead of a force layout,
 * so they draw at once; people can still be dragged, and positions are saved. */
export const BIG_MAP = 400;

/** The most people the network draws one by one: above it, only by group
 * (the web view ran out of memory drawing 50,000 people and 250,000 ties). */
export const EVERYONE_UP_TO = 20000;

/** True when the map is drawn the fast way: group clusters, straight ties. */
export function isBig(view: WorkspaceDto): boolean {
  return view.people.length > BIG_MAP;
}

/** True when most people have no position yet: the map is laid out afresh. */
export function mostlyUnplaced(view: WorkspaceDto): boolean {
  return unplaced(view).length * 2 > view.people.length;
}

/** The force layout for a small map where most people are not placed yet, or null
 * when the saved positions stand (newcomers then go beside their ties: see
 * [`startPositions`]). */
export function layoutFor(view: WorkspaceDto): { name: string; [k: string]: unknown } | null {
  if (isBig(view) || !mostlyUnplaced(view)) return null;
  return {
    name: 'fcose',
    quality: 'proof',
    randomize: true,
    animate: false,
    fit: true,
    padding: 70,
    nodeSeparation: 60,
    idealEdgeLength: () => 70,
    nodeRepulsion: () => 12000,
    edgeElasticity: () => 0.3,
    gravity: 0.2,
    numIter: 5000,
    nodeDimensionsIncludeLabels: true,
  };
}

/** Positions for the people without one, when no force layout runs: a big map
 * where most people are unplaced gets group clusters; otherwise each newcomer goes next to
 * the people they have ties with (or beside the map), so nobody already placed moves. */
export function startPositions(view: WorkspaceDto): Map<number, { x: number; y: number }> {
  const missing = unplaced(view);
  if (missing.length === 0) return new Map();
  if (mostlyUnplaced(view)) return isBig(view) ? clusterPositions(view) : new Map();
  const at = new Map<number, { x: number; y: number }>();
  let right = -Infinity;
  let top = Infinity;
  for (const p of view.people) {
    if (!p.position) continue;
    at.set(p.id, { x: p.position[0], y: p.position[1] });
    right = Math.max(right, p.position[0]);
    top = Math.min(top, p.position[1]);
  }
  const ties = new Map<number, number[]>();
  for (const r of view.relations) {
    ties.set(r.from, [...(ties.get(r.from) ?? []), r.to]);
    ties.set(r.to, [...(ties.get(r.to) ?? []), r.from]);
  }
  missing.forEach((id) => {
    const near = (ties.get(id) ?? []).map((n) => at.get(n)).filter((q) => q !== undefined);
    const start = near.length
      ? {
          x: near.reduce((a, q) => a + q.x, 0) / near.length,
          y: near.reduce((a, q) => a + q.y, 0) / near.length,
        }
      : { x: right + 120, y: top };
    at.set(id, freeSpot([...at.values()], start));
  });
  for (const id of at.keys()) if (!missing.includes(id)) at.delete(id);
  return at;
}

/** Positions for a big map: each group on a sunflower spiral, groups packed in rows
 * (biggest first); people keep a saved position when they have one. O(n). */
export function clusterPositions(view: WorkspaceDto): Map<number, { x: number; y: number }> {
  const spacing = 34;
  const groups = new Map<string, number[]>();
  for (const p of view.people) {
    const key = p.group || '—';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(p.id);
  }
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length);
  const radius = (n: number) => spacing * Math.sqrt(n) + spacing;
  const totalArea = ordered.reduce((a, g) => a + (2 * radius(g.length)) ** 2, 0);
  const rowWidth = Math.sqrt(totalArea) * 1.6;
  const out = new Map<number, { x: number; y: number }>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const ids of ordered) {
    const r = radius(ids.length);
    if (x > 0 && x + 2 * r > rowWidth) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const cx = x + r;
    const cy = y + r;
    ids.forEach((id, i) => {
      const d = spacing * Math.sqrt(i);
      const a = i * 2.399963;
      out.set(id, { x: cx + d * Math.cos(a), y: cy + d * Math.sin(a) });
    });
    x += 2 * r;
    rowHeight = Math.max(rowHeight, 2 * r);
  }
  for (const p of view.people) {
    if (p.position) out.set(p.id, { x: p.position[0], y: p.position[1] });
  }
  return out;
}

/** Ids of the people next to `id` (both directions), including `id`. */
export function neighbourhood(view: WorkspaceDto, id: number): Set<number> {
  const out = new Set<number>([id]);
  for (const r of view.relations) {
    if (r.from === id) out.add(r.to);
    if (r.to === id) out.add(r.from);
  }
  return out;
}

/** The zoom and pan that fit these positions into a `width`×`height` view with
 * `padding` px to spare — computed from positions alone, so it is instant on big
 * maps (Cytoscape's own fit measures every label). */
export function fitViewport(
  points: Iterable<{ x: number; y: number }>,
  width: number,
  height: number,
  padding: number,
  zoomRange: [number, number] = [0.05, 2],
): { zoom: number; pan: { x: number; y: number } } {
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  if (!Number.isFinite(x1)) return { zoom: 1, pan: { x: width / 2, y: height / 2 } };
  const w = Math.max(x2 - x1, 1);
  const h = Math.max(y2 - y1, 1);
  const raw = Math.min((width - 2 * padding) / w, (height - 2 * padding) / h);
  const zoom = Math.max(zoomRange[0], Math.min(zoomRange[1], raw));
  return {
    zoom,
    pan: { x: width / 2 - zoom * (x1 + w / 2), y: height / 2 - zoom * (y1 + h / 2) },
  };
}

/** The point nearest `start` (on a sunflower spiral around it) at least `clearance`
 * away from every point of `taken`: where a new person goes so nobody overlaps.
 * `turn` rotates the spiral, so people added one after another beside each
 * other spread round instead of falling in one line. */
export function freeSpot(
  taken: { x: number; y: number }[],
  start: { x: number; y: number },
  clearance = 90,
  turn = 0,
): { x: number; y: number } {
  for (let i = 0; i < 2000; i++) {
    const r = clearance * 0.6 * Math.sqrt(i);
    const a = i * 2.399963 + turn * 1.9;
    const p = { x: start.x + r * Math.cos(a), y: start.y + r * Math.sin(a) };
    if (taken.every((q) => Math.hypot(q.x - p.x, q.y - p.y) >= clearance)) return p;
  }
  return start;
}

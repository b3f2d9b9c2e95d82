import { describe, expect, test } from 'vitest';
import { clusterPositions, drawable, fitViewport, freeSpot, groupElements, isBig, layoutFor, startPositions, neighbourhood, nodeSize, scaleColour, strongestTies, toElements, unplaced } from './graph';
import { person, scales, tie, workspace } from './fixtures.test-helpers';
import type { GroupMapDto } from './types';
import { applyChange } from './viewchange';
import { setPalette, stanceColour } from './palette';

describe('the network elements', () => {
  test('people become nodes coloured by stance and sized by power; advocates are marked', () => {
    setPalette(scales);
    const els = toElements(workspace());
    const ana = els.find((e) => e.data.id === 'p1')!;
    // The champion's colour is the one Rust sent for stance 2.
    expect(ana.data.colour).toBe('#00785f');
    expect(stanceColour(2)).toBe('#00785f');
    expect(ana.data.label).toBe('★ Ana');
    expect(ana.classes).toContain('advocate');
    expect(nodeSize(5)).toBeGreaterThan(nodeSize(1));
  });

  test('people the core flags as stale carry the stale class (dashed outline)', () => {
    const view = workspace();
    view.timeline.stale = [{ id: 2, name: 'Bo', last_confirmed: '2026-08-19', days: 101, never_met: false }];
    const els = toElements(view);
    expect(els.find((e) => e.data.id === 'p2')!.classes).toBe('stale');
    expect(els.find((e) => e.data.id === 'p3')!.classes).toBe('');
  });

  test('a person’s element is made again when the look, the stale ratings or the places change, and only then', () => {
    setPalette(scales);
    const view = workspace();
    const bo = (els: ReturnType<typeof toElements>) => els.find((e) => e.data.id === 'p2')!;
    const first = bo(toElements(view));
    expect(bo(toElements(view))).toBe(first);
    const gaps = bo(toElements(view, undefined, { size: 'power', colour: 'gap', metrics: null }));
    expect(gaps).not.toBe(first);
    expect(gaps.data.colour).toBe(scaleColour(1 / 4));
    const stale = { ...view, timeline: { ...view.timeline, stale: [{ id: 2, name: 'Bo', last_confirmed: '2026-08-19', days: 101, never_met: false }] } };
    expect(bo(toElements(stale)).classes).toBe('stale');
    const places = new Map([[2, { x: 5, y: 6 }]]);
    expect(bo(toElements(view, places)).position).toEqual({ x: 5, y: 6 });
    // New stance colours from the shell: drawn in them.
    setPalette({ ...scales, stance_colours: scales.stance_colours.map((c) => ({ ...c, fill: '#123456' })) });
    expect(bo(toElements(view)).data.colour).toBe('#123456');
    setPalette(scales);
    // Back as it was: an element like the first, kept while nothing changes.
    const again = bo(toElements(view));
    expect(again).toEqual(first);
    expect(bo(toElements(view))).toBe(again);
  });

  test('ties carry their kind, influence direction and sign as classes', () => {
    const els = toElements(workspace());
    expect(els.find((e) => e.data.id === 'r10')!.classes).toBe('reports_to flow-backward');
    expect(els.find((e) => e.data.id === 'r11')!.classes).toBe('conflict flow-both negative');
  });

  test('saved positions are kept; a map without them gets a force layout', () => {
    const placed = workspace({
      people: [person(1, 'A', { position: [1, 2] }), person(2, 'B', { position: [3, 4] })],
      relations: [],
    });
    expect(layoutFor(placed)).toBeNull();
    expect(unplaced(placed)).toEqual([]);
    expect(layoutFor(workspace())?.name).toBe('fcose');
    expect(unplaced(workspace())).toEqual([1, 2, 3]);
  });

  test('big maps are laid out by group clusters at once, keeping saved positions', () => {
    const people = Array.from({ length: 500 }, (_, i) =>
      person(i + 1, `P${i}`, { group: `G${i % 7}`, position: i === 0 ? [5, 6] : null }),
    );
    const view = workspace({ people, relations: [] });
    expect(layoutFor(view)).toBeNull();
    expect(isBig(view)).toBe(true);
    const at = clusterPositions(view);
    expect(toElements(view, at).find((e) => e.data.id === 'p2')?.position).toEqual(at.get(2));
    expect(at.size).toBe(500);
    expect(at.get(1)).toEqual({ x: 5, y: 6 });
    const spots = new Set([...at.values()].map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(spots.size).toBe(500);
  });

  test('a neighbourhood follows ties both ways', () => {
    expect([...neighbourhood(workspace(), 2)].sort()).toEqual([1, 2, 3]);
    expect([...neighbourhood(workspace(), 1)].sort()).toEqual([1, 2]);
  });
});

test('fitting centres the points and leaves the padding', () => {
  const { zoom, pan } = fitViewport([{ x: 0, y: 0 }, { x: 100, y: 50 }], 300, 300, 50);
  expect(zoom).toBe(2);
  expect(pan).toEqual({ x: 150 - 2 * 50, y: 150 - 2 * 25 });
  expect(fitViewport([], 300, 200, 10).pan).toEqual({ x: 150, y: 100 });
});

test('newcomers go beside their ties and nobody placed moves', () => {
  const view = workspace({
    people: [
      person(1, 'A', { position: [0, 0] }),
      person(2, 'B', { position: [100, 0] }),
      person(3, 'New', {}),
      person(4, 'Loner', {}),
    ],
    relations: [
      { ...workspace().relations[0], id: 1, from: 3, to: 1 },
      { ...workspace().relations[0], id: 2, from: 3, to: 2 },
    ],
  });
  expect(layoutFor(view)).toBeNull();
  const at = startPositions(view);
  expect([...at.keys()].sort()).toEqual([3, 4]);
  const n = at.get(3)!;
  expect(Math.hypot(n.x - 50, n.y)).toBeLessThan(200);
  for (const q of [{ x: 0, y: 0 }, { x: 100, y: 0 }, at.get(4)!]) {
    expect(Math.hypot(n.x - q.x, n.y - q.y)).toBeGreaterThanOrEqual(90);
  }
  expect(at.get(4)!.x).toBeGreaterThan(100);
  expect(startPositions(workspace()).size).toBe(0);
});

test('a new person lands near the centre but clear of everyone', () => {
  expect(freeSpot([], { x: 10, y: 10 })).toEqual({ x: 10, y: 10 });
  const taken = [{ x: 0, y: 0 }, { x: 50, y: 0 }];
  const p = freeSpot(taken, { x: 0, y: 0 }, 90);
  for (const q of taken) expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThanOrEqual(90);
  expect(Math.hypot(p.x, p.y)).toBeLessThan(300);
});

test('people added one beside the other spread round, not in a line', () => {
  const taken = [{ x: 0, y: 0 }];
  for (let n = 1; n <= 4; n++) taken.push(freeSpot(taken, taken[taken.length - 1], 90, n));
  // No three consecutive people on one straight line.
  for (let i = 2; i < taken.length; i++) {
    const [a, b, c] = [taken[i - 2], taken[i - 1], taken[i]];
    const cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    expect(Math.abs(cross)).toBeGreaterThan(90 * 90 * 0.2);
  }
});

test('people are sized and coloured by the metric chosen, and by power and stance otherwise', () => {
  const view = workspace();
  const metrics = {
    version: 1,
    sampled: false,
    sample: null,
    betweenness_epsilon: null,
    betweenness_delta: null,
    groups: 0,
    people: [
      { id: 1, name: 'Ana', pagerank: 0.6, betweenness: 0, influence_in: 0, influence_out: 0, group: null },
      { id: 2, name: 'Bo', pagerank: 0.3, betweenness: 0, influence_in: 0, influence_out: 0, group: null },
      { id: 3, name: 'Cy', pagerank: 0, betweenness: 0, influence_in: 0, influence_out: 0, group: null },
    ],
  };
  const node = (els: ReturnType<typeof toElements>, id: number) => els.find((e) => e.data.id === `p${id}`)!.data;
  const plain = toElements(view);
  expect(node(plain, 1).size).toBe(nodeSize(3));
  const ranked = toElements(view, undefined, { size: 'pagerank', colour: 'pagerank', metrics });
  expect(node(ranked, 1).size).toBe(nodeSize(5));
  expect(node(ranked, 3).size).toBe(nodeSize(1));
  expect(node(ranked, 1).colour).toBe(scaleColour(1));
  expect(node(ranked, 3).colour).toBe(scaleColour(0));
  // Gap to target: Bo (stance −1, target 0) is one level of four from it.
  const gaps = toElements(view, undefined, { size: 'power', colour: 'gap', metrics: null });
  expect(node(gaps, 2).colour).toBe(scaleColour(1 / 4));
});

describe('the network at group level', () => {
  // Finance {1, 2}, Plant {3}, Sales {4}; ties 1→2 inside Finance, 1→3 and 2→3
  // (a conflict) between Finance and Plant, 3→4 between Plant and Sales.
  const view = workspace({
    people: [1, 2, 3, 4].map((id) => person(id, `P${id}`, { position: [id * 10, 0] })),
    relations: [tie(10, 1, 2), tie(11, 1, 3), tie(12, 2, 3, 'conflict'), tie(13, 3, 4)],
  });
  const group = (key: string, members: number[], stances: [number, number, number, number, number], x: number) => ({
    key,
    name: key.toUpperCase(),
    members,
    stances,
    advocates: 0,
    inner_ties: 0,
    x,
    y: 0,
    radius: 10,
  });
  const groups: GroupMapDto = {
    version: 1,
    people: 4,
    threshold: 2000,
    groups: [group('finance', [1, 2], [0, 0, 1, 0, 1], 15), group('plant', [3], [1, 0, 0, 0, 0], 30), group('sales', [4], [0, 0, 0, 1, 0], 40)],
    links: [
      { a: 'finance', b: 'plant', ties: 2, conflicts: 1, strength: 6 },
      { a: 'plant', b: 'sales', ties: 1, conflicts: 0, strength: 3 },
    ],
  };
  const ids = (els: ReturnType<typeof groupElements>) => els.map((e) => e.data.id).sort();

  test('with every group closed, each group is one node with its stance mix, and ties between groups are summed', () => {
    const els = groupElements(view, groups, []);
    expect(ids(els)).toEqual(['g:finance', 'g:plant', 'g:sales', 'gl:finance|plant', 'gl:plant|sales']);
    const finance = els.find((e) => e.data.id === 'g:finance')!;
    expect(finance.data.label).toBe('FINANCE\n2 people');
    expect([finance.data.s0, finance.data.s2, finance.data.s4]).toEqual([0, 50, 50]);
    expect(finance.position).toEqual({ x: 15, y: 0 });
    expect(els.find((e) => e.data.id === 'gl:finance|plant')!.data.ties).toBe(2);
  });

  test('an open group shows its people and their ties, and their ties into closed groups summed per person', () => {
    const els = groupElements(view, groups, ['finance']);
    expect(ids(els)).toEqual(['g:plant', 'g:sales', 'gl:plant|sales', 'gm:1|plant', 'gm:2|plant', 'p1', 'p2', 'r10']);
    const conflict = els.find((e) => e.data.id === 'gm:2|plant')!;
    expect([conflict.data.source, conflict.data.target, conflict.classes]).toEqual(['p2', 'g:plant', 'link conflict']);
  });

  test('two open groups show the ties between their people instead of the summed link', () => {
    const els = groupElements(view, groups, ['finance', 'plant']);
    expect(ids(els)).toEqual(['g:sales', 'gm:3|sales', 'p1', 'p2', 'p3', 'r10', 'r11', 'r12']);
  });

  test('a map by group fetched again with the same people in each group gives the same elements', () => {
    const first = groupElements(view, groups, ['finance']);
    // After an edit: a new map by group, one stance moved in plant.
    const again = structuredClone(groups);
    again.groups[1].stances = [0, 1, 0, 0, 0];
    const next = groupElements(view, again, ['finance']);
    const byId = new Map(first.map((e) => [e.data.id, e]));
    for (const el of next) {
      if (el.data.id === 'g:plant') expect(el).not.toBe(byId.get('g:plant'));
      else expect(el, String(el.data.id)).toBe(byId.get(el.data.id));
    }
    expect(next.find((e) => e.data.id === 'g:plant')!.data.s1).toBe(100);
  });
});

describe('what an edit redraws', () => {
  const change = (view: ReturnType<typeof workspace>, people: ReturnType<typeof person>[]) =>
    applyChange(view, {
      ...view,
      base: view.revision,
      revision: view.revision + 1,
      timeline: null,
      people: { changed: people, removed: [], order: null },
      relations: { changed: [], removed: [], order: null },
      engagements: { changed: [], removed: [], order: null },
    });

  test('only the person an edit changed gets a new element; everyone else and every tie keep theirs', () => {
    const view = workspace();
    const before = toElements(view);
    const bo = view.people.find((p) => p.id === 2)!;
    const after = toElements(change(view, [{ ...bo, stance: 2 }]));
    const byId = new Map(before.map((e) => [e.data.id, e]));
    const renewed = after.filter((e) => e !== byId.get(e.data.id)).map((e) => e.data.id);
    expect(renewed).toEqual(['p2']);
    expect(after.find((e) => e.data.id === 'p2')!.data.colour).toBe(stanceColour(2));
  });

  test('a new look (colour by gap) makes every person afresh', () => {
    const view = workspace();
    const before = toElements(view);
    const after = toElements(view, undefined, { size: 'power', colour: 'gap', metrics: null });
    const people = after.filter((e) => e.group === 'nodes');
    expect(people.every((e) => e !== before.find((b) => b.data.id === e.data.id))).toBe(true);
  });

  test('Cytoscape is given copies, so what it changes never reaches the elements kept', () => {
    const [el] = toElements(workspace({ people: [person(1, 'A', { position: [1, 2] })], relations: [] }));
    const copy = drawable(el);
    copy.data.colour = '#000000';
    copy.position!.x = 99;
    expect(el.data.colour).not.toBe('#000000');
    expect(el.position).toEqual({ x: 1, y: 2 });
    expect(toElements(workspace({ people: [person(1, 'A', { position: [1, 2] })], relations: [] }))[0].data.colour).toBe(el.data.colour);
  });
});

describe('the strongest ties of a big map', () => {
  /** A map of `n` people in a ring, tie i of strength 1 + i % 5. */
  function ring(n: number) {
    const people = Array.from({ length: n }, (_, i) => person(i + 1, `P${i + 1}`));
    const relations = people.map((p, i) => ({ ...tie(100 + i, p.id, (i + 1) % n + 1), strength: 1 + (i % 5) }));
    return workspace({ people, relations });
  }

  test('below the budget every tie is drawn, and the very same elements are given back', () => {
    const els = toElements(ring(10));
    const chosen = strongestTies(els, new Set(), 10);
    expect(chosen.elements).toBe(els);
    expect(chosen).toMatchObject({ total: 10, drawn: 10 });
  });

  test('above it, the strongest ties are drawn with every person, and all the ties of whom the user looks at', () => {
    const els = toElements(ring(20));
    const chosen = strongestTies(els, new Set([1]), 8);
    const ties = chosen.elements.filter((e) => e.group === 'edges');
    // Every person stays; the 8 strongest are the four of strength 5 (one of
    // them person 1's) and four of 4.
    expect(chosen.elements.filter((e) => e.group === 'nodes')).toHaveLength(20);
    const strengths = ties.filter((e) => e.data.source !== 'p1' && e.data.target !== 'p1').map((e) => e.data.strength);
    expect(strengths.filter((s) => s === 5)).toHaveLength(3);
    expect(strengths.every((s) => (s as number) >= 4)).toBe(true);
    // Person 1's two ties (strength 1 out, 5 in) are drawn however weak.
    expect(ties.filter((e) => e.data.source === 'p1' || e.data.target === 'p1')).toHaveLength(2);
    expect(chosen.total).toBe(20);
    expect(chosen.drawn).toBe(ties.length);
    expect(ties.length).toBe(9);
  });

  test('at group level the links between closed groups always stay, and a person’s links into a group rank by their ties', () => {
    const el = (id: string, source: string, target: string, data: Record<string, unknown>) => ({ group: 'edges' as const, data: { id, source, target, ...data } });
    const els = [
      el('gl:a|b', 'g:a', 'g:b', { ties: 1 }),
      el('gm:1|b', 'p1', 'g:b', { ties: 9 }),
      el('gm:2|b', 'p2', 'g:b', { ties: 1 }),
      el('r1', 'p1', 'p2', { strength: 3 }),
    ];
    const chosen = strongestTies(els, new Set(), 2);
    expect(chosen.elements.map((e) => e.data.id)).toEqual(['gl:a|b', 'gm:1|b', 'r1']);
    expect(chosen).toMatchObject({ total: 3, drawn: 2 });
  });

  test('an edit of someone’s rating ranks the same ties the same way', () => {
    const view = ring(20);
    const before = strongestTies(toElements(view), new Set(), 8);
    const edited = { ...view, people: view.people.map((p) => (p.id === 3 ? { ...p, stance: 2 } : p)) };
    const after = strongestTies(toElements(edited), new Set(), 8);
    const ties = (els: typeof before.elements) => els.filter((e) => e.group === 'edges');
    expect(ties(after.elements)).toEqual(ties(before.elements));
    expect(after.elements.find((e) => e.data.id === 'p3')).not.toBe(before.elements.find((e) => e.data.id === 'p3'));
  });
});

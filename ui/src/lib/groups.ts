// People summarised by group (org unit) for the grid, commitment and salience
// views of a big map: how many, their stance mix, where they stand on average.

import type { PersonDto } from './types';

/** One group's share of some people. */
export interface GroupSummary {
  /** The group's name as written ('' for people without one). */
  group: string;
  /** How many of the people are in it. */
  count: number;
  /** How many hold each stance, Active resistance (−2) first. */
  stances: [number, number, number, number, number];
  /** Their mean stance and mean target, −2..2. */
  stance: number;
  target: number;
}

/** The groups of `people`, most people first (then by name). */
export function summarise(people: readonly PersonDto[]): GroupSummary[] {
  const by = new Map<string, GroupSummary & { sumStance: number; sumTarget: number }>();
  for (const p of people) {
    let g = by.get(p.group);
    if (!g) {
      g = { group: p.group, count: 0, stances: [0, 0, 0, 0, 0], stance: 0, target: 0, sumStance: 0, sumTarget: 0 };
      by.set(p.group, g);
    }
    g.count += 1;
    g.stances[p.stance + 2] += 1;
    g.sumStance += p.stance;
    g.sumTarget += p.target;
  }
  return [...by.values()]
    .map(({ sumStance, sumTarget, ...g }) => ({ ...g, stance: sumStance / g.count, target: sumTarget / g.count }))
    .sort((a, b) => b.count - a.count || a.group.localeCompare(b.group));
}

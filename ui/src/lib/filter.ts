// Search, filters and sorting of people: presentation logic, no domain rules.

import type { PersonDto, PersonMetricsDto } from './types';

export interface Filters {
  /** Free text matched against name, role, group, tags and notes. */
  text: string;
  /** A group name, or '' for all. */
  group: string;
  /** A tag, or '' for all. */
  tag: string;
  /** A stance level, or null for all. */
  stance: number | null;
}

export const noFilters = (): Filters => ({ text: '', group: '', tag: '', stance: null });

export function isFiltering(f: Filters): boolean {
  return f.text.trim() !== '' || f.group !== '' || f.tag !== '' || f.stance !== null;
}

/** True when the person passes every filter. */
export function matches(p: PersonDto, f: Filters): boolean {
  if (f.group && p.group !== f.group) return false;
  if (f.tag && !p.tags.includes(f.tag)) return false;
  if (f.stance !== null && p.stance !== f.stance) return false;
  const q = f.text.trim().toLowerCase();
  if (!q) return true;
  return [p.name, p.role, p.group, p.notes, ...p.tags].some((s) => s.toLowerCase().includes(q));
}

export type SortKey = keyof Pick<
  PersonDto,
  | 'name'
  | 'role'
  | 'group'
  | 'stance'
  | 'target'
  | 'gap'
  | 'power'
  | 'interest'
  | 'openness'
  | 'effort'
  | 'confidence'
  | 'advocate'
>;

/** The metrics a table can be ranked by. */
export type MetricKey = 'pagerank' | 'betweenness';

export interface Sort {
  key: SortKey | MetricKey;
  ascending: boolean;
}

/** A sorted copy; ties keep name order so the table never jumps. Metric keys
 * read `metrics` (people without one sort last). */
export function sortPeople(people: PersonDto[], sort: Sort, metrics?: Map<number, PersonMetricsDto>): PersonDto[] {
  const dir = sort.ascending ? 1 : -1;
  const value = (p: PersonDto) =>
    sort.key === 'pagerank' || sort.key === 'betweenness'
      ? (metrics?.get(p.id)?.[sort.key] ?? (sort.ascending ? Infinity : -Infinity))
      : p[sort.key];
  return [...people].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    let c = 0;
    if (typeof x === 'string' && typeof y === 'string') {
      c = x.localeCompare(y, undefined, { sensitivity: 'base' });
    } else {
      c = Number(x) - Number(y);
    }
    return c !== 0 ? c * dir : a.name.localeCompare(b.name);
  });
}

/** The next sort when a column header is clicked: same column flips; a new
 * column ascends, but a metric starts with the highest (a ranking). */
export function nextSort(current: Sort, key: SortKey | MetricKey): Sort {
  if (current.key === key) return { key, ascending: !current.ascending };
  return { key, ascending: !(key === 'pagerank' || key === 'betweenness') };
}

/** Each person's rank by a metric (1 = highest; equal values share a rank). */
export function ranks(metrics: PersonMetricsDto[], key: MetricKey): Map<number, number> {
  const sorted = [...metrics].sort((a, b) => b[key] - a[key]);
  const out = new Map<number, number>();
  sorted.forEach((m, i) => {
    const prev = sorted[i - 1];
    out.set(m.id, prev && prev[key] === m[key] ? out.get(prev.id)! : i + 1);
  });
  return out;
}

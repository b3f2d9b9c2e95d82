// Search, filters and sorting of people: presentation logic, no domain rules.

import type { PersonDto } from './types';

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

export interface Sort {
  key: SortKey;
  ascending: boolean;
}

/** A sorted copy; ties keep name order so the table never jumps. */
export function sortPeople(people: PersonDto[], sort: Sort): PersonDto[] {
  const dir = sort.ascending ? 1 : -1;
  return [...people].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    let c = 0;
    if (typeof x === 'string' && typeof y === 'string') {
      c = x.localeCompare(y, undefined, { sensitivity: 'base' });
    } else {
      c = Number(x) - Number(y);
    }
    return c !== 0 ? c * dir : a.name.localeCompare(b.name);
  });
}

/** The next sort when a column header is clicked: same column flips, new column ascends. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, ascending: !current.ascending } : { key, ascending: true };
}

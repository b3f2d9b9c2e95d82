import { describe, expect, test } from 'vitest';
import { isFiltering, matches, nextSort, noFilters, sortPeople } from './filter';
import { workspace } from './fixtures.test-helpers';

const people = workspace().people;

describe('search and filters', () => {
  test('text matches name, role, group, tags and notes, ignoring case', () => {
    const f = (text: string) => people.filter((p) => matches(p, { ...noFilters(), text })).map((p) => p.name);
    expect(f('cy')).toEqual(['Cy']);
    expect(f('PLANT')).toEqual(['Bo']);
    expect(f('sponsor')).toEqual(['Ana']);
    expect(f('overtime')).toEqual(['Cy']);
    expect(f('ops')).toEqual(['Bo', 'Cy']);
  });

  test('group, tag and stance filters combine', () => {
    const f = { ...noFilters(), group: 'Ops', stance: -1 };
    expect(people.filter((p) => matches(p, f)).map((p) => p.name)).toEqual(['Bo']);
    expect(isFiltering(f)).toBe(true);
    expect(isFiltering(noFilters())).toBe(false);
    expect(people.filter((p) => matches(p, { ...noFilters(), tag: 'sponsor' }))).toHaveLength(1);
  });

  test('sorting flips on the same column and keeps name order for ties', () => {
    let sort = nextSort({ key: 'name', ascending: true }, 'stance');
    expect(sortPeople(people, sort).map((p) => p.name)).toEqual(['Bo', 'Cy', 'Ana']);
    sort = nextSort(sort, 'stance');
    expect(sort.ascending).toBe(false);
    expect(sortPeople(people, sort).map((p) => p.name)).toEqual(['Ana', 'Cy', 'Bo']);
    expect(sortPeople(people, { key: 'power', ascending: true }).map((p) => p.name)).toEqual(['Ana', 'Bo', 'Cy']);
  });
});

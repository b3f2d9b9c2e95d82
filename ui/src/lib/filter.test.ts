import { describe, expect, test } from 'vitest';
import { isFiltering, matches, nextSort, noFilters, ranks, sortPeople } from './filter';
import { person, workspace } from './fixtures.test-helpers';

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

describe('ranking by metrics', () => {
  const metric = (id: number, pagerank: number, betweenness: number) => ({
    id,
    name: `p${id}`,
    pagerank,
    betweenness,
    influence_in: 0,
    influence_out: 0,
    group: null,
  });
  const metrics = [metric(1, 0.2, 0.5), metric(2, 0.5, 0), metric(3, 0.2, 0.1)];

  test('ranks count from the highest, equal values sharing a rank', () => {
    const r = ranks(metrics, 'pagerank');
    expect([r.get(2), r.get(1), r.get(3)]).toEqual([1, 2, 2]);
    expect(ranks(metrics, 'betweenness').get(1)).toBe(1);
  });

  test('a metric column sorts the most listened-to first, and flips on a second click', () => {
    const people = [person(1, 'Ana'), person(2, 'Bo'), person(3, 'Cy')];
    const byId = new Map(metrics.map((m) => [m.id, m]));
    const first = nextSort({ key: 'name', ascending: true }, 'pagerank');
    expect(first).toEqual({ key: 'pagerank', ascending: false });
    expect(sortPeople(people, first, byId).map((p) => p.name)).toEqual(['Bo', 'Ana', 'Cy']);
    expect(sortPeople(people, nextSort(first, 'pagerank'), byId).map((p) => p.name)).toEqual(['Ana', 'Cy', 'Bo']);
  });
});

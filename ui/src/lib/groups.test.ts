import { describe, expect, test } from 'vitest';
import { summarise } from './groups';
import { person } from './fixtures.test-helpers';

describe('people by group', () => {
  test('counts each group, its stance mix and its mean stance and target, biggest first', () => {
    const people = [
      person(1, 'A', { group: 'Plant', stance: -2, target: 2 }),
      person(2, 'B', { group: 'Finance', stance: 1, target: 2 }),
      person(3, 'C', { group: 'Plant', stance: 0, target: 1 }),
      person(4, 'D', { group: '', stance: 2, target: 2 }),
    ];
    const groups = summarise(people);
    expect(groups.map((g) => [g.group, g.count])).toEqual([
      ['Plant', 2],
      ['', 1],
      ['Finance', 1],
    ]);
    expect(groups[0].stances).toEqual([1, 0, 1, 0, 0]);
    expect([groups[0].stance, groups[0].target]).toEqual([-1, 1.5]);
  });
});

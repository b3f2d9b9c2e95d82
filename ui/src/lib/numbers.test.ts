import { describe, expect, test } from 'vitest';
import { count, digits } from './numbers';

describe('numbers in words', () => {
  test('thousands are grouped whatever the engine does', () => {
    expect(digits(7)).toBe('7');
    expect(digits(10000)).toBe('10,000');
    expect(digits(1234567.5)).toBe('1,234,567.5');
    expect(digits(-2500)).toBe('−2,500');
  });

  test('one person, many people', () => {
    expect(count(1, 'person', 'people')).toBe('1 person');
    expect(count(50000, 'person', 'people')).toBe('50,000 people');
  });
});

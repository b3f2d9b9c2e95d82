import { describe, expect, test } from 'vitest';
import { count, digits, supportPoints, supportScore } from './numbers';

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

  test('support reads as a score from −100 to +100, and changes as points of it', () => {
    expect(supportScore(0.143)).toBe('14');
    expect(supportScore(-0.031)).toBe('−3');
    expect(supportPoints(0.0432)).toBe('+4.3');
    expect(supportPoints(-0.004)).toBe('−0.4');
    expect(supportPoints(0)).toBe('±0.0');
  });
});

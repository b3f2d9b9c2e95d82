import { describe, expect, test } from 'vitest';
import { ALL_ROWS_UP_TO, OVERSCAN, scrollToRow, visibleRows } from './rows';

describe('the rows a long table draws', () => {
  test('a short table draws every row', () => {
    expect(visibleRows(34, 5000, 600, 30)).toEqual([0, 34]);
    expect(visibleRows(ALL_ROWS_UP_TO, 0, 600, 30)).toEqual([0, ALL_ROWS_UP_TO]);
  });

  test('a long one draws the rows in view and a margin, wherever it is scrolled', () => {
    expect(visibleRows(10_000, 0, 600, 30)).toEqual([0, 20 + OVERSCAN]);
    const [first, last] = visibleRows(10_000, 3000, 600, 30);
    expect(first).toBe(100 - OVERSCAN);
    expect(last).toBe(120 + OVERSCAN);
    expect(visibleRows(10_000, 10_000 * 30, 600, 30)[1]).toBe(10_000);
    // Scrolled past the end (the list shrank under a filter): still the last rows.
    const [a, b] = visibleRows(600, 10_000 * 30, 600, 30);
    expect(a).toBeLessThan(600);
    expect(b).toBe(600);
  });

  test('moving the selection scrolls only when the row is out of view', () => {
    expect(scrollToRow(10, 0, 600, 30)).toBeNull();
    expect(scrollToRow(25, 0, 600, 30)).toBe(26 * 30 - 600);
    expect(scrollToRow(3, 300, 600, 30)).toBe(90);
  });
});

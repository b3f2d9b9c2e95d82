import { expect, test } from 'vitest';
import { lighten, setPalette, tieStyles } from './palette';
import { scales } from './fixtures.test-helpers';

test('tie colours are lightened towards white for the dark theme', () => {
  expect(lighten('#000000', 0.5)).toBe('#808080');
  expect(lighten('#2c3e50', 0)).toBe('#2c3e50');
  expect(lighten('#2c3e50', 1)).toBe('#ffffff');
  expect(lighten('not a colour', 0.5)).toBe('not a colour');
});

test('each kind of tie is drawn in the colour and dash Rust sends, as the exports draw it', () => {
  setPalette({
    ...scales,
    relation_styles: [
      { kind: 'reports_to', colour: '#2c3e50', dash: '6 3', arrow: true },
      { kind: 'allied', colour: '#1e8449', dash: '', arrow: false },
    ],
  });
  expect(tieStyles(false)).toEqual([
    { kind: 'reports_to', colour: '#2c3e50', dash: [6, 3], arrow: true },
    { kind: 'allied', colour: '#1e8449', dash: [], arrow: false },
  ]);
  expect(tieStyles(true)[0].colour).toBe(lighten('#2c3e50', 0.45));
});

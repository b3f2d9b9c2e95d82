// Colours of the views. They come from Rust with the scales (ScalesDto's
// `stance_colours` and `relation_styles`, the same as the exports' in
// src/export/style.rs); this module only looks them up. Until the scales load,
// everything is a neutral grey.

import type { RelationStyleDto, ScalesDto } from './types';

const NEUTRAL = { fill: '#bababa', ink: '#111111' };

let stances = new Map<number, { fill: string; ink: string }>();
let ties = new Map<string, RelationStyleDto>();

/** The stance colours taken last: a new object each time they are taken, so
 * what was drawn with older ones can tell. */
export function paletteStamp(): object {
  return stances;
}

/** Takes the colours of the scales the shell sent. */
export function setPalette(scales: ScalesDto): void {
  stances = new Map(scales.stance_colours.map((c) => [c.value, { fill: c.fill, ink: c.ink }]));
  ties = new Map(scales.relation_styles.map((s) => [s.kind, s]));
}

function stance(level: number) {
  return stances.get(Math.max(-2, Math.min(2, Math.round(level)))) ?? NEUTRAL;
}

/** The fill colour of a stance level −2..2. */
export function stanceColour(level: number): string {
  return stance(level).fill;
}

/** The fill colour of a continuous opinion in [−1, 1] (predicted stances): the
 * stance level it is closest to. */
export function opinionColour(z: number): string {
  return stanceColour(z * 2);
}

/** Text colour that reads on a stance colour. */
export function stanceInk(level: number): string {
  return stance(level).ink;
}

/** How a kind of tie is drawn (colour and dash pattern as numbers), if known. */
export function tieStyle(kind: string): { colour: string; dash: number[] } | null {
  const s = ties.get(kind);
  if (!s) return null;
  return { colour: s.colour, dash: s.dash.split(' ').filter(Boolean).map(Number) };
}

/** `hex` (`#rrggbb`) mixed with white by `amount` (0..1): the tie colours made
 * to read on the dark theme's background. */
export function lighten(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  if (hex.length !== 7 || Number.isNaN(n)) return hex;
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}

/** How each kind of tie is drawn in the app, in the exports' colours (lightened
 * on the dark theme) and dash patterns. */
export function tieStyles(dark: boolean): { kind: string; colour: string; dash: number[]; arrow: boolean }[] {
  return [...ties.values()].map((s) => ({
    kind: s.kind,
    colour: dark ? lighten(s.colour, 0.45) : s.colour,
    dash: s.dash.split(' ').filter(Boolean).map(Number),
    arrow: s.arrow,
  }));
}

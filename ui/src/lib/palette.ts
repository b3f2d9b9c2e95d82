// Colours of the views. The stance scale is the core's (−2..2, labels from the
// ScalesDto); this only picks its five colours, the same as the exports'
// (src/export/style.rs): red through grey to green, in Okabe–Ito's colour-blind-safe
// vermillion and bluish green, with luminance steps that also separate them in grey.

const STANCE_COLOURS: Record<number, string> = {
  [-2]: '#b84a00',
  [-1]: '#f0a35e',
  0: '#bababa',
  1: '#66c2a5',
  2: '#00785f',
};

/** The fill colour of a stance level −2..2. */
export function stanceColour(level: number): string {
  const clamped = Math.max(-2, Math.min(2, Math.round(level)));
  return STANCE_COLOURS[clamped];
}

/** The fill colour of a continuous opinion in [−1, 1] (predicted stances): the
 * stance level it is closest to. */
export function opinionColour(z: number): string {
  return stanceColour(z * 2);
}

/** Text colour that reads on a stance colour. */
export function stanceInk(level: number): string {
  return Math.abs(Math.round(level)) === 2 ? '#ffffff' : '#111111';
}

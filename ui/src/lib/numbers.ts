// Numbers in words people read: thousands grouped by hand, because WebKitGTK's
// toLocaleString may not group digits at all (it printed "10000").

/** `n` with its thousands grouped: 10000 → "10,000". */
export function digits(n: number): string {
  const [whole, part] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '−' : ''}${grouped}${part ? `.${part}` : ''}`;
}

/** `n` and the noun, singular or plural: "1 person", "12,400 people". */
export function count(n: number, one: string, many: string): string {
  return `${digits(n)} ${n === 1 ? one : many}`;
}

/** A support value (−1..1) as the score people read, −100..+100: "14", "−3". */
export function supportScore(x: number): string {
  const v = Math.round(x * 100);
  return v < 0 ? `−${-v}` : String(v);
}

/** A change of support in points of that score, one decimal: "+3.2", "−0.4", "±0.0". */
export function supportPoints(x: number): string {
  const v = Math.round(x * 1000) / 10;
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)}`;
}

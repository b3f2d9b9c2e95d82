// Which rows of a long table are drawn: all of them up to a few hundred, else
// the ones in view and a margin, so a 10,000-person table costs what a
// 100-person one does.

/** Tables up to this many rows draw every row. */
export const ALL_ROWS_UP_TO = 500;

/** Rows drawn beyond each edge of the view, so a scroll shows drawn rows. */
export const OVERSCAN = 30;

/** The rows drawn, [first, last), of `count` rows of `rowHeight` px when the view
 * starts `offset` px into them and is `viewport` px tall. */
export function visibleRows(count: number, offset: number, viewport: number, rowHeight: number): [number, number] {
  if (count <= ALL_ROWS_UP_TO) return [0, count];
  const height = Math.max(1, rowHeight);
  const from = Math.floor(Math.max(0, offset) / height) - OVERSCAN;
  const to = Math.ceil((Math.max(0, offset) + Math.max(0, viewport)) / height) + OVERSCAN;
  const first = Math.min(Math.max(0, from), Math.max(0, count - 1));
  return [first, Math.max(first, Math.min(count, to))];
}

/** The scroll offset (px into the rows) that brings row `index` into a view of
 * `viewport` px now starting at `offset`, or `null` when it is in view. */
export function scrollToRow(index: number, offset: number, viewport: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  if (top < offset) return top;
  if (top + rowHeight > offset + viewport) return top + rowHeight - viewport;
  return null;
}

// The ties of a big map, drawn on a canvas of their own under Cytoscape's.
//
// Cytoscape strokes each edge on its own and redraws every one of them whenever
// anything on the network changes; measured in the app under WebKitGTK on
// 7 December 2026, an open group of 1,514 people with 3,471 ties took 100–160 ms
// to redraw after one person's colour changed, 45–95 ms without its ties. A big
// map's ties are plain straight lines (no arrows, no dashes), so here they are
// drawn as one path per look: 3,471 lines in one stroke took 12–27 ms. The ties
// someone can click or that are lit (the selected person's, a plan step's path)
// stay Cytoscape's; these are the rest.

import type { Core, ElementDefinition } from 'cytoscape';

/** How a tie on the layer looks. */
export interface TieLook {
  colour: string;
  width: number;
  opacity: number;
}

/** A tie on the layer: its ends (network element ids) and how it looks. */
export interface LayerTie {
  /** The element the tie was made from (the same object while the tie is unchanged). */
  el: ElementDefinition;
  id: string;
  source: string;
  target: string;
  look: TieLook;
}

/** What the layer reads of the network when it draws: where an end is (null
 * when it is not drawn) and whether it is faded. */
export interface Ends {
  at(id: string): { x: number; y: number } | null;
  faded(id: string): boolean;
}

/** A box in the network's coordinates. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** One stroke: every line of one look, as [x1, y1, x2, y2, …]. */
export interface Stroke {
  look: TieLook;
  lines: number[];
}

/** How much a tie fades when an end of it is faded (as the network's `.faded`). */
export const FADED_OPACITY = 0.12;

/** The strokes that draw `ties`: one per look, faded ties first (under the rest),
 * skipping ties with an end not drawn and, given `box`, ties wholly to one side
 * of it. */
export function strokes(ties: readonly LayerTie[], ends: Ends, box?: Box): Stroke[] {
  const byLook = new Map<string, Stroke>();
  for (const t of ties) {
    const [a, b] = [ends.at(t.source), ends.at(t.target)];
    if (!a || !b) continue;
    if (box && outside(a, b, box)) continue;
    const faded = ends.faded(t.source) || ends.faded(t.target);
    const look = faded ? { ...t.look, opacity: Math.min(t.look.opacity, FADED_OPACITY) } : t.look;
    const key = `${faded ? 0 : 1}|${look.colour}|${look.width}|${look.opacity}`;
    let stroke = byLook.get(key);
    if (!stroke) byLook.set(key, (stroke = { look, lines: [] }));
    stroke.lines.push(a.x, a.y, b.x, b.y);
  }
  return [...byLook.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/** True when the line from `a` to `b` lies wholly beyond one side of `box`. */
function outside(a: { x: number; y: number }, b: { x: number; y: number }, box: Box): boolean {
  return (
    (a.x < box.x1 && b.x < box.x1) ||
    (a.x > box.x2 && b.x > box.x2) ||
    (a.y < box.y1 && b.y < box.y1) ||
    (a.y > box.y2 && b.y > box.y2)
  );
}

/** How long the view must rest after a pan or zoom before the ties are drawn
 * anew at the new scale; meanwhile the last drawing moves with the view. */
const REST_MS = 120;

/** The canvas the ties are drawn on, under the network's own canvases. */
export class TieLayer {
  private readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D | null;
  private ties: LayerTie[] = [];
  /** The network elements the ties end at. */
  private ends = new Set<string>();
  /** The view the canvas was last drawn at. */
  private drawnAt = { zoom: 1, x: 0, y: 0 };
  private resting: ReturnType<typeof setTimeout> | null = null;
  private queued = false;
  private readonly resize: ResizeObserver | null;

  constructor(
    private readonly cy: Core,
    container: HTMLElement,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.dataset.testid = 'tie-layer';
    Object.assign(this.canvas.style, {
      position: 'absolute',
      left: '0',
      top: '0',
      pointerEvents: 'none',
      transformOrigin: '0 0',
    });
    // Under the node layer: Cytoscape's canvases sit in one box, from z-index 1 up.
    const box = container.querySelector('canvas')?.parentElement ?? container;
    this.canvas.style.zIndex = '0';
    box.insertBefore(this.canvas, box.firstChild);
    this.context = this.canvas.getContext('2d');
    this.resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.redraw());
    this.resize?.observe(container);
    cy.on('viewport', this.moved);
  }

  /** How many ties the layer holds. */
  get count(): number {
    return this.ties.length;
  }

  /** The ties the layer holds. */
  held(): readonly LayerTie[] {
    return this.ties;
  }

  /** Draws these ties from now on (at the next frame). */
  set(ties: LayerTie[]): void {
    this.ties = ties;
    this.ends = new Set(ties.flatMap((t) => [t.source, t.target]));
    this.redraw();
  }

  /** True when a tie on the layer ends at this network element. */
  touches(id: string): boolean {
    return this.ends.has(id);
  }

  /** Draws the ties again at the next frame: an end moved or faded. */
  redraw(): void {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.draw();
    });
  }

  /** Stops drawing and takes the canvas away. */
  destroy(): void {
    this.cy.off('viewport', this.moved);
    this.resize?.disconnect();
    if (this.resting) clearTimeout(this.resting);
    this.canvas.remove();
  }

  /** While the view pans or zooms, the last drawing moves with it; once it rests,
   * the ties are drawn anew. */
  private moved = (): void => {
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    const scale = zoom / this.drawnAt.zoom;
    const [dx, dy] = [pan.x - this.drawnAt.x * scale, pan.y - this.drawnAt.y * scale];
    this.canvas.style.transform = `matrix(${scale}, 0, 0, ${scale}, ${dx}, ${dy})`;
    if (this.resting) clearTimeout(this.resting);
    this.resting = setTimeout(() => {
      this.resting = null;
      this.redraw();
    }, REST_MS);
  };

  private draw(): void {
    const cx = this.context;
    if (!cx) return;
    const [w, h] = [this.cy.width(), this.cy.height()];
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
    }
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    this.drawnAt = { zoom, x: pan.x, y: pan.y };
    this.canvas.style.transform = '';
    cx.setTransform(1, 0, 0, 1, 0, 0);
    cx.clearRect(0, 0, w, h);
    if (!this.ties.length) return;
    cx.setTransform(zoom, 0, 0, zoom, pan.x, pan.y);
    cx.lineCap = 'butt';
    const ends: Ends = {
      at: (id) => {
        const n = this.cy.getElementById(id);
        return n.nonempty() ? n.position() : null;
      },
      faded: (id) => this.cy.getElementById(id).hasClass('faded'),
    };
    for (const s of strokes(this.ties, ends, this.cy.extent())) {
      cx.globalAlpha = s.look.opacity;
      cx.strokeStyle = s.look.colour;
      cx.lineWidth = s.look.width;
      cx.beginPath();
      for (let i = 0; i < s.lines.length; i += 4) {
        cx.moveTo(s.lines[i], s.lines[i + 1]);
        cx.lineTo(s.lines[i + 2], s.lines[i + 3]);
      }
      cx.stroke();
    }
    cx.globalAlpha = 1;
  }
}

/** Splits a big map's elements into what Cytoscape draws and the ties the layer
 * draws: the layer takes the ties and summed links of people, except those of the
 * people in `keep` (the selected person, the focus, a plan step's path: they are
 * clicked and lit); the links between closed groups stay Cytoscape's. */
export function splitTies(
  elements: ElementDefinition[],
  keep: ReadonlySet<number>,
  lookOf: (el: ElementDefinition) => TieLook,
): { drawn: ElementDefinition[]; layer: LayerTie[] } {
  const drawn: ElementDefinition[] = [];
  const layer: LayerTie[] = [];
  const kept = (end: unknown) => typeof end === 'string' && end.startsWith('p') && keep.has(Number(end.slice(1)));
  for (const el of elements) {
    const id = el.data.id as string;
    if (el.group !== 'edges' || id.startsWith('gl:') || kept(el.data.source) || kept(el.data.target)) {
      drawn.push(el);
      continue;
    }
    layer.push({ el, id, source: el.data.source as string, target: el.data.target as string, look: lookOf(el) });
  }
  return { drawn, layer };
}

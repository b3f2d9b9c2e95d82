import { describe, expect, test } from 'vitest';
import type { ElementDefinition } from 'cytoscape';
import { FADED_OPACITY, splitTies, strokes, type Ends, type LayerTie, type TieLook } from './tielayer';

const plain: TieLook = { colour: '#d5dbe3', width: 1.1, opacity: 1 };
const conflict: TieLook = { colour: '#c0392b', width: 1.1, opacity: 1 };

function tie(id: string, source: string, target: string, look = plain): LayerTie {
  return { el: { group: 'edges', data: { id, source, target } }, id, source, target, look };
}

/** People p1..p4 on a line, p5 not drawn; `faded` people faded. */
function ends(faded: string[] = []): Ends {
  const at: Record<string, { x: number; y: number }> = { p1: { x: 0, y: 0 }, p2: { x: 10, y: 0 }, p3: { x: 20, y: 0 }, p4: { x: 500, y: 0 } };
  return { at: (id) => at[id] ?? null, faded: (id) => faded.includes(id) };
}

describe('the ties a big map draws on its own layer', () => {
  test('ties of one look are drawn as one stroke, each tie a line between its ends', () => {
    const drawn = strokes([tie('r1', 'p1', 'p2'), tie('r2', 'p2', 'p3'), tie('r3', 'p1', 'p3', conflict)], ends());
    expect(drawn).toHaveLength(2);
    const grey = drawn.find((s) => s.look.colour === plain.colour)!;
    expect(grey.lines).toEqual([0, 0, 10, 0, 10, 0, 20, 0]);
    expect(drawn.find((s) => s.look.colour === conflict.colour)!.lines).toEqual([0, 0, 20, 0]);
  });

  test('a tie with a faded end fades, under the others; a tie to someone not drawn is left out', () => {
    const drawn = strokes([tie('r1', 'p1', 'p2'), tie('r2', 'p2', 'p3'), tie('r3', 'p3', 'p5')], ends(['p1']));
    expect(drawn.map((s) => s.look.opacity)).toEqual([FADED_OPACITY, 1]);
    expect(drawn[0].lines).toEqual([0, 0, 10, 0]);
    expect(drawn[1].lines).toEqual([10, 0, 20, 0]);
  });

  test('ties wholly off screen are not drawn; one crossing the screen is', () => {
    const box = { x1: 5, y1: -5, x2: 100, y2: 5 };
    const drawn = strokes([tie('r1', 'p3', 'p4'), tie('r2', 'p1', 'p4'), tie('r3', 'p4', 'p4')], ends(), box);
    expect(drawn).toHaveLength(1);
    expect(drawn[0].lines).toEqual([20, 0, 500, 0, 0, 0, 500, 0]);
  });

  test('the layer takes the ties of people; the selected person’s ties and links between closed groups stay clickable', () => {
    const el = (id: string, source: string, target: string): ElementDefinition => ({ group: 'edges', data: { id, source, target } });
    const els: ElementDefinition[] = [
      { group: 'nodes', data: { id: 'p1' } },
      el('r1', 'p1', 'p2'),
      el('r2', 'p2', 'p3'),
      el('gm:3|b', 'p3', 'g:b'),
      el('gl:a|b', 'g:a', 'g:b'),
    ];
    const { drawn, layer } = splitTies(els, new Set([1]), () => plain);
    expect(drawn.map((e) => e.data.id)).toEqual(['p1', 'r1', 'gl:a|b']);
    expect(layer.map((t) => t.id)).toEqual(['r2', 'gm:3|b']);
    expect(layer[0]).toMatchObject({ source: 'p2', target: 'p3', look: plain });
    expect(layer[0].el).toBe(els[2]);
  });
});

// Turning the workspace view into Cytoscape elements, and choosing a layout.

import type { ElementDefinition } from 'cytoscape';
import { stanceColour } from './palette';
import type { WorkspaceDto } from './types';

/** Node size in px for power 1..5. */
export function nodeSize(power: number): number {
  return 22 + (power - 1) * 9;
}

/** Cytoscape elements of the map: people (with saved positions) and ties. */
export function toElements(view: WorkspaceDto): ElementDefinition[] {
  const nodes: ElementDefinition[] = view.people.map((p) => ({
    group: 'nodes',
    data: {
      id: `p${p.id}`,
      personId: p.id,
      label: p.advocate ? `★ ${p.name}` : p.name,
      colour: stanceColour(p.stance),
      size: nodeSize(p.power),
      advocate: p.advocate ? 1 : 0,
    },
    position: p.position ? { x: p.position[0], y: p.position[1] } : undefined,
    classes: p.advocate ? 'advocate' : '',
  }));
  const edges: ElementDefinition[] = view.relations.map((r) => ({
    group: 'edges',
    data: {
      id: `r${r.id}`,
      relationId: r.id,
      source: `p${r.from}`,
      target: `p${r.to}`,
      kind: r.kind,
      width: 0.6 + r.strength * 0.5,
    },
    classes: [r.kind, `flow-${r.flow}`, r.negative ? 'negative' : ''].join(' ').trim(),
  }));
  return [...nodes, ...edges];
}

/** People without a saved position. */
export function unplaced(view: WorkspaceDto): number[] {
  return view.people.filter((p) => !p.position).map((p) => p.id);
}

/** The layout to run: keep saved positions when everyone has one; otherwise a
 * force-directed layout, in draft quality for big maps so they draw at once. */
export function layoutFor(view: WorkspaceDto): { name: string; [k: string]: unknown } {
  const missing = unplaced(view).length;
  if (missing === 0) return { name: 'preset', fit: true, padding: 40 };
  const big = view.people.length > 400;
  return {
    name: 'fcose',
    quality: big ? 'draft' : 'proof',
    randomize: true,
    animate: false,
    fit: true,
    padding: 40,
    nodeSeparation: 90,
    idealEdgeLength: () => (big ? 60 : 150),
    nodeRepulsion: () => (big ? 8000 : 60000),
    edgeElasticity: () => 0.3,
    gravity: 0.2,
    numIter: big ? 600 : 5000,
    nodeDimensionsIncludeLabels: !big,
  };
}

/** Ids of the people next to `id` (both directions), including `id`. */
export function neighbourhood(view: WorkspaceDto, id: number): Set<number> {
  const out = new Set<number>([id]);
  for (const r of view.relations) {
    if (r.from === id) out.add(r.to);
    if (r.to === id) out.add(r.from);
  }
  return out;
}

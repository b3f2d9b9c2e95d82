// Applies what an edit changed (ViewChangeDto, made by src/formats/view_change.rs)
// to the view the app shows. Transport only: the core decides what changed; this
// puts the changed items in place, keeping every unchanged item the same object.

import type { EditedDto, ListChangeDto, ViewChangeDto, WorkspaceDto } from './contract.gen';

/** `list` with `change` applied: changed items replace theirs (or join, in the
 * order given), removed ones leave, the rest stay the same objects. */
export function applyList<T extends { id: number }>(list: readonly T[], change: ListChangeDto<T>): T[] {
  if (!change.changed.length && !change.removed.length && !change.order) return list as T[];
  const removed = new Set(change.removed);
  const changed = new Map(change.changed.map((item) => [item.id, item]));
  if (change.order) {
    const byId = new Map<number, T>();
    for (const item of list) if (!removed.has(item.id)) byId.set(item.id, item);
    for (const [id, item] of changed) byId.set(id, item);
    return change.order.flatMap((id) => {
      const item = byId.get(id);
      return item ? [item] : [];
    });
  }
  const out: T[] = [];
  for (const item of list) {
    if (removed.has(item.id)) continue;
    out.push(changed.get(item.id) ?? item);
  }
  return out;
}

/** The view `change` makes of `view`, the revision it was made from. */
export function applyChange(view: WorkspaceDto, change: ViewChangeDto): WorkspaceDto {
  return {
    ...view,
    revision: change.revision,
    name: change.name,
    change: change.change,
    description: change.description,
    lead_advocate: change.lead_advocate,
    groups: change.groups,
    tags: change.tags,
    undo: change.undo,
    redo: change.redo,
    theta: change.theta,
    timeline: change.timeline ?? view.timeline,
    people: applyList(view.people, change.people),
    relations: applyList(view.relations, change.relations),
    engagements: applyList(view.engagements, change.engagements),
  };
}

/** The view after an edit answered `done`: the whole view it carries, or its
 * change applied to `view` when `view` is the revision the change was made from;
 * `null` when neither (the app then asks for the whole view). */
export function viewAfter(view: WorkspaceDto | null, done: EditedDto): WorkspaceDto | null {
  if (done.view) return done.view;
  if (done.change && view && view.revision === done.change.base) return applyChange(view, done.change);
  return null;
}

// How each person field is shown and edited. The values sent are the text forms
// the core's `Stakeholder::set` parses; the core validates them.

import type { PersonDto, ScalesDto } from './types';

export type Editor = 'text' | 'notes' | 'tags' | 'stance' | 'level' | 'bool' | 'confidence';

export interface FieldSpec {
  field: string;
  label: string;
  editor: Editor;
}

export const FIELD_SPECS: FieldSpec[] = [
  { field: 'name', label: 'Name', editor: 'text' },
  { field: 'role', label: 'Role', editor: 'text' },
  { field: 'group', label: 'Group', editor: 'text' },
  { field: 'tags', label: 'Tags', editor: 'tags' },
  { field: 'stance', label: 'Stance', editor: 'stance' },
  { field: 'target', label: 'Target', editor: 'stance' },
  { field: 'power', label: 'Power', editor: 'level' },
  { field: 'interest', label: 'Interest', editor: 'level' },
  { field: 'openness', label: 'Openness', editor: 'level' },
  { field: 'legitimacy', label: 'Legitimacy', editor: 'bool' },
  { field: 'urgency', label: 'Urgency', editor: 'bool' },
  { field: 'confidence', label: 'Confidence', editor: 'confidence' },
  { field: 'effort', label: 'Effort', editor: 'level' },
  { field: 'advocate', label: 'Advocate', editor: 'bool' },
  { field: 'notes', label: 'Notes', editor: 'notes' },
];

/** The field's current value in the text form the core accepts. */
export function fieldText(p: PersonDto, field: string): string {
  switch (field) {
    case 'tags':
      return p.tags.join('; ');
    case 'stance':
      return String(p.stance);
    case 'target':
      return String(p.target);
    case 'legitimacy':
    case 'urgency':
    case 'advocate':
      return p[field] ? 'yes' : 'no';
    default:
      return String(p[field as keyof PersonDto] ?? '');
  }
}

/** The value as the table shows it (labels for scales). */
export function fieldDisplay(p: PersonDto, field: string, scales: ScalesDto | null): string {
  switch (field) {
    case 'stance':
      return p.stance_label;
    case 'target':
      return p.target_label;
    case 'legitimacy':
    case 'urgency':
    case 'advocate':
      return p[field] ? 'yes' : '—';
    case 'power':
    case 'interest':
    case 'openness':
    case 'effort': {
      const v = p[field];
      const label = scales?.levels.find((l) => l.value === v)?.label;
      return label ? `${v} · ${label}` : String(v);
    }
    default:
      return fieldText(p, field);
  }
}

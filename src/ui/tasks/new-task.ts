/** The rules of a task added by hand, apart from the form's markup: when a draft is a valid `NewTask`. */
import type { EpochDay, TaskPriority } from '../../engine';
import type { MessageKey } from '../../i18n';
import type { NewTask } from '../../worker/api';
import { parseDay } from '../customer/entry-form';

export interface TaskDraft {
  readonly customerId: string;
  readonly title: string;
  readonly description: string;
  readonly priority: TaskPriority;
  /** The date input's `YYYY-MM-DD`. */
  readonly due: string;
}

export type TaskField = 'title' | 'due';

export type TaskErrors = Partial<Record<TaskField, MessageKey>>;

export type TaskCheck = { readonly ok: true; readonly task: NewTask } | { readonly ok: false; readonly errors: TaskErrors };

/** A title is needed; the due day must be a real date, today or later. Words are trimmed. */
export function checkTask(draft: TaskDraft, today: EpochDay): TaskCheck {
  const errors: TaskErrors = {};
  const title = draft.title.trim();
  if (!title) errors.title = 'tasks.add.error.title';
  const dueOn = parseDay(draft.due);
  if (dueOn === undefined) errors.due = 'tasks.add.error.due';
  else if (dueOn < today) errors.due = 'tasks.add.error.past';
  if (errors.title || errors.due || dueOn === undefined) return { ok: false, errors };
  return { ok: true, task: { customerId: draft.customerId, title, description: draft.description.trim(), priority: draft.priority, dueOn } };
}

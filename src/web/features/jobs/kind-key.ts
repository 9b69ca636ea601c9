/**
 * Where a job kind's name lives: in the messages of the feature of the module that defines it
 * (`services.sla-sweep` → `services.job.sla_sweep`), so a new module names its jobs in its own feature
 * and edits no shared file. Pure, so the words test checks every kind the modules define.
 */
import { moduleNs } from '../inbox/notice-key';

/** The i18n key of a job kind's name; a kind without a module part has none ('jobs.kind_unknown'). */
export function jobKindKey(kind: string): string {
  const dot = kind.indexOf('.');
  if (dot <= 0) return 'jobs.kind_unknown';
  return `${moduleNs(kind.slice(0, dot))}.job.${kind.slice(dot + 1).replace(/[.-]/g, '_')}`;
}

/** A bad input's message, shown next to the control it names (or the section's status line). */
import type { PageHooks } from '../page-hooks.ts';
import { fill, h } from '../ui/dom.ts';

export function fieldMessage(hooks: PageHooks, where: HTMLElement | null, message: string): void {
  if (!where) return;
  fill(where, h('span', { class: 'error', role: 'alert', text: message }));
  hooks.lessons.messages++;
}

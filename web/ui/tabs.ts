/**
 * Views behind a tab list (WAI-ARIA tabs pattern): arrow keys move between
 * tabs, the chosen view's panel is shown, the others hidden. Views are built
 * on first show, so the Lecture view costs nothing until opened.
 */
import { h } from './dom.ts';

export interface View {
  id: string;
  title: string;
  /** Builds the view into its panel, once. */
  mount: (panel: HTMLElement) => void;
}

export function tabs(nav: HTMLElement, main: HTMLElement, views: View[]): (id: string) => void {
  const list = h('div', { role: 'tablist', 'aria-label': 'Views', class: 'tabs' });
  nav.append(list);
  const mounted = new Set<string>();
  const entries = views.map((v) => {
    const tab = h('button', {
      role: 'tab',
      id: `tab-${v.id}`,
      'aria-controls': `panel-${v.id}`,
      type: 'button',
      text: v.title,
    });
    const panel = h('section', {
      role: 'tabpanel',
      id: `panel-${v.id}`,
      'aria-labelledby': `tab-${v.id}`,
      class: 'panel',
    });
    list.append(tab);
    main.append(panel);
    return { v, tab, panel };
  });

  const show = (id: string) => {
    for (const { v, tab, panel } of entries) {
      const on = v.id === id;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
      if (on && !mounted.has(v.id)) {
        mounted.add(v.id);
        v.mount(panel);
      }
    }
    if (location.hash !== `#${id}`) history.replaceState(null, '', `#${id}`);
  };

  entries.forEach(({ v, tab }, i) => {
    tab.addEventListener('click', () => show(v.id));
    tab.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      const next = entries[(i + d + entries.length) % entries.length]!;
      show(next.v.id);
      next.tab.focus();
    });
  });
  const initial = views.find((v) => `#${v.id}` === location.hash)?.id ?? views[0]!.id;
  show(initial);
  return show;
}

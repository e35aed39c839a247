/**
 * A file dropped anywhere on the page goes to the view that is showing
 * (`panel` not hidden), which is highlighted while something is dragged over.
 */
export function onFileDrop(panel: HTMLElement, onFile: (f: File) => void): void {
  const body = document.body;
  body.addEventListener('dragover', (e) => {
    if (panel.hidden || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault(); // allows the drop
    panel.classList.add('dragging');
  });
  body.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) panel.classList.remove('dragging');
  });
  body.addEventListener('drop', (e) => {
    panel.classList.remove('dragging');
    const f = e.dataTransfer?.files[0];
    if (panel.hidden || !f) return;
    e.preventDefault(); // the browser would open the file instead
    onFile(f);
  });
}

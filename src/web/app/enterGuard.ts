/**
 * Browsers submit a form when Enter is pressed in one of its text fields ("implicit submission").
 * In this app that posted half-filled documents: a hardware scanner sends Enter after each code,
 * and officers press Enter to confirm a value. So Enter in a field never submits a form here; a
 * form where Enter should submit (sign-in, a search panel) says so with `data-enter-submits`.
 *
 * Implicit submission happens inside the default action of the Enter keydown: the keydown is
 * noted, and a submit (or the default button's synthetic click) in the same task is stopped before
 * React sees it. The keydown itself is left alone, so fields still act on Enter (the scan box adds
 * its card, a select picks its option).
 */
export function installEnterGuard(doc: Document = document): () => void {
  let pendingFrom: HTMLFormElement | null = null;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    const el = e.target;
    if (!(el instanceof HTMLInputElement) || !el.form) return;
    if (el.form.dataset.enterSubmits === 'true') return;
    pendingFrom = el.form;
    setTimeout(() => {
      pendingFrom = null;
    }, 0);
  };
  const stop = (e: Event) => {
    if (!pendingFrom) return;
    const form = e.type === 'submit' ? e.target : (e.target as HTMLButtonElement | null)?.form;
    if (form !== pendingFrom) return;
    e.preventDefault();
    e.stopPropagation();
  };
  const onClick = (e: MouseEvent) => {
    const el = e.target;
    if (el instanceof HTMLButtonElement && el.type === 'submit') stop(e);
  };
  doc.addEventListener('keydown', onKeyDown, true);
  doc.addEventListener('submit', stop, true);
  doc.addEventListener('click', onClick, true);
  return () => {
    doc.removeEventListener('keydown', onKeyDown, true);
    doc.removeEventListener('submit', stop, true);
    doc.removeEventListener('click', onClick, true);
  };
}

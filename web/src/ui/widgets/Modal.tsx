import type { ComponentChildren } from "preact";

/** A dialog box holding a form (create/edit); closing it is the caller's business. */
export function Modal({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="modal-backdrop">
      <div class="modal" role="dialog" aria-modal="true" aria-label={title} data-testid="dialog">
        <h3>{title}</h3>
        {children}
      </div>
    </div>
  );
}

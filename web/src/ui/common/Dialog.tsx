import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import "../vm.css";

/** A modal dialog (hook `dialog`); Escape or a click on the backdrop closes it like the Cancel button. */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div class="dialog-backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div class={`dialog ${wide ? "dialog-wide" : ""}`} role="dialog" aria-modal="true" aria-label={title} data-testid="dialog">
        <h3>{title}</h3>
        {children}
      </div>
    </div>
  );
}

/** The OK / Cancel row at the bottom of a dialog (hooks `confirm-ok`, `confirm-cancel`). */
export function DialogButtons({ okLabel, onCancel, busy, danger, disabled }: { okLabel: string; onCancel: () => void; busy?: boolean; danger?: boolean; disabled?: boolean }) {
  return (
    <div class="dialog-buttons">
      <button type="button" class="button" onClick={onCancel} data-testid="confirm-cancel">
        Cancel
      </button>
      <button type="submit" class={`button ${danger ? "danger" : "primary"}`} disabled={busy || disabled} data-testid="confirm-ok">
        {busy ? "Working…" : okLabel}
      </button>
    </div>
  );
}

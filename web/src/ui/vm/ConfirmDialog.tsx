import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { Dialog, DialogButtons } from "../common/Dialog";

/**
 * Asks before a destructive action. With `typeToConfirm`, OK stays disabled until that text is typed
 * (hook `confirm-input`), as deleting a VM requires its VMID. `onConfirm` runs with the dialog busy.
 */
export function ConfirmDialog({ title, okLabel, typeToConfirm, children, onConfirm, onClose }: { title: string; okLabel: string; typeToConfirm?: string; children?: ComponentChildren; onConfirm: () => Promise<void>; onClose: () => void }) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const matches = !typeToConfirm || typed.trim() === typeToConfirm;
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        class="form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!matches || busy) return;
          setBusy(true);
          await onConfirm();
          setBusy(false);
          onClose();
        }}
      >
        {children}
        {typeToConfirm && (
          <label class="form-field">
            <span class="form-label">Type {typeToConfirm} to confirm</span>
            <input type="text" value={typed} autoFocus data-testid="confirm-input" onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
          </label>
        )}
        <DialogButtons okLabel={okLabel} onCancel={onClose} busy={busy} danger disabled={!matches} />
      </form>
    </Dialog>
  );
}

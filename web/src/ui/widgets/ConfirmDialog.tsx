import { useState } from "preact/hooks";

/**
 * Asks before a delete or another destructive action. With `expected`, the user must type it (the name or
 * id of what goes away) before OK is enabled, as Proxmox does for VM deletes.
 */
export function ConfirmDialog({ title, message, expected, onConfirm, onCancel }: { title: string; message: string; expected?: string; onConfirm: () => void; onCancel: () => void }) {
  const [typed, setTyped] = useState("");
  const ready = expected === undefined || typed.trim() === expected;
  return (
    <div class="modal-backdrop">
      <div class="modal" role="dialog" aria-modal="true" aria-label={title} data-testid="dialog">
        <h3>{title}</h3>
        <p>{message}</p>
        {expected !== undefined && (
          <label class="form-field">
            <span class="form-label">Type {expected} to confirm</span>
            <input data-testid="confirm-input" value={typed} onInput={(event) => setTyped((event.currentTarget as HTMLInputElement).value)} autoFocus />
          </label>
        )}
        <div class="modal-actions">
          <button class="button" data-testid="confirm-cancel" onClick={onCancel}>
            Cancel
          </button>
          <button class="button danger" data-testid="confirm-ok" disabled={!ready} onClick={onConfirm}>
            Confirm
          </button>
        </div>
      </div>
    </div>
  );
}

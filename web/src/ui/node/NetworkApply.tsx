import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { ApiError } from "../../api/errors";
import { showError } from "../Toasts";
import { ConfirmDialog } from "../widgets/ConfirmDialog";
import { followTask } from "../widgets/runTask";

/**
 * Apply and Revert of the staged network changes. The API refuses an apply that would cut a management
 * address (field error `force`): the refusal is shown with a "force" checkbox to apply anyway.
 */
export function NetworkApply({ node, pending, onChanged }: { node: string; pending: boolean; onChanged: () => void }) {
  const [forceNeeded, setForceNeeded] = useState<string | null>(null);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirmRevert, setConfirmRevert] = useState(false);
  const path = `/nodes/${encodeURIComponent(node)}/network`;

  const apply = async () => {
    setBusy(true);
    try {
      const upid = await api<string>("PUT", path, { force: force ? 1 : undefined });
      setForceNeeded(null);
      setForce(false);
      await followTask(upid, "Apply network configuration");
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.force) setForceNeeded(error.fieldErrors.force);
      else showError(error);
    }
    setBusy(false);
    onChanged();
  };

  const revert = async () => {
    setConfirmRevert(false);
    try {
      await api("DELETE", path);
      setForceNeeded(null);
    } catch (error) {
      showError(error);
    }
    onChanged();
  };

  return (
    <>
      <button class="button primary" data-testid="network-apply" disabled={!pending || busy} onClick={() => void apply()}>
        Apply configuration
      </button>
      <button class="button" data-testid="network-revert" disabled={!pending || busy} onClick={() => setConfirmRevert(true)}>
        Revert
      </button>
      {forceNeeded && (
        <span class="field-error" data-testid="field-error-force">
          {forceNeeded}
          <label class="form-field inline">
            <input type="checkbox" data-testid="field-force" checked={force} onChange={(event) => setForce((event.currentTarget as HTMLInputElement).checked)} />
            Apply anyway (force)
          </label>
        </span>
      )}
      {confirmRevert && <ConfirmDialog title="Revert network changes" message="Drop every staged change of this node's network?" onConfirm={() => void revert()} onCancel={() => setConfirmRevert(false)} />}
    </>
  );
}

import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { href } from "../../state/router";
import { showError } from "../Toasts";
import { ConfirmDialog } from "../widgets/ConfirmDialog";
import { HaMoveForm } from "./HaMoveForm";
import { HaResourceForm } from "./HaResourceForm";
import { mayManageHa, type HaGroup, type HaResource } from "./haTypes";

type Action = { kind: "add" } | { kind: "edit" | "remove" | "migrate" | "relocate"; resource: HaResource };

/** HA resources: add a VM, edit its settings, remove it, or request a migrate/relocate. */
export function HaResources({ list, groups, onChanged }: { list: HaResource[]; groups: HaGroup[]; onChanged: () => void }) {
  const [action, setAction] = useState<Action | null>(null);
  const manage = mayManageHa();
  const done = () => {
    setAction(null);
    onChanged();
  };

  const remove = async (resource: HaResource) => {
    try {
      await api("DELETE", `/cluster/ha/resources/${encodeURIComponent(resource.sid)}`);
    } catch (error) {
      showError(error);
    }
    done();
  };

  return (
    <div class="section">
      <h3>Resources</h3>
      {manage && (
        <div class="toolbar">
          <button class="button" data-testid="ha-resource-add" onClick={() => setAction({ kind: "add" })}>
            Add VM
          </button>
        </div>
      )}
      <table data-testid="ha-resources">
        <thead>
          <tr>
            <th>Resource</th>
            <th>State</th>
            <th>Group</th>
            <th>Max. restarts</th>
            <th>Max. relocations</th>
            <th>Comment</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((resource) => (
            <tr key={resource.sid} data-testid={`ha-resource-${resource.sid}`}>
              <td>{resource.sid.startsWith("vm:") ? <a href={href(`/vm/${resource.sid.slice(3)}`)}>{resource.sid}</a> : resource.sid}</td>
              <td>{resource.state}</td>
              <td>{resource.group}</td>
              <td>{resource.max_restart}</td>
              <td>{resource.max_relocate}</td>
              <td>{resource.comment}</td>
              <td>
                {manage && (
                  <>
                    <button class="button" data-testid="ha-resource-edit" onClick={() => setAction({ kind: "edit", resource })}>
                      Edit
                    </button>{" "}
                    <button class="button" data-testid="ha-resource-migrate" onClick={() => setAction({ kind: "migrate", resource })}>
                      Migrate
                    </button>{" "}
                    <button class="button" data-testid="ha-resource-relocate" onClick={() => setAction({ kind: "relocate", resource })}>
                      Relocate
                    </button>{" "}
                    <button class="button danger" data-testid="ha-resource-remove" onClick={() => setAction({ kind: "remove", resource })}>
                      Remove
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
          {list.length === 0 && (
            <tr>
              <td colSpan={7} class="muted">
                No HA resource.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {action?.kind === "add" && <HaResourceForm existing={null} groups={groups} onDone={done} />}
      {action?.kind === "edit" && <HaResourceForm existing={action.resource} groups={groups} onDone={done} />}
      {(action?.kind === "migrate" || action?.kind === "relocate") && <HaMoveForm sid={action.resource.sid} kind={action.kind} onDone={done} />}
      {action?.kind === "remove" && (
        <ConfirmDialog
          title="Remove from HA"
          message={`Remove ${action.resource.sid} from HA? The VM itself stays; it is no longer restarted or moved by the HA manager.`}
          expected={action.resource.sid}
          onConfirm={() => void remove(action.resource)}
          onCancel={() => setAction(null)}
        />
      )}
    </div>
  );
}

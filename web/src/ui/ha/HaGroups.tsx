import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { showError } from "../Toasts";
import { ConfirmDialog } from "../widgets/ConfirmDialog";
import { HaGroupForm } from "./HaGroupForm";
import { mayManageHa, type HaGroup } from "./haTypes";

/** HA groups: list, create, edit, delete. */
export function HaGroups({ list, onChanged }: { list: HaGroup[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<HaGroup | "new" | null>(null);
  const [deleting, setDeleting] = useState<HaGroup | null>(null);
  const manage = mayManageHa();

  const remove = async (group: HaGroup) => {
    setDeleting(null);
    try {
      await api("DELETE", `/cluster/ha/groups/${encodeURIComponent(group.group)}`);
    } catch (error) {
      showError(error);
    }
    onChanged();
  };

  return (
    <div class="section">
      <h3>Groups</h3>
      {manage && (
        <div class="toolbar">
          <button class="button" data-testid="ha-group-create" onClick={() => setEditing("new")}>
            Create group
          </button>
        </div>
      )}
      <table data-testid="ha-groups">
        <thead>
          <tr>
            <th>Group</th>
            <th>Nodes</th>
            <th>Restricted</th>
            <th>No failback</th>
            <th>Comment</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((group) => (
            <tr key={group.group} data-testid={`ha-group-${group.group}`}>
              <td>{group.group}</td>
              <td>{group.nodes}</td>
              <td>{group.restricted ? "yes" : ""}</td>
              <td>{group.nofailback ? "yes" : ""}</td>
              <td>{group.comment}</td>
              <td>
                {manage && (
                  <>
                    <button class="button" data-testid="ha-group-edit" onClick={() => setEditing(group)}>
                      Edit
                    </button>{" "}
                    <button class="button danger" data-testid="ha-group-delete" onClick={() => setDeleting(group)}>
                      Delete
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
          {list.length === 0 && (
            <tr>
              <td colSpan={6} class="muted">
                No HA group.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {editing && (
        <HaGroupForm
          existing={editing === "new" ? null : editing}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
      {deleting && <ConfirmDialog title="Delete HA group" message={`Delete the HA group ${deleting.group}?`} expected={deleting.group} onConfirm={() => void remove(deleting)} onCancel={() => setDeleting(null)} />}
    </div>
  );
}

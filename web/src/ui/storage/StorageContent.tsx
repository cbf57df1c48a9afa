import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { can } from "../../api/session";
import { href } from "../../state/router";
import { bytes, dateTime } from "../format";
import { showError } from "../Toasts";
import { ConfirmDialog } from "../widgets/ConfirmDialog";
import { ErrorNote } from "../widgets/ErrorNote";
import { followTask } from "../widgets/runTask";
import { useApi } from "../widgets/useApi";

interface Volume {
  volid: string;
  content: string;
  format: string;
  size: number;
  used?: number;
  vmid?: number;
  ctime?: number;
}

/** The volumes of a storage on a node; deleting one asks to type its volid first. */
export function StorageContent({ node, storage }: { node: string; storage: string }) {
  const path = `/nodes/${encodeURIComponent(node)}/storage/${encodeURIComponent(storage)}/content`;
  const { data, error, reload } = useApi<Volume[]>(path, {}, 10_000);
  const [deleting, setDeleting] = useState<Volume | null>(null);
  const mayDelete = can("storage", "Datastore.Allocate") || can("storage", "Datastore.AllocateSpace");

  const remove = async (volume: Volume) => {
    setDeleting(null);
    try {
      const upid = await api<string | null>("DELETE", `${path}/${encodeURIComponent(volume.volid)}`);
      await followTask(upid, `Delete ${volume.volid}`);
    } catch (failure) {
      showError(failure);
    }
    reload();
  };

  return (
    <div class="section">
      <h3>Content</h3>
      <ErrorNote error={error} />
      <table data-testid="storage-content">
        <thead>
          <tr>
            <th>Volume</th>
            <th>Content</th>
            <th>Format</th>
            <th>Size</th>
            <th>Used</th>
            <th>VMID</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((volume) => (
            <tr key={volume.volid} data-testid="volume-row" data-volid={volume.volid}>
              <td>{volume.volid}</td>
              <td>{volume.content}</td>
              <td>{volume.format}</td>
              <td>{bytes(volume.size)}</td>
              <td>{volume.used !== undefined ? bytes(volume.used) : ""}</td>
              <td>{volume.vmid ? <a href={href(`/vm/${volume.vmid}`)}>{volume.vmid}</a> : ""}</td>
              <td>{dateTime(volume.ctime)}</td>
              <td>
                {mayDelete && (
                  <button class="button danger" data-testid="volume-delete" onClick={() => setDeleting(volume)}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
          {data?.length === 0 && (
            <tr>
              <td colSpan={8} class="muted">
                Empty.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {deleting && (
        <ConfirmDialog
          title="Delete volume"
          message={`Delete ${deleting.volid}${deleting.vmid ? ` (a disk of VM ${deleting.vmid})` : ""}? Its data is lost.`}
          expected={deleting.volid}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </div>
  );
}

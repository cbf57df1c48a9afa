import type { TaskFilters } from "./taskHistory";

/** Task types worth filtering on (spec §4); the API matches the type exactly. */
const taskTypes = ["qmcreate", "qmstart", "qmstop", "qmshutdown", "qmreboot", "qmdestroy", "qmclone", "qmigrate", "qmsnapshot", "qmrollback", "qmdelsnapshot", "qmmove", "resize", "imgdel", "hastart", "hastop", "hamigrate", "srvreload", "nodemaint", "cephcreatepool", "vncproxy"];

/** Filters of the task history: type, status, errors only, VMID. */
export function TaskFilterBar({ filters, onChange }: { filters: TaskFilters; onChange: (next: TaskFilters) => void }) {
  const set = (patch: Partial<TaskFilters>) => onChange({ ...filters, ...patch });
  return (
    <div class="toolbar" data-testid="task-filters">
      <label class="form-field inline">
        <span class="form-label">Type</span>
        <select data-testid="filter-type" value={filters.typefilter} onChange={(event) => set({ typefilter: (event.currentTarget as HTMLSelectElement).value })}>
          <option value="">all</option>
          {taskTypes.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label class="form-field inline">
        <span class="form-label">Status</span>
        <select data-testid="filter-status" value={filters.statusfilter} onChange={(event) => set({ statusfilter: (event.currentTarget as HTMLSelectElement).value })}>
          <option value="">all</option>
          <option value="active">running</option>
          <option value="ok">OK</option>
          <option value="error">failed</option>
        </select>
      </label>
      <label class="form-field inline">
        <input type="checkbox" data-testid="filter-errors" checked={filters.errors} onChange={(event) => set({ errors: (event.currentTarget as HTMLInputElement).checked })} />
        <span>Errors only</span>
      </label>
      <label class="form-field inline">
        <span class="form-label">VMID</span>
        <input data-testid="filter-vmid" size={8} value={filters.vmid} onChange={(event) => set({ vmid: (event.currentTarget as HTMLInputElement).value.trim() })} />
      </label>
    </div>
  );
}

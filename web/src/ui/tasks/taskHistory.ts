import { api } from "../../api/client";
import type { TaskSummary } from "../../api/types";

export interface TaskFilters {
  typefilter: string;
  /** "" (all), "active", "ok" or "error": the API's statusfilter. */
  statusfilter: string;
  errors: boolean;
  vmid: string;
}

export const noFilters: TaskFilters = { typefilter: "", statusfilter: "", errors: false, vmid: "" };

/**
 * One page of the task history of some nodes, newest first. Each node keeps its own archive
 * (`GET /nodes/{node}/tasks`, filtered there), so for several nodes the first (page + 1) × size tasks of each
 * are merged and the page sliced out; `more` says whether a next page may exist.
 */
export async function loadTaskPage(nodes: string[], filters: TaskFilters, page: number, size: number): Promise<{ tasks: TaskSummary[]; more: boolean }> {
  const single = nodes.length === 1;
  const limit = single ? size : (page + 1) * size;
  const start = single ? page * size : 0;
  const params = { start, limit, typefilter: filters.typefilter, statusfilter: filters.statusfilter, errors: filters.errors ? 1 : undefined, vmid: filters.vmid };
  const lists = await Promise.all(nodes.map((node) => api<TaskSummary[]>("GET", `/nodes/${encodeURIComponent(node)}/tasks`, params)));
  const merged = lists.flat().sort((a, b) => b.starttime - a.starttime);
  return {
    tasks: single ? merged : merged.slice(page * size, (page + 1) * size),
    more: lists.some((list) => list.length === limit),
  };
}

import { bytes } from "../format";
import type { CephOsdNode } from "./cephTypes";

function rows(node: CephOsdNode, depth: number, out: { node: CephOsdNode; depth: number }[]): void {
  out.push({ node, depth });
  for (const child of node.children ?? []) rows(child, depth + 1, out);
}

/** The CRUSH tree flattened into indented rows: root, hosts, OSDs with status and usage. */
export function CephOsdTree({ root }: { root: CephOsdNode | undefined }) {
  if (!root) return <p class="muted">No OSD.</p>;
  const list: { node: CephOsdNode; depth: number }[] = [];
  rows(root, 0, list);
  return (
    <table data-testid="ceph-osd-tree">
      <thead>
        <tr>
          <th>Name</th>
          <th>Type</th>
          <th>Class</th>
          <th>Status</th>
          <th>Weight</th>
          <th>Used</th>
        </tr>
      </thead>
      <tbody>
        {list.map(({ node, depth }) => (
          <tr key={`${node.type}-${node.id}`}>
            <td style={{ paddingLeft: `${8 + depth * 16}px` }}>{node.name}</td>
            <td>{node.type}</td>
            <td>{node.device_class ?? ""}</td>
            <td class={node.type === "osd" ? (node.status === "up" ? "status-ok" : "status-error") : ""}>{node.type === "osd" ? `${node.status ?? "?"} / ${node.in ? "in" : "out"}` : ""}</td>
            <td>{node.crush_weight?.toFixed(3) ?? ""}</td>
            <td>{node.type === "osd" && node.total_space ? `${bytes(node.bytes_used)} / ${bytes(node.total_space)}` : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

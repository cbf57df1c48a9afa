import { useState } from "preact/hooks";
import { bytes, percent } from "../format";
import { ErrorNote } from "../widgets/ErrorNote";
import { useApi } from "../widgets/useApi";
import { Sparkline } from "./Sparkline";

/** One point of Proxmox's rrddata: `time` and the values known for that interval (counters as rates per second). */
type RrdPoint = { time: number } & Record<string, number | undefined>;

const timeframes = ["hour", "day", "week", "month", "year"] as const;

/** A series' values, unknown points as 0 (the gap of a stopped node or VM shows as a flat line). */
const series = (points: RrdPoint[], pick: (point: RrdPoint) => number | undefined): number[] => points.map((point) => pick(point) ?? 0);

const sum = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));

/**
 * The history a node keeps (Proxmox's rrddata) of a node (`kind` "node"), a VM ("qemu") or a storage ("storage"),
 * over a chosen timeframe, as small charts; refreshed every minute (the history's finest resolution).
 */
export function HistoryCharts({ path, kind }: { path: string; kind: "node" | "qemu" | "storage" }) {
  const [timeframe, setTimeframe] = useState<(typeof timeframes)[number]>("hour");
  const { data, error } = useApi<RrdPoint[]>(`${path}/rrddata`, { timeframe, cf: "AVERAGE" }, 60_000);
  const points = data ?? [];
  const last = points.at(-1);
  return (
    <div class="section" data-testid="history-charts">
      <h3>
        History{" "}
        <select aria-label="Timeframe" value={timeframe} onChange={(event) => setTimeframe((event.target as HTMLSelectElement).value as (typeof timeframes)[number])}>
          {timeframes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </h3>
      <ErrorNote error={error} />
      <div class="charts">
        {kind === "storage" ? (
          <Sparkline label="Used" values={series(points, (p) => p.used)} max={last?.total || undefined} current={`${bytes(last?.used ?? 0)} / ${bytes(last?.total ?? 0)}`} />
        ) : (
          <>
            <Sparkline label="CPU" values={series(points, (p) => p.cpu)} max={1} current={percent(last?.cpu ?? 0)} />
            <Sparkline
              label="Memory"
              values={series(points, (p) => (kind === "node" ? p.memused : p.mem))}
              max={(kind === "node" ? last?.memtotal : last?.maxmem) || undefined}
              current={bytes((kind === "node" ? last?.memused : last?.mem) ?? 0)}
            />
            <Sparkline label="Network" values={series(points, (p) => sum(p.netin, p.netout))} current={`${bytes(sum(last?.netin, last?.netout) ?? 0)}/s`} />
            {kind === "qemu" && (
              <Sparkline label="Disk I/O" values={series(points, (p) => sum(p.diskread, p.diskwrite))} current={`${bytes(sum(last?.diskread, last?.diskwrite) ?? 0)}/s`} />
            )}
            {kind === "node" && <Sparkline label="Load" values={series(points, (p) => p.loadavg)} current={String(last?.loadavg ?? "–")} />}
          </>
        )}
      </div>
    </div>
  );
}

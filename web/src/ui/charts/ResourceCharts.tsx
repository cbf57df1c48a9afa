import { historyOf, resources, type Sample } from "../../state/resources";
import { useStore } from "../../state/store";
import { bytes, percent } from "../format";
import { Sparkline } from "./Sparkline";

/** Per-second rates from cumulative counters (netin, diskread…): what the charts of traffic show. */
function rates(samples: Sample[], pick: (sample: Sample) => number): number[] {
  const values: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const seconds = (samples[i].time - samples[i - 1].time) / 1000;
    const delta = pick(samples[i]) - pick(samples[i - 1]);
    // A restarted VM resets its counters: show 0 rather than a negative rate.
    values.push(seconds > 0 && delta > 0 ? delta / seconds : 0);
  }
  return values;
}

/**
 * CPU, memory, network and disk charts of a node or VM ("node/n1", "qemu/100"), from the samples the
 * resource poller keeps (every 3 s since the page was opened). Re-renders on every poll.
 */
export function ResourceCharts({ id }: { id: string }) {
  const items = useStore(resources);
  const item = items.find((candidate) => candidate.id === id);
  const samples = historyOf(id);
  if (!item) return null;
  const net = rates(samples, (s) => s.netin + s.netout);
  const disk = rates(samples, (s) => s.diskread + s.diskwrite);
  return (
    <div class="charts" data-testid="charts">
      <Sparkline label="CPU" values={samples.map((s) => s.cpu)} max={1} current={percent(item.cpu)} />
      <Sparkline label="Memory" values={samples.map((s) => s.mem)} max={item.maxmem || undefined} current={`${bytes(item.mem)} / ${bytes(item.maxmem)}`} />
      <Sparkline label="Network" values={net} current={`${bytes(net.at(-1) ?? 0)}/s`} />
      <Sparkline label="Disk I/O" values={disk} current={`${bytes(disk.at(-1) ?? 0)}/s`} />
    </div>
  );
}

/** A small line chart of the last values (SVG, no library): the live charts of nodes and VMs. */
export function Sparkline({ values, max, label, current }: { values: number[]; max?: number; label: string; current: string }) {
  const width = 200;
  const height = 48;
  const top = max ?? Math.max(1e-9, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${(height - (Math.min(value, top) / top) * (height - 2) - 1).toFixed(1)}`).join(" ");
  return (
    <figure class="sparkline" aria-label={`${label}: ${current}`}>
      <figcaption>
        <span>{label}</span>
        <strong>{current}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img">
        {values.length > 1 && <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke" />}
      </svg>
    </figure>
  );
}

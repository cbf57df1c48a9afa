// Human formats for figures the API gives in bytes, seconds and fractions.

const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

export function bytes(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  let scaled = value;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return `${scaled.toFixed(unit === 0 || scaled >= 100 ? 0 : 1)} ${units[unit]}`;
}

export function percent(fraction: number | undefined): string {
  return fraction === undefined || !Number.isFinite(fraction) ? "–" : `${(fraction * 100).toFixed(1)} %`;
}

export function duration(seconds: number | undefined): string {
  if (!seconds) return "–";
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return `${minutes}m ${Math.floor(seconds % 60)}s`;
}

export function dateTime(unixSeconds: number | undefined): string {
  return unixSeconds ? new Date(unixSeconds * 1000).toLocaleString() : "–";
}

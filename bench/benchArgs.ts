// Command-line flags and latency percentiles shared by the benches.

/** The number after `name` on the command line, else `fallback`. */
export function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The `p` quantile (0..1) of ascending `sorted` times, nearest rank below. */
export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

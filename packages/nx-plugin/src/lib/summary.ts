/**
 * The per-image size line (`api: 4.7 MB, builder 346 MB, 98.6% smaller`) and the summary
 * across services. The summary reads the lines back from each task's report, so a run served
 * from the cache gets one too.
 */
import { formatSize, parseSize } from "./size";

export const SIZE_LINE = /^(\S(?:.*\S)?): (\d+(?:\.\d+)? (?:B|kB|MB|GB))(?:, builder (\d+(?:\.\d+)? (?:B|kB|MB|GB)), (\d+(?:\.\d+)?)% (smaller|larger))?$/;

export interface SizeRow {
  label: string;
  finalBytes: number;
  builderBytes: number | null;
  line: string;
}

/** Size lines in a task's report. */
export function sizeRows(report: string): SizeRow[] {
  const rows: SizeRow[] = [];
  for (const raw of report.split(/\r?\n/)) {
    // eslint-disable-next-line no-control-regex
    const line = raw.replace(/\u001b\[[0-9;]*m/g, "");
    const m = SIZE_LINE.exec(line);
    if (!m) continue;
    rows.push({ label: m[1]!, finalBytes: parseSize(m[2]!.replace(" ", "")), builderBytes: m[3] ? parseSize(m[3].replace(" ", "")) : null, line });
  }
  return rows;
}

/** One finished task as the end-of-run summary sees it (Nx's task result). */
export interface FinishedTask {
  project: string;
  /** Nx's task status: `success`, `failure`, `stopped`, `local-cache`, `remote-cache`… */
  status: string;
  output: string;
}

const FAILED = new Set(["failure", "stopped"]);

/**
 * The summary over a run's tasks (sorted by project): each task's size lines, and for a failed
 * task without one (it failed before an image existed) a line saying so; nothing for fewer than
 * two lines.
 */
export function runSummary(tasks: FinishedTask[]): string {
  const rows: Array<SizeRow | { line: string }> = [];
  for (const t of [...tasks].sort((a, b) => (a.project < b.project ? -1 : a.project > b.project ? 1 : 0))) {
    const found = sizeRows(t.output);
    if (FAILED.has(t.status)) {
      // The executor marks its own failures; a task Nx saw fail (or stopped) is marked here too.
      rows.push(...found.map((r) => (r.label.endsWith(" (failed)") ? r : { ...r, line: r.line.replace(/^(.*?): /, "$1 (failed): ") })));
      if (found.length === 0) rows.push({ line: `${t.project} (failed): no image` });
    } else rows.push(...found);
  }
  return rows.length < 2 ? "" : sizeSummary(rows);
}

export function sizeSummary(rows: Array<SizeRow | { line: string }>): string {
  if (rows.length === 0) return "";
  const lines = ["docker-lint image sizes:", ...rows.map((r) => `  ${r.line}`)];
  const paired = rows.filter((r): r is SizeRow => "builderBytes" in r && !!r.builderBytes);
  if (rows.length > 1 && paired.length > 0) {
    const fin = paired.reduce((n, r) => n + r.finalBytes, 0);
    const bld = paired.reduce((n, r) => n + r.builderBytes!, 0);
    lines.push(`  all ${paired.length} images: ${formatSize(fin)}, builders ${formatSize(bld)}, ${(((bld - fin) / bld) * 100).toFixed(1)}% smaller`);
  }
  return lines.join("\n");
}

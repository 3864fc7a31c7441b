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

export function sizeSummary(rows: SizeRow[]): string {
  if (rows.length === 0) return "";
  const lines = ["docker-lint image sizes:", ...rows.map((r) => `  ${r.line}`)];
  const paired = rows.filter((r) => r.builderBytes);
  if (rows.length > 1 && paired.length > 0) {
    const fin = paired.reduce((n, r) => n + r.finalBytes, 0);
    const bld = paired.reduce((n, r) => n + r.builderBytes!, 0);
    lines.push(`  all ${paired.length} images: ${formatSize(fin)}, builders ${formatSize(bld)}, ${(((bld - fin) / bld) * 100).toFixed(1)}% smaller`);
  }
  return lines.join("\n");
}

#!/usr/bin/env node
/**
 * Side-by-side benchmark: docker-lint and dockerfile-utils over the Dockerfile corpus, each
 * command timed from process start to exit. Prints a table and writes JSON to bench-results/.
 *
 *   node tools/bench/run.mjs [--reps N] [--corpus DIR] [--only text[,text]] [--skip-per-file]
 *                            [--big N] [--hadolint-reps N]
 *
 * --big N: also time rows on N files (the corpus repeated, default 10000; 0 for none), built once
 * in the temp folder. --hadolint-reps N: hadolint's repetitions on that set
 * (default 1: one takes minutes).
 *
 * Rows are {name, command, cwd}; more rows come from tools/bench/rows/*.mjs (see README.md).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const node = process.execPath;

function parseArgs(argv) {
  const opts = { reps: 5, corpus: process.env.DOCKER_LINT_CORPUS ?? "/work/shared/corpus", only: null, perFile: true, out: path.join(repoRoot, "bench-results"), big: 10000, hadolintReps: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--reps") opts.reps = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (a === "--corpus") opts.corpus = path.resolve(value());
    else if (a === "--only") opts.only = value().split(",").map((s) => s.trim().toLowerCase());
    else if (a === "--skip-per-file") opts.perFile = false;
    else if (a === "--out") opts.out = path.resolve(value());
    else if (a === "--big") opts.big = Math.max(0, Number.parseInt(value(), 10) || 0);
    else if (a === "--hadolint-reps") opts.hadolintReps = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (a === "-h" || a === "--help") {
      process.stdout.write(readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0] + "*/\n");
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

/** The corpus files: index.json's list when there is one, else every Dockerfile* / *.Dockerfile below. */
function corpusFiles(corpus) {
  const index = path.join(corpus, "index.json");
  if (existsSync(index)) return JSON.parse(readFileSync(index, "utf8")).map((e) => path.join(corpus, e.path));
  const out = [];
  const walk = (dir) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (/^(Dockerfile|Containerfile)|\.Dockerfile$/i.test(d.name)) out.push(p);
    }
  };
  walk(corpus);
  return out.sort();
}

/**
 * The big set: `count` files, the corpus's files in turn, each in its own numbered folder under its
 * own name. Built once per size and corpus (a marker file says which) and reused.
 */
function bigSet(files, count) {
  // Not under node_modules: the CLI (as ESLint) ignores paths there.
  const dir = path.join(os.tmpdir(), "docker-lint-bench", `${count}-files`);
  const marker = path.join(dir, "built.json");
  const wanted = JSON.stringify({ count, corpus: files });
  const names = Array.from({ length: count }, (_, i) => path.join(String(i).padStart(5, "0"), path.basename(files[i % files.length])));
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== wanted) {
    rmSync(dir, { recursive: true, force: true });
    const texts = files.map((f) => readFileSync(f));
    names.forEach((name, i) => {
      mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
      writeFileSync(path.join(dir, name), texts[i % texts.length]);
    });
    writeFileSync(marker, wanted);
  }
  return { dir, files: names };
}

/** Findings in docker-lint's JSON (one entry per file, each with its messages). */
const messageCount = (stdout) => JSON.parse(stdout).reduce((n, r) => n + r.messages.length, 0);

const jsonArrayLength = (stdout) => {
  const v = JSON.parse(stdout);
  return Array.isArray(v) ? v.length : null;
};

/** The rows every run has; `reference` is what ratios are computed against. */
function builtinRows(ctx) {
  const cli = path.join(repoRoot, "packages/core/bin/docker-lint.js");
  return [
    {
      name: "docker-lint CLI, file list",
      command: [node, cli, "--format", "json", ...ctx.files],
      files: ctx.files.length,
      count: jsonArrayLength,
      findings: messageCount,
      primary: true,
      requires: path.join(repoRoot, "packages/core/dist/cli/cli.js"),
    },
    {
      name: "docker-lint CLI, folder (discovery)",
      command: [node, cli, "--format", "json", ctx.corpus],
      count: jsonArrayLength,
      requires: path.join(repoRoot, "packages/core/dist/cli/cli.js"),
    },
    {
      name: "docker-lint API lintText loop",
      command: [node, path.join(repoRoot, "tools/bench/docker-lint-api.mjs"), `@${ctx.listFile}`],
      files: ctx.files.length,
      count: jsonArrayLength,
      requires: path.join(repoRoot, "packages/core/dist/index.js"),
    },
    {
      name: "docker-lint API lintFiles (+1 worker)",
      command: [node, path.join(repoRoot, "tools/bench/docker-lint-api.mjs"), "--mode", "files", `@${ctx.listFile}`],
      files: ctx.files.length,
      count: jsonArrayLength,
      requires: path.join(repoRoot, "packages/core/dist/runner/lint-files.js"),
    },
    {
      name: "dockerfile-utils validate(), one process",
      command: [node, path.join(repoRoot, "tools/bench/dockerfile-utils-all.mjs"), `@${ctx.listFile}`],
      files: ctx.files.length,
      count: jsonArrayLength,
      reference: true,
    },
    {
      name: "dockerfile-utils CLI, one process per file",
      perFile: ctx.files,
      command: (file) => [node, path.join(repoRoot, "node_modules/dockerfile-utils/bin/dockerfile-utils"), "lint", "--json", file],
      files: ctx.files.length,
      // 300+ processes per repetition: once is enough to see the cost.
      reps: 1,
    },
  ];
}

async function extraRows(ctx) {
  const dir = path.join(repoRoot, "tools/bench/rows");
  if (!existsSync(dir)) return [];
  const rows = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".mjs")).sort()) {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    const exported = mod.rows ?? mod.default;
    const list = typeof exported === "function" ? await exported(ctx) : exported;
    for (const r of list ?? []) rows.push({ ...r, source: `rows/${f}` });
  }
  return rows;
}

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/** Runs one command; wall time from spawn to exit, CPU and peak RSS from GNU time when present. */
function runOnce(command, cwd) {
  const timeFile = path.join(os.tmpdir(), `docker-lint-bench-time-${process.pid}.txt`);
  const argv = TIME ? [TIME, "-f", "%U %S %M", "-o", timeFile, ...command] : command;
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  let cpuMs = null;
  let maxRssKB = null;
  if (TIME && existsSync(timeFile)) {
    const last = readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
    const m = /^([\d.]+) ([\d.]+) (\d+)$/.exec(last);
    if (m) {
      cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
      maxRssKB = Number(m[3]);
    }
    rmSync(timeFile, { force: true });
  }
  return { wallMs, cpuMs, maxRssKB, exit: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
}

/** One repetition of a row: a single process, or (perFile) one process per file, summed. */
function measure(row) {
  const cwd = row.cwd ?? repoRoot;
  const ok = row.okExit ?? [0, 1];
  if (row.perFile) {
    let wallMs = 0, cpuMs = 0, maxRssKB = 0;
    for (const file of row.perFile) {
      const r = runOnce(row.command(file), cwd);
      if (r.error || !ok.includes(r.exit)) return { failed: `${file}: exit ${r.exit ?? r.signal} ${r.error?.message ?? r.stderr.slice(0, 300)}` };
      wallMs += r.wallMs;
      cpuMs += r.cpuMs ?? 0;
      maxRssKB = Math.max(maxRssKB, r.maxRssKB ?? 0);
    }
    return { wallMs, cpuMs: TIME ? cpuMs : null, maxRssKB: TIME ? maxRssKB : null, files: row.perFile.length };
  }
  const r = runOnce(row.command, cwd);
  if (r.error || !ok.includes(r.exit)) return { failed: `exit ${r.exit ?? r.signal} ${r.error?.message ?? r.stderr.slice(0, 500)}` };
  let files = null;
  let findings = null;
  try {
    if (row.count) files = row.count(r.stdout);
    if (row.findings) findings = row.findings(r.stdout);
  } catch (e) {
    return { failed: `unreadable output: ${e.message}` };
  }
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssKB: r.maxRssKB, files, findings };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function describeCommand(row) {
  if (row.perFile) return `${row.command("<file>").map((a) => path.relative(repoRoot, a) || a).join(" ")}  (×${row.perFile.length})`;
  const shown = row.command.slice(0, 6).map((a) => (path.isAbsolute(a) && a !== node ? path.relative(repoRoot, a) : a === node ? "node" : a));
  return shown.join(" ") + (row.command.length > 6 ? ` … (${row.command.length - 6} more args)` : "");
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(opts.corpus)) {
    process.stderr.write(`bench: corpus not found at ${opts.corpus} (use --corpus DIR or DOCKER_LINT_CORPUS); nothing to measure\n`);
    return 0;
  }
  // A bundle older than dist/ is not used (the CLI, ESLint's plugin and the API fall back to
  // dist/index.js), which would quietly measure the slower path: say so and stop.
  const coreDist = path.join(repoRoot, "packages/core/dist");
  const bundle = path.join(coreDist, "docker-lint.bundle.cjs");
  if (existsSync(path.join(coreDist, "runtime/load-bundle.cjs"))) {
    const { bundleIsCurrent } = await import(pathToFileURL(path.join(coreDist, "runtime/load-bundle.cjs")).href);
    if (!existsSync(bundle) || !bundleIsCurrent(readFileSync(bundle, "utf8"), coreDist)) {
      process.stderr.write("bench: packages/core/dist/docker-lint.bundle.cjs is missing or older than dist/ (tsc ran after it); run `npm run build` first\n");
      return 2;
    }
  }
  const files = corpusFiles(opts.corpus);
  const listFile = path.join(os.tmpdir(), `docker-lint-bench-files-${process.pid}.txt`);
  writeFileSync(listFile, files.join("\n") + "\n");
  const big = opts.big > 0 ? bigSet(files, opts.big) : null;
  const ctx = { repoRoot, corpus: opts.corpus, files, listFile, node, big, opts };

  let rows = [...builtinRows(ctx), ...(await extraRows(ctx))];
  if (!opts.perFile) rows = rows.filter((r) => !r.perFile);
  if (opts.only) rows = rows.filter((r) => r.reference || opts.only.some((o) => r.name.toLowerCase().includes(o)));
  for (const r of rows) {
    if (r.requires && !existsSync(r.requires)) {
      r.skipped = `${path.relative(repoRoot, r.requires)} missing (run npm run build)`;
    }
  }
  const active = rows.filter((r) => !r.skipped);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  process.stderr.write(`bench: ${files.length} files (${(bytes / 1024).toFixed(0)} KiB) from ${opts.corpus}, ${opts.reps} repetitions, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);

  // Warm the file-system cache once per row, then interleave rows so machine noise hits all alike.
  const runs = new Map(active.map((r) => [r, []]));
  for (const r of active) {
    if (r.perFile || r.warm === false) continue;
    const w = measure(r);
    if (w.failed) r.failed = w.failed;
  }
  for (let rep = 0; rep < opts.reps; rep++) {
    for (const r of active) {
      if (r.failed || rep >= (r.reps ?? opts.reps)) continue;
      const m = measure(r);
      if (m.failed) r.failed = m.failed;
      else runs.get(r).push(m);
      process.stderr.write(".");
    }
  }
  process.stderr.write("\n");

  const reference = active.find((r) => r.reference && !r.failed && runs.get(r).length > 0);
  const refMedian = reference ? median(runs.get(reference).map((m) => m.wallMs)) : null;
  const summary = rows.map((r) => {
    const rs = runs.get(r) ?? [];
    const base = { name: r.name, command: describeCommand(r), cwd: path.relative(repoRoot, r.cwd ?? repoRoot) || ".", source: r.source ?? "run.mjs" };
    if (r.skipped || r.failed || rs.length === 0) return { ...base, skipped: r.skipped, failed: r.failed ?? (r.skipped ? undefined : "no runs") };
    const wall = rs.map((m) => m.wallMs);
    const cpu = rs.map((m) => m.cpuMs).filter((x) => x !== null);
    const rss = rs.map((m) => m.maxRssKB).filter((x) => x !== null);
    const filesSeen = rs.map((m) => m.files).find((x) => x !== null && x !== undefined) ?? null;
    const findings = rs.map((m) => m.findings).find((x) => x !== null && x !== undefined) ?? null;
    return {
      ...base,
      runs: rs.length,
      files: filesSeen,
      expectedFiles: r.files ?? null,
      findings,
      medianMs: +median(wall).toFixed(1),
      minMs: +Math.min(...wall).toFixed(1),
      medianCpuMs: cpu.length ? +median(cpu).toFixed(0) : null,
      peakRssMB: rss.length ? +(Math.max(...rss) / 1024).toFixed(1) : null,
      ratioToReference: refMedian ? +(median(wall) / refMedian).toFixed(2) : null,
      wallMs: wall.map((x) => +x.toFixed(1)),
    };
  });

  const head = ["row", "runs", "files", "findings", "median ms", "min ms", "cpu ms", "peak RSS MB", "× ref"];
  const table = summary.map((s) =>
    s.runs
      ? [s.name, String(s.runs), String(s.files ?? s.expectedFiles ?? "?"), String(s.findings ?? "-"), s.medianMs.toFixed(0), s.minMs.toFixed(0), String(s.medianCpuMs ?? "-"), String(s.peakRssMB ?? "-"), s.ratioToReference?.toFixed(2) ?? "-"]
      : [s.name, "-", "-", "-", s.skipped ? `skipped: ${s.skipped}` : `FAILED: ${s.failed}`, "", "", "", ""],
  );
  const note = (row) => row[4]?.startsWith("skipped") || row[4]?.startsWith("FAILED");
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => (note(row) ? (i < 4 ? row[i].length : 0) : row[i].length))));
  const fmt = (row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(fmt(head));
  for (const row of table) console.log(note(row) ? `${row[0].padEnd(widths[0])}  ${row[4]}` : fmt(row));

  console.log(`wall time from process start to exit; cpu = user+sys of the process; × ref = median / median of "${reference?.name ?? "none"}"`);
  for (const s of summary) {
    if (s.runs && s.expectedFiles !== null && s.files !== null && s.files !== s.expectedFiles) console.log(`note: ${s.name} reported ${s.files} results for ${s.expectedFiles} files`);
  }
  const primary = summary.find((s, i) => rows[i].primary && s.runs);
  const ref = summary.find((s) => s.name === reference?.name && s.runs);
  // Median and minimum both: on a shared machine the minimum is the run least disturbed by others.
  const goal =
    primary && ref
      ? {
          cliMedianMs: primary.medianMs,
          cliMinMs: primary.minMs,
          referenceMedianMs: ref.medianMs,
          referenceMinMs: ref.minMs,
          under400ms: { median: primary.medianMs < 400, min: primary.minMs < 400 },
          fasterThanDockerfileUtils: { median: primary.medianMs < ref.medianMs, min: primary.minMs < ref.minMs },
        }
      : null;
  if (goal) {
    const verdict = (ok) => (ok ? "yes" : "NO");
    console.log(
      `goal: CLI under 400 ms? median ${goal.cliMedianMs.toFixed(0)} ms ${verdict(goal.under400ms.median)}, min ${goal.cliMinMs.toFixed(0)} ms ${verdict(goal.under400ms.min)}; ` +
        `faster than dockerfile-utils (${goal.referenceMedianMs.toFixed(0)}/${goal.referenceMinMs.toFixed(0)} ms)? median ${verdict(goal.fasterThanDockerfileUtils.median)}, min ${verdict(goal.fasterThanDockerfileUtils.min)}`,
    );
  }

  // ESLint's goal (the ESLint plugin issue): within 1.5× of the CLI, mode for mode.
  const eslintGoal = [];
  for (const [mode, cliName] of [["file list", "docker-lint CLI, file list"], ["folder", "docker-lint CLI, folder (discovery)"]]) {
    const cli = summary.find((s) => s.name === cliName && s.runs);
    const eslint = summary.find((s) => s.name === `eslint + plugin, ${mode}` && s.runs);
    if (cli && eslint) eslintGoal.push({ mode, medianRatio: eslint.medianMs / cli.medianMs, minRatio: eslint.minMs / cli.minMs });
  }
  if (eslintGoal.length > 0) {
    console.log(
      `goal: ESLint within 1.5× of the CLI? ${eslintGoal
        .map((g) => `${g.mode}: median ${g.medianRatio.toFixed(2)}× ${g.medianRatio <= 1.5 ? "yes" : "NO"}, min ${g.minRatio.toFixed(2)}× ${g.minRatio <= 1.5 ? "yes" : "NO"}`)
        .join("; ")}`,
    );
  }

  // hadolint's goals (the rule catalog issue), per file set: how many times faster docker-lint is.
  const hadolintGoal = [];
  for (const prefix of ["", ...(big ? [`${big.files.length} files: `] : [])]) {
    const row = (name) => summary.find((s) => s.name === `${prefix}${name}` && s.runs);
    const hadolint = row("hadolint, file list");
    const all = row("docker-lint CLI, all rules");
    const noShellcheck = row("docker-lint CLI, all rules without shellcheck");
    const recommended = row(prefix ? "docker-lint CLI, recommended" : "docker-lint CLI, file list");
    const set = prefix ? prefix.slice(0, -2) : "corpus";
    const times = (slow, fast) => ({ median: slow.medianMs / fast.medianMs, min: slow.minMs / fast.minMs, cpu: slow.medianCpuMs && fast.medianCpuMs ? slow.medianCpuMs / fast.medianCpuMs : null });
    const g = { set };
    if (hadolint && all) g.allVsHadolint = times(hadolint, all);
    if (hadolint && noShellcheck) g.noShellcheckVsHadolint = times(hadolint, noShellcheck);
    if (noShellcheck && recommended) g.noShellcheckVsRecommended = times(noShellcheck, recommended);
    if (Object.keys(g).length === 1) continue;
    hadolintGoal.push(g);
    const x = (t) => `median ${t.median.toFixed(1)}×, min ${t.min.toFixed(1)}×${t.cpu ? `, cpu ${t.cpu.toFixed(1)}×` : ""}`;
    const parts = [];
    if (g.allVsHadolint) parts.push(`all rules ≥ 5× faster than hadolint? ${x(g.allVsHadolint)} ${g.allVsHadolint.median >= 5 ? "yes" : "NO"}`);
    if (g.noShellcheckVsHadolint) parts.push(`without shellcheck ≥ 15×? ${x(g.noShellcheckVsHadolint)} ${g.noShellcheckVsHadolint.median >= 15 ? "yes" : "NO"}`);
    if (g.noShellcheckVsRecommended) parts.push(`without shellcheck within 1.5× of recommended? ${x(g.noShellcheckVsRecommended)} ${g.noShellcheckVsRecommended.median <= 1.5 ? "yes" : "NO"}`);
    console.log(`goal (${set}): ${parts.join("; ")}`);
  }

  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  const report = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${process.platform} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavgAtEnd: os.loadavg() },
    corpus: { path: opts.corpus, files: files.length, bytes },
    repetitions: opts.reps,
    reference: reference?.name ?? null,
    goal,
    eslintGoal,
    hadolintGoal,
    rows: summary,
  };
  mkdirSync(opts.out, { recursive: true });
  const out = path.join(opts.out, `bench-${stamp}.json`);
  writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  writeFileSync(path.join(opts.out, "latest.json"), JSON.stringify(report, null, 2) + "\n");
  rmSync(listFile, { force: true });
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), out)}\n`);
  return summary.some((s) => s.failed) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exitCode = 2;
  },
);

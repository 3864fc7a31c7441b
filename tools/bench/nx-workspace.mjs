#!/usr/bin/env node
/**
 * Nx benchmark: `nx run-many -t docker-lint` (lint only) over a generated workspace of Go
 * services, cold (no Nx cache) and fully cached. The executor prefers batch mode, so a plain
 * run-many lints in one process; `--batch=false` (one process per task) is timed once beside it.
 *
 *   node tools/bench/nx-workspace.mjs [--services 200] [--reps 3] [--keep] [--daemon]
 *
 * Needs the built packages (`npm run build`). The workspace is generated in a temp folder; its
 * node_modules links this repository's, with docker-lint's own packages copied in (a snapshot,
 * so a rebuild during the run cannot change what is measured). Each command is timed from
 * process start to exit: project graph, hashing, task runs and Nx's own startup included.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function parseArgs(argv) {
  const opts = { services: 200, reps: 3, keep: false, daemon: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--services") opts.services = Number.parseInt(argv[++i], 10);
    else if (a === "--reps") opts.reps = Math.max(1, Number.parseInt(argv[++i], 10));
    else if (a === "--keep") opts.keep = true;
    else if (a === "--daemon") opts.daemon = true;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

/** A service of the kind the linter is for, with a little variety between services. */
function service(i) {
  const name = `svc-${String(i).padStart(3, "0")}`;
  const pkg = i % 3 === 0 ? "./cmd/server" : ".";
  const mainPath = i % 3 === 0 ? `cmd/server/main.go` : "main.go";
  const final = i % 4 === 0 ? "scratch" : "gcr.io/distroless/static-debian12:nonroot";
  const user = final === "scratch" ? "65532:65532" : "nonroot:nonroot";
  return {
    [`services/${name}/go.mod`]: `module example.com/bench/${name}\n\ngo 1.26.8\n`,
    [`services/${name}/${mainPath}`]: `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("${name}") }\n`,
    [`services/${name}/.dockerignore`]: "*\n!go.mod\n!go.sum\n!**/*.go\n",
    [`services/${name}/Dockerfile`]: `FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum* ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod \\
    --mount=type=cache,target=/root/.cache/go-build \\
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=\${VERSION}" -o /out/${name} ${pkg}

FROM ${final}
${final === "scratch" ? "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n" : ""}COPY --from=build /out/${name} /${name}
USER ${user}
EXPOSE 8080
ENTRYPOINT ["/${name}"]
`,
  };
}

function write(dir, files) {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

function linkNodeModules(dir) {
  const from = path.join(repoRoot, "node_modules");
  const to = path.join(dir, "node_modules");
  mkdirSync(to);
  for (const name of readdirSync(from)) if (name !== "@docker-lint") symlinkSync(path.join(from, name), path.join(to, name));
  for (const pkg of ["core", "nx-plugin"]) {
    const src = path.join(repoRoot, "packages", pkg);
    for (const entry of ["package.json", "dist", "bin", "executors.json", "generators.json"]) {
      if (existsSync(path.join(src, entry))) cpSync(path.join(src, entry), path.join(to, "@docker-lint", pkg, entry), { recursive: true });
    }
  }
}

function generate(n) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "docker-lint-nx-bench-"));
  linkNodeModules(dir);
  const files = {
    "package.json": JSON.stringify({ name: "nx-bench", private: true }),
    ".gitignore": "node_modules\n.nx\n",
    "nx.json": JSON.stringify(
      {
        plugins: [{ plugin: "@docker-lint/nx-plugin" }],
        // Lint only: the Go build and image steps are not what this measures.
        targetDefaults: { "docker-lint": { options: { goBuild: false, image: false } } },
      },
      null,
      2,
    ),
  };
  for (let i = 1; i <= n; i++) Object.assign(files, service(i));
  write(dir, files);
  return dir;
}

function nx(dir, args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(dir, "node_modules/nx/dist/bin/nx.js"), ...args], {
    cwd: dir,
    env: { ...process.env, ...env, NX_NO_CLOUD: "true", NX_TUI: "false", CI: "true", FORCE_COLOR: "0" },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const out = `${r.stdout}${r.stderr}`;
  const cache = /Cache:\s+(\d+)\/(\d+) hit/.exec(out);
  return { seconds, code: r.status, hits: cache ? `${cache[1]}/${cache[2]}` : "?", out };
}

const opts = parseArgs(process.argv.slice(2));
for (const p of ["packages/core/dist/index.js", "packages/nx-plugin/dist/index.js"]) {
  if (!existsSync(path.join(repoRoot, p))) {
    console.error(`${p} is missing: run \`npm run build\` first`);
    process.exit(2);
  }
}
const dir = generate(opts.services);
const env = { NX_DAEMON: opts.daemon ? "true" : "false" };
console.log(`workspace: ${opts.services} services in ${dir} (NX_DAEMON=${env.NX_DAEMON}), ${os.availableParallelism()} CPUs, node ${process.version}`);

const rows = [];
const run = (label, args, expectHits) => {
  const r = nx(dir, ["run-many", "-t", "docker-lint", "--output-style=static", ...args], env);
  if (r.code !== 0) {
    console.error(r.out.slice(-4000));
    throw new Error(`${label}: nx exited ${r.code}`);
  }
  if (expectHits && r.hits !== expectHits) {
    console.error(r.out.slice(-3000));
    throw new Error(`${label}: expected cache ${expectHits}, got ${r.hits}`);
  }
  rows.push({ label, seconds: r.seconds, hits: r.hits });
  console.log(`  ${label.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s   cache ${r.hits}`);
  return r;
};

try {
  // The first Nx command in a new workspace also builds its project graph; time it apart.
  const graph = nx(dir, ["show", "projects", "--json"], env);
  const projects = JSON.parse(graph.out.slice(graph.out.indexOf("["))).length;
  console.log(`  ${"project graph (first nx command)".padEnd(34)} ${graph.seconds.toFixed(2).padStart(7)} s   ${projects} projects`);
  const all = `0/${opts.services}`;
  const hit = `${opts.services}/${opts.services}`;
  for (let rep = 1; rep <= opts.reps; rep++) {
    rmSync(path.join(dir, ".nx", "cache"), { recursive: true, force: true });
    run(`cold (rep ${rep})`, [], all);
    run(`cached (rep ${rep})`, [], hit);
  }
  rmSync(path.join(dir, ".nx", "cache"), { recursive: true, force: true });
  run("cold, --batch=false (per task)", ["--batch=false"], all);

  const median = (label) => {
    const xs = rows.filter((r) => r.label.startsWith(label)).map((r) => r.seconds).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)];
  };
  const cold = median("cold (rep");
  const cached = median("cached (rep");
  console.log(`\nmedian of ${opts.reps}: cold ${cold.toFixed(2)} s (goal < 30 s), cached ${cached.toFixed(2)} s (goal < 3 s)`);
  mkdirSync(path.join(repoRoot, "bench-results"), { recursive: true });
  const out = path.join(repoRoot, "bench-results", "nx-workspace.json");
  writeFileSync(out, JSON.stringify({ services: opts.services, cpus: os.availableParallelism(), daemon: opts.daemon, rows, median: { cold, cached } }, null, 2));
  console.log(`results: ${path.relative(repoRoot, out)}`);
} finally {
  if (opts.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

/**
 * `nx g @docker-lint/nx-plugin:go-service <name>`: a Go service whose Dockerfile is the one the
 * rules describe: pinned golang builder, module download before sources, cache mounts, a
 * static -trimpath build, distroless/static, non-root, exec-form entry point.
 */
import { execFileSync } from "node:child_process";
import { formatFiles, joinPathFragments, type Tree } from "@nx/devkit";
import initGenerator, { isRegistered } from "../init/generator";

export interface GoServiceSchema {
  name: string;
  directory?: string;
  module?: string;
  goVersion?: string;
  port?: number;
  tags?: string;
  skipFormat?: boolean;
}

/** Used when no `go` is installed to ask; keep it a released version with a golang image. */
export const FALLBACK_GO_VERSION = "1.26.8";

/** The installed Go's version as X.Y.Z (`go1.26.8 X:…` → `1.26.8`), or the fallback. */
export function installedGoVersion(): string {
  try {
    const v = execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8", timeout: 10_000 }).trim();
    const m = /^go(\d+\.\d+(?:\.\d+)?)/.exec(v);
    if (m) return m[1]!.split(".").length === 2 ? `${m[1]}.0` : m[1]!;
  } catch {
    /* no go on PATH */
  }
  return FALLBACK_GO_VERSION;
}

export function dockerfile(name: string, goVersion: string, port: number): string {
  return `# ${name}: a static Go binary on distroless/static, running as nonroot.
FROM golang:${goVersion} AS build
WORKDIR /src
# Module files first: editing sources keeps the dependency layer cached. go.sum* because a
# module without dependencies has none.
COPY go.mod go.sum* ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY *.go ./
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod \\
    --mount=type=cache,target=/root/.cache/go-build \\
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=\${VERSION}" -o /out/${name} .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/${name} /${name}
USER 65532:65532
EXPOSE ${port}
ENTRYPOINT ["/${name}"]
`;
}

export function mainGo(name: string, port: number): string {
  return `// Command ${name} is an HTTP service.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"runtime"
	"time"
)

// version is stamped at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit (the container smoke test)")
	addr := flag.String("addr", envOr("ADDR", ":${port}"), "listen address")
	flag.Parse()

	if *showVersion {
		fmt.Printf("${name} %s (%s, %s/%s)\\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})

	server := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("${name} %s listening on %s", version, *addr)
	log.Fatal(server.ListenAndServe())
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
`;
}

const DOCKERIGNORE = `# The image needs only the module files and Go sources; everything else stays out of the context.
*
!go.mod
!go.sum
!**/*.go
`;

export default async function goServiceGenerator(tree: Tree, schema: GoServiceSchema): Promise<void> {
  const name = schema.name;
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`go-service: name "${name}" must be lower-case letters, digits and dashes, starting with a letter`);
  const dir = schema.directory ?? joinPathFragments("services", name);
  if (tree.exists(joinPathFragments(dir, "go.mod")) || tree.exists(joinPathFragments(dir, "Dockerfile"))) {
    throw new Error(`go-service: ${dir} already holds a go.mod or Dockerfile`);
  }
  const goVersion = schema.goVersion ?? installedGoVersion();
  if (!/^\d+\.\d+\.\d+$/.test(goVersion)) throw new Error(`go-service: goVersion must be X.Y.Z (a golang image tag), got "${goVersion}"`);
  const port = schema.port ?? 8080;
  const module = schema.module ?? `example.com/${name}`;
  const tags = (schema.tags ?? "lang:go,type:service").split(",").map((t) => t.trim()).filter(Boolean);

  tree.write(joinPathFragments(dir, "go.mod"), `module ${module}\n\ngo ${goVersion}\n`);
  tree.write(joinPathFragments(dir, "main.go"), mainGo(name, port));
  tree.write(joinPathFragments(dir, ".dockerignore"), DOCKERIGNORE);
  tree.write(joinPathFragments(dir, "Dockerfile"), dockerfile(name, goVersion, port));
  // The inferred docker-lint target finds the Dockerfile; project.json only adds what the
  // executor cannot guess: how to make the server exit for the smoke run, and a size budget.
  const depth = dir.split("/").filter(Boolean).length;
  tree.write(
    joinPathFragments(dir, "project.json"),
    `${JSON.stringify(
      {
        $schema: `${"../".repeat(depth)}node_modules/nx/schemas/project-schema.json`,
        name,
        projectType: "application",
        tags,
        targets: { "docker-lint": { options: { smokeArgs: ["-version"], maxImageSize: "20MB" } } },
      },
      null,
      2,
    )}\n`,
  );

  // Running this generator means the plugin is installed already: register it, install nothing.
  if (!isRegistered(tree)) await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
  if (!schema.skipFormat) await formatFiles(tree);
}

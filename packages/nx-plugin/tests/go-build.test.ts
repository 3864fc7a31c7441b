import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildModel, expand, parse } from "@docker-lint/core";
import { goCommandLine, goEnvironment, OUTPUT_PLACEHOLDER, planGoBuild, runGoBuild, type GoBuildPlan, type PlanResult } from "../src/lib/go-build";
import { hostGcc, hostGo, tempTree } from "./helpers";

const CONTEXT = "/ws/services/api";
/** Folders that exist in the fake build context. */
const DIRS = new Set([CONTEXT, `${CONTEXT}/cmd`, `${CONTEXT}/cmd/api`, `${CONTEXT}/services`, `${CONTEXT}/services/api`, `${CONTEXT}/internal`]);
const isDir = (p: string) => DIRS.has(p);

function plan(dockerfile: string, contextDir = CONTEXT): PlanResult {
  const r = parse(dockerfile);
  if (!r.ok) throw new Error("parse failed");
  return planGoBuild({ model: buildModel(r.ast, null), contextDir, isDir, defaultGoArch: "amd64", expand });
}

function ok(dockerfile: string): GoBuildPlan {
  const r = plan(dockerfile);
  if (r.kind !== "plan") throw new Error(`expected a plan, got ${JSON.stringify(r)}`);
  return r.plan;
}

const IDEAL = `FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum* ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=\${VERSION}" -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /api
USER nonroot:nonroot
ENTRYPOINT ["/api"]
`;

describe("deriving the go build from the Dockerfile", () => {
  it("takes package, -o name, CGO_ENABLED, -trimpath and -ldflags (ARG expanded) from the builder stage", () => {
    const p = ok(IDEAL);
    expect(p.hostDir).toBe(CONTEXT);
    expect(p.args).toEqual(["build", "-trimpath", "-ldflags=-s -w -X main.version=dev", "-buildvcs=false", "-o", OUTPUT_PLACEHOLDER, "./cmd/api"]);
    expect(p.env).toMatchObject({ CGO_ENABLED: "0", GOOS: "linux", GOARCH: "amd64", GOFLAGS: null });
    expect(p).toMatchObject({ outputName: "api", finalPath: "/api", builderTarget: "build", finalImage: "gcr.io/distroless/static-debian12:nonroot", finalLibc: "none" });
    expect(goCommandLine(p)).toBe('CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -trimpath "-ldflags=-s -w -X main.version=dev" -buildvcs=false -o <tmp>/api ./cmd/api');
  });

  it("maps WORKDIR below the copied context back to the sub-folder", () => {
    const p = ok(`FROM golang:1.26 AS b
WORKDIR /app
COPY . .
WORKDIR /app/services/api
RUN go build -o /bin/svc .
FROM scratch
COPY --from=b /bin/svc /svc
ENTRYPOINT ["/svc"]
`);
    expect(p.hostDir).toBe(`${CONTEXT}/services/api`);
    expect(p.args.at(-1)).toBe(".");
  });

  it("maps `COPY go.mod go.sum* ./` + `COPY *.go ./` (destination with a trailing slash) to the context", () => {
    const p = ok(`FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum* ./
RUN go mod download
COPY *.go ./
RUN CGO_ENABLED=0 go build -o /out/api .
FROM scratch
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
`);
    expect(p.hostDir).toBe(CONTEXT);
  });

  it("follows `cd` inside the RUN and `COPY *.go ./`", () => {
    const p = ok(`FROM golang:1.26 AS b
WORKDIR /src
COPY go.mod ./
COPY *.go ./
COPY cmd ./cmd
RUN cd cmd/api && CGO_ENABLED=0 go build -o /out/x
FROM scratch
COPY --from=b /out/x /x
ENTRYPOINT ["/x"]
`);
    expect(p.hostDir).toBe(`${CONTEXT}/cmd/api`);
  });

  it("builds for linux and the engine's arch when GOOS/GOARCH come from $TARGETOS/$TARGETARCH", () => {
    const p = ok(`FROM --platform=$BUILDPLATFORM golang:1.26 AS b
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/api ./cmd/api
FROM scratch
COPY --from=b /out/api /api
ENTRYPOINT ["/api"]
`);
    expect(p.env).toMatchObject({ GOOS: "linux", GOARCH: "amd64", CGO_ENABLED: "0" });
  });

  it("takes CGO_ENABLED from a stage ENV, and leaves it unset (Go's default) when nothing sets it", () => {
    expect(ok(IDEAL.replace("RUN CGO_ENABLED=0 go build", "ENV CGO_ENABLED=0\nRUN go build")).env.CGO_ENABLED).toBe("0");
    expect(ok(IDEAL.replace("RUN CGO_ENABLED=0 go build", "RUN go build")).env.CGO_ENABLED).toBeNull();
  });

  it("turns cgo off for a builder without a C compiler, as Go would there", () => {
    const p = ok(IDEAL.replace("golang:1.26.8", "golang:1.26.8-alpine").replace("RUN CGO_ENABLED=0 go build", "RUN go build"));
    expect(p.env.CGO_ENABLED).toBe("0");
    expect(p.notes.join()).toMatch(/no C compiler/);
  });

  it("picks the build whose output the final stage's entry point runs", () => {
    const p = ok(`FROM golang:1.26 AS b
WORKDIR /src
COPY . .
RUN go build -o /out/migrate ./cmd/migrate && go build -o /out/api ./cmd/api
FROM gcr.io/distroless/base-debian12
COPY --from=b /out/ /bin/
ENTRYPOINT ["/bin/api"]
`);
    expect(p.args.at(-1)).toBe("./cmd/api");
    expect(p).toMatchObject({ outputName: "api", finalPath: "/bin/api", finalLibc: "glibc" });
  });

  it("builds `go install ./cmd/x` as a go build, and handles a single-stage Dockerfile", () => {
    const p = ok(`FROM golang:1.26
WORKDIR /go/src/app
COPY . .
RUN go install ./cmd/api
CMD ["api"]
`);
    expect(p.args[0]).toBe("build");
    expect(p.args.at(-1)).toBe("./cmd/api");
    expect(p.builderTarget).toBeNull();
  });

  it("maps absolute package paths back to the context", () => {
    const p = ok(IDEAL.replace("./cmd/api", "/src/cmd/api"));
    expect(p.args.at(-1)).toBe("./cmd/api");
  });

  it("says why when there is nothing to build", () => {
    expect(plan(`FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n`)).toEqual({ kind: "none", reason: "the Dockerfile runs no go build" });
    expect(plan(`FROM golang:1.26 AS b\nRUN go build -o /out/a .\nFROM scratch\nCOPY --from=b /etc/passwd /etc/passwd\n`)).toMatchObject({
      kind: "none",
      reason: "no go build output is copied into the final stage",
    });
    // A remote tool is not the service.
    expect(plan(`FROM golang:1.26 AS b\nRUN go install example.com/tool@v1.2.3\nFROM scratch\nCOPY --from=b /go/bin/tool /tool\n`)).toMatchObject({ kind: "none" });
  });

  it("reports a WORKDIR it cannot map to the build context", () => {
    const r = plan(`FROM golang:1.26 AS b
WORKDIR /src
COPY internal /src/internal
WORKDIR /elsewhere
RUN go build -o /out/a .
FROM scratch
COPY --from=b /out/a /a
`);
    expect(r).toMatchObject({ kind: "error" });
    expect((r as { message: string }).message).toBe("cannot map the build's working directory /elsewhere back to a folder of the build context (COPY mappings: /src/internal ← internal)");
  });
});

describe("the go environment", () => {
  let cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups) c();
    cleanups = [];
  });

  it("is offline and ignores go.work; vendor/ switches to -mod=vendor", () => {
    const t = tempTree({ "go.mod": "module x\n", "main.go": "package main\n" });
    cleanups.push(t.cleanup);
    const p = { ...ok(IDEAL), hostDir: t.dir };
    const env = goEnvironment(p, { PATH: "/bin", CGO_ENABLED: "1", GOFLAGS: "-v" });
    expect(env).toMatchObject({ GOPROXY: "off", GOTOOLCHAIN: "local", GOWORK: "off", CGO_ENABLED: "0", GOOS: "linux" });
    // The host's GOFLAGS never leak in: the Dockerfile's (none here) apply.
    expect(env.GOFLAGS).toBeUndefined();
    mkdirSync(path.join(t.dir, "vendor"));
    expect(goEnvironment(p, {}).GOFLAGS).toBe("-mod=vendor");
  });
});

const SERVICE = {
  "go.mod": "module example.com/svc\n\ngo 1.21\n",
  "main.go": `package main

import (
	"fmt"
	"net"
)

func main() {
	_, err := net.LookupHost("localhost")
	fmt.Println(err == nil)
}
`,
};

describe.skipIf(!hostGo)("running the derived build", () => {
  let cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups) c();
    cleanups = [];
  });

  function runPlan(dockerfile: string) {
    const t = tempTree(SERVICE);
    cleanups.push(t.cleanup);
    const r = parse(dockerfile);
    if (!r.ok) throw new Error("parse failed");
    const planned = planGoBuild({ model: buildModel(r.ast, null), contextDir: t.dir, isDir: (p) => p === t.dir, expand });
    if (planned.kind !== "plan") throw new Error(JSON.stringify(planned));
    return runGoBuild(planned.plan, { displayRoot: path.dirname(t.dir), timeoutMs: 300_000 });
  }

  it("builds a static binary for a static final base and reports its size", async () => {
    const r = await runPlan(`FROM golang:1.26 AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -o /out/svc .\nFROM scratch\nCOPY --from=b /out/svc /svc\nENTRYPOINT ["/svc"]\n`);
    expect(r.ok).toBe(true);
    expect(r.elf?.static).toBe(true);
    expect(r.sizeBytes).toBeGreaterThan(500_000);
    expect(r.lines[0]).toMatch(/^go build ok: svc \d+\.\d MB, (x86-64|aarch64), statically linked, go[\d.]+$/);
    expect(r.lines.join("\n")).not.toContain("/tmp/");
  }, 300_000);

  it.skipIf(!hostGcc)("fails when cgo is left on and the final base has no libc", async () => {
    const r = await runPlan(`FROM golang:1.26 AS b\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/svc .\nFROM scratch\nCOPY --from=b /out/svc /svc\nENTRYPOINT ["/svc"]\n`);
    expect(r.ok).toBe(false);
    expect(r.elf?.static).toBe(false);
    expect(r.lines[0]).toMatch(/svc is dynamically linked \(interpreter .*\), but the final base scratch has no libc or dynamic loader/);
    expect(r.lines[1]).toMatch(/Set CGO_ENABLED=0/);
  }, 300_000);

  it("uses go.work when the Dockerfile copies it, and only then (GOWORK=off otherwise)", async () => {
    const t = tempTree({
      "go.work": "go 1.21\n\nuse (\n\t./svc\n\t./lib\n)\n",
      "lib/go.mod": "module example.com/lib\n\ngo 1.21\n",
      "lib/lib.go": "package lib\n\nconst Name = \"lib\"\n",
      "svc/go.mod": "module example.com/svc\n\ngo 1.21\n",
      "svc/main.go": 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Name) }\n',
    });
    cleanups.push(t.cleanup);
    const dockerfile = (copyWork: boolean) =>
      `FROM golang:1.26 AS b\nWORKDIR /src\n${copyWork ? "COPY go.work ./\n" : ""}COPY lib ./lib\nCOPY svc ./svc\nWORKDIR /src/svc\nRUN CGO_ENABLED=0 go build -o /out/svc .\nFROM scratch\nCOPY --from=b /out/svc /svc\nENTRYPOINT ["/svc"]\n`;
    const dirs = new Set([t.dir, path.join(t.dir, "lib"), path.join(t.dir, "svc")]);
    const build = (copyWork: boolean) => {
      const r0 = parse(dockerfile(copyWork));
      if (!r0.ok) throw new Error();
      const planned = planGoBuild({ model: buildModel(r0.ast, null), contextDir: t.dir, isDir: (p) => dirs.has(p) });
      if (planned.kind !== "plan") throw new Error(JSON.stringify(planned));
      return runGoBuild(planned.plan, { displayRoot: path.dirname(t.dir), timeoutMs: 300_000 });
    };
    const withWork = await build(true);
    expect(withWork.ok).toBe(true);
    expect(withWork.lines).toContain("  note: the Dockerfile copies go.work, so the build uses it (GOWORK)");
    expect(withWork.lines.join("\n")).not.toContain(t.dir);
    // Without go.work in the image, example.com/lib is required by nothing there, nor here.
    const withoutWork = await build(false);
    expect(withoutWork.ok).toBe(false);
    expect(withoutWork.lines.join("\n")).toMatch(/example\.com\/lib/);
  }, 300_000);

  it("reports compiler errors with the command that ran", async () => {
    const t = tempTree({ "go.mod": "module x\n\ngo 1.21\n", "main.go": "package main\n\nfunc main() { undefined() }\n" });
    cleanups.push(t.cleanup);
    const r0 = parse(`FROM golang:1.26 AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/svc .\nFROM scratch\nCOPY --from=b /out/svc /svc\n`);
    if (!r0.ok) throw new Error();
    const planned = planGoBuild({ model: buildModel(r0.ast, null), contextDir: t.dir, isDir: (p) => p === t.dir });
    if (planned.kind !== "plan") throw new Error();
    const r = await runGoBuild(planned.plan, { displayRoot: path.dirname(t.dir) });
    expect(r.ok).toBe(false);
    expect(r.lines[0]).toMatch(/^go build failed: CGO_ENABLED=0 GOOS=linux GOARCH=\w+ go build -buildvcs=false -o <tmp>\/svc \. \(in nx-plugin-test-\w+\)$/);
    expect(r.lines.join("\n")).toMatch(/undefined: undefined/);
  }, 300_000);
});

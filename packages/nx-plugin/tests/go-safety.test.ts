/**
 * A Dockerfile is untrusted: step 2 must never run a program it names on the host. Each attack
 * below points at a script that writes a marker file; the marker must never appear, and the
 * report must say the host build was skipped and why.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runTasks, type ProjectTask } from "../src/executors/lint/run";
import { splitQuoted, vetBuildEnv, vetBuildFlags, vetPackages } from "../src/lib/go-flags";
import { hostGo, tempTree } from "./helpers";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

const SCOPE = { hostDir: "/ws/svc", contextDir: "/ws/svc" };

describe("vetting go build flags", () => {
  it("keeps the flags that shape the binary", () => {
    const r = vetBuildFlags(["-trimpath", "-a", "-race", "-tags=netgo,osusergo", "-ldflags=-s -w -X 'main.version=1 2' -X example.com/x.v=3", "-buildmode=pie", "-mod=vendor", "-buildvcs=false", "-gcflags=all=-N -l", "-cover"], SCOPE);
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.value).toHaveLength(10);
  });

  it("drops verbosity flags with a note", () => {
    const r = vetBuildFlags(["-v", "-x", "-trimpath"], SCOPE);
    expect(r).toEqual({ ok: true, value: ["-trimpath"], notes: ["-v is left out (it does not change the binary)", "-x is left out (it does not change the binary)"] });
  });

  it.each([
    ["-toolexec=/x/evil", "-toolexec=/x/evil would run a program the Dockerfile names on this machine"],
    ["-exec", "-exec would run a program the Dockerfile names on this machine"],
    ["-overlay=/x/o.json", "-overlay=/x/o.json replaces source files with files the Dockerfile names"],
    ["-ldflags=-s -extld=/x/evil", "-ldflags -extld names the external linker program: a command-injection path"],
    ["-ldflags=-extldflags '-B/x'", "-ldflags -extldflags hands arguments to the external linker: a command-injection path"],
    ["-ldflags=all=-linkmode=external -extldflags=-fplugin=/x.so", "-ldflags -extldflags hands arguments to the external linker: a command-injection path"],
    ["-gcflags=-importcfg=/etc/x", "-gcflags -importcfg=/etc/x is not an argument replayed on the host"],
    ["-gcflags=-d=ssa/check/on", "-gcflags -d=ssa/check/on names a path"],
    ["-asmflags=-I=/x", "-asmflags -I=/x is not an argument replayed on the host"],
    ["-pgo=/etc/profile.pgo", "-pgo=/etc/profile.pgo names a profile outside the build context"],
    ["-pgo=../../x.pgo", "-pgo=../../x.pgo names a profile outside the build context"],
    ["-modfile=/tmp/go.mod", "-modfile=/tmp/go.mod names a go.mod outside the build context"],
    ["-C=/", "-C=/ changes to a folder the Dockerfile names"],
    ["-compiler=gccgo", "-compiler=gccgo selects another compiler program"],
    ["-tags=a;rm", "-tags=a;rm has characters no build tag has"],
    ["-frobnicate", "-frobnicate is not a go build flag replayed on the host"],
  ])("refuses %s", (flag, reason) => {
    expect(vetBuildFlags([flag], SCOPE)).toEqual({ ok: false, reason });
  });

  it("accepts -pgo and -modfile inside the context", () => {
    expect(vetBuildFlags(["-pgo=default.pgo", "-modfile=sub/go.mod", "-pgo=off"], SCOPE)).toMatchObject({ ok: true });
  });

  it("splits flag lists as Go does", () => {
    expect(splitQuoted(`-s  -w -X 'main.v=a b' -X "x.y=c"`)).toEqual(["-s", "-w", "-X", "main.v=a b", "-X", "x.y=c"]);
  });

  it("keeps packages inside the build context", () => {
    expect(vetPackages(["./cmd/...", "example.com/x/cmd", "."], SCOPE)).toBeNull();
    expect(vetPackages(["/etc/secret"], SCOPE)).toBe("package /etc/secret is outside the build context");
    expect(vetPackages(["../../../root"], SCOPE)).toBe("package ../../../root is outside the build context");
  });
});

describe("vetting the Dockerfile's environment", () => {
  const vet = (vars: Record<string, string>) => vetBuildEnv(new Map(Object.entries(vars)), SCOPE, () => null);

  it("takes only the shaping variables, with checked values; GOFLAGS is vetted word by word", () => {
    const r = vet({ CGO_ENABLED: "0", GOAMD64: "v3", GOFLAGS: "-trimpath -mod=vendor", GOPROXY: "http://evil", GOTOOLCHAIN: "go1.99.0", GOENV: "/x/env", PATH: "/evil:/bin" });
    expect(r).toEqual({ ok: true, value: { env: { CGO_ENABLED: "0", GOAMD64: "v3" }, goflags: ["-trimpath", "-mod=vendor"] }, notes: [] });
  });

  it.each([
    [{ GOFLAGS: "-toolexec=/x/evil" }, "GOFLAGS=-toolexec=/x/evil would run a program the Dockerfile names on this machine"],
    [{ GOFLAGS: "-ldflags=-extld=/x/evil" }, "GOFLAGS=-ldflags -extld names the external linker program: a command-injection path"],
    [{ CC: "/x/evil" }, "CC=/x/evil would run a program the Dockerfile names on this machine"],
    [{ CXX: "evil-g++" }, "CXX=evil-g++ would run a program the Dockerfile names on this machine"],
    [{ CGO_CFLAGS: "-O2 -fplugin=/x/evil.so" }, "CGO_CFLAGS=-O2 -fplugin=/x/evil.so: -fplugin=/x/evil.so could load or run something on this machine"],
    [{ CGO_LDFLAGS: "-Wl,-plugin,/x/p.so" }, "CGO_LDFLAGS=-Wl,-plugin,/x/p.so: -Wl,-plugin,/x/p.so could load or run something on this machine"],
    [{ CGO_CFLAGS: "-B/x" }, "CGO_CFLAGS=-B/x: -B/x could load or run something on this machine"],
    [{ GOAMD64: "v9;x" }, "GOAMD64=v9;x is not a value Go accepts for GOAMD64"],
  ])("refuses %o", (vars, reason) => {
    expect(vet(vars)).toEqual({ ok: false, reason });
  });

  it("accepts plain compilers and plain C flags", () => {
    expect(vet({ CC: "gcc", CGO_CFLAGS: "-O2 -g -DNDEBUG -Wall", CGO_LDFLAGS: "-lm -static" })).toMatchObject({ ok: true });
  });
});

const MAIN = { "svc/go.mod": "module example.com/svc\n\ngo 1.21\n", "svc/main.go": 'package main\n\nfunc main() { println("svc") }\n' };

function dockerfile(build: string, env = ""): string {
  return `FROM golang:1.26.8 AS build
WORKDIR /src
COPY . .
${env}RUN ${build}

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/svc /svc
USER nonroot:nonroot
ENTRYPOINT ["/svc"]
`;
}

describe.skipIf(!hostGo)("attacks on the host build", () => {
  /** A workspace with an evil script (and an `ld` in a folder for gcc -B) that writes `marker`. */
  function attack(make: (evil: string, dir: string) => string) {
    const t = tempTree(MAIN);
    cleanups.push(t.cleanup);
    const marker = path.join(t.dir, "marker");
    const evil = path.join(t.dir, "evil.sh");
    writeFileSync(evil, `#!/bin/sh\ntouch ${marker}\nexec "$@"\n`);
    chmodSync(evil, 0o755);
    const bin = path.join(t.dir, "evil-bin");
    mkdirSync(bin);
    for (const tool of ["ld", "as", "cc1"]) {
      writeFileSync(path.join(bin, tool), `#!/bin/sh\ntouch ${marker}\nexit 1\n`);
      chmodSync(path.join(bin, tool), 0o755);
    }
    writeFileSync(path.join(t.dir, "overlay.json"), JSON.stringify({ Replace: { [path.join(t.dir, "svc", "main.go")]: path.join(t.dir, "other.go") } }));
    writeFileSync(path.join(t.dir, "svc", "Dockerfile"), make(evil, t.dir));
    return { root: t.dir, marker };
  }

  async function run(root: string) {
    const task: ProjectTask = { id: "svc:docker-lint", project: "svc", root: "svc", options: { dockerfiles: ["Dockerfile"], goBuild: true, image: false } };
    return (await runTasks([task], root)).get(task.id)!;
  }

  it.each([
    ["-toolexec", (evil: string) => dockerfile(`CGO_ENABLED=0 go build -toolexec=${evil} -o /out/svc .`), /go build: skipped: -toolexec=\S+evil\.sh would run a program the Dockerfile names on this machine; not replayed on this machine/],
    ["-exec", (evil: string) => dockerfile(`CGO_ENABLED=0 go build -exec ${evil} -o /out/svc .`), /go build: skipped: -exec(=\S+)? would run a program/],
    ["GOFLAGS=-toolexec", (evil: string) => dockerfile("CGO_ENABLED=0 go build -o /out/svc .", `ENV GOFLAGS=-toolexec=${evil}\n`), /go build: skipped: GOFLAGS=-toolexec=\S+evil\.sh would run a program/],
    ["CC=/abs/evil", (evil: string) => dockerfile(`CGO_ENABLED=1 CC=${evil} go build -o /out/svc .`), /go build: skipped: CC=\S+evil\.sh would run a program/],
    ["-ldflags=-extld", (evil: string) => dockerfile(`go build -ldflags="-linkmode=external -extld=${evil}" -o /out/svc .`), /go build: skipped: -ldflags -extld names the external linker program: a command-injection path/],
    ["-ldflags=-extldflags", (_: string, dir: string) => dockerfile(`go build -ldflags="-linkmode=external -extldflags=-B${dir}/evil-bin" -o /out/svc .`), /go build: skipped: -ldflags -extldflags hands arguments to the external linker/],
    ["CGO_CFLAGS=-B", (_: string, dir: string) => dockerfile(`CGO_ENABLED=1 CGO_CFLAGS=-B${dir}/evil-bin go build -o /out/svc .`), /go build: skipped: CGO_CFLAGS=\S+: -B\S+ could load or run something on this machine/],
    ["-overlay", (_: string, dir: string) => dockerfile(`CGO_ENABLED=0 go build -overlay=${dir}/overlay.json -o /out/svc .`), /go build: skipped: -overlay=\S+ replaces source files with files the Dockerfile names/],
  ])("%s: never runs, says why", async (_name, make, said) => {
    const { root, marker } = attack(make);
    const outcome = await run(root);
    expect(outcome.output).toMatch(said);
    expect(outcome.output).not.toMatch(/go build ok|go build failed/);
    expect(existsSync(marker)).toBe(false);
  }, 120_000);

  it("the same build without the attack runs (so the harness would see a build)", async () => {
    const { root, marker } = attack(() => dockerfile("CGO_ENABLED=0 go build -trimpath -o /out/svc ."));
    const outcome = await run(root);
    expect(outcome.output).toMatch(/go build ok: svc/);
    expect(existsSync(marker)).toBe(false);
  }, 120_000);
});

/**
 * Nx end to end on a single-module Go monorepo: cmd/hello and cmd/bye share internal/ packages.
 * Each service is a project built from the module root, and an edit re-runs only the services
 * whose binary imports the edited package.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostGo } from "./helpers";
import { SINGLE_MODULE } from "./go-monorepo-fixture";
import { NOT_BUILT_MESSAGE, NxWorkspace, PLUGIN_BUILT } from "./nx-workspace";

const NX_JSON = {
  plugins: [{ plugin: "@docker-lint/nx-plugin" }],
  targetDefaults: { "docker-lint": { options: { image: false } } },
};

if (!PLUGIN_BUILT) it.skip(`Nx end-to-end: ${NOT_BUILT_MESSAGE}`, () => {});
if (!hostGo) it.skip("Nx on a Go monorepo: no go on this machine", () => {});

describe.skipIf(!PLUGIN_BUILT || !hostGo)("nx run-many on a single-module Go monorepo", () => {
  let ws: NxWorkspace;
  beforeAll(() => {
    ws = new NxWorkspace({ ...SINGLE_MODULE, "docs/notes.md": "notes\n" }, NX_JSON);
  });
  afterAll(() => ws?.dispose());

  it("infers one project per service and replays each go build from the module root", async () => {
    const r = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(r.code, r.output).toBe(0);
    expect(r.ran).toEqual(["bye:docker-lint", "hello:docker-lint"]);
    expect(NxWorkspace.section(r.output, "hello:docker-lint")).toMatch(/go build ok: hello [\d.]+ MB/);
    expect(NxWorkspace.section(r.output, "bye:docker-lint")).toMatch(/go build ok: bye [\d.]+ MB/);
  }, 600_000);

  it("an edit to a package only hello imports re-runs hello alone; a shared one re-runs both", async () => {
    const same = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(same.cached, same.output).toEqual(["bye:docker-lint", "hello:docker-lint"]);

    ws.append("internal/greet/greet.go", "\n// edited\n");
    const one = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(one.code, one.output).toBe(0);
    expect(one.ran).toEqual(["hello:docker-lint"]);
    expect(one.cached).toEqual(["bye:docker-lint"]);

    // Outside what either binary reads: a doc, and a non-Go file beside a package.
    ws.append("docs/notes.md", "more\n");
    ws.append("internal/farewell/README.md", "more\n");
    const none = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(none.cached, none.output).toEqual(["bye:docker-lint", "hello:docker-lint"]);

    ws.append("internal/shared/shared.go", "\n// edited\n");
    const both = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(both.ran, both.output).toEqual(["bye:docker-lint", "hello:docker-lint"]);
  }, 600_000);

  it("a new import makes the imported package an input of the importer", async () => {
    ws.write("internal/greet/greet.go", 'package greet\n\nimport "example.com/mono/internal/farewell"\n\nfunc Name() string { return "hello, " + farewell.Name() }\n');
    const r = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(r.ran, r.output).toEqual(["hello:docker-lint"]);
    ws.append("internal/farewell/farewell.go", "\n// edited\n");
    const both = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(both.ran, both.output).toEqual(["bye:docker-lint", "hello:docker-lint"]);
  }, 600_000);
});

/** Temporary workspaces for tests that run ESLint, git or the CLI on real files. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface Workspace {
  dir: string;
  write(rel: string, text: string): string;
  remove(): void;
}

/**
 * A folder with the given files. With `linkNodeModules`, its `node_modules` points at the repo's,
 * so an `eslint.config.mjs` in it imports `@docker-lint/eslint-plugin` (the built dist) and `@eslint/js`
 * as a user's config would.
 */
export function workspace(files: Record<string, string>, { linkNodeModules = false } = {}): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), "docker-lint-eslint-"));
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  if (linkNodeModules) symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Dockerfiles used across the suites. */
export const BAD = "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine\nCOPY --from=build /app /app\nUSER 65532\nCMD [\"/app\"]\n";
export const GOOD = "FROM golang:1.22.5 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nUSER 65532\nENTRYPOINT [\"/app\"]\n";

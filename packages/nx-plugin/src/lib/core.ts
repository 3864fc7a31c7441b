/**
 * Loads the ESM core from this CommonJS package. `module: node16` keeps `import()` a real
 * dynamic import in the emitted JavaScript (a `require` would need Node's require(esm)).
 */
import type * as Core from "@docker-lint/core" with { "resolution-mode": "import" };

export type CoreModule = typeof Core;
export type { Core };

let loading: Promise<CoreModule> | undefined;

export function loadCore(): Promise<CoreModule> {
  loading ??= import("@docker-lint/core");
  return loading;
}

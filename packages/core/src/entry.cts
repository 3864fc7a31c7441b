/**
 * The package's entry point (package.json "exports"), for require() and import alike: the
 * library from its one-file bundle when the build made one (see runtime/load-bundle.cts), else
 * dist/index.js. Either way one instance per thread, so the CLI, the ESLint plugin and the Nx
 * plugin share the very same rule objects. Types come from index.d.ts.
 */
import type * as Library from "./index.js" with { "resolution-mode": "import" };
import { loadBundle } from "./runtime/load-bundle.cjs";

// dist/index.js through require(esm) (Node 20.19+): it has no top-level await.
const library: typeof Library = loadBundle() ?? require("./index.js");
module.exports = library;

// Never runs: it points Node's CommonJS lexer at the export names (written by the build,
// scripts/bundle.mjs), so that `import { DockerLinter } from "@docker-lint/core"` works.
// eslint-disable-next-line no-constant-condition, @typescript-eslint/no-unnecessary-condition -- never runs, on purpose (above)
if (0) module.exports = require("./entry-exports.cjs");

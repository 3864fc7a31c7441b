// Writes schema/docker-lint.config.schema.json from the built rules (run after the build).
import { writeFileSync } from "node:fs";
import { configSchema } from "../dist/catalog/config-schema.js";

const target = new URL("../schema/docker-lint.config.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(configSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);

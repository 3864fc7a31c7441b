/** `nx g @docker-lint/nx-plugin:init`: registers the plugin in nx.json (once). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { addDependenciesToPackageJson, formatFiles, readJson, readNxJson, updateNxJson, type GeneratorCallback, type Tree } from "@nx/devkit";
import { DEFAULT_TARGET } from "../../lib/options";
import { PLUGIN_PACKAGE } from "../../plugin/self-inputs";

export interface InitSchema {
  targetName?: string;
  wireNxDocker?: boolean;
  skipPackageJson?: boolean;
  skipFormat?: boolean;
}

type PluginEntry = NonNullable<NonNullable<ReturnType<typeof readNxJson>>["plugins"]>[number];
const pluginName = (p: PluginEntry) => (typeof p === "string" ? p : p.plugin);

export function isRegistered(tree: Tree): boolean {
  return (readNxJson(tree)?.plugins ?? []).some((p) => pluginName(p) === PLUGIN_PACKAGE);
}

export default async function initGenerator(tree: Tree, schema: InitSchema = {}): Promise<GeneratorCallback | undefined> {
  const nxJson = readNxJson(tree) ?? {};
  const targetName = schema.targetName ?? DEFAULT_TARGET;
  nxJson.plugins ??= [];
  if (!nxJson.plugins.some((p) => pluginName(p) === PLUGIN_PACKAGE)) {
    nxJson.plugins.push({ plugin: PLUGIN_PACKAGE, options: { targetName } });
  }
  // With @nx/docker, an image is only built once its Dockerfile lints clean.
  if (schema.wireNxDocker !== false && nxJson.plugins.some((p) => pluginName(p) === "@nx/docker")) {
    nxJson.targetDefaults ??= {};
    const current = nxJson.targetDefaults["docker:build"];
    if (!Array.isArray(current)) {
      const entry = current ?? {};
      const dependsOn = entry.dependsOn ?? ["build", "^build"];
      if (!dependsOn.includes(targetName)) entry.dependsOn = [...dependsOn, targetName];
      nxJson.targetDefaults["docker:build"] = entry;
    }
  }
  updateNxJson(tree, nxJson);

  let install: GeneratorCallback | undefined;
  if (!schema.skipPackageJson && tree.exists("package.json") && !declared(tree)) {
    install = addDependenciesToPackageJson(tree, {}, { [PLUGIN_PACKAGE]: `^${ownVersion()}` });
  }
  if (!schema.skipFormat) await formatFiles(tree);
  return install;
}

/** Already a dependency, or a package of this very workspace (the docker-lint monorepo). */
function declared(tree: Tree): boolean {
  const pkg = readJson<Record<string, Record<string, string> | string[] | undefined>>(tree, "package.json");
  for (const field of ["dependencies", "devDependencies"]) {
    const deps = pkg[field];
    if (deps && !Array.isArray(deps) && PLUGIN_PACKAGE in deps) return true;
  }
  return tree.exists("packages/nx-plugin/package.json") && readJson<{ name?: string }>(tree, "packages/nx-plugin/package.json").name === PLUGIN_PACKAGE;
}

function ownVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8")) as { version: string }).version;
}

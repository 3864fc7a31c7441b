/**
 * How `nx release version` reads and writes the packages' versions (nx.json release.version.versionActions).
 * Nx's own implementation lives in @nx/js, whose releases stop short of the Nx this workspace runs;
 * this one does the part the release needs: package.json's `version`, and the exact ranges our
 * packages give each other (`"@docker-lint/core": "0.1.0"`). Never queries a registry.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { VersionActions } = require("nx/release");

const COLLECTIONS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];

const readJson = (tree, file) => JSON.parse(tree.read(file, "utf-8"));
const writeJson = (tree, file, value) => tree.write(file, `${JSON.stringify(value, null, 2)}\n`);

class PackageJsonVersionActions extends VersionActions {
  validManifestFilenames = ["package.json"];

  manifestPath() {
    return path.posix.join(this.projectGraphNode.data.root, "package.json");
  }

  packageName(projectGraph, projectName) {
    const node = projectGraph.nodes[projectName];
    return node?.data.metadata?.js?.packageName ?? projectName;
  }

  async readCurrentVersionFromSourceManifest(tree) {
    const manifestPath = this.manifestPath();
    return { currentVersion: readJson(tree, manifestPath).version, manifestPath };
  }

  async readCurrentVersionFromRegistry() {
    return null;
  }

  async readCurrentVersionOfDependency(tree, projectGraph, dependencyProjectName) {
    const manifest = readJson(tree, this.manifestPath());
    const name = this.packageName(projectGraph, dependencyProjectName);
    for (const collection of COLLECTIONS) {
      const range = manifest[collection]?.[name];
      if (range !== undefined) return { currentVersion: range, dependencyCollection: collection };
    }
    return { currentVersion: null, dependencyCollection: null };
  }

  async updateProjectVersion(tree, newVersion) {
    const logs = [];
    for (const { manifestPath } of this.manifestsToUpdate) {
      const manifest = readJson(tree, manifestPath);
      manifest.version = newVersion;
      writeJson(tree, manifestPath, manifest);
      logs.push(`✍️  New version ${newVersion} written to manifest: ${manifestPath}`);
    }
    return logs;
  }

  async updateProjectDependencies(tree, projectGraph, dependenciesToUpdate) {
    const logs = [];
    for (const { manifestPath } of this.manifestsToUpdate) {
      const manifest = readJson(tree, manifestPath);
      let changed = 0;
      for (const [projectName, range] of Object.entries(dependenciesToUpdate)) {
        const name = this.packageName(projectGraph, projectName);
        for (const collection of COLLECTIONS) {
          if (manifest[collection]?.[name] !== undefined && manifest[collection][name] !== range) {
            manifest[collection][name] = range;
            changed++;
          }
        }
      }
      if (changed) {
        writeJson(tree, manifestPath, manifest);
        logs.push(`✍️  Updated ${changed} dependenc${changed === 1 ? "y" : "ies"} in manifest: ${manifestPath}`);
      }
    }
    return logs;
  }
}

/** After the manifests: package-lock.json records the workspace packages' versions too. */
async function afterAllProjectsVersioned(cwd, { dryRun }) {
  if (dryRun) return { changedFiles: ["package-lock.json"], deletedFiles: [] };
  const result = spawnSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm install --package-lock-only failed: package-lock.json is not updated");
  return { changedFiles: ["package-lock.json"], deletedFiles: [] };
}

module.exports = PackageJsonVersionActions;
module.exports.afterAllProjectsVersioned = afterAllProjectsVersioned;

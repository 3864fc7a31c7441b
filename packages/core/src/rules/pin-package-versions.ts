import { createRule } from "../create-rule.js";
import { LineIndex } from "../language/ast.js";
import { findWord, packageInstall, runSites, type Manager, type PackageInstall, type RunSite } from "../model/packages.js";

type Options = [{ managers: Manager[] }];
type MessageIds = "unpinned" | "unpinnedModule";

const ALL_MANAGERS: Manager[] = ["apt", "apk", "pip", "npm", "gem", "yum", "dnf", "zypper"];

/** How each manager spells a pin, for the message. */
const HOW: Record<Manager, string> = {
  apt: "<package>=<version>",
  apk: "<package>=<version>",
  pip: "<package>==<version> (or -r requirements.txt / -c constraints.txt)",
  npm: "<package>@<version>",
  gem: "<gem>:<version> (or -v <version>)",
  yum: "<package>-<version>",
  dnf: "<package>-<version>",
  zypper: "<package>=<version>",
};

const PIP_VCS = /^(git|hg|svn|bzr)(\+|$|:)/;
const NPM_GIT = ["git://", "git+ssh://", "git+http://", "git+https://"];

/** Is `pkg` pinned the way `manager` pins (or not a registry package at all: a file, a path, a URL)? */
function pinned(install: PackageInstall, pkg: string, site: RunSite): boolean {
  switch (install.manager) {
    case "apt":
      return pkg.includes("=") || pkg.includes("/") || pkg.endsWith(".deb");
    case "apk":
      return /[=~<>]/.test(pkg) || pkg.endsWith(".apk");
    case "pip": {
      if (/(===?|[<>!~]=|[<>])/.test(pkg)) return true;
      if (pkg.endsWith(".whl") || pkg.endsWith(".tar.gz")) return true;
      if (PIP_VCS.test(pkg)) return pkg.replace(/^[a-z+]+:\/\/[^@/]*@/, "").includes("@");
      return pkg.includes("/");
    }
    case "npm": {
      if (NPM_GIT.some((p) => pkg.startsWith(p))) return pkg.includes("#");
      if ([".tar", ".tar.gz", ".tgz"].some((s) => pkg.endsWith(s))) return true;
      if (["/", "./", "../", "~/"].some((p) => pkg.startsWith(p))) return true;
      // `@scope/name@1.2.3`: the scope's `@` is not a version.
      const bare = pkg.startsWith("@") ? pkg.slice(pkg.indexOf("/") + 1) : pkg;
      return bare.includes("@");
    }
    case "gem":
      return pkg.includes(":");
    case "zypper":
      return /[=<>]/.test(pkg) || pkg.endsWith(".rpm");
    case "yum":
    case "dnf":
      return install.modules ? pkg.includes(":") : rpmVersionPinned(pkg, site);
  }
}

/** `name-1.2.3`, `openssl-1:1.1.1k`, `gcc-c++-1.1.1`: a dash, then version-like parts. */
function rpmVersionPinned(pkg: string, site: RunSite): boolean {
  // A package file names its own version.
  if (pkg.endsWith(".rpm")) return true;
  const parts = pkg.split("-");
  if (parts.length <= 1) return false;
  if (pkg.includes("$")) {
    // `tomcat-${VERSION}`: pinned when the build declares the variable (ARG or ENV).
    const names = [...pkg.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
    return names.some((n) => site.declared.has(n) || site.env.has(n));
  }
  const rest = parts.slice(1);
  return rest.every((p) => /^[0-9A-Za-z.~^_:+]*$/.test(p)) && rest.some((p) => /^[0-9]/.test(p));
}

/** gem's own version switch pins every gem of the command. */
function gemVersionFlag(install: PackageInstall): boolean {
  return install.tool.args.some((a) => a === "-v" || a === "--version" || a.startsWith("--version="));
}

/** pip reading a requirements or constraints file, or installing the local project. */
function pipFromFile(install: PackageInstall): boolean {
  const a = install.tool.args;
  return a.includes("-r") || a.includes("--requirement") || a.includes(".") || install.tool.flags.some((f) => f === "c" || f === "constraint" || f === "r" || f === "requirement");
}

export default createRule<Options, MessageIds>({
  name: "pin-package-versions",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a version for every package a RUN installs (apt-get, apk, pip, npm, gem, yum, dnf, zypper)",
      strict: true,
      equivalents: { hadolint: ["DL3008", "DL3018", "DL3013", "DL3016", "DL3028", "DL3033", "DL3037", "DL3041"] },
    },
    schema: [
      {
        type: "object",
        properties: { managers: { type: "array", items: { enum: ALL_MANAGERS }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
    messages: {
      unpinned: "Pin `{{pkg}}` in `{{command}}`: write {{how}} so rebuilds install the same version.",
      unpinnedModule: "Pin the stream of module `{{pkg}}` in `{{command}}`: write <module>:<stream>.",
    },
  },
  defaultOptions: [{ managers: ALL_MANAGERS }],
  create(context, [{ managers }]) {
    return {
      Dockerfile() {
        const text = context.sourceCode.text;
        let lines: LineIndex | null = null;
        for (const site of runSites(context.sourceCode.model)) {
          let cursor = site.node.range[0];
          for (const tool of site.tools) {
            const install = packageInstall(tool);
            if (!install || !managers.includes(install.manager)) continue;
            if (install.manager === "gem" && gemVersionFlag(install)) continue;
            if (install.manager === "pip" && pipFromFile(install)) continue;
            const command = `${tool.name} ${install.manager === "apk" ? "add" : "install"}`;
            for (const pkg of install.packages) {
              // `$DEPS`, `$(cat deps.txt)`: a list only the build knows.
              if (pkg.startsWith("$") || pinned(install, pkg, site)) continue;
              lines ??= new LineIndex(text);
              const span = findWord(text, site.node, pkg, cursor, lines);
              if (span) cursor = span.range[1];
              context.report({
                loc: span?.loc ?? site.node.loc,
                messageId: install.modules ? "unpinnedModule" : "unpinned",
                data: { pkg, command, how: HOW[install.manager] },
              });
            }
          }
        }
      },
    };
  },
});

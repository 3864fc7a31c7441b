import { createRule } from "../create-rule.js";
import { LineIndex, type Span } from "../language/ast.js";
import type { DockerfileModel } from "../model/model.js";
import { hasArgs, hasCacheMount, hasFlag, isPipInstall, locateArg, locateTools, reachesImage, runSites, type RunSite, type ToolCommand } from "../model/packages.js";

type Manager = "apt" | "apk" | "yum" | "dnf" | "zypper" | "pip" | "yarn";
type Options = [{ managers: Manager[] }];
type MessageIds = "aptLists" | "apkCache" | "cleanAfter" | "pipCache";

const ALL_MANAGERS: Manager[] = ["apt", "apk", "yum", "dnf", "zypper", "pip", "yarn"];
const TRUTHY = /^(1|true|on|yes)$/i;

/** A finding: the command to point at, its argument to span to, and the message. */
interface Finding {
  tool: ToolCommand;
  arg: string;
  messageId: MessageIds;
  data: Record<string, string>;
}

/** `rm` of a path under `prefix` (`rm -rf /var/lib/apt/lists/*`). */
function removes(tool: ToolCommand, prefix: string): boolean {
  return tool.name === "rm" && tool.args.some((a) => a.startsWith(prefix));
}

/** Index of the first tool matching `test`, or -1. */
function first(site: RunSite, test: (t: ToolCommand) => boolean): number {
  return site.tools.findIndex(test);
}

/** "install, then clean later in the same RUN" managers: yum, dnf/microdnf, zypper, yarn. */
function cleanAfter(site: RunSite, install: (t: ToolCommand) => boolean, clean: (t: ToolCommand) => boolean, cleanText: string): Finding | null {
  const at = first(site, install);
  if (at < 0) return null;
  const tool = site.tools[at]!;
  if (site.tools.some((t, i) => i > at && clean(t))) return null;
  return { tool, arg: tool.args.find((a) => !a.startsWith("-")) ?? "", messageId: "cleanAfter", data: { command: `${tool.name} ${tool.args.find((a) => !a.startsWith("-")) ?? ""}`.trim(), clean: cleanText } };
}

const DNF_INSTALL = ["install", "in", "upgrade", "up", "upgrade-minimal", "up-min", "reinstall", "rei"];

function findings(site: RunSite, model: DockerfileModel, managers: readonly Manager[]): Finding[] {
  const out: Finding[] = [];
  const on = (m: Manager) => managers.includes(m);
  const tools = site.tools;

  if (on("apt") && reachesImage(site, model)) {
    const update = tools.find((t) => hasArgs(t, ["apt-get", "apt", "aptitude"], ["update"]));
    const exempt =
      hasCacheMount(site, "/var/lib/apt/lists") || (hasCacheMount(site, "/var/lib/apt") && hasCacheMount(site, "/var/cache/apt"));
    if (update && !exempt && !tools.some((t) => removes(t, "/var/lib/apt/lists"))) {
      out.push({ tool: update, arg: "update", messageId: "aptLists", data: { command: `${update.name} update` } });
    }
  }

  if (on("apk") && !hasCacheMount(site, "/var/cache/apk")) {
    for (const t of tools) {
      if (hasArgs(t, ["apk"], ["add"]) && !hasFlag(t, "no-cache")) out.push({ tool: t, arg: "add", messageId: "apkCache", data: {} });
    }
  }

  if (on("yum") && !hasCacheMount(site, "/var/cache/yum")) {
    const f = cleanAfter(
      site,
      (t) => hasArgs(t, ["yum"], ["install"]),
      (t) => (t.name === "yum" && t.args.includes("clean") && t.args.includes("all")) || removes(t, "/var/cache/yum"),
      "yum clean all",
    );
    if (f) out.push(f);
  }

  if (on("dnf") && !hasCacheMount(site, "/var/cache/libdnf5") && !hasCacheMount(site, ".cache/libdnf5") && !hasCacheMount(site, "/var/cache/dnf")) {
    for (const name of ["dnf", "microdnf"]) {
      const f = cleanAfter(
        site,
        (t) => hasArgs(t, [name], DNF_INSTALL),
        (t) => (t.name === name && t.args.includes("clean") && t.args.includes("all")) || removes(t, "/var/cache/libdnf5") || removes(t, "/var/cache/dnf") || removes(t, "/var/cache/yum"),
        `${name} clean all`,
      );
      if (f) out.push(f);
    }
  }

  if (on("zypper") && !hasCacheMount(site, "/var/cache/zypp")) {
    const f = cleanAfter(
      site,
      (t) => hasArgs(t, ["zypper"], ["install", "in"]),
      (t) => hasArgs(t, ["zypper"], ["clean", "cc"]),
      "zypper clean",
    );
    if (f) out.push(f);
  }

  if (on("pip") && !hasCacheMount(site, ".cache/pip") && !pipCacheOff(site)) {
    for (const t of tools) {
      if (!isPipInstall(t) || t.name.startsWith("pipx") || t.args.includes("--no-cache-dir")) continue;
      if (t.name.startsWith("python") && t.args.includes("pipx")) continue;
      out.push({ tool: t, arg: "install", messageId: "pipCache", data: { command: `${t.name} install` } });
    }
  }

  if (on("yarn") && reachesImage(site, model) && !hasCacheMount(site, ".cache/yarn")) {
    const f = cleanAfter(
      site,
      (t) => hasArgs(t, ["yarn"], ["install"]),
      (t) => t.name === "yarn" && t.args.includes("cache") && t.args.includes("clean"),
      "yarn cache clean",
    );
    if (f) out.push({ ...f, arg: "install", data: { command: "yarn install", clean: "yarn cache clean" } });
  }
  return out;
}

/** PIP_NO_CACHE_DIR set truthy by ENV (stage chain), `export`, or an inline assignment. */
function pipCacheOff(site: RunSite): boolean {
  const value = site.env.get("PIP_NO_CACHE_DIR");
  if (value !== undefined && TRUTHY.test(value)) return true;
  return site.commands.some((c) => {
    const inline = c.env.PIP_NO_CACHE_DIR;
    if (inline !== undefined && TRUTHY.test(inline)) return true;
    return c.argv[0] === "export" && c.argv.some((a) => /^PIP_NO_CACHE_DIR=/.test(a) && TRUTHY.test(a.slice(17)));
  });
}

export default createRule<Options, MessageIds>({
  name: "clean-package-cache",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require package-manager caches and lists to stay out of image layers (apt lists, apk/pip caches, yum/dnf/zypper/yarn clean)",
      strict: true,
      equivalents: {
        hadolint: ["DL3009", "DL3019", "DL3032", "DL3036", "DL3040", "DL3042", "DL3060"],
        trivy: ["DS015", "DS019", "DS020", "DS025", "DS027"],
      },
    },
    schema: [
      {
        type: "object",
        properties: { managers: { type: "array", items: { enum: ALL_MANAGERS }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
    messages: {
      aptLists:
        "`{{command}}` leaves the package lists (/var/lib/apt/lists, tens of MB) in this layer: end the same RUN with `rm -rf /var/lib/apt/lists/*`, or use a cache mount on /var/lib/apt/lists.",
      apkCache: "`apk add` keeps its index in /var/cache/apk: use `apk add --no-cache`, or a cache mount on /var/cache/apk.",
      cleanAfter: "`{{command}}` leaves its package cache in this layer: run `{{clean}}` after it in the same RUN, or use a cache mount.",
      pipCache:
        "`{{command}}` keeps downloaded wheels in ~/.cache/pip: add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use a cache mount on /root/.cache/pip.",
    },
  },
  defaultOptions: [{ managers: ALL_MANAGERS }],
  create(context, [{ managers }]) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        const text = context.sourceCode.text;
        let lines: LineIndex | null = null;
        for (const site of runSites(model)) {
          const found = findings(site, model, managers);
          if (found.length === 0) continue;
          lines ??= new LineIndex(text);
          const spans = locateTools(text, site, lines);
          for (const f of found) {
            const program: Span | null = spans.get(f.tool) ?? null;
            const arg = f.arg ? locateArg(text, site, program, f.arg, lines) : null;
            context.report({
              loc: program ? { start: program.loc.start, end: (arg ?? program).loc.end } : site.node.loc,
              messageId: f.messageId,
              data: f.data,
            });
          }
        }
      },
    };
  },
});

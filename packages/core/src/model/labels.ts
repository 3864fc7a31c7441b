/** LABEL pairs and the value types of a label schema (hadolint's `label-schema`). */
import type { InstructionNode } from "../language/ast.js";
import { parseAssignments } from "./model.js";

export function labelPairs(node: InstructionNode): Array<[string, string]> {
  return parseAssignments(node.args, true).map(([k, v]) => [k, v ?? ""]);
}

export type LabelType = "text" | "url" | "semver" | "hash" | "rfc3339" | "spdx" | "email";
export const LABEL_TYPES: LabelType[] = ["text", "url", "semver", "hash", "rfc3339", "spdx", "email"];

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const GIT_HASH = /^[0-9a-f]{7,40}$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Common SPDX license ids; an expression may combine them with AND, OR, WITH and parentheses. */
const SPDX_IDS = new Set(
  (
    "0BSD AFL-3.0 AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-1.1 Apache-2.0 APSL-2.0 Artistic-2.0 BlueOak-1.0.0 BSD-1-Clause " +
    "BSD-2-Clause BSD-2-Clause-Patent BSD-3-Clause BSD-3-Clause-Clear BSD-4-Clause BSL-1.0 BUSL-1.1 CC-BY-3.0 CC-BY-4.0 CC-BY-SA-3.0 " +
    "CC-BY-SA-4.0 CC0-1.0 CDDL-1.0 CDDL-1.1 CECILL-2.1 CPL-1.0 ECL-2.0 EPL-1.0 EPL-2.0 EUPL-1.1 EUPL-1.2 GPL-2.0 GPL-2.0-only " +
    "GPL-2.0-or-later GPL-3.0 GPL-3.0-only GPL-3.0-or-later ISC LGPL-2.0 LGPL-2.0-only LGPL-2.0-or-later LGPL-2.1 LGPL-2.1-only " +
    "LGPL-2.1-or-later LGPL-3.0 LGPL-3.0-only LGPL-3.0-or-later MIT MIT-0 MPL-1.1 MPL-2.0 MS-PL MS-RL NCSA OFL-1.1 OpenSSL " +
    "OSL-3.0 PHP-3.01 PostgreSQL Python-2.0 Ruby Unlicense UPL-1.0 Vim W3C WTFPL X11 Zlib ZPL-2.1 " +
    "Classpath-exception-2.0 GCC-exception-3.1 LLVM-exception"
  ).split(" ").map((id) => id.toLowerCase()),
);

function isSpdx(value: string): boolean {
  const tokens = value.replace(/[()]/g, " ").split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const operator = t === "AND" || t === "OR" || t === "WITH";
    // Operators and ids alternate.
    if (i % 2 === 1 ? !operator : operator) return false;
    if (!operator && !/^(?:DocumentRef-[\w.-]+:)?LicenseRef-[\w.-]+$/.test(t) && !SPDX_IDS.has(t.replace(/\+$/, "").toLowerCase())) return false;
  }
  return tokens.length % 2 === 1;
}

function isUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol.length > 1 && (u.host !== "" || u.protocol === "mailto:" || u.protocol === "urn:");
  } catch {
    return false;
  }
}

/** True when the value fits the type (emptiness is judged apart). */
export function fitsLabelType(type: LabelType, value: string): boolean {
  switch (type) {
    case "text":
      return true;
    case "url":
      return isUrl(value);
    case "semver":
      return SEMVER.test(value);
    case "hash":
      return GIT_HASH.test(value);
    case "rfc3339":
      return RFC3339.test(value);
    case "spdx":
      return isSpdx(value);
    case "email":
      return EMAIL.test(value);
  }
}

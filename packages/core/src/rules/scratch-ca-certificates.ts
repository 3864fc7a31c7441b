import { createRule } from "../create-rule.js";
import { imageName } from "../model/images.js";
import { trimSlash } from "../model/paths.js";
import { stageChain } from "../model/stage-files.js";

type MessageIds = "noCaBundle";

/** Folders where Go's crypto/x509 looks for root certificates on Linux. */
const CERT_FOLDERS = ["/etc/ssl", "/etc/pki", "/etc/certs", "/system/etc/security/cacerts"];

/** `dest` covers a certificate folder (or is inside one). */
function coversCerts(dest: string): boolean {
  const d = trimSlash(dest);
  return CERT_FOLDERS.some((f) => d === "/" || f === d || f.startsWith(`${d}/`) || d.startsWith(`${f}/`));
}

/**
 * Reports a final stage on a base without root certificates (scratch) that ships a Go binary
 * built in this file but copies no CA bundle and sets no SSL_CERT_FILE/SSL_CERT_DIR: every TLS
 * call then fails with `x509: certificate signed by unknown authority`. Whether the program makes
 * TLS calls is not visible to the Dockerfile, so this is a strict-only heuristic.
 */
export default createRule<[], MessageIds>({
  name: "scratch-ca-certificates",
  meta: {
    type: "problem",
    docs: {
      description: "Require a CA bundle in a scratch final stage that ships a Go binary",
      strict: true,
    },
    messages: {
      noCaBundle:
        "The final stage is '{{image}}', which has no root certificates, and no CA bundle is copied in: any HTTPS/TLS call of the Go binary fails with 'x509: certificate signed by unknown authority'. Add COPY --from={{builder}} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ (or base on gcr.io/distroless/static-debian12, which ships them).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        const final = model.finalStage;
        if (!final || !final.image.files || final.image.files.some(coversCerts)) return;
        // Only Go services: a binary built in this file and copied into the final stage.
        const builders = final.copies.map((c) => c.fromStage).filter((s) => s && s.goBuilds.length > 0);
        if (builders.length === 0) return;
        const chain = stageChain(final);
        if (chain.some((s) => s.copies.some((c) => c.dest.includes("$") || coversCerts(c.dest)))) return;
        if (final.env.has("SSL_CERT_FILE") || final.env.has("SSL_CERT_DIR")) return;
        // A RUN on scratch already fails (no-run-without-shell); nothing else to add then.
        if (chain.some((s) => s.runs.length > 0)) return;
        const image = final.root ? imageName(final.root) : "scratch";
        const builder = builders[0]!;
        context.report({
          loc: final.from.loc,
          messageId: "noCaBundle",
          data: { image, builder: builder.name ?? String(builder.index) },
        });
      },
    };
  },
});

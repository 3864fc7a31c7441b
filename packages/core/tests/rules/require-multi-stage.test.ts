import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "require-multi-stage": "error" as const };
const noIgnore = { "require-multi-stage": ["error", { ignore: [] }] as ["error", { ignore: string[] }] };

describe("require-multi-stage", () => {
  // Through ESLint's RuleTester: each text gets exactly these reports, in order.
  const reported: Array<[string, string[]]> = [
    ["FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n", ["compilesInFinalStage"]],
    ["FROM golang:1.22-alpine\nCOPY . .\nRUN CGO_ENABLED=0 go install ./cmd/server\n", ["compilesInFinalStage"]],
    ["FROM golang:1.22\nRUN cd /src && /usr/local/go/bin/go build ./...\n", ["compilesInFinalStage"]],
    ["FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache/go-build <<EOF\nset -e\ngo build -o /app .\nEOF\n", ["compilesInFinalStage"]],
    // Multi-stage, but the last stage compiles.
    ["FROM node:20.11 AS web\nRUN npm ci && npm run build\nFROM golang:1.22\nCOPY --from=web /dist ./dist\nRUN go build -o /app .\n", ["compilesInFinalStage"]],
    // The final stage is the builder: it inherits the toolchain and the compile.
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM build\nCMD [\"/app\"]\n", ["compilesInFinalStage"]],
    ["FROM golang:1.22 AS build\nFROM build AS final\nRUN go build -o /app .\n", ["compilesInFinalStage"]],
    ["FROM rust:1.78\nCOPY . .\nRUN cargo build --release\n", ["compilesInFinalStage"]],
    ["FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B -DskipTests package\n", ["compilesInFinalStage"]],
    ["FROM gradle:8.7-jdk21\nCOPY . .\nRUN ./gradlew --no-daemon bootJar\n", ["compilesInFinalStage"]],
    ["FROM node:20.11\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/main.js\"]\n", ["compilesInFinalStage"]],
    ["FROM node:20.11\nCOPY . .\nRUN yarn install && yarn build:prod\n", ["compilesInFinalStage"]],
    ["FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN dotnet publish -c Release -o /out\n", ["compilesInFinalStage"]],
    ["FROM gcc:13\nCOPY main.c .\nRUN gcc -O2 -o /app main.c\n", ["compilesInFinalStage"]],
    ["FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\nCOPY . .\nRUN make\n", ["compilesInFinalStage"]],
    // Cross-compiling through tonistiigi/xx.
    ["FROM golang:1.22-alpine\nCOPY --from=tonistiigi/xx:1.4 / /\nRUN xx-go build -o /app .\n", ["compilesInFinalStage"]],
    // Starting the app through the toolchain.
    ["FROM golang:1.22\nCOPY . .\nCMD go run .\n", ["runsThroughToolchain"]],
    ["FROM golang:1.22\nCOPY . .\nENTRYPOINT [\"go\", \"run\", \".\"]\n", ["runsThroughToolchain"]],
    ["FROM golang:1.22\nCOPY . .\nENTRYPOINT [\"go\"]\nCMD [\"run\", \"./cmd/server\"]\n", ["runsThroughToolchain"]],
    ["FROM golang:1.22\nCOPY . .\nCMD [\"sh\", \"-c\", \"go mod download && go run .\"]\n", ["runsThroughToolchain"]],
    ["FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nCMD [\"mvn\", \"spring-boot:run\"]\n", ["runsThroughToolchain"]],
  ];
  dockerRuleTester().run("require-multi-stage: reports", pluginRule("require-multi-stage"), {
    valid: [],
    invalid: reported.map(([code, expected]) => ({ code, errors: expected.map((messageId) => ({ messageId })) })),
  });

  // Through ESLint's RuleTester: no report for each of these.
  dockerRuleTester().run("require-multi-stage: accepts", pluginRule("require-multi-stage"), {
    valid: [
    // The multi-stage shape this rule asks for.
    "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
    "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM build AS test\nRUN go test ./...\nFROM scratch\nCOPY --from=build /app /app\n",
    // Single stage, no compile: a prebuilt binary, or packages.
    "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY dist/app /app\nENTRYPOINT [\"/app\"]\n",
    "FROM alpine:3.20\nRUN apk add --no-cache ca-certificates tzdata\nCOPY app /usr/bin/app\n",
    "FROM golang:1.22\nRUN go mod download && go vet ./... && go test ./...\n",
    "FROM golang:1.22\nRUN go version && go env\n",
    "FROM rust:1.78\nRUN rustc --version && cargo --version\n",
    "FROM debian:bookworm\nRUN make --version\n",
    "FROM node:20.11-alpine\nCOPY . .\nRUN npm ci --omit=dev\nCMD [\"npm\", \"start\"]\n",
    // Build deps removed in the same layer (the official images' pattern) leave no compiler behind.
    "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc make musl-dev \\\n && make -C /src install \\\n && apk del --no-network .build-deps\n",
    "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gcc make && make -C /src && apt-get purge -y --auto-remove gcc make\n",
    // tonistiigi/xx wrappers count as the tools they wrap, in removals too.
    "FROM alpine:3.20\nRUN xx-apk add --virtual .deps gcc musl-dev && make -C /src && xx-apk del .deps\n",
    "FROM alpine:3.20\nRUN sudo make -C /src && sudo /sbin/apk del .deps\n",
    // A builder image that only installs tools, without compiling: fine here (require-minimal-runtime-base judges its base).
    "FROM golang:1.22-alpine\nRUN apk add --no-cache git curl\n",
    // The go-version tool wrapper isn't go.
    "FROM alpine:3.20\nRUN gimme 1.22.3\n",
    ].flat(),
    invalid: [],
  });

  it("keeps the toolchain when the stage's image is the toolchain, whatever is removed", () => {
    const text = "FROM golang:1.22-alpine\nRUN apk add --virtual .deps gcc musl-dev && go build -o /app . && apk del .deps\n";
    expect(ids(lintWith(text, rule).messages)).toEqual(["compilesInFinalStage"]);
  });

  it("reports once, on the final FROM, naming the step and its line", () => {
    const text = "FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o /a ./a\nRUN go build -o /b ./b\nFROM build AS final\nCMD [\"/a\"]\n";
    const messages = lintWith(text, rule).messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ messageId: "compilesInFinalStage", line: 5, column: 1, endLine: 5, endColumn: 20 });
    expect(messages[0]!.message).toBe(
      "Stage 'build', which the final stage is built FROM, compiles (`go build` on line 3), so the image ships the toolchain, the sources and the build cache. Build in a separate stage (FROM <toolchain> AS build) and COPY --from=build only the output into a minimal runtime stage.",
    );
  });

  it("names the toolchain start in the message", () => {
    const [m] = lintWith("FROM golang:1.22\nCOPY . .\nCMD go run ./cmd/server\n", rule).messages;
    expect(m!.message).toContain("(`go run` on line 3)");
  });

  describe("ignore", () => {
    const singleStage = "FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n";
    it.each([
      "/repo/Dockerfile.dev",
      "/repo/docker/Dockerfile-dev",
      "/repo/docker/Dockerfile-debug",
      "/repo/Dockerfile.tilt",
      "/repo/Dockerfile.builder",
      "/repo/builder.Dockerfile",
      "/repo/make/photon/registry/Dockerfile.binary",
      "/repo/Dockerfile.e2e-tests",
      "/repo/Dockerfile-test-hsm",
      "/repo/Dockerfile.integration",
      "/repo/test/conformance/Dockerfile",
      "/repo/internal/tests/Dockerfile",
      "/repo/e2e/Dockerfile",
      "/repo/.devcontainer/Dockerfile",
      "C:\\repo\\test\\Dockerfile",
    ])("skips %s by default", (filePath) => {
      expect(lintWith(singleStage, rule, { filePath }).messages).toEqual([]);
      expect(ids(lintWith(singleStage, noIgnore, { filePath }).messages)).toEqual(["compilesInFinalStage"]);
    });

    it.each(["/repo/Dockerfile", "/repo/services/api/Dockerfile", "/repo/Dockerfile.prod", "/repo/latest/Dockerfile", "/repo/attestation/Dockerfile"])(
      "checks %s by default",
      (filePath) => {
        expect(ids(lintWith(singleStage, rule, { filePath }).messages)).toEqual(["compilesInFinalStage"]);
      },
    );

    it("takes globs: base names without a slash, paths with one", () => {
      const options = { "require-multi-stage": ["error", { ignore: ["Dockerfile.tools", "**/hack/**"] }] as ["error", { ignore: string[] }] };
      expect(lintWith(singleStage, options, { filePath: "/repo/x/Dockerfile.tools" }).messages).toEqual([]);
      expect(lintWith(singleStage, options, { filePath: "/repo/hack/dockerfiles/lint.Dockerfile" }).messages).toEqual([]);
      // Replacing the list drops the defaults.
      expect(ids(lintWith(singleStage, options, { filePath: "/repo/Dockerfile.dev" }).messages)).toEqual(["compilesInFinalStage"]);
    });
  });

  // Corpus patterns, as our own snippets.
  it("reports a codegen tool image that installs generators into a golang final stage (corpus pattern)", () => {
    const text = [
      "FROM golang:1.22-alpine",
      "WORKDIR /build",
      "RUN apk add --no-cache protobuf-dev",
      "RUN go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.34.1",
      'ENTRYPOINT ["protoc"]',
      "",
    ].join("\n");
    expect(ids(lintWith(text, rule, { filePath: "/repo/src/checkout/genproto/Dockerfile" }).messages)).toEqual(["compilesInFinalStage"]);
  });

  it("accepts the goreleaser pattern of copying a binary built outside docker (corpus pattern)", () => {
    const text = "FROM alpine:3.20\nRUN apk add --no-cache ca-certificates\nARG TARGETARCH\nCOPY dist/linux_${TARGETARCH}/app /bin/app\nUSER nobody\nENTRYPOINT [\"/bin/app\"]\n";
    expect(lintWith(text, rule).messages).toEqual([]);
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("require-multi-stage through ESLint's RuleTester", () => {
  const SINGLE = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n';

  dockerRuleTester().run("require-multi-stage", pluginRule("require-multi-stage"), {
    valid: [
      "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n",
      // Dev, debug and test images ship the toolchain on purpose (default `ignore` globs on the file name).
      { code: SINGLE, filename: "services/api/Dockerfile.dev" },
      { code: SINGLE, filename: "services/api/test/Dockerfile" },
      { code: SINGLE, filename: "services/api/Dockerfile.ci", options: [{ ignore: ["*.ci"] }] },
    ],
    invalid: [
      {
        code: SINGLE,
        errors: [{ messageId: "compilesInFinalStage", data: { where: "The final stage", step: "go build", line: "4" }, line: 1, column: 1, endColumn: 17 }],
      },
      {
        // The image is the final stage plus the stages it is built FROM.
        code: 'FROM golang:1.22 AS base\nRUN go build -o /app .\nFROM base\nCMD ["/app"]\n',
        errors: [{ messageId: "compilesInFinalStage", line: 3 }],
      },
      { code: 'FROM golang:1.22\nCOPY . .\nCMD ["go", "run", "."]\n', errors: [{ messageId: "runsThroughToolchain", data: { step: "go run", line: "3" } }] },
      // Replacing the defaults brings dev files back in.
      { code: SINGLE, filename: "services/api/Dockerfile.dev", options: [{ ignore: [] }], errors: [{ messageId: "compilesInFinalStage" }] },
    ],
  });
});

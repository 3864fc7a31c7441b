import { dockerRuleTester, rule } from "./tester.js";

const ignoring = (dockerignore: string) => ({ goMod: false, dockerignore });

dockerRuleTester().run("no-copy-ignored-file", rule("no-copy-ignored-file"), {
  valid: [
    // No ignore file, or one that excludes something else.
    "FROM scratch\nCOPY Dockerfile .\n",
    { code: "FROM scratch\nCOPY app.go .\n", languageOptions: ignoring("Dockerfile\n") },
    // Another stage's /foobar is not the build context's foobar.
    { code: "FROM scratch AS base\nCOPY Dockerfile /foobar\nFROM base\nCOPY --from=base /foobar /Dockerfile\n", languageOptions: ignoring("foobar\n") },
    // `!` exceptions: BuildKit stands back.
    { code: "FROM scratch\nCOPY ./Dockerfile .\n", languageOptions: ignoring("**\n!Dockerfile\n") },
    // The context root counts as ignored only for *, ** or **/*.
    { code: "FROM scratch\nCOPY . .\n", languageOptions: ignoring(".*\n") },
    { code: "FROM scratch\nCOPY ./forever/helloworld.txt /helloworld.txt\n", languageOptions: ignoring("*/tmp/*\n") },
    // `*` stays within one segment.
    { code: "FROM scratch\nCOPY tmp/a.txt /\n", languageOptions: ignoring("*/tmp/*\n") },
    // Variables, URLs and comments in the ignore file.
    { code: "FROM scratch\nARG F=x\nCOPY $F /\nADD https://example.invalid/a.tgz /\n", languageOptions: ignoring("*\n") },
    { code: "FROM scratch\nCOPY Dockerfile .\n", languageOptions: ignoring("# Dockerfile\n\n") },
  ],
  invalid: [
    {
      code: "\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n",
      languageOptions: ignoring("\nDockerfile\n"),
      errors: [
        { messageId: "ignored", line: 3, data: { keyword: "COPY", source: "Dockerfile", file: ".dockerignore" } },
        { messageId: "ignored", line: 4, data: { keyword: "ADD", source: "Dockerfile", file: ".dockerignore" } },
      ],
    },
    { code: "FROM scratch\nCOPY . .\n", languageOptions: ignoring("*\n"), errors: [{ messageId: "ignored", line: 2 }] },
    { code: "FROM scratch\nCOPY ./ /app/\n", languageOptions: ignoring("**/*\n"), errors: [{ messageId: "ignored", line: 2 }] },
    // A file under an ignored folder, with ./ and a leading / in the pattern.
    { code: "FROM scratch\nCOPY ./node_modules/x/index.js /\n", languageOptions: ignoring("/node_modules\n"), errors: [{ messageId: "ignored", line: 2 }] },
    { code: "FROM scratch\nCOPY a/tmp/hello.txt /\n", languageOptions: ignoring("*/tmp/*\n"), errors: [{ messageId: "ignored", line: 2 }] },
    { code: "FROM scratch\nCOPY docs/x/y.md /\n", languageOptions: ignoring("**/*.md\n"), errors: [{ messageId: "ignored", line: 2 }] },
    { code: "FROM scratch\nCOPY [\"secret.env\", \"/\"]\n", languageOptions: ignoring("*.env\n"), errors: [{ messageId: "ignored", line: 2 }] },
    // Fragments without FROM are checked too.
    { code: "COPY .git /src/.git\n", languageOptions: ignoring(".git\n"), errors: [{ messageId: "ignored", line: 1 }] },
  ],
});

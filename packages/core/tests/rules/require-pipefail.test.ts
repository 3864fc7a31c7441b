import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("require-pipefail", rule("require-pipefail"), {
  valid: [
    "FROM scratch AS build\nRUN wget -O - https://x && wc -l file > /number\n",
    "FROM scratch\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN a | b\n",
    "FROM scratch\nSHELL [\"/bin/bash\", \"-o\", \"errexit\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
    "FROM scratch\nSHELL [\"/usr/local/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
    "FROM scratch\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n",
    "FROM debian:12\nRUN a || b\n",
    "FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN a | b\n",
    "FROM debian:12\nRUN set -euo pipefail; a | b\n",
    "FROM debian:12\nRUN echo 'a | b'\n",
  ],
  invalid: [
    { code: "FROM scratch\nRUN wget -O - https://x | wc -l > /number\n", errors: [{ messageId: "pipefail", line: 2, data: {"shell": "/bin/bash"} }] },
    { code: "FROM alpine:3.20\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n", errors: [{ messageId: "pipefail", line: 3, data: {"shell": "/bin/ash"} }] },
    { code: "FROM scratch AS build\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nFROM scratch AS build2\nRUN a | b\n", errors: [{ messageId: "pipefail", line: 5 }] },
    { code: "FROM scratch\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nSHELL [\"/bin/sh\", \"-c\"]\nRUN a | b\n", errors: [{ messageId: "pipefail", line: 5 }] },
    { code: "RUN a | b\n", errors: [{ messageId: "pipefail", line: 1 }] },
  ],
});

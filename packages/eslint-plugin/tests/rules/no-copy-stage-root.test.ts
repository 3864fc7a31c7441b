import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-copy-stage-root", rule("no-copy-stage-root"), {
  valid: [
    "COPY / /\n",
    "COPY --from=build /app /\n",
    "COPY --from=build / /app\n",
  ],
  invalid: [
    { code: "COPY --from=build / /\n", errors: [{ messageId: "wholeRoot", line: 1, data: {"from": "build"} }] },
    { code: "COPY --from=build \"/\" \"/\"\n", errors: [{ messageId: "wholeRoot", line: 1 }] },
  ],
});

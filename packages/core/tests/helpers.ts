/** Test helpers: lint a Dockerfile snippet with the real runner and one rule enabled. */
import { DockerLinter, type DockerLintConfig, type LintMessage } from "../src/index.js";

export function lintWith(
  text: string,
  rules: DockerLintConfig["rules"],
  options: { filePath?: string; goMod?: string | false; goWork?: string | false; dockerignore?: string | false; fix?: boolean } = {},
): { messages: LintMessage[]; output?: string } {
  const languageOptions = {
    goMod: options.goMod ?? false,
    ...(options.dockerignore !== undefined ? { dockerignore: options.dockerignore } : {}),
    ...(options.goWork !== undefined ? { goWork: options.goWork } : {}),
  };
  const linter = new DockerLinter({ extends: "none", rules, languageOptions });
  const r = linter.lintText(text, { filePath: options.filePath ?? "/virtual/Dockerfile", fix: options.fix });
  return { messages: r.messages, output: r.output };
}

export function ids(messages: LintMessage[]): string[] {
  return messages.map((m) => m.messageId ?? m.message);
}

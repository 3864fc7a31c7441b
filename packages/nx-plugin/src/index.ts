/** The Nx plugin entry: inference (createNodes). Executors and generators load from executors.json / generators.json. */
export { createNodes, createNodesV2 } from "./plugin/nodes";
export { postTasksExecution } from "./plugin/post-tasks";
export { preTasksExecution } from "./plugin/pre-tasks";
export type { DockerLintPluginOptions, LintExecutorOptions } from "./lib/options";

export const name = "@docker-lint/nx-plugin";

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/tests/**/*.test.{ts,js,mjs}", "tools/**/*.test.{ts,mjs}"],
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});

// Lints the repository's own TypeScript (npm run lint). Dockerfiles are linted by docker-lint itself.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/*.js", "**/*.mjs", "**/*.cjs", "examples/**", "packages/*/tests/fixtures/**"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // tsconfig has noUncheckedIndexedAccess: `xs[i]!` marks an index the loop has bounded.
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `const { source: _source, ...rest } = x` drops a field; `_` names a parameter a signature requires.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The CommonJS entry points: require() is how they load the library (typed by their annotations).
    files: ["**/*.cts"],
    rules: { "@typescript-eslint/no-require-imports": "off", "@typescript-eslint/no-unsafe-assignment": "off" },
  },
);

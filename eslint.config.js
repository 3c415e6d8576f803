// ESLint (flat config): typescript-eslint's recommended rules for the API, the tests and the scripts,
// and eslint-plugin-svelte's for the web app. Formatting is Prettier's job, not ESLint's.
import js from "@eslint/js";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import ts from "typescript-eslint";

export default ts.config(
  {
    ignores: ["**/node_modules/", "prisma/generated/", "prisma/migrations/", "web/build/", "web/.svelte-kit/", "web/src/graphql-env.d.ts", ".data/", "test-artifacts/"],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions, destructuring to omit).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // `any` sits at untyped edges on purpose (GraphQL answers in tests, Pothos generics, the driver glue
      // of the migrator); tsc in strict mode and svelte-check are what catch type bugs here.
      "@typescript-eslint/no-explicit-any": "off",
      // The sanitisers (file names, search text, highlight markers) match control characters on purpose.
      "no-control-regex": "off",
      // The app is served at the root (no `paths.base`): plain absolute hrefs are what resolve() would give.
      "svelte/no-navigation-without-resolve": "off",
      // Flags every local Map/Set/URLSearchParams/Date, including ones built and read within one function
      // and never observed by a template; reactive state here is $state, checked by the browser tests.
      "svelte/prefer-svelte-reactivity": "off",
    },
  },
  {
    files: ["web/**/*.svelte", "web/**/*.svelte.ts"],
    languageOptions: { parserOptions: { extraFileExtensions: [".svelte"], parser: ts.parser } },
  },
);

// ESLint for Concord: TypeScript, React hooks, accessibility of JSX, and the
// import rules that keep the layers apart (routes → domain → database).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import { importX } from "eslint-plugin-import-x";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build*/**",
      "app/generated/**",
      "data/**",
      "node_modules/**",
      "tests/artifacts/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { "import-x": importX },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-empty": ["error", { allowEmptyCatch: true }],
      "import-x/no-duplicates": ["error", { "prefer-inline": true }],
      "import-x/first": "error",
      "import-x/no-self-import": "error",
      "no-restricted-syntax": [
        "error",
        {
          // Never reach into a dependency's module loader (decision 037).
          selector: "MemberExpression[object.name='Module'][property.name='_compile']",
          message: "Do not compile or patch dependency sources at run time.",
        },
      ],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      // Pages focus the first field with an error (Conform's pattern), which is what a keyboard user needs.
      "jsx-a11y/no-autofocus": "off",
      // role="list" on a styled <ul> is deliberate: Safari drops list semantics when list-style is none.
      "jsx-a11y/no-redundant-roles": ["error", { ul: ["list"] }],
    },
  },
  {
    // Layers: route modules and components never talk to the database; they call a domain operation
    // (app/domain/<area>/get-…, list-… or verb-noun files) that owns its query and its access check.
    // No route is exempt (decision 047).
    files: ["app/routes/**", "app/components/**", "app/root.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "~/utils/db.server",
              message: "Routes and components call a domain operation (app/domain/<area>) instead of the database (decision 047).",
            },
            { name: "~/generated/prisma/client", message: "Routes and components call a domain operation instead of Prisma." },
            {
              name: "~/utils/permissions.server",
              message: "Access is checked inside the domain operation (ideally in its where clause), not in the route (decision 047).",
            },
          ],
          patterns: [
            {
              group: ["~/utils/permissions/*"],
              message: "Access is checked inside the domain operation (ideally in its where clause), not in the route (decision 047).",
            },
          ],
        },
      ],
    },
  },
  {
    // The domain never imports the web layer above it.
    files: ["app/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/routes/*", "~/routes/**", "~/components/*"],
              allowTypeImports: true,
              message: "The domain layer must not import routes or components.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**", "bench/**", "scripts/**"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);

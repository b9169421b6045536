// Flat ESLint config: JS and TypeScript recommended rules for every workspace.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const noFixedFutureDate = require('./scripts/eslint/no-fixed-future-date');

// Where tests and their fixtures live: no literal date there may lie in the future.
const TEST_FILES = [
  '**/*.test.ts',
  '**/*.test.tsx',
  'tests/**/*.ts',
  'packages/testing/**/*.ts',
  'apps/web/src/api/pact-fixtures.ts',
];

module.exports = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      '.daybook/**',
      '.turbo/**',
      'coverage/**',
      'helm/**',
      'k8s/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // The kit carries each service's types (ServiceKit<Env, Database>): a double cast in a
    // service hides a type that should have flowed from its source.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "TSAsExpression[expression.type='TSAsExpression'][expression.typeAnnotation.type='TSUnknownKeyword']",
          message:
            'No `as unknown as` in services: take the type from its source (the kit is generic over Env and Database).',
        },
      ],
    },
  },
  {
    files: TEST_FILES,
    plugins: { daybook: { rules: { 'no-fixed-future-date': noFixedFutureDate } } },
    rules: { 'daybook/no-fixed-future-date': 'error' },
  },
);

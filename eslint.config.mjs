import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const ioPackages = [
  'express',
  'mongoose',
  'mongodb',
  'twilio',
  '@sendgrid/mail',
  'node-cron',
  'mjml',
  'pino',
  'node:fs',
  'node:http',
  'fs',
  'http',
];

export default tseslint.config(
  {
    ignores: ['dist/', '.bench-build/', 'node_modules/', '.data/', 'coverage/', 'test-artifacts/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config (loadConfig) only.',
        },
      ],
    },
  },
  {
    // Domain folders hold pure decisions: data and a clock in, decisions out. The estimator
    // (tracking/estimate/, with its backtest) is domain code too.
    files: ['src/**/domain/**/*.ts', 'src/tracking/estimate/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioPackages.map((name) => ({
            name,
            message: 'Domain code is pure: no I/O imports.',
          })),
        },
      ],
    },
  },
  {
    files: [
      'src/config/**/*.ts',
      'src/entry/**/*.ts',
      'src/cli/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      'jest.config.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        module: 'readonly',
        require: 'readonly',
        __dirname: 'readonly',
        process: 'readonly',
      },
    },
  },
  prettier,
);

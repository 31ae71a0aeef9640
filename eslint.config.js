// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The dependency direction of docs/ARCHITECTURE.md, enforced. Each entry: the files it
 * governs and the imports they may not make, with the reason a reader sees in the error.
 */
const boundaries = [
  {
    name: 'packages stay app-agnostic',
    files: ['packages/**/*.{ts,tsx}'],
    patterns: [
      { group: ['**/apps/**', '@pengcheng/tile-server', '@pengcheng/viewer'], message: 'A package never imports from an app: apps depend on packages, not the reverse.' },
      { group: ['react', 'react-dom', 'react/*', 'cesium', 'express'], message: 'The protocol package is the wire contract only: no UI, rendering or server framework.' },
    ],
  },
  {
    name: 'the server knows nothing of the viewer',
    files: ['apps/tile-server/**/*.{ts,tsx}'],
    patterns: [
      { group: ['**/viewer/src/**', '@pengcheng/viewer', 'react', 'react-dom', 'cesium'], message: 'The tile server shares only @pengcheng/protocol with the viewer.' },
    ],
  },
  {
    name: 'the viewer engine is plain TypeScript',
    files: ['apps/viewer/src/engine/**/*.{ts,tsx}'],
    patterns: [
      { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'react-i18next', 'zustand', 'zustand/*'], message: 'engine/ never imports React or the store: the UI calls the engine through its API.' },
      { group: ['**/ui/**', '**/state/**', '**/app/**'], message: 'engine/ is the bottom layer of the viewer: it imports nothing above it.' },
      { group: ['@pengcheng/tile-server', '**/tile-server/**'], message: 'The viewer shares only @pengcheng/protocol with the server.' },
    ],
  },
  {
    name: 'the viewer state has no UI and no renderer',
    files: ['apps/viewer/src/state/**/*.{ts,tsx}'],
    patterns: [
      { group: ['react', 'react-dom', 'react/*', 'react-i18next', 'cesium'], message: 'state/ is a plain store: no React, no Cesium.' },
      { group: ['**/ui/**', '**/app/**'], message: 'state/ sits below ui/ and app/.' },
      { group: ['@pengcheng/tile-server', '**/tile-server/**'], message: 'The viewer shares only @pengcheng/protocol with the server.' },
    ],
  },
  {
    name: 'the viewer API client is plain TypeScript',
    files: ['apps/viewer/src/api/**/*.{ts,tsx}'],
    patterns: [
      { group: ['react', 'react-dom', 'react/*', 'react-i18next', 'cesium', 'zustand', 'zustand/*'], message: 'api/ talks HTTP and checks payloads: no React, no Cesium, no store.' },
      { group: ['**/ui/**', '**/app/**', '**/state/**', '**/engine/**'], message: 'api/ sits at the bottom of the viewer, beside engine/.' },
    ],
  },
  {
    name: 'components read the store and call the engine, never Cesium',
    files: ['apps/viewer/src/ui/**/*.{ts,tsx}'],
    patterns: [
      { group: ['cesium', 'cesium/*', 'three', 'three/*'], message: 'Rendering code stays out of components: add it to engine/ and call it through the engine API.' },
      { group: ['**/app/**', '**/api/**'], message: 'ui/ sits below app/: the app wires data into the store, components read the store.' },
      { group: ['@pengcheng/tile-server', '**/tile-server/**'], message: 'The viewer shares only @pengcheng/protocol with the server.' },
    ],
  },
  {
    name: 'the boot and glue code do not render either',
    files: ['apps/viewer/src/app/**/*.{ts,tsx}', 'apps/viewer/src/i18n/**/*.{ts,tsx}', 'apps/viewer/src/main.tsx'],
    patterns: [
      { group: ['cesium', 'cesium/*', 'three', 'three/*'], message: 'Rendering code stays out of components: add it to engine/ and call it through the engine API.' },
      { group: ['@pengcheng/tile-server', '**/tile-server/**'], message: 'The viewer shares only @pengcheng/protocol with the server.' },
    ],
  },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'e2e/artifacts/**', 'e2e/test-results/**', 'assets/**', 'data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['apps/viewer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['scripts/**/*.{ts,mjs}'],
    rules: { 'no-console': 'off' },
  },
  ...boundaries.map(({ name, files, patterns }) => ({
    name: `boundary: ${name}`,
    files,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);

// Lint config: typescript-eslint's recommended rules over src/, test/, bench/ and scripts/, plus the
// house rules that can be checked: layer boundaries (docs/architecture.md §2), file size, and no
// clock or environment reads outside the composition root.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TESTS = ['src/**/*.test.ts'];
const why = (rule) => `${rule} (docs/architecture.md §2)`;

/** Storage is reached through the Store port (store/store.ts) only; drivers and SQL stay behind it. */
const storeInternals = (except = []) => ({
  regex: `/store/(?!(${['store.js', ...except].map((e) => e.replace(/[.]/g, '\\.')).join('|')})$)`,
  message: why('reach storage through the Store port, src/store/store.ts; src/main.ts picks the adapters'),
});
const drivers = { regex: '^(pg|@electric-sql/pglite)$', message: why('database drivers belong to src/store/') };
/** Metrics are recorded through a port of the recording layer (api/rpc-metrics.ts, engine/engine-metrics.ts, receipts/receipt-metrics.ts). */
const promClient = { regex: '^prom-client$', message: why('the metrics library belongs to src/metrics/; record through your layer\'s port') };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'data-*/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Examples are CommonJS, as users' code calling Alibaba's clients often is.
  {
    files: ['examples/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Size: the house style's hard limit; the tests' long tables get more room.
  {
    files: ['src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: TESTS,
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  { files: ['test/**/*.ts', ...TESTS], rules: { 'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }] } },
  // The web console (docs/console.md) runs in the browser: its globals, and small files, one concept each.
  {
    files: ['console/**/*.{ts,tsx}'],
    languageOptions: {
      globals: Object.fromEntries([
        'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'crypto',
        'TextEncoder', 'btoa', 'requestAnimationFrame', 'AbortController', 'DOMException', 'URLSearchParams', 'HTMLElement', 'Event',
      ].map((name) => [name, 'readonly'])),
    },
    rules: { 'max-lines': ['error', { max: 200, skipBlankLines: true, skipComments: true }] },
  },
  // Time and configuration come in as values: only the composition root, config and the clock read them.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/config.ts', 'src/clock.ts', ...TESTS],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'take a Clock (src/clock.ts) or a time value instead of Date.now()' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'take a Clock (src/clock.ts) or a time value instead of new Date()' },
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'read options through loadConfig (src/config.ts)' },
      ],
    },
  },
  // The domain is pure: it imports other domain modules only.
  {
    files: ['src/domain/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: why('src/domain is pure: it imports other domain modules only') }] }] },
  },
  // Dialogs are pure too: the format, the runner and the demo scripts, over the domain.
  {
    files: ['src/dialog/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./|\\.\\./domain/|\\.\\./zod-message\\.js$|zod$)', message: why('src/dialog imports the domain and zod only') }] }] },
  },
  // Transport (API, CLI, admin services, logging) and the carrier reach storage through the port.
  {
    files: ['src/api/**/*.ts', 'src/cli/**/*.ts', 'src/admin/**/*.ts', 'src/logging/**/*.ts', 'src/carrier/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [storeInternals(['receipt-store.js']), drivers, promClient] }] },
  },
  { files: ['src/console/**/*.ts'], ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns: [promClient] }] } },
  // The CLI finds the server holding a data dir through the dir's lock (a unix socket, no storage) without
  // loading the composition root, so commands that speak to a server start in a fraction of a second.
  {
    files: ['src/cli/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [storeInternals(['data-dir-lock.js']), drivers, promClient] }] },
  },
  // The application layer (the rules every transport calls) knows no transport: no api/, cli/ or console.
  {
    files: ['src/app/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [storeInternals(), drivers, promClient,
          { regex: '^\\.\\./(api|cli|console|engine|carrier)/', message: why('src/app is called by the transports and knows none of them') }],
      }],
    },
  },
  // Receipts (docs/decisions.md D16) drain the outbox through their own port, and serve no transport.
  {
    files: ['src/receipts/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [storeInternals(['receipt-store.js']), drivers,
          { regex: '^\\.\\./(api|cli|console|engine|carrier|app|admin)/', message: why('src/receipts is driven by src/main.ts and knows no transport') }],
      }],
    },
  },
  // The engine too, through its own port in its own words (store/engine-store.ts).
  {
    files: ['src/engine/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [storeInternals(['engine-store.js']), drivers, promClient],
      }],
    },
  },
  // Metrics implement the recording layers' ports over prom-client, and know nothing else of them.
  {
    files: ['src/metrics/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [storeInternals(), drivers,
          { regex: '^\\.\\./(?!(api/rpc-metrics|engine/engine-metrics|receipts/receipt-metrics)\\.js$)', message: why('src/metrics implements the ports api/rpc-metrics.ts, engine/engine-metrics.ts and receipts/receipt-metrics.ts and imports nothing else of robotcall') }],
      }],
    },
  },
);

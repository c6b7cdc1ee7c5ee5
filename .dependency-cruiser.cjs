// Who may import whom (ARCHITECTURE.md), checked by dependency-cruiser on the resolved module graph:
// `npm run lint` (and so `npm test`) fails on a cycle or a layer violation. `npm run graph` draws the graph.
//
// Which npm packages and Node built-ins each layer may use stays in build/eslint/layers.js.

/** A rule that `from` may not import `to`. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

const TESTS = '(^|/)[^/]+\\.(test|e2e)\\.tsx?$|/testing/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycles anywhere, type-only imports included: a cycle means two modules are one.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    forbid('shared-is-pure', 'shared/ is pure domain code: nothing of ours outside it.', { path: '^shared/' }, { path: '^(core|db|central|renderer|electron|tests|bench|e2e|build)/' }),
    forbid('renderer-uses-shared', 'The UI reaches the core only through the API contract in shared/.', { path: '^renderer/' }, { path: '^(core|db|central|electron|tests|bench|e2e|build)/' }),
    forbid('db-uses-shared', 'db/ is SQL and files: it knows the domain types, not the services.', { path: '^db/' }, { path: '^(core|central|renderer|electron|tests|bench|e2e|build)/' }),
    forbid('core-uses-db-shared', 'core/ is plain Node over db/ and shared/.', { path: '^core/' }, { path: '^(central|renderer|electron|tests|bench|e2e|build)/' }),
    forbid('central-is-apart', 'The reference central shares only the protocol (shared/) with the station.', { path: '^central/' }, { path: '^(core|db|renderer|electron|tests|bench|e2e|build)/' }),
    forbid(
      'electron-main-thin',
      'The Electron shell starts the core by its entry only.',
      { path: '^electron/main/' },
      { path: '^(core|db|central|renderer|tests|bench|e2e|build)/', pathNot: '^core/electron-entry\\.ts$' },
    ),
    forbid('electron-preload-alone', 'The preload is a bridge: it may check itself against the contract types only.', { path: '^electron/preload/' }, { path: '^(core|db|central|renderer|electron/main|tests|bench|e2e|build)/' }),
    forbid('only-electron-imports-electron', "Only electron/ imports the 'electron' package.", { pathNot: '^electron/' }, { path: '(^|/)node_modules/electron/' }),
    forbid('nothing-imports-tests', 'Production code never imports tests, benches or e2e harnesses.', { path: '^(shared|db|core|central|renderer|electron)/' }, { path: '^(tests|bench|e2e)/' }),
    forbid('testing-helpers-in-tests-only', 'testing/ folders serve tests, benches and seeding only.', { path: '^(shared|db|core|central|renderer)/', pathNot: TESTS }, { path: '/testing/' }),
    forbid('build-scripts-alone', 'Build scripts do not import the program.', { path: '^build/' }, { path: '^(shared|db|core|central|renderer|electron|tests|bench|e2e)/' }),

    // Inside core: kernel (context, router, feature types) ← reference data ← features ← handlers merge ← hosts.
    forbid(
      'core-reference-below-features',
      'core/reference/ (catalog, calendar, policy tables, roster rows, station) is used by features, never the other way.',
      { path: '^core/reference/' },
      { path: '^core/(features|host)/|^core/(core|handlers|router)\\.ts$' },
    ),
    forbid(
      'core-kernel-below-features',
      'The kernel (context, events, session, feature types, config) knows no feature and no host.',
      { path: '^core/(context|events|session|feature|config)\\.ts$' },
      { path: '^core/(features|host)/|^core/(core|handlers|router)\\.ts$' },
    ),
    forbid(
      'core-features-apart',
      "A feature may use the case write path and case view (features/cases), never another feature's modules.",
      { path: '^core/features/([^/]+)/', pathNot: TESTS },
      { path: '^core/features/', pathNot: ['^core/features/$1/', '^core/features/cases/'] },
    ),
    forbid('core-features-below-hosts', 'Features do not reach up to the router, the handler merge or the hosts.', { path: '^core/features/' }, { path: '^core/host/|^core/(core|handlers|router|electron-entry)\\.ts$' }),
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release|\\.scratch|node_modules)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { dot: { collapsePattern: '^(node_modules/[^/]+|shared/[^/]+|db/[^/]+|central/[^/]+|renderer/src/[^/]+|core/features/[^/]+|core/reference)' } },
  },
};

// Import rules checked by `npm run lint` (dependency-cruiser): no import cycles between files, and
// the lower folders never reach up into the HTTP layer or the CLI. docs/architecture.md explains
// the layers.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order fragile; move the shared piece down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-upward-into-http-or-cli',
      severity: 'error',
      comment: 'Only http/, cli/ and the entry points may import http/; only cli/ imports cli/.',
      from: { path: '^src/', pathNot: ['^src/(http|cli)/', '^src/main\\.ts$'] },
      to: { path: '^src/(http|cli)/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ is vocabulary and pure rules: no database, no configuration, no other layer.',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'entry-points-on-top',
      severity: 'error',
      comment: 'Commands and the layers below never reach up into the recurring jobs or main.ts.',
      from: { path: '^src/', pathNot: ['^src/(http|cli|jobs)/', '^src/main\\.ts$', '\\.test\\.ts$'] },
      to: { path: ['^src/jobs/', '^src/main\\.ts$'] },
    },
    {
      name: 'no-http-into-cli',
      severity: 'error',
      // A test may drive the API and the CLI side by side; the service's own code may not.
      from: { path: '^src/http/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

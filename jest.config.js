/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // @actions/workflow-parser imports its two schemas as JSON without an import attribute, which
    // Jest deprecates (a hard error in its next major): hand it modules that import them with one.
    '^\\.\\./(workflow|action)-v1\\.0\\.min\\.json$': '<rootDir>/__tests__/support/workflow-parser/$1-schema.ts'
  },
  testTimeout: 30000,
  // one worker more than the 2 cores: the GitHub suites spend much of their time waiting on git
  // processes (the suite measured 173 s with 2 workers, 130 s with 3, 135 s with 4)
  maxWorkers: 3,
  verbose: false
};

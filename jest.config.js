/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  // Two workers on two cores: many tests wait on LibreOffice, Chromium or the CLI, and in band a core sat idle meanwhile.
  maxWorkers: 2,
};

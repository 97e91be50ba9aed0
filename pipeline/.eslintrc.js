module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Helpers named expect* assert too.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect*'] },
    ],
  },
});

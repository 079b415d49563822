// shared/ and status/ serve every card, so they never depend on one (tests included).
const sharedFolders = ['src/components/shared/**', 'src/components/status/**'];
const noCardFolder = {
  group: ['../[A-Z]*'],
  caseSensitive: true,
  message:
    'A card folder is not shared code: move what both need into components/shared.',
};
const testFiles = ['**/*.test.*'];

module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      files: sharedFolders,
      excludedFiles: testFiles,
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              // The factory's own patterns for src, which this rule replaces here.
              {
                group: [
                  '*.stories*',
                  '*.test*',
                  '**/__testUtils__/**',
                  '**/__mocks__/**',
                ],
              },
              noCardFolder,
            ],
          },
        ],
      },
    },
    {
      files: sharedFolders.map(folder => `${folder}/*.test.*`),
      rules: {
        'no-restricted-imports': ['error', { patterns: [noCardFolder] }],
      },
    },
  ],
});

// Serverless Framework variable source: `${file(./deploy/iam.cjs):statements}` in serverless.yml.
// It runs the TypeScript generator with the real configuration loader, so the packaged IAM
// policy always matches config/pools.yaml, the file bundled with the function.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports.statements = () => {
  const root = path.resolve(__dirname, '..');
  const configFile = 'config/pools.yaml';
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/iam-statements.ts', configFile], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output);
};

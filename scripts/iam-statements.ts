// Prints the IAM statements for a pool configuration file as JSON; serverless.yml loads them
// through deploy/iam.cjs, so `serverless package` fails on an invalid configuration.
import { ConfigError, loadConfigFile } from '../src/config/index.js';
import { buildIamStatements } from '../src/deploy/iam.js';

const path = process.argv[2] ?? 'config/pools.yaml';
try {
  process.stdout.write(`${JSON.stringify(buildIamStatements(loadConfigFile(path)), null, 2)}\n`);
} catch (error) {
  // A configuration error is the user's to fix: print its message alone, not a stack trace.
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}

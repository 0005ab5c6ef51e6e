// Prints the IAM statements for a pool configuration file as JSON; serverless.yml loads them
// through deploy/iam.cjs, so `serverless package` fails on an invalid configuration.
import { loadConfigFile } from '../src/config/index.js';
import { buildIamStatements } from '../src/deploy/iam.js';

const path = process.argv[2] ?? 'config/pools.yaml';
process.stdout.write(`${JSON.stringify(buildIamStatements(loadConfigFile(path)), null, 2)}\n`);

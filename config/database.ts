import { databaseConfigFromEnv } from '../src/lib/database';

export default () => databaseConfigFromEnv(process.env, process.cwd());

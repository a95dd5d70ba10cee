/** Jest globalSetup: the run's own temp folder, which the workers inherit through the environment. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TEST_TEMP_ENV } from './test-temp';

export default async function makeRunTempFolder(): Promise<void> {
  process.env[TEST_TEMP_ENV] = await fs.mkdtemp(path.join(os.tmpdir(), 'rounds-test-run-'));
}

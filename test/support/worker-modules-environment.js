/**
 * The Node environment of the integration and end-to-end projects, with Node's own `require` of the
 * jest worker as `__workerRequire`. Jest loads every module again for each test file, in the file's
 * own context; the Bot Framework and Teams AI packages (some 1,400 modules, about a second of CPU per
 * file) and Medplum's (whose FHIR definitions the sandbox indexes, about a second per start) are
 * instead loaded once per worker through it (test/support/worker-modules/, mapped in jest.config.js),
 * and stay compiled and warm for the worker's next files. They are the same code the service runs in
 * production; only their objects come from the worker's realm, which is why the service reads
 * errors by brand or shape where it matters (util.types.isNativeError, bot/src/net/retrying-http.ts).
 *
 * Between files, the process-wide caches the Bot Framework keeps are emptied, so each file starts as
 * a fresh process would: a token fetched from one file's fake Entra never reaches another file's.
 * Medplum's index of FHIR definitions is kept: it is the same for every file.
 */
const { TestEnvironment } = require('jest-environment-node');

class WorkerModulesEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.__workerRequire = require;
    const { AppCredentials } = require('botframework-connector');
    const { JwtTokenExtractor } = require('botframework-connector/lib/auth/jwtTokenExtractor');
    AppCredentials.cache.clear();
    JwtTokenExtractor.openIdMetadataCache.clear();
  }
}

module.exports = WorkerModulesEnvironment;

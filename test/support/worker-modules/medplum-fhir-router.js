/** `@medplum/fhir-router`, loaded once per jest worker (test/support/worker-modules-environment.js). */
module.exports = globalThis.__workerRequire('@medplum/fhir-router');

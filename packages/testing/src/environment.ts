/**
 * Where the shared test substrate runs. Jest's globalSetup (global-setup.ts) provisions it
 * once per run and exports these variables to every test worker.
 */
export interface TestEnvironment {
  /** Admin connection (creates and drops a database per test file). */
  adminDatabaseUrl: string;
  kafkaBrokers: string[];
  daprd: string;
  schedulerAddress: string;
  /** Folder for this run's logs (one per process), kept for CI artefacts. */
  logDir: string;
}

export function testEnvironment(): TestEnvironment {
  const need = (name: string) => {
    const value = process.env[name];
    if (!value)
      throw new Error(`${name} is not set: run integration tests through jest (globalSetup provisions the substrate)`);
    return value;
  };
  return {
    adminDatabaseUrl: need('DAYBOOK_TEST_ADMIN_DATABASE_URL'),
    kafkaBrokers: need('DAYBOOK_TEST_KAFKA_BROKERS').split(','),
    daprd: need('DAYBOOK_TEST_DAPRD'),
    schedulerAddress: need('DAYBOOK_TEST_SCHEDULER'),
    logDir: need('DAYBOOK_TEST_LOG_DIR'),
  };
}

/**
 * @module Vitest global setup: ONE throw-away PostgreSQL cluster per test run (see postgres-cluster.ts).
 * Its URL is provided to the tests as `postgresUrl`; each test creates its own database in it (postgres.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  // The bench smoke run (test/bench) uses it too rather than starting a cluster of its own.
  process.env.SEANCE_BENCH_POSTGRES = cluster.url;
  return () => cluster.stop();
}

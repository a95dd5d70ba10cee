/**
 * The SQL port every store uses. Two backends speak the same SQL (the PostgreSQL 15 subset):
 * embedded PGlite by default, a PostgreSQL server when DATABASE_URL is set.
 */
export type Row = Record<string, unknown>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Sql {
  readonly backend: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; rolls back when it throws. Keep it short: PGlite has one connection. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Subscribes to NOTIFY on `channel` (a plain identifier). Notifications reach every instance of the
   * service on the same database, which is how one instance's change reaches another's browsers.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

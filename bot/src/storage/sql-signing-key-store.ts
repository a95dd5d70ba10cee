import type { AssertionAlg, PublishedJwk, SigningKeyRecord, SigningKeyStore } from '../secrets/fhir-signing-keys';
import type { Database } from './database';

type KeyRow = {
  generation: number;
  kid: string;
  alg: AssertionAlg;
  private_key_sealed: string;
  public_jwk: PublishedJwk;
  published_at: Date | string;
  activates_at: Date | string;
  retires_at: Date | string | null;
};

export class SqlSigningKeyStore implements SigningKeyStore {
  constructor(private readonly db: Database) {}

  async list(): Promise<SigningKeyRecord[]> {
    const rows = await this.db.query<KeyRow>(
      'SELECT generation, kid, alg, private_key_sealed, public_jwk, published_at, activates_at, retires_at FROM fhir_signing_keys ORDER BY generation',
    );
    return rows.map((row) => ({
      generation: Number(row.generation),
      kid: row.kid,
      alg: row.alg,
      sealedPrivateKey: row.private_key_sealed,
      publicJwk: row.public_jwk,
      publishedAt: new Date(row.published_at),
      activatesAt: new Date(row.activates_at),
      retiresAt: row.retires_at === null ? null : new Date(row.retires_at),
    }));
  }

  async insert(record: SigningKeyRecord): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO fhir_signing_keys (generation, kid, alg, private_key_sealed, public_jwk, published_at, activates_at, retires_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
       ON CONFLICT (generation) DO NOTHING RETURNING generation`,
      [record.generation, record.kid, record.alg, record.sealedPrivateKey, JSON.stringify(record.publicJwk), record.publishedAt, record.activatesAt, record.retiresAt],
    );
    return rows.length === 1;
  }

  async retireBefore(generation: number, retiresAt: Date): Promise<void> {
    await this.db.query('UPDATE fhir_signing_keys SET retires_at = $2 WHERE generation < $1 AND (retires_at IS NULL OR retires_at > $2)', [generation, retiresAt]);
  }
}

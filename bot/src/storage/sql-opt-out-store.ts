import { normalisePhone, type OptOutStore } from '../domain/notifications/notification-types';
import type { Database } from './database';

export class SqlOptOutStore implements OptOutStore {
  constructor(private readonly db: Database) {}

  async optOut(phone: string): Promise<void> {
    await this.db.query('INSERT INTO sms_opt_outs (phone) VALUES ($1) ON CONFLICT (phone) DO NOTHING', [normalisePhone(phone)]);
  }

  async optIn(phone: string): Promise<void> {
    await this.db.query('DELETE FROM sms_opt_outs WHERE phone = $1', [normalisePhone(phone)]);
  }

  async isOptedOut(phone: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM sms_opt_outs WHERE phone = $1', [normalisePhone(phone)]);
    return rows.length > 0;
  }
}

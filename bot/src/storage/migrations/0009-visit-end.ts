import type { Migration } from './index';

export const visitEnd: Migration = {
  id: '0009-visit-end',
  sql: `
    -- When a visit ended (status 'completed'): its length is admitted -> ended.
    ALTER TABLE visits ADD COLUMN ended_at timestamptz;
  `,
};

/** The two visits a Patients row schedules, each a built-in visit type of the same key. */
export type ScheduleKind = 'family-call' | 'follow-up';

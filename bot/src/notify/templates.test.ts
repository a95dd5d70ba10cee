import { AppError } from '../domain/shared/app-error';
import type { MessageValues } from './message-variables';
import { allowedVariables } from './message-variables';
import { BUILT_IN_TEMPLATES, renderSubject, renderText, splitKey, TEMPLATE_KEYS, textToHtml, validateTemplate } from './templates';

const values: MessageValues = {
  'patient.given_name': 'Maria',
  'patient.name': 'Maria Jones',
  'visit.start_time': 'Tue 24 Nov, 3:00 PM',
  'visit.date': 'Tuesday 24 November 2026',
  'visit.time': '3:00 PM',
  'visit.time_zone': 'GMT+10:30',
  'visit.duration': '30 minutes',
  'visit.join_url': 'https://rounds.example/lobby/abc?x=1&y=2',
  'clinician.name': 'Dr Lee',
  'organisation.name': 'Northside Virtual Care',
};

const validationError = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a validation error');
};

describe('templates', () => {
  it.each(TEMPLATE_KEYS)('built-in %s passes its own validation', (key) => {
    expect(() => validateTemplate(key, BUILT_IN_TEMPLATES[key])).not.toThrow();
  });

  it('has a template for every event and channel', () => {
    expect([...TEMPLATE_KEYS].sort()).toEqual(
      ['cancel.email', 'cancel.sms', 'invite.email', 'invite.sms', 'reminder.email', 'reminder.sms', 'reschedule.email', 'reschedule.sms'],
    );
  });

  it('keeps built-in SMS short enough for two segments with a real link', () => {
    for (const key of TEMPLATE_KEYS.filter((k) => k.endsWith('.sms'))) {
      expect(renderText(BUILT_IN_TEMPLATES[key].body, values).length).toBeLessThanOrEqual(306);
    }
  });

  it('substitutes {{ name }} with or without spaces inside the braces', () => {
    expect(renderText('Hi {{patient.given_name}}, {{ clinician.name }} at {{visit.start_time}}', values)).toBe('Hi Maria, Dr Lee at Tue 24 Nov, 3:00 PM');
  });

  it('runs nothing: a value that looks like a template or code stays text', () => {
    const tricky = { ...values, 'clinician.name': '{{organisation.name}} ${process.exit()}' };
    expect(renderText('With {{clinician.name}}', tricky)).toBe('With {{organisation.name}} ${process.exit()}');
  });

  it('refuses to save an unknown variable and lists the allowed ones', () => {
    const error = validationError(() => validateTemplate('invite.sms', { subject: null, body: 'Hi {{patient.given_name}}, about {{visit.reason}}' }));
    expect(error.code).toBe('validation');
    expect(error.field).toBe('body');
    expect(error.userMessage).toContain('{{visit.reason}}');
    for (const name of allowedVariables('invite', 'sms')) expect(error.userMessage).toContain(`{{${name}}}`);
  });

  it('refuses clinical variables in SMS: there is no reason or MRN to use', () => {
    for (const name of ['visit.reason', 'patient.mrn', 'patient.birth_date', 'patient.name']) {
      expect(validationError(() => validateTemplate('reminder.sms', { subject: null, body: `{{${name}}}` })).code).toBe('validation');
    }
  });

  it('refuses the join link in a cancellation, where it no longer works', () => {
    expect(validationError(() => validateTemplate('cancel.sms', { subject: null, body: 'Cancelled: {{visit.join_url}}' })).field).toBe('body');
  });

  it('refuses an invitation, reschedule or reminder without the join link, naming it', () => {
    for (const key of ['invite.sms', 'reschedule.email', 'reminder.sms'] as const) {
      const template = { subject: key.endsWith('email') ? 'Your visit' : null, body: 'See you on {{visit.start_time}}' };
      const error = validationError(() => validateTemplate(key, template));
      expect(error.field).toBe('body');
      expect(error.userMessage).toContain('{{visit.join_url}}');
    }
    expect(validateTemplate('cancel.sms', { subject: null, body: 'Cancelled: {{visit.start_time}}' }).body).toBe('Cancelled: {{visit.start_time}}');
  });

  it('refuses unbalanced braces', () => {
    expect(validationError(() => validateTemplate('invite.sms', { subject: null, body: 'Hi {{patient.given_name}' })).userMessage).toMatch(/two braces/);
  });

  it('checks the email subject: required, one line, known variables', () => {
    expect(validationError(() => validateTemplate('invite.email', { subject: '', body: 'x' })).field).toBe('subject');
    expect(validationError(() => validateTemplate('invite.email', { subject: 'a\nBcc: x@y', body: 'x' })).field).toBe('subject');
    expect(validationError(() => validateTemplate('invite.email', { subject: '{{visit.mrn}}', body: 'x' })).field).toBe('subject');
    expect(validationError(() => validateTemplate('invite.sms', { subject: 'no', body: 'x' })).field).toBe('subject');
  });

  it('keeps a rendered subject on one line whatever the values hold', () => {
    expect(renderSubject('With {{clinician.name}}', { ...values, 'clinician.name': 'Dr\r\nBcc: evil@x' })).toBe('With Dr Bcc: evil@x');
  });

  it('escapes every value in the HTML email and makes the join link a button', () => {
    const text = renderText('Hi {{patient.given_name}},\n\nJoin:\n{{visit.join_url}}', { ...values, 'patient.given_name': '<script>alert(1)</script>' });
    const html = textToHtml(text, 'Subject <b>', values['visit.join_url']);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>Subject &lt;b&gt;</title>');
    expect(html).toContain('href="https://rounds.example/lobby/abc?x=1&amp;y=2"');
    expect(html).toContain('Join the video visit');
  });

  it('splits a key into event and channel', () => {
    expect(splitKey('reschedule.email')).toEqual({ event: 'reschedule', channel: 'email' });
  });
});

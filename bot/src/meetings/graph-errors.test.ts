import { meetingError } from './graph-errors';
import { GraphFailure } from '../graph/graph-failure';

const answer = (status: number, error: { code?: string; message?: string } | string, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  text: typeof error === 'string' ? error : JSON.stringify({ error: { ...error, innerError: { 'request-id': 'body-request-id' } } }),
});

const POLICY = /application access policy \(New-CsApplicationAccessPolicy \/ Grant-CsApplicationAccessPolicy\)/;

describe('meetingError', () => {
  it.each([
    ['403 "No application access policy found"', answer(403, { code: 'Forbidden', message: 'No application access policy found for this app.' })],
    ['the older "Unauthorized … on behalf of user" answer', answer(403, { code: 'Unauthorized', message: 'App x is not authorized to Create meeting on behalf of user y' })],
    ['the same sent as a 401', answer(401, { code: 'Unauthorized', message: 'App x is not authorized to Create meeting on behalf of user y' })],
    ['a bare 403 with no body', answer(403, '')],
  ])('asks for an application access policy on %s', (_, response) => {
    const error = meetingError('create', response);

    expect(error.code).toBe('unavailable');
    expect(error.userMessage).toMatch(POLICY);
    expect(error.userMessage).toMatch(/^Microsoft Graph refused to create the meeting/);
    expect(error.userMessage).not.toContain('on behalf of user');
  });

  it('names the verb of the operation that was refused', () => {
    const response = answer(403, { code: 'Forbidden', message: 'No application access policy found for this app.' });

    expect(meetingError('reschedule', response).userMessage).toMatch(/^Microsoft Graph refused to change the meeting/);
    expect(meetingError('cancel', response).userMessage).toMatch(/^Microsoft Graph refused to remove the meeting/);
  });

  it('asks for the application permission, not a policy, when Graph says privileges are missing', () => {
    const error = meetingError('create', answer(403, { code: 'Forbidden', message: 'Insufficient privileges to complete the operation.' }));

    expect(error.userMessage).toContain('OnlineMeetings.ReadWrite.All');
    expect(error.userMessage).not.toMatch(POLICY);
  });

  it('keeps the Graph error code and request id, the header before the body', () => {
    const withHeader = meetingError('create', answer(500, { code: 'UnknownError' }, { 'request-id': 'header-request-id' }));
    const withoutHeader = meetingError('create', answer(500, { code: 'UnknownError' }));

    expect(withHeader.cause).toBeInstanceOf(GraphFailure);
    expect(withHeader.cause).toMatchObject({ status: 500, code: 'UnknownError', requestId: 'header-request-id' });
    expect(withoutHeader.cause).toMatchObject({ requestId: 'body-request-id' });
  });

  it.each([
    [404, 'create', 'validation'],
    [404, 'reschedule', 'not_found'],
    [429, 'create', 'rate_limited'],
    [502, 'cancel', 'unavailable'],
    [400, 'create', 'internal'],
  ] as const)('maps %i from %s to %s, without Graph text', (status, operation, code) => {
    const error = meetingError(operation, answer(status, { code: 'SomeCode', message: 'raw Graph text' }));

    expect(error.code).toBe(code);
    expect(error.userMessage).not.toContain('raw Graph text');
  });

  it('copes with an HTML error page from a proxy', () => {
    expect(meetingError('create', answer(502, '<html>Bad gateway</html>')).code).toBe('unavailable');
  });
});

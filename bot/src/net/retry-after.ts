/**
 * Retry-After (RFC 9110) as milliseconds to wait: delta-seconds, or an HTTP date compared with the
 * wall clock (as the server's is). Null when absent or unreadable. Shared by the outbound HTTP
 * adapters (FHIR, Microsoft Graph).
 */
export function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

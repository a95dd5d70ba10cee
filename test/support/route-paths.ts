/** Turns a route's path pattern (from the service's route registry) into an address to call. */
export function fillPath(pattern: string, segment: (name: string) => string): string {
  return pattern
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) return segment(part.slice(1));
      if (part === '*') return segment('*');
      return part;
    })
    .join('/');
}

/** A plausible value for each path parameter: well-formed, but naming nothing that exists. */
export const plausibleSegment = (name: string): string => {
  switch (name) {
    case 'token':
      return 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    case 'roomId':
      return 'room-00000000000000000000';
    case '*':
      return 'patients.html';
    default:
      return '00000000-0000-4000-8000-000000000000';
  }
};

/** What no answer of Rounds may show: an error's text, a stack, a file path, a host name. */
export const INTERNALS =
  /\bat [\w.<>$]+ \(|node_modules|\/work\/|\/tmp\/|\bE[A-Z]{3,}[A-Z_]*\b:|Z_DATA_ERROR|ECONNREFUSED|ENOTFOUND|ENOENT|TypeError|RangeError|SyntaxError|ReferenceError|Cannot (read|convert)|is not a function|Unexpected token|URI malformed|Invalid URL|login\.(botframework|microsoftonline)\.com/;

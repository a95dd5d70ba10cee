/**
 * Incremental parser for the `text/event-stream` format (WHATWG HTML, "Server-sent events"). We read
 * the stream with fetch because EventSource cannot send an Authorization header, so we parse it
 * ourselves. Chunks may split lines (and CRLF pairs) anywhere; this parser only ever sees text.
 */

export interface SseMessage {
  /** `event:` field; "message" when the server sends none. */
  event: string;
  /** All `data:` lines of the event, joined with "\n". */
  data: string;
  /** The last `id:` seen on the stream, if any. */
  lastEventId?: string;
}

export interface SseHandlers {
  onMessage(message: SseMessage): void;
  /** `: ping` and other comment lines: proof the connection is alive, nothing to dispatch. */
  onComment?(text: string): void;
  /** `retry:` field, the reconnection delay the server asks for, in milliseconds. */
  onRetry?(ms: number): void;
}

export interface SseParser {
  push(chunk: string): void;
  /** End of stream: an event without its closing blank line is dropped, as the spec says. */
  end(): void;
}

export function createSseParser(handlers: SseHandlers): SseParser {
  let buffer = '';
  let atStart = true;
  /** The previous chunk ended in "\r": a "\n" opening this chunk belongs to the same line break. */
  let skipLeadingLf = false;
  let data: string[] = [];
  let event = '';
  let lastEventId: string | undefined;

  function dispatch(): void {
    const lines = data;
    const type = event;
    data = [];
    event = '';
    // An event with no data line is not dispatched (spec: "if the data buffer is empty, return").
    if (lines.length === 0) return;
    handlers.onMessage({ event: type || 'message', data: lines.join('\n'), ...(lastEventId !== undefined && { lastEventId }) });
  }

  function processLine(line: string): void {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return handlers.onComment?.(line.slice(1).trimStart());
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        data.push(value);
        break;
      case 'event':
        event = value;
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        // Unknown fields are ignored (spec), so the server can add some without breaking us.
        break;
    }
  }

  return {
    push(chunk) {
      let text = chunk;
      if (skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
      if (text !== '') skipLeadingLf = false;
      if (atStart && text !== '') {
        atStart = false;
        if (text.startsWith('\uFEFF')) text = text.slice(1);
      }
      buffer += text;
      for (;;) {
        const end = buffer.search(/[\r\n]/);
        if (end === -1) break;
        const line = buffer.slice(0, end);
        let next = end + 1;
        if (buffer[end] === '\r') {
          if (end + 1 === buffer.length) skipLeadingLf = true;
          else if (buffer[end + 1] === '\n') next = end + 2;
        }
        buffer = buffer.slice(next);
        processLine(line);
      }
    },
    end() {
      buffer = '';
      data = [];
      event = '';
    },
  };
}

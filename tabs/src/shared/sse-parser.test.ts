import { createSseParser } from './sse-parser';
import type { SseMessage } from './sse-parser';

function parse(chunks: string[]) {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({ onMessage: (m) => messages.push(m), onComment: (c) => comments.push(c), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { messages, comments, retries };
}

const change = '{"kind":"list","listId":"l1","by":"Bob"}';

describe('SSE parser', () => {
  it('dispatches a data line at the blank line that ends the event', () => {
    expect(parse([`data: ${change}\n\n`]).messages).toEqual([{ event: 'message', data: change }]);
  });

  it('reports `: ping` comments without dispatching anything', () => {
    const { messages, comments } = parse([': ping\n\n', `data: ${change}\n\n`, ':ping\n\n']);

    expect(comments).toEqual(['ping', 'ping']);
    expect(messages).toHaveLength(1);
  });

  it('reassembles lines split across chunks, even inside a CRLF pair', () => {
    const { messages } = parse(['da', 'ta: {"kind":', '"lists"}\r', '\n\r', '\ndata: x\r\r']);

    expect(messages.map((m) => m.data)).toEqual(['{"kind":"lists"}', 'x']);
  });

  it('joins several data lines with newlines and keeps the event name and last id', () => {
    const { messages } = parse(['event: lists\nid: 7\ndata: a\ndata:b\ndata\n\n']);

    expect(messages).toEqual([{ event: 'lists', data: 'a\nb\n', lastEventId: '7' }]);
  });

  it('strips only one space after the colon, and a byte order mark at the very start', () => {
    const { messages } = parse(['\uFEFFdata:  two spaces\n\n']);

    expect(messages[0]?.data).toBe(' two spaces');
  });

  it('ignores events without data, unknown fields, and an event cut off by the end of the stream', () => {
    const { messages } = parse(['event: lists\n\n', 'foo: bar\ndata: kept\n\n', 'data: cut off\n']);

    expect(messages.map((m) => m.data)).toEqual(['kept']);
  });

  it('passes on a numeric retry and ignores a malformed one', () => {
    expect(parse(['retry: 5000\nretry: soon\n\n']).retries).toEqual([5000]);
  });
});

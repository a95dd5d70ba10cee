/** Listens to one of the tab API's event streams while the component is mounted (see event-stream.ts). */
import { useEffect, useEffectEvent } from 'react';
import type { z } from 'zod/v4';
import type { ApiClient, Query } from './api-client';
import { watchEvents } from './event-stream';

export function useEventStream<S extends z.ZodType>(
  api: ApiClient,
  stream: { path: string; query: Query; schema: S; label: string },
  onEvent: (event: z.output<S>) => void,
  onReconnect: () => void,
): void {
  // Effect Events: the stream opened once calls the latest handlers, which see the latest state.
  const handleEvent = useEffectEvent(onEvent);
  const handleReconnect = useEffectEvent(onReconnect);
  const { path, query, schema, label } = stream;
  // The query by value: a new object with the same contents keeps the stream open.
  const queryKey = new URLSearchParams(query).toString();

  useEffect(() => {
    const controller = new AbortController();
    void watchEvents({
      api,
      path,
      query: Object.fromEntries(new URLSearchParams(queryKey)),
      schema,
      label,
      signal: controller.signal,
      onEvent: (event) => handleEvent(event),
      onReconnect: () => handleReconnect(),
    });
    return () => controller.abort();
  }, [api, path, queryKey, schema, label]);
}

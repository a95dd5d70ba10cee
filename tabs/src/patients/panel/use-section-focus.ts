/**
 * A panel section the panel was opened for (a link to the patient's messages, a row's "Visits and
 * bedside link"): once its content is in (the drawer has taken focus on opening by then), it scrolls
 * into view and takes focus, so the reader lands on it.
 */
import { useEffect, useRef } from 'react';

export function useSectionFocus(focus: boolean, loaded: boolean) {
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focus || !loaded) return;
    section.current?.scrollIntoView?.({ block: 'start' });
    section.current?.focus();
  }, [focus, loaded]);
  return section;
}

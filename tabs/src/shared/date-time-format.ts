/**
 * One Intl.DateTimeFormat per locale and options. Building one is far dearer than formatting with it
 * (the browser loads the locale's patterns each time), and a page formats many times each render: a
 * ward list has a few times per patient.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([locale ?? null, options]);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * Saves text as a file. The export route needs the bearer token, so a plain link cannot fetch it:
 * the page fetches it through the api-client and hands the browser a Blob to save.
 */

/** "Ward 7 / nights" → "Ward 7 - nights.csv": characters Windows and macOS refuse in names are replaced. */
export function csvFileName(listName: string): string {
  const safe = listName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim();
  return `${safe || 'rounding-list'}.csv`;
}

export function downloadText(text: string, fileName: string, type: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoking synchronously can cancel the download in some browsers; a tick later is enough.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

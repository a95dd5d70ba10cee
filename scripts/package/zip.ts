import JSZip from 'jszip';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

// A fixed timestamp makes the same inputs produce a byte-identical package, so rebuilding is harmless
// and two packages can be compared by hash.
const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

export async function buildZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const entry of entries) zip.file(entry.name, entry.data, { date: FIXED_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/**
 * Packs book files into an EPUB container (OCF 3.2,
 * https://www.w3.org/publishing/epub32/epub-ocf.html) with JSZip: the
 * `mimetype` file first and stored uncompressed, `META-INF/container.xml`
 * pointing at `EPUB/package.opf`, every other file deflated. File dates are
 * fixed to `date` so equal input gives byte-equal output.
 */
import JSZip from 'jszip';
import type { BookFile } from './book';

/** Folder of the package document and every content file inside the container. */
export const CONTENT_DIR = 'EPUB';

const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="${CONTENT_DIR}/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

/**
 * @param files output of `bookFiles` (must include `package.opf`)
 * @param date timestamp written on every entry (default: 2000-01-01 UTC)
 * @returns the .epub file's bytes
 * @throws Error when `package.opf` is missing
 */
export async function packEpub(files: readonly BookFile[], date = new Date(Date.UTC(2000, 0, 1))): Promise<Uint8Array> {
  if (!files.some((f) => f.path === 'package.opf')) throw new Error('packEpub: no package.opf among the files');
  const zip = new JSZip();
  // No folder entries (JSZip would date them now): equal input, equal bytes.
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE', date, createFolders: false });
  zip.file('META-INF/container.xml', CONTAINER_XML, { date, createFolders: false });
  for (const f of files) zip.file(`${CONTENT_DIR}/${f.path}`, f.data, { date, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 }, mimeType: 'application/epub+zip' });
}

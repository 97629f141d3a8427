/**
 * Where the compressed picture is inside a baseline/progressive JPEG file
 * (ITU-T T.81 | ISO/IEC 10918-1, annex B): everything before the first SOS
 * segment's header is markers and tables (SOI, APPn, DQT, SOF, DHT, …),
 * everything after it up to EOI is entropy-coded data (with byte stuffing and
 * restart markers; in progressive files, further scans and tables). For a tiny
 * image those headers are most of the file, so a fair size comparison counts
 * the payload too. Pure function, no DOM.
 */

/** The parts of a JPEG file, in bytes. */
export interface JpegParts {
  /** Whole file. */
  total: number;
  /** From the start of the file to the end of the first SOS segment header. */
  header: number;
  /** Bytes after the first SOS header and before EOI (entropy-coded data, plus any later scans' markers). */
  payload: number;
  /** The EOI marker (2 bytes). */
  trailer: number;
  /** Number of SOS markers (1 for baseline). */
  scans: number;
}

/**
 * Split a JPEG file into header, entropy-coded payload and trailer.
 * @param bytes the file
 * @throws Error when the file does not start with SOI, a segment is truncated,
 *   there is no SOS, or no EOI follows
 */
export function jpegParts(bytes: Uint8Array): JpegParts {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG file (no SOI marker)');
  let at = 2;
  let headerEnd = -1;
  while (at < n) {
    if (bytes[at] !== 0xff) throw new Error(`expected a marker at byte ${at}`);
    let marker = bytes[at + 1]!;
    while (marker === 0xff && at + 2 < n) marker = bytes[++at + 1]!; // fill bytes
    at += 2;
    if (marker === 0xd9) throw new Error('EOI before any SOS: no image data');
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // TEM, RSTn: no length
    if (at + 2 > n) throw new Error('truncated segment length');
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (length < 2 || at + length > n) throw new Error(`segment 0xFF${marker.toString(16).toUpperCase()} runs past the end of the file`);
    at += length;
    if (marker === 0xda) {
      headerEnd = at;
      break;
    }
  }
  if (headerEnd < 0) throw new Error('no SOS marker');
  // Scan for EOI: in entropy-coded data 0xFF is followed by 0x00 (stuffing) or RSTn; other markers start later scans.
  let scans = 1;
  let eoi = -1;
  for (let i = headerEnd; i + 1 < n; i++) {
    if (bytes[i] !== 0xff) continue;
    const m = bytes[i + 1]!;
    if (m === 0xd9) {
      eoi = i;
      break;
    }
    if (m === 0xda) scans++;
  }
  if (eoi < 0) throw new Error('no EOI marker after the image data');
  return { total: n, header: headerEnd, payload: eoi - headerEnd, trailer: n - eoi, scans };
}

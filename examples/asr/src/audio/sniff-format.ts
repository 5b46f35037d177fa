/** What the first bytes of a file say it is. */
export type AudioFormat = 'wav' | 'flac' | 'ogg' | 'mp3' | 'mp4' | 'webm' | 'aiff' | 'unknown';

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

/** Recognises common audio containers by their magic bytes (the file name or URL may lie). */
export function sniffAudioFormat(bytes: Uint8Array): AudioFormat {
  const head = ascii(bytes, 0, 4);
  if ((head === 'RIFF' || head === 'RIFX' || head === 'RF64') && ascii(bytes, 8, 4) === 'WAVE')
    return 'wav';
  if (head === 'fLaC') return 'flac';
  if (head === 'OggS') return 'ogg';
  if (head.startsWith('ID3') || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0))
    return 'mp3';
  if (ascii(bytes, 4, 4) === 'ftyp') return 'mp4';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return 'webm';
  if (head === 'FORM' && ['AIFF', 'AIFC'].includes(ascii(bytes, 8, 4))) return 'aiff';
  return 'unknown';
}

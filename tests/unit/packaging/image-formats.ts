/**
 * Readers for the icon formats build/make-icons.ts writes, kept independent of it so the tests do not
 * grade the encoder with its own code: CRCs are checked with node:zlib's crc32, not the script's.
 */
import { crc32, inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlace: number;
}

export interface DecodedPng extends PngHeader {
  readonly data: Uint8Array;
}

interface Chunk {
  readonly type: string;
  readonly data: Buffer;
}

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

function readChunks(bytes: Buffer): Chunk[] {
  if (!isPng(bytes)) throw new Error('not a PNG: bad signature');
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== bytes.readUInt32BE(offset + 8 + length))
      throw new Error('PNG chunk CRC mismatch');
    chunks.push({ type: typeAndData.toString('latin1', 0, 4), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  return chunks;
}

/** The IHDR fields; IHDR must be the first chunk. */
export function readPngHeader(bytes: Buffer): PngHeader {
  const first = readChunks(bytes)[0];
  if (first?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  const ihdr = first.data;
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr.readUInt8(8),
    colorType: ihdr.readUInt8(9),
    interlace: ihdr.readUInt8(12),
  };
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const dl = Math.abs(estimate - left);
  const du = Math.abs(estimate - up);
  const dul = Math.abs(estimate - upLeft);
  if (dl <= du && dl <= dul) return left;
  return du <= dul ? up : upLeft;
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  if (filter === 0) return 0;
  if (filter === 1) return left;
  if (filter === 2) return up;
  if (filter === 3) return (left + up) >> 1;
  if (filter === 4) return paeth(left, up, upLeft);
  throw new Error(`unknown PNG filter type ${filter}`);
}

function unfilter(raw: Buffer, width: number, height: number): Uint8Array {
  const stride = width * 4;
  if (raw.length !== height * (stride + 1)) throw new Error('PNG image data has the wrong length');
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    for (let i = 0; i < stride; i++) {
      const at = y * stride + i;
      const left = i >= 4 ? (out[at - 4] as number) : 0;
      const up = y > 0 ? (out[at - stride] as number) : 0;
      const upLeft = i >= 4 && y > 0 ? (out[at - stride - 4] as number) : 0;
      out[at] = ((raw[y * (stride + 1) + 1 + i] as number) + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

/** Decodes the only kind of PNG the script writes: 8-bit RGBA, not interlaced. */
export function decodeRgbaPng(bytes: Buffer): DecodedPng {
  const header = readPngHeader(bytes);
  if (header.bitDepth !== 8 || header.colorType !== 6 || header.interlace !== 0) {
    throw new Error('only 8-bit, non-interlaced RGBA PNGs are supported');
  }
  const chunks = readChunks(bytes);
  if (chunks.at(-1)?.type !== 'IEND') throw new Error('PNG does not end with IEND');
  const compressed = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  return { ...header, data: unfilter(inflateSync(compressed), header.width, header.height) };
}

export interface IcoImage {
  readonly width: number;
  readonly height: number;
  readonly bitsPerPixel: number;
  readonly bytes: Buffer;
}

/** The images of a .ico file, from its directory (a 0 in the size bytes means 256). */
export function readIco(bytes: Buffer): IcoImage[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const size = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    if (offset + size > bytes.length) throw new Error(`ICO entry ${i} runs past the end of the file`);
    return {
      width: bytes.readUInt8(entry) || 256,
      height: bytes.readUInt8(entry + 1) || 256,
      bitsPerPixel: bytes.readUInt16LE(entry + 6),
      bytes: bytes.subarray(offset, offset + size),
    };
  });
}

export interface IcnsElement {
  readonly type: string;
  readonly data: Buffer;
}

/** The elements of a .icns file; throws unless the lengths add up to exactly the file. */
export function readIcns(bytes: Buffer): IcnsElement[] {
  if (bytes.toString('latin1', 0, 4) !== 'icns') throw new Error("not an ICNS file: no 'icns' magic");
  if (bytes.readUInt32BE(4) !== bytes.length)
    throw new Error('ICNS length field does not match the file size');
  const elements: IcnsElement[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset + 4);
    if (length < 8 || offset + length > bytes.length) throw new Error(`bad ICNS element length at ${offset}`);
    elements.push({
      type: bytes.toString('latin1', offset, offset + 4),
      data: bytes.subarray(offset + 8, offset + length),
    });
    offset += length;
  }
  return elements;
}

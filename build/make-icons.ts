/**
 * Draws the Rapport app icon and writes every file electron-builder reads from build/:
 *   icon.png (1024), icons/NxN.png (the Linux set), icon.ico (Windows), icon.icns (macOS).
 *
 * Run with `node build/make-icons.ts` and commit the outputs. The icon is geometry (signed distance
 * functions, antialiased analytically), so each size is drawn natively instead of downscaled, and the
 * encoders are written by hand so this needs no image tooling and no dependency: only node: built-ins.
 *
 * The design: a rounded square in brand blue, a white speech bubble, and a blue "R" inside it from
 * 32 px up (below that the letter would be a smudge, and the bubble alone reads better).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/** Straight (not premultiplied) RGBA, 8 bits per channel, rows top to bottom. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

type Point = readonly [number, number];
type Rgb = readonly [number, number, number];

/** The sizes of the Linux icon set (build/icons/NxN.png). */
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;
/** The sizes inside icon.ico; Windows picks the nearest, and electron-builder requires 256. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** ICNS element types and the pixel size each holds (the *@2x* types reuse a larger image). */
export const ICNS_ENTRIES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
] as const satisfies readonly (readonly [string, number])[];

const BLUE_TOP: Rgb = [59, 130, 246];
const BLUE_BOTTOM: Rgb = [29, 78, 216];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
/** Below this size the "R" is left out. */
const LETTER_MIN_SIZE = 32;

// ---------------------------------------------------------------------------------------------------
// Geometry: signed distances in unit coordinates (the canvas is [0,1]², y down); negative is inside.

function length(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}

function roundedBox(p: Point, center: Point, half: Point, radius: number): number {
  const qx = Math.abs(p[0] - center[0]) - half[0] + radius;
  const qy = Math.abs(p[1] - center[1]) - half[1] + radius;
  return length(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** A stroke from a to b with round caps, `halfWidth` either side of the centre line. */
function capsule(p: Point, a: Point, b: Point, halfWidth: number): number {
  const px = p[0] - a[0];
  const py = p[1] - a[1];
  const bx = b[0] - a[0];
  const by = b[1] - a[1];
  const t = Math.min(Math.max((px * bx + py * by) / (bx * bx + by * by), 0), 1);
  return length(px - bx * t, py - by * t) - halfWidth;
}

/** The right half of a ring (the bowl of the R), with round ends. */
function rightHalfRing(p: Point, center: Point, radius: number, halfWidth: number): number {
  const dx = p[0] - center[0];
  const dy = p[1] - center[1];
  if (dx >= 0) return Math.abs(length(dx, dy) - radius) - halfWidth;
  const toEnd = Math.min(length(dx, dy - radius), length(dx, dy + radius));
  return toEnd - halfWidth;
}

/** Exact distance to a triangle (after Inigo Quilez's polygon SDF). */
function triangle(p: Point, vertices: readonly [Point, Point, Point]): number {
  let best = Infinity;
  let sign = 1;
  for (let i = 0; i < 3; i++) {
    const a = vertices[i] as Point;
    const b = vertices[(i + 2) % 3] as Point;
    const ex = b[0] - a[0];
    const ey = b[1] - a[1];
    const wx = p[0] - a[0];
    const wy = p[1] - a[1];
    const t = Math.min(Math.max((wx * ex + wy * ey) / (ex * ex + ey * ey), 0), 1);
    best = Math.min(best, length(wx - ex * t, wy - ey * t));
    const c1 = p[1] >= a[1];
    const c2 = p[1] < b[1];
    const c3 = ex * wy > ey * wx;
    if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) sign = -sign;
  }
  return sign * best;
}

const background = (p: Point): number => roundedBox(p, [0.5, 0.5], [0.43, 0.43], 0.2);

/** The bubble's tail: two corners tucked into the body's bottom left, one tip pointing down. */
const TAIL: readonly [Point, Point, Point] = [
  [0.31, 0.6],
  [0.28, 0.765],
  [0.45, 0.64],
];

function bubble(p: Point): number {
  const body = roundedBox(p, [0.5, 0.45], [0.27, 0.2], 0.1);
  // Offsetting the tail by a little rounds its tip.
  return Math.min(body, triangle(p, TAIL) - 0.012);
}

function letterR(p: Point): number {
  const w = 0.028;
  const top = 0.33 + w;
  const bottom = 0.57 - w;
  const middle = 0.46;
  const stemX = 0.43;
  const bowlX = 0.5;
  const bowlRadius = (middle - top) / 2;
  return Math.min(
    capsule(p, [stemX, top], [stemX, bottom], w),
    capsule(p, [stemX, top], [bowlX, top], w),
    capsule(p, [stemX, middle], [bowlX, middle], w),
    rightHalfRing(p, [bowlX, top + bowlRadius], bowlRadius, w),
    capsule(p, [0.49, middle], [0.575, bottom], w),
  );
}

// ---------------------------------------------------------------------------------------------------
// Rasterising: one signed distance per layer and pixel, turned into coverage over one pixel's width.

/** Premultiplied RGBA accumulator in 0..1. */
type Pixel = [number, number, number, number];

function coverage(distance: number, size: number): number {
  return Math.min(Math.max(0.5 - distance * size, 0), 1);
}

function over(pixel: Pixel, color: Rgb, alpha: number): void {
  const keep = 1 - alpha;
  pixel[0] = (color[0] / 255) * alpha + pixel[0] * keep;
  pixel[1] = (color[1] / 255) * alpha + pixel[1] * keep;
  pixel[2] = (color[2] / 255) * alpha + pixel[2] * keep;
  pixel[3] = alpha + pixel[3] * keep;
}

function gradient(y: number): Rgb {
  const t = Math.min(Math.max((y - 0.07) / 0.86, 0), 1);
  const mix = (i: 0 | 1 | 2): number => BLUE_TOP[i] + (BLUE_BOTTOM[i] - BLUE_TOP[i]) * t;
  return [mix(0), mix(1), mix(2)];
}

function shadePixel(p: Point, size: number): Pixel {
  const pixel: Pixel = [0, 0, 0, 0];
  const inBackground = coverage(background(p), size);
  if (inBackground === 0) return pixel;
  over(pixel, gradient(p[1]), inBackground);
  // A soft drop shadow: the bubble's distance, shifted down, spread over a fixed width.
  const shadowDistance = bubble([p[0], p[1] - 0.014]);
  const shadow = Math.min(Math.max(0.5 - shadowDistance / 0.03, 0), 1) * 0.22;
  over(pixel, BLACK, shadow * inBackground);
  over(pixel, WHITE, coverage(bubble(p), size));
  if (size >= LETTER_MIN_SIZE) over(pixel, BLUE_BOTTOM, coverage(letterR(p), size));
  return pixel;
}

function toByte(value: number): number {
  return Math.min(Math.max(Math.round(value * 255), 0), 255);
}

/** Draws the icon at `size`×`size`. Pure and deterministic: same size, same bytes. */
export function renderIcon(size: number): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = shadePixel([(x + 0.5) / size, (y + 0.5) / size], size);
      const offset = (y * size + x) * 4;
      // Un-premultiply for PNG, which stores straight alpha.
      data[offset] = a === 0 ? 0 : toByte(r / a);
      data[offset + 1] = a === 0 ? 0 : toByte(g / a);
      data[offset + 2] = a === 0 ? 0 : toByte(b / a);
      data[offset + 3] = toByte(a);
    }
  }
  return { width: size, height: size, data };
}

// ---------------------------------------------------------------------------------------------------
// PNG: signature, IHDR, one IDAT (zlib stream of filtered scanlines), IEND; each chunk CRC-32'd.

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO-HDLC, the one PNG uses). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(typeAndData.length + 8);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), typeAndData.length + 4);
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const dl = Math.abs(estimate - left);
  const du = Math.abs(estimate - up);
  const dul = Math.abs(estimate - upLeft);
  if (dl <= du && dl <= dul) return left;
  return du <= dul ? up : upLeft;
}

/** Applies PNG filter `type` (0 None … 4 Paeth) to one scanline of 4-byte pixels. */
function filterRow(type: number, row: Uint8Array, previous: Uint8Array): Uint8Array {
  const out = new Uint8Array(row.length);
  for (let i = 0; i < row.length; i++) {
    const left = i >= 4 ? (row[i - 4] as number) : 0;
    const up = previous[i] as number;
    const upLeft = i >= 4 ? (previous[i - 4] as number) : 0;
    const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type] as number;
    out[i] = ((row[i] as number) - predictor) & 0xff;
  }
  return out;
}

/** The usual heuristic: the filter whose output, read as signed bytes, sums smallest. */
function bestFilteredRow(row: Uint8Array, previous: Uint8Array): Uint8Array {
  let best: Uint8Array = row;
  let bestType = 0;
  let bestScore = Infinity;
  for (let type = 0; type <= 4; type++) {
    const filtered = filterRow(type, row, previous);
    const score = filtered.reduce((sum, byte) => sum + (byte < 128 ? byte : 256 - byte), 0);
    if (score < bestScore) [best, bestType, bestScore] = [filtered, type, score];
  }
  const out = new Uint8Array(best.length + 1);
  out[0] = bestType;
  out.set(best, 1);
  return out;
}

/** Encodes 8-bit RGBA as a PNG (colour type 6, no interlacing). */
export function encodePng(image: RgbaImage): Buffer {
  const stride = image.width * 4;
  const rows: Uint8Array[] = [];
  let previous: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < image.height; y++) {
    const row = image.data.subarray(y * stride, (y + 1) * stride);
    rows.push(bestFilteredRow(row, previous));
    previous = row;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth, RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------------
// ICO and ICNS: containers of PNGs. PNG entries in ICO need Windows Vista or later, which Electron
// requires anyway; ICNS has held PNG since macOS 10.7.

export interface SizedPng {
  readonly size: number;
  readonly png: Buffer;
}

/** ICONDIR, one 16-byte ICONDIRENTRY per image (0 means 256), then the PNGs back to back. */
export function encodeIco(images: readonly SizedPng[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

export interface IcnsElement {
  readonly type: string;
  readonly png: Buffer;
}

/** 'icns' + total length, then elements of 4-byte type + length (header included) + data; big-endian. */
export function encodeIcns(elements: readonly IcnsElement[]): Buffer {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// ---------------------------------------------------------------------------------------------------
// Output

/** Every file this script writes, by path relative to build/. */
export function buildIconFiles(): Map<string, Buffer> {
  const pngs = new Map<number, Buffer>();
  const pngOf = (size: number): Buffer => {
    const cached = pngs.get(size);
    if (cached !== undefined) return cached;
    const png = encodePng(renderIcon(size));
    pngs.set(size, png);
    return png;
  };
  const files = new Map<string, Buffer>();
  files.set('icon.png', pngOf(1024));
  for (const size of LINUX_SIZES) files.set(join('icons', `${size}x${size}.png`), pngOf(size));
  files.set('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: pngOf(size) }))));
  files.set('icon.icns', encodeIcns(ICNS_ENTRIES.map(([type, size]) => ({ type, png: pngOf(size) }))));
  return files;
}

function writeIcons(buildDir: string): void {
  for (const [relative, bytes] of buildIconFiles()) {
    const target = join(buildDir, relative);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, bytes);
    console.log(`wrote build/${relative} (${bytes.length} bytes)`);
  }
}

// Only when run as a script: tests import this module for its pure functions.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeIcons(import.meta.dirname);
}

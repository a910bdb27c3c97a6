import { parseHead, propertyHead, startsProperty, type RawProperty } from './vcard-text.ts';

/** One card as read from the file: its properties, values still bytes. */
export interface RawCard {
  /** 1-based line of its BEGIN:VCARD. */
  line: number;
  properties: RawProperty[];
  /** False when the file ended (or the next card began) before END:VCARD. */
  terminated: boolean;
  /** A value was longer than {@link maxValueBytes} and was cut. */
  truncatedValue: boolean;
}

/** The longest value kept (photos are skipped whatever their size); a longer one is cut, with a problem. */
export const maxValueBytes = 1024 * 1024;

/** Properties that hold pictures, sounds or keys: never imported, skipped without reading them. */
const binaryProperties = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY', 'X-MS-CARDPICTURE', 'AGENT']);

interface OpenProperty {
  head: Omit<RawProperty, 'value'>;
  chunks: Buffer[];
  size: number;
  skipped: boolean;
  /** A quoted-printable value whose last line ended in `=`: the next line continues it, whatever it holds. */
  softBreak: boolean;
  /** A blank line came after such a soft break (some writers put one there; others end the value so). */
  blankAfterSoftBreak: boolean;
}

/**
 * Groups the lines of a vCard file into cards and their properties, unfolding as each version and the
 * real writers need: folded lines (a leading space or tab), quoted-printable soft breaks (`=` at the end;
 * the next line is data even when it starts with a space or `#`), 2.1 base64 blocks that end at a blank
 * line, `#` comment lines, and blank lines anywhere. A card cut off by the end of the file is still
 * returned, marked as not terminated.
 */
export class CardAssembler {
  private card: RawCard | undefined;
  private open: OpenProperty | undefined;

  /** Feeds one line (without its line end); returns the card it completed, if any. */
  push(bytes: Buffer, line: number): RawCard | undefined {
    if (this.card === undefined) {
      if (isBegin(bytes)) this.card = { line, properties: [], terminated: false, truncatedValue: false };
      return undefined;
    }
    const open = this.open;
    if (open?.softBreak === true && this.continuesSoftBreak(open, bytes)) return undefined;
    if (bytes.length === 0) {
      if (open?.head.encoding === 'base64') this.close();
      return undefined;
    }
    const first = bytes[0];
    if (first === 0x20 || first === 0x09) {
      if (open !== undefined) this.append(open, bytes.subarray(1));
      return undefined;
    }
    if (isEnd(bytes)) return this.finish(true);
    if (isBegin(bytes)) {
      const cut = this.finish(false);
      this.card = { line, properties: [], terminated: false, truncatedValue: false };
      return cut;
    }
    if (first === 0x23) return undefined;
    const found = propertyHead(bytes);
    if (found === undefined) return undefined; // base64 without folding, or junk: neither is data we keep
    this.close();
    const head = parseHead(found.head, line);
    const skipped = binaryProperties.has(head.name) || head.encoding === 'base64';
    const opened: OpenProperty = {
      head,
      chunks: [],
      size: 0,
      skipped,
      softBreak: false,
      blankAfterSoftBreak: false,
    };
    this.open = opened;
    this.append(opened, bytes.subarray(found.valueStart));
    return undefined;
  }

  /** Ends the input: a card still open is returned as not terminated. */
  end(): RawCard | undefined {
    return this.card === undefined ? undefined : this.finish(false);
  }

  private continuesSoftBreak(open: OpenProperty, bytes: Buffer): boolean {
    if (bytes.length === 0) {
      open.blankAfterSoftBreak = true;
      return true;
    }
    // END:VCARD is never data; after a blank line, neither is a line that starts a property.
    if (isEnd(bytes) || isBegin(bytes)) return false;
    if (open.blankAfterSoftBreak && startsProperty(bytes)) return false;
    open.blankAfterSoftBreak = false;
    this.append(open, bytes);
    return true;
  }

  private append(open: OpenProperty, bytes: Buffer): void {
    if (open.head.encoding === 'quoted-printable') {
      const last = open.chunks.at(-1);
      if (open.softBreak && last !== undefined) open.chunks[open.chunks.length - 1] = last.subarray(0, -1);
      open.softBreak = bytes.at(-1) === 0x3d;
    }
    if (open.skipped) return;
    if (open.size + bytes.length > maxValueBytes) {
      if (this.card) this.card.truncatedValue = true;
      return;
    }
    open.chunks.push(bytes);
    open.size += bytes.length;
  }

  private close(): void {
    const open = this.open;
    this.open = undefined;
    if (open === undefined || open.skipped || this.card === undefined) return;
    const last = open.chunks.at(-1);
    if (open.softBreak && last !== undefined) open.chunks[open.chunks.length - 1] = last.subarray(0, -1);
    this.card.properties.push({ ...open.head, value: Buffer.concat(open.chunks) });
  }

  private finish(terminated: boolean): RawCard | undefined {
    this.close();
    const card = this.card;
    this.card = undefined;
    if (card !== undefined) card.terminated = terminated;
    return card;
  }
}

function isBegin(bytes: Buffer): boolean {
  return /^(\uFEFF|\u00EF\u00BB\u00BF)?\s*BEGIN:VCARD\s*$/i.test(
    bytes.toString('latin1', 0, Math.min(bytes.length, 40)),
  );
}

function isEnd(bytes: Buffer): boolean {
  return bytes.length < 40 && /^END:VCARD\s*$/i.test(bytes.toString('latin1'));
}

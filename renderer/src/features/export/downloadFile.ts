import type { ApiClient } from '../../../../shared/api/client.ts';

/** Bytes asked for per `files.download` call. */
const DOWNLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Fetches a file the backend made (an export, the rejected rows of an import) a chunk at a time and hands
 * it to the browser as a download: the browser preview saves it to Downloads, the desktop app asks where.
 */
export async function downloadFile(api: ApiClient, fileId: string): Promise<{ name: string; size: number }> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await api.call('files.download', { fileId, offset, length: DOWNLOAD_CHUNK_BYTES });
    const bytes = bytesOf(chunk.data);
    parts.push(bytes);
    offset += bytes.length;
    // A chunk that brings nothing new ends the loop too, so a file shrinking meanwhile cannot spin it.
    if (chunk.done || bytes.length === 0) {
      saveAs(new Blob(parts, { type: mimeTypeOf(chunk.name) }), chunk.name);
      return { name: chunk.name, size: offset };
    }
  }
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function saveAs(blob: Blob, name: string): void {
  // jsdom (the component tests) has no object URLs; there is nothing to save the file to there anyway.
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; a minute is ample for the save dialog to take it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const mimeTypes: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: 'text/vcard',
  json: 'application/json',
};

function mimeTypeOf(name: string): string {
  return mimeTypes[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

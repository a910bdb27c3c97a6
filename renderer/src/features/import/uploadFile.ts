import type { ApiClient } from '../../../../shared/api/client.ts';
import type { MethodOutput } from '../../../../shared/api/contract.ts';

/**
 * Bytes sent per `files.upload` call. The contract takes chunks of up to 1 000 000 base64 characters, so
 * every transport carries them (the browser preview refuses requests over 1 MB, cli/preview); base64
 * adds a third, so 512 KB fits and moves the progress bar often.
 */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

/**
 * Sends a file the user chose to the backend's staging area a chunk at a time, saying how many bytes are
 * sent after each one. The file never leaves as a path: the backend only ever sees its bytes and name.
 */
export async function uploadFile(
  api: ApiClient,
  file: Blob & { name: string },
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<MethodOutput<'files.upload'>> {
  let fileId: string | undefined;
  let offset = 0;
  for (;;) {
    signal?.throwIfAborted();
    const chunk = file.slice(offset, offset + UPLOAD_CHUNK_BYTES);
    const done = offset + chunk.size >= file.size;
    const result = await api.call('files.upload', {
      ...(fileId === undefined ? {} : { fileId }),
      name: file.name,
      offset,
      data: await base64Of(chunk),
      done,
    });
    fileId = result.fileId;
    offset += chunk.size;
    onProgress(offset);
    if (done) return result;
  }
}

/** A blob's bytes as base64, by the browser's own encoder (a data: URL), not a loop over characters. */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

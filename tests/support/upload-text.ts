import type { ApiClient } from '../../shared/api/client.ts';

/** Uploads a small file the test wrote as text (UTF-8), as the UI uploads a chosen file; returns its id. */
export async function uploadText(api: ApiClient, name: string, text: string): Promise<string> {
  const uploaded = await api.call('files.upload', {
    name,
    offset: 0,
    data: Buffer.from(text, 'utf8').toString('base64'),
    done: true,
  });
  return uploaded.fileId;
}

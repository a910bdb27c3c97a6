import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/*
 * Real storage failures for tests, made with the kernel rather than mocks. The tests run as root, and
 * root ignores file modes, so modes cannot make a file read-only: an immutable file (chattr +i) gives a
 * real EPERM, a read-only bind mount a real EROFS, and a small tmpfs a real ENOSPC. Everything is undone
 * after each test, whatever happened.
 */

export interface StorageFaults {
  /** A fresh folder on a tmpfs of `sizeKiB`: a disk that really fills up. */
  smallDisk(sizeKiB: number): string;
  /** Fills the disk holding `folder` until the kernel says ENOSPC; returns the filler file. */
  fillDisk(folder: string): string;
  /** Makes `file` immutable: nobody, root included, may write, rename or delete it. */
  makeImmutable(file: string): void;
  /** Mounts `folder` over itself read-only: nothing in it can be created or written. Returns the undo. */
  mountReadOnly(folder: string): () => void;
}

export function useStorageFaults(): StorageFaults {
  const undo: (() => void)[] = [];
  afterEach(() => {
    for (const step of undo.splice(0).reverse()) step();
  });
  return {
    smallDisk(sizeKiB) {
      const mountPoint = mkdtempSync(join(tmpdir(), 'rapport-disk-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', mountPoint]);
      undo.push(() => {
        execFileSync('umount', [mountPoint]);
        rmSync(mountPoint, { recursive: true, force: true });
      });
      const folder = join(mountPoint, 'data');
      mkdirSync(folder);
      return folder;
    },
    fillDisk(folder) {
      const filler = join(folder, '..', 'filler');
      const chunk = Buffer.alloc(64 * 1024, 1);
      for (;;) {
        try {
          writeFileSync(filler, chunk, { flag: 'a' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
      // The last chunk may not fit whole, but a few bytes may: take those too.
      for (const size of [4096, 512, 1]) {
        try {
          for (;;) writeFileSync(filler, Buffer.alloc(size, 1), { flag: 'a' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        }
      }
      return filler;
    },
    makeImmutable(file) {
      execFileSync('chattr', ['+i', file]);
      undo.push(() => execFileSync('chattr', ['-i', file]));
    },
    mountReadOnly(folder) {
      execFileSync('mount', ['--bind', folder, folder]);
      let mounted = true;
      const unmount = () => {
        if (mounted) execFileSync('umount', [folder]);
        mounted = false;
      };
      undo.push(unmount);
      execFileSync('mount', ['-o', 'remount,bind,ro', folder]);
      return unmount;
    },
  };
}

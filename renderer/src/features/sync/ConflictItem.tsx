import type { SyncConflict } from '../../../../shared/domain/sync.ts';
import { DeletedEdited } from './DeletedEdited.tsx';
import { TextConflict } from './TextConflict.tsx';

/** One conflict to settle, by its kind. */
export function ConflictItem({ conflict }: { conflict: SyncConflict }) {
  return conflict.kind === 'deleted' ? (
    <DeletedEdited conflict={conflict} />
  ) : (
    <TextConflict conflict={conflict} />
  );
}

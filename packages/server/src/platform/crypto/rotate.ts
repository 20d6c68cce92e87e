import type { Db } from '../db/database.js';
import type { Keyring } from './keyring.js';

export interface RotationResult {
  readonly previousMasterKeyId: string;
  readonly currentMasterKeyId: string;
  readonly dataKeysRewrapped: number;
}

/**
 * Master key rotation: a new master key becomes current and every data key is re-wrapped under it in one
 * transaction. Personal data is not re-encrypted (its data keys do not change), so readers never stop: a running
 * server keeps its unwrapped data keys in memory and reloads the key file when it meets a new master key id.
 */
export async function rotateMasterKey(db: Db, keyring: Keyring, newOperatorKey?: string): Promise<RotationResult> {
  const rows = await db.selectFrom('data_keys').selectAll().execute();
  const plain = rows.map((row) => ({ id: row.id, key: keyring.unwrap(row.master_key_id, row.wrapped_key) }));
  const { previousId, currentId } = keyring.addNewCurrentKey(newOperatorKey);
  await db.transaction().execute(async (tx) => {
    for (const { id, key } of plain) {
      const { masterKeyId, wrapped } = keyring.wrap(key);
      await tx
        .updateTable('data_keys')
        .set({ master_key_id: masterKeyId, wrapped_key: wrapped })
        .where('id', '=', id)
        .execute();
    }
  });
  return { previousMasterKeyId: previousId, currentMasterKeyId: currentId, dataKeysRewrapped: rows.length };
}

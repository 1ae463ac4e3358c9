import type { CommandRun } from '../../cli/kit/command.js';
import { encryptionPublicKey } from '../../keys/profile-keys.js';
import { encryptField } from '../../protocol/field-crypto.js';

export const run: CommandRun = async (ctx, { args }) => {
  const key = await encryptionPublicKey(await ctx.profile());
  const ciphertext = encryptField(args[0] ?? '', key);
  return { json: { ciphertext }, render: (out) => out.print(ciphertext) };
};

import type { CommandRun } from '../../cli/kit/command.js';
import { merchantPrivateKey } from '../../keys/profile-keys.js';
import { decryptField } from '../../protocol/field-crypto.js';

export const run: CommandRun = async (ctx, { args }) => {
  const key = await merchantPrivateKey(await ctx.profile());
  const plaintext = decryptField(args[0] ?? '', key);
  return { json: { plaintext }, render: (out) => out.print(plaintext) };
};

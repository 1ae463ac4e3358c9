import { UsageError } from '../../core/errors.js';
import { type Text, t } from '../../output/i18n.js';
import type { Context } from './context.js';

/** One argument a command needs: the flag that provides it and how to ask for it. */
export interface Needed {
  /** Option key as commander names it (`amount`, `refundNo`). */
  key: string;
  /** Flag as the user types it (`--amount`), named in usage errors. */
  flag: string;
  message: Text;
  kind?: 'input' | 'password' | 'confirm';
  /** Return an error message, or undefined when the value is acceptable. */
  validate?: (value: string) => string | undefined;
  default?: string;
}

/**
 * Fill in missing required values: prompt for each on a terminal, else fail
 * with one usage error naming every missing flag at once.
 */
export async function ensureArgs(
  ctx: Context,
  values: Record<string, unknown>,
  needed: readonly Needed[],
): Promise<Record<string, unknown>> {
  const missing = needed.filter((n) => values[n.key] === undefined || values[n.key] === '');
  if (missing.length === 0) return values;
  if (!ctx.canPrompt) {
    const flags = missing.map((m) => m.flag).join(', ');
    throw new UsageError(
      ctx.out.t(
        t(
          `缺少必需参数：${flags}`,
          `missing required ${missing.length > 1 ? 'options' : 'option'}: ${flags}`,
        ),
      ),
      { code: 'MISSING_ARGS', details: { missing: missing.map((m) => m.flag) } },
    );
  }
  const prompts = await import('@inquirer/prompts');
  const filled = { ...values };
  for (const n of missing) {
    const message = ctx.out.t(n.message);
    const validate = (v: string) => n.validate?.(v) ?? true;
    filled[n.key] =
      n.kind === 'password'
        ? await prompts.password({ message, mask: '*', validate })
        : await prompts.input({ message, default: n.default, validate, required: true });
  }
  return filled;
}

/**
 * Ask before money moves. `--yes` answers yes; without a terminal (and without
 * `--yes`) it is a usage error rather than a silent yes.
 */
export async function confirm(ctx: Context, message: Text): Promise<boolean> {
  if (ctx.global.yes) return true;
  if (!ctx.canPrompt) {
    throw new UsageError(
      ctx.out.t(
        t(
          '需要确认，但无法提问（非终端或 --no-input）：确认无误请加 --yes',
          'confirmation needed but cannot prompt (not a terminal, or --no-input): pass --yes to confirm',
        ),
      ),
      { code: 'CONFIRM_NEEDED' },
    );
  }
  const { confirm: ask } = await import('@inquirer/prompts');
  return ask({ message: ctx.out.t(message), default: false });
}

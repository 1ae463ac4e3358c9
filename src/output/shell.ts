/** Quote an argument for a POSIX shell only when it needs it (command lines imp prints for a person). */
export function shellArg(arg: string): string {
  return /^[\w./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** `imp <args…>` as a person would type it: the line a shell splits back into exactly `args`. */
export function impLine(args: readonly string[]): string {
  return ['imp', ...args].map(shellArg).join(' ');
}

/**
 * What code below the commands needs to print a command for the operator: `imp` with the
 * `-c`/`-p` the operator needed (computed once by the command: impPrefix in src/cli/kit/hint.ts).
 * A TxnSession is one. The words around the command are codes (src/output/messages).
 */
export interface HintContext {
  readonly imp: string;
}

/** A command line for the operator: the context's `imp -c … -p …` and the arguments, quoted where needed. */
export function hintCommand(ctx: Pick<HintContext, 'imp'>, ...args: string[]): string {
  return [ctx.imp, ...args.map(shellArg)].join(' ');
}

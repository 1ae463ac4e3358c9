// The help's words, zh and en side by side: each command's examples and exit codes, and the
// Chinese of every description that src/cli/program.ts declares in English. Plain data, kept
// out of the start-up bundle (scripts/build.mjs): src/cli/main.ts imports it only when help may
// be printed or the language is Chinese, and src/cli/help.ts applies it.

import type { CommandHelp } from './help-examples.js';
import { OTHER_HELP } from './help-examples.js';
import { TXN_HELP } from './help-examples-txn.js';
import type { Text } from './i18n.js';

export type { CommandHelp, Example } from './help-examples.js';
export { ARGUMENT_ZH, OPTION_ZH } from './help-zh.js';

/** What each exit code means, as the help lists it (README "Exit codes", src/core/exit-codes.ts). */
export const EXIT_MEANING: Readonly<Record<number, Text>> = {
  0: { zh: '成功', en: 'success' },
  1: {
    zh: '平台应答了，但业务结果是失败（拒绝、未支付、超额…）',
    en: 'the platform answered with a business failure (refused, not paid…)',
  },
  2: {
    zh: '用法、配置或输入错误：什么都没有发送',
    en: 'usage, configuration or input error: nothing was sent',
  },
  3: {
    zh: '结果未知（超时、断开、HTTP 5xx）：用提示的命令查明',
    en: 'outcome unknown (timeout, dropped, HTTP 5xx): find out as printed',
  },
  4: { zh: '签名验证失败', en: 'a signature did not verify' },
  5: { zh: '对账有差异', en: 'reconciliation found differences' },
  6: { zh: '对账文件尚未在服务器上', en: 'the reconciliation file is not on the server yet' },
  7: {
    zh: '无法连接平台（或日志数据库）：什么都没有发送，可以放心重试',
    en: 'could not reach the platform or the journal database: nothing was sent',
  },
  10: {
    zh: 'imp 内部错误（请附 --debug 输出报告）',
    en: 'internal error in imp (report it with --debug output)',
  },
  130: { zh: '被中断或取消', en: 'interrupted or cancelled' },
};

/** Every command's examples and exit codes, keyed by its path after `imp` ('' is imp itself). */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = { ...OTHER_HELP, ...TXN_HELP };

/** Commander's own words in the help, and the help's additions. */
export const HELP_WORDS = {
  titles: {
    'Usage:': '用法：',
    'Options:': '选项：',
    'Arguments:': '参数：',
    'Commands:': '命令：',
    'Global Options:': '全局选项：',
  } as Readonly<Record<string, string>>,
  examples: { zh: '示例：', en: 'Examples:' } as Text,
  exitCodes: { zh: '退出码：', en: 'Exit codes:' } as Text,
  helpCommand: '显示某个命令的帮助',
  default: '默认',
  choices: '可选',
};

/** Commander's usage errors in Chinese: pattern → replacement, tried in order. */
export const COMMANDER_ERRORS_ZH: readonly (readonly [RegExp, string])[] = [
  [/^error: unknown option '(.+?)'/, "错误：未知选项 '$1'"],
  [/^error: unknown command '(.+?)'/, "错误：未知命令 '$1'"],
  [/^error: missing required argument '(.+?)'/, "错误：缺少必需的参数 '$1'"],
  [/^error: option '(.+?)' argument missing/, "错误：选项 '$1' 缺少值"],
  [/^error: required option '(.+?)' not specified/, "错误：未给出必需的选项 '$1'"],
  [
    /^error: option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+)\./,
    "错误：选项 '$1' 的值 '$2' 无效；可选：$3",
  ],
  [
    /^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\. Allowed choices are (.+)\./,
    "错误：参数 '$2' 的值 '$1' 无效；可选：$3",
  ],
  [
    /^error: too many arguments for '(.+?)'\. Expected (\d+) arguments? but got (\d+)\./,
    "错误：'$1' 的参数太多：应为 $2 个，实际 $3 个",
  ],
  [
    /^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./,
    '错误：参数太多：应为 $1 个，实际 $2 个',
  ],
  [/^error: (.+) cannot be used with (.+)/, '错误：$1 不能与 $2 同时使用'],
  [/\(Did you mean one of (.+)\?\)/, '（是否想用 $1？）'],
  [/\(Did you mean (.+)\?\)/, '（是否想用 $1？）'],
  [/^error: /, '错误：'],
];

import type { CommandHelp } from './help-examples.js';
import { ex } from './help-examples.js';

// The help of the commands that move money or ask the platform (see help-messages.ts).

const TXN = [0, 1, 2, 3, 4, 130] as const;

/** pay, qrcode, scan, wechat, query, refund, close and the journal, keyed by command path. */
export const TXN_HELP: Readonly<Record<string, CommandHelp>> = {
  pay: {
    zh: '消费：服务端支付，或浏览器表单（规范 2.6.2）',
    examples: [
      ex(
        '下单并等待支付结果',
        'order, then wait for the payment',
        'imp pay --amount 1.80 --title 测试 --desc demo --wait',
      ),
      ex(
        '写浏览器自动提交的表单',
        'write the auto-submitting browser form',
        'imp pay --amount 1.80 --title 测试 --desc demo --form pay.html',
      ),
      ex(
        '只看签名后的请求，不发送',
        'show the signed request, send nothing',
        'imp pay --amount 1.80 --title t --desc d --dry-run',
      ),
    ],
    exits: TXN,
  },
  qrcode: {
    zh: '申请二维码：供顾客扫码支付（规范 2.6.6）',
    examples: [
      ex(
        '申请二维码并等待顾客支付',
        'a QR code, then wait until the customer pays',
        'imp qrcode --amount 0.10 --title 测试 --desc demo --wait',
      ),
      ex(
        '同时保存为 PNG',
        'also save it as a PNG',
        'imp qrcode --amount 12.50 --title 午餐 --desc 4号桌 --png qr.png',
      ),
      ex(
        '在管道中也画出二维码',
        'draw it into a pipe too',
        'imp qrcode --amount 0.10 --title t --desc d --qr | tee qr.log',
      ),
    ],
    exits: TXN,
  },
  scan: {
    zh: '被扫：收取顾客的付款码（规范 2.6.7）',
    examples: [
      ex(
        '收取付款码',
        "charge a customer's payment code",
        'imp scan --amount 5.00 --title t --desc d --auth-code 134567890123456789',
      ),
      ex(
        '等待顾客输入密码后的结果',
        'wait while the customer confirms',
        'imp scan --amount 5.00 --title t --desc d --auth-code 1345… --wait',
      ),
    ],
    exits: TXN,
  },
  wechat: {
    zh: '微信下单：JSAPI 支付参数（规范 2.6.8）',
    examples: [
      ex(
        '公众号支付参数',
        'official-account payment parameters',
        'imp wechat --amount 1.00 --title t --desc d --appid wx… --openid o…',
      ),
      ex(
        '小程序支付参数',
        'mini-program parameters',
        'imp wechat --mini --amount 1 --title t --desc d --appid wx… --openid o…',
      ),
    ],
    exits: [0, 1, 2, 3, 4, 130],
  },
  query: {
    zh: '支付/退款查询：订单或退款的状态（规范 2.6.5、2.6.4）',
    examples: [
      ex('查询支付，等到最终状态', 'a payment, until its state is final', 'imp query <orderno> --wait'),
      ex(
        '查询退款（订单号取自日志）',
        'a refund (its order from the journal)',
        'imp query --refund <refundno>',
      ),
      ex(
        '批量查询，结果写入 CSV',
        'a CSV of orders, results to a CSV',
        'imp query --batch orders.csv --out results.csv',
      ),
    ],
    exits: [0, 1, 2, 3, 4],
  },
  refund: {
    zh: '退货：安全地退款（规范 2.6.3）',
    examples: [
      ex('部分退款', 'a partial refund', 'imp refund <orderno> --amount 0.03 --reason 退货'),
      ex('当日全额撤销', 'a same-day full void', 'imp refund <orderno> --void'),
      ex(
        '查明未收到应答的退款（不会重发）',
        'find out a refund whose answer never came (never re-sends)',
        'imp refund --resume <refundno>',
      ),
      ex('批量退款', 'refund every row of a CSV', 'imp refund --batch refunds.csv --out results.csv'),
    ],
    exits: TXN,
  },
  close: {
    zh: '关闭订单：关闭未支付的订单（规范 2.6.9）',
    examples: [
      ex('关闭未支付订单（先查询）', 'close an unpaid order (queries first)', 'imp close <orderno>'),
      ex('只看签名后的请求', 'show the signed request only', 'imp close <orderno> --dry-run'),
    ],
    exits: [0, 1, 2, 3, 4],
  },
  journal: {
    zh: '本地日志：每个已发送的请求及其结果',
    examples: [
      ex('最近 20 条', 'the last 20 entries', 'imp journal'),
      ex('最近 100 条，JSON 输出', 'the last 100, as JSON', 'imp --json journal --limit 100'),
      ex(
        '查询所有未决请求并记录结果',
        'query every unsettled request and record the answers',
        'imp journal resolve',
      ),
    ],
    exits: [0, 2],
  },
  'journal pending': {
    zh: '结果仍未知的请求',
    examples: [
      ex('列出未决请求', 'list the unsettled requests', 'imp journal pending'),
      ex('prod 档案的，JSON 输出', "the prod profile's, as JSON", 'imp -p prod --json journal pending'),
    ],
    exits: [0, 2],
  },
  'journal resolve': {
    zh: '查询每个未知结果并记录应答',
    examples: [
      ex('查明所有未决请求', 'settle every unsettled request', 'imp journal resolve'),
      ex('在 cron 中运行', 'from cron', 'imp -c /etc/imp/config.json --json journal resolve'),
    ],
    exits: [0, 2, 3, 4],
  },
  'journal dismiss': {
    zh: '标记一行无法读取的日志已查看（被中断的 imp 留下的残行）',
    examples: [
      ex('标记第 42 行', 'mark line 42 as looked at', 'imp journal dismiss 42'),
      ex('不询问确认', 'without the confirmation', 'imp --yes journal dismiss 42'),
    ],
    exits: [0, 2, 130],
  },
  'journal migrate': {
    zh: '在共享日志数据库（journal.url）中创建或升级 imp 的表',
    examples: [
      ex('创建或升级表', 'create or update the tables', 'imp -p team journal migrate'),
      ex('JSON 输出', 'as JSON', 'imp -p team --json journal migrate'),
    ],
    exits: [0, 2, 7],
  },
  'journal import': {
    zh: '把本地日志文件复制到共享数据库（幂等，行不变）',
    examples: [
      ex('导入本地日志', 'move a local journal in', 'imp -p team journal import journal/prod.jsonl'),
      ex(
        '再次运行不会重复',
        'running it again adds nothing',
        'imp -p team --json journal import journal/prod.jsonl',
      ),
    ],
    exits: [0, 2, 7],
  },
  'journal export': {
    zh: '把日志写成 JSONL（来自共享数据库或本地文件）',
    examples: [
      ex('写到标准输出', 'to stdout', 'imp -p team journal export'),
      ex('写到文件', 'to a file', 'imp -p team journal export --out backup.jsonl'),
    ],
    exits: [0, 2, 7],
  },
};

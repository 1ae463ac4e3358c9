import type { Text } from './i18n.js';

// The help's words, zh and en side by side: each command's examples and exit codes, and the
// Chinese of every description that src/cli/program.ts declares in English. Plain data, kept
// out of the start-up bundle (scripts/build.mjs): src/cli/main.ts imports it only when help may
// be printed or the language is Chinese, and src/cli/help.ts applies it.

/** One example of a command's help: what it does, and the line to type. */
export interface Example {
  what: Text;
  cmd: string;
}

/** The help of one command: its description in Chinese, 2–4 examples, the exit codes it can give. */
export interface CommandHelp {
  zh: string;
  examples: readonly Example[];
  exits: readonly number[];
}

const ex = (zh: string, en: string, cmd: string): Example => ({ what: { zh, en }, cmd });

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
  10: {
    zh: 'imp 内部错误（请附 --debug 输出报告）',
    en: 'internal error in imp (report it with --debug output)',
  },
  130: { zh: '被中断或取消', en: 'interrupted or cancelled' },
};

const TXN = [0, 1, 2, 3, 4, 130] as const;

/** Keyed by the command's path after `imp` ('' is imp itself). */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  '': {
    zh: 'IMP 聚合收单（江西银行）商户工具',
    examples: [
      ex('演示一笔订单的全过程（内置沙箱）', 'the life of an order against an embedded sandbox', 'imp demo'),
      ex(
        '申请二维码并等待支付',
        'a QR code, then wait until it is paid',
        'imp qrcode --amount 0.10 --title 测试 --desc demo --wait',
      ),
      ex('退款 0.03 元', 'refund 0.03 元 of an order', 'imp refund <orderno> --amount 0.03'),
      ex('命令的选项、示例与退出码', "a command's flags, examples and exit codes", 'imp refund --help'),
    ],
    exits: [0, 1, 2, 3, 4, 5, 6, 10, 130],
  },
  sign: {
    zh: '按商户请求签名字段（待签名串、签名、表单报文）',
    examples: [
      ex(
        '为查询交易补全报文头并签名',
        'fill the header of a query and sign it',
        'imp sign --txn query orderno=o1',
      ),
      ex(
        '从文件读取字段并解释待签名串',
        'fields from a file, with the canonical string explained',
        'imp sign --file fields.json --explain',
      ),
    ],
    exits: [0, 2],
  },
  verify: {
    zh: '验证平台应答或通知的签名，并解释失败原因',
    examples: [
      ex('验证保存的通知', 'verify a saved notification', 'imp verify --file notification.txt'),
      ex(
        '解释签名为何不通过',
        'explain why a signature fails',
        "imp verify --explain 'respcode=00000&…&sign=…'",
      ),
      ex(
        '验证商户自己签的请求',
        'verify a request the merchant signed',
        'imp verify --as merchant --file request.txt',
      ),
    ],
    exits: [0, 2, 4],
  },
  encrypt: {
    zh: '用平台加密公钥加密敏感字段（规范 2.4.3.2.2）',
    examples: [
      ex('加密付款人账号', "encrypt a payer's account number", 'imp encrypt 6222020200112233445'),
      ex('以 JSON 输出', 'as JSON', 'imp --json encrypt 6222020200112233445'),
    ],
    exits: [0, 2],
  },
  decrypt: {
    zh: '用商户私钥解密应答中的加密字段',
    examples: [
      ex('解密应答里的账号', 'decrypt an account number from an answer', 'imp decrypt <base64>'),
      ex(
        '指定配置与档案',
        'with a given config and profile',
        'imp -c imp.config.json -p prod decrypt <base64>',
      ),
    ],
    exits: [0, 2],
  },
  fields: {
    zh: '打印交易的请求与应答字段（来自字段目录）',
    examples: [
      ex('列出八个交易', 'list the eight transactions', 'imp fields'),
      ex('退货的请求与应答字段', "a refund's request and answer fields", 'imp fields refund --answer'),
      ex('支付结果通知的字段', "the payment notification's fields", 'imp fields notify'),
    ],
    exits: [0, 2],
  },
  config: {
    zh: '创建、查看和检查配置',
    examples: [
      ex('为本地沙箱写配置', 'a config for the local sandbox', 'imp config init --sandbox'),
      ex('检查当前档案', 'check the current profile', 'imp config doctor'),
    ],
    exits: [0, 2],
  },
  'config init': {
    zh: '写配置文件（终端上为向导，或用选项）',
    examples: [
      ex(
        '为本地沙箱写 sandbox 档案',
        'a "sandbox" profile for the local sandbox',
        'imp config init --sandbox',
      ),
      ex(
        '不经向导写生产档案',
        'a production profile without the wizard',
        'imp config init --name prod --base-url https://… --busino 4484…',
      ),
      ex(
        'apikey 从环境变量读取',
        'the apikey read from the environment',
        'imp config init --name prod --apikey env:IMP_APIKEY',
      ),
    ],
    exits: [0, 2, 130],
  },
  'config show': {
    zh: '打印解析后的档案（密钥已遮盖）',
    examples: [
      ex('当前档案', 'the current profile', 'imp config show'),
      ex('指定档案，JSON 输出', 'a given profile, as JSON', 'imp -p prod --json config show'),
    ],
    exits: [0, 2],
  },
  'config doctor': {
    zh: '离线检查密钥、证书、权限、apikey 和地址',
    examples: [
      ex('检查当前档案', 'check the current profile', 'imp config doctor'),
      ex(
        '检查另一个配置的 prod 档案',
        'check the prod profile of another config',
        'imp -c /etc/imp/config.json -p prod config doctor',
      ),
    ],
    exits: [0, 2],
  },
  'config profiles': {
    zh: '列出配置文件中的档案名（供命令补全）',
    examples: [
      ex('列出档案', 'list the profiles', 'imp config profiles'),
      ex(
        '另一个配置文件的档案',
        'the profiles of another config file',
        'imp -c /etc/imp/config.json config profiles',
      ),
    ],
    exits: [0, 2],
  },
  'config probe': {
    zh: '联网检查档案：平台是否可达、是否接受 apikey 与密钥',
    examples: [
      ex('联网检查当前档案', 'check the current profile online', 'imp config probe'),
      ex('检查 prod 档案', 'check the prod profile', 'imp -p prod config probe'),
    ],
    exits: [0, 1, 2, 3, 4],
  },
  completion: {
    zh: '打印 shell 补全脚本',
    examples: [
      ex(
        'bash：写入 ~/.bashrc',
        'bash: add to ~/.bashrc',
        "echo 'source <(imp completion bash)' >> ~/.bashrc",
      ),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh expansion for the reader's shell
      ex('zsh：写入 fpath', 'zsh: into the first fpath dir', 'imp completion zsh > "${fpath[1]}/_imp"'),
      ex('fish', 'fish', 'imp completion fish > ~/.config/fish/completions/imp.fish'),
    ],
    exits: [0, 2],
  },
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
  notify: {
    zh: '异步通知',
    examples: [
      ex(
        '接收、验证并转发通知',
        'receive, verify and forward notifications',
        'imp notify listen --forward-to http://127.0.0.1:3000/imp/notify',
      ),
      ex(
        '向自己的处理程序发送一条通知',
        'send a notification to your handler',
        'imp notify send http://127.0.0.1:3000/imp/notify --order o1',
      ),
    ],
    exits: [0, 1, 2, 3],
  },
  'notify listen': {
    zh: '接收、验证并应答通知；可转发',
    examples: [
      ex('在 8460 端口接收', 'receive on port 8460', 'imp notify listen'),
      ex(
        '转发并保存原文以便重放',
        'forward, and save each for replay',
        'imp notify listen --forward-to http://127.0.0.1:3000/n --save ./saved',
      ),
    ],
    exits: [0, 2, 130],
  },
  'notify send': {
    zh: '像平台一样签名通知并 POST，或重放已保存的通知',
    examples: [
      ex(
        '发送"已支付"通知',
        'send a "paid" notification',
        'imp notify send http://127.0.0.1:3000/n --order o1 --amount 0.10',
      ),
      ex(
        '发送"支付失败"通知',
        'send a "failed" notification',
        'imp notify send http://127.0.0.1:3000/n --order o1 --status failed',
      ),
      ex(
        '逐字节重放',
        'replay one byte for byte',
        'imp notify send http://127.0.0.1:3000/n --replay ./notifications/<file>',
      ),
    ],
    exits: [0, 1, 2, 3],
  },
  recon: {
    zh: '对账文件（规范 2.7）',
    examples: [
      ex('下载昨天的对账文件', "download yesterday's file", 'imp recon fetch'),
      ex(
        '与商户台账核对',
        "check it against the merchant's ledger",
        'imp recon check recon/DZ_<busino>_<date>.csv --ledger ledger.csv',
      ),
    ],
    exits: [0, 2, 3, 5, 6],
  },
  'recon fetch': {
    zh: '通过 SFTP 下载对账文件',
    examples: [
      ex('昨天（北京时间）的文件', "yesterday's file (Beijing time)", 'imp recon fetch'),
      ex('某一段日期', 'a range of days', 'imp recon fetch --from 20260101 --to 20260107'),
      ex('首次连接时固定主机密钥', 'pin the host key on first use', 'imp recon fetch --accept-new-host-key'),
    ],
    exits: [0, 2, 3, 6],
  },
  'recon check': {
    zh: '核对银行对账文件本身，以及与商户台账或日志的差异',
    examples: [
      ex(
        '与台账核对，差异写入报告',
        'against the ledger, differences to a report',
        'imp recon check DZ_….csv --ledger ledger.csv --report diff.csv',
      ),
      ex('与 imp 的日志核对', "against imp's journal", 'imp recon check DZ_….csv --journal'),
      ex(
        '台账金额为元，列名不同',
        'a ledger in 元 with other column names',
        'imp recon check DZ_….csv --ledger l.csv --ledger-unit yuan --map amount=金额',
      ),
    ],
    exits: [0, 2, 5],
  },
  sandbox: {
    zh: '运行本地有状态的 IMP 平台副本（HTTP、通知、SFTP）',
    examples: [
      ex('在 8450/8451 端口启动', 'start on 8450 and 8451', 'imp sandbox'),
      ex('注入故障', 'with faults', 'imp sandbox --latency 500 --drop-rate 0.1'),
      ex(
        '另一个数据目录与端口',
        'another data dir and ports',
        'imp sandbox --data /tmp/sb --port 9450 --sftp-port 9451',
      ),
    ],
    exits: [0, 2, 130],
  },
  'sandbox triggers': {
    zh: '测试触发表：哪些金额和付款码得到哪种结果',
    examples: [
      ex('打印触发表', 'print the table', 'imp sandbox triggers'),
      ex('中文', 'in Chinese', 'imp --lang zh sandbox triggers'),
    ],
    exits: [0],
  },
  'sandbox pay': {
    zh: '顾客支付一笔待支付订单',
    examples: [
      ex('档案所指沙箱中的订单', "an order in the profile's sandbox", 'imp sandbox pay <orderno>'),
      ex('某个数据目录的沙箱', 'the sandbox of a data dir', 'imp sandbox --data /tmp/sb pay <orderno>'),
    ],
    exits: [0, 1, 2, 3],
  },
  'sandbox settle': {
    zh: '立即生成某天的日终对账文件',
    examples: [
      ex('今天的对账文件', "today's file", 'imp sandbox settle --date $(TZ=Asia/Shanghai date +%Y%m%d)'),
      ex(
        '某个数据目录的沙箱',
        'the sandbox of a data dir',
        'imp sandbox --data /tmp/sb settle --date 20260101',
      ),
    ],
    exits: [0, 2, 3],
  },
  demo: {
    zh: '在内置沙箱中走完一笔订单的全过程',
    examples: [
      ex('运行演示', 'run the demo', 'imp demo'),
      ex('汇总为 JSON', 'a JSON summary', 'imp --json demo'),
    ],
    exits: [0, 1, 2, 130],
  },
};

/**
 * The Chinese of option descriptions: `'<command path> <long flag>'` for one command, else
 * `'<long flag>'` for every command that has it.
 */
export const OPTION_ZH: Readonly<Record<string, string>> = {
  '--version': '打印版本号',
  '--help': '显示帮助',
  '--config': '配置文件（否则 $IMP_CONFIG、./imp.config.json、~/.config/imp/config.json）',
  '--profile': '档案（否则 $IMP_PROFILE，再否则 defaultProfile）',
  '--json': '在 stdout 上只输出一个 JSON 文档',
  '--no-input': '从不提示输入',
  '--yes': '跳过确认',
  '--verbose': '显示 HTTP 往来（密钥已遮盖）',
  '--debug': '显示堆栈',
  '--lang': '标签与消息的语言',
  '--file': '从文件读取（- 为标准输入）',
  'sign --file': '从 JSON 或 k=v&… 文件读取字段（- 为标准输入）',
  '--txn': '按字段目录和档案补全该交易的报文头',
  'sign --explain': '显示待签名串是如何构成的',
  '--as': '签名方',
  'verify --explain': '显示尝试过的待签名串和诊断',
  '--answer': '同时显示应答字段',
  '--sandbox': '添加指向本地 imp 沙箱的 "sandbox" 档案',
  '--sandbox-data': '沙箱数据目录（默认 ./.imp-sandbox）',
  '--sandbox-url': '沙箱基础地址（默认 http://127.0.0.1:8450/pos/）',
  '--name': '档案名',
  '--base-url': '平台基础地址',
  '--busino': '商户号',
  '--apikey': 'apikey 或引用（env:NAME、file:path）',
  '--merchant-key': '商户私钥文件',
  '--merchant-key-password': '商户私钥密码或引用',
  '--platform-key': '平台公钥或证书文件',
  '--certid': '平台证书编号',
  '--notify-url': '异步通知地址（默认：档案的 notifyUrl）',
  'config init --notify-url': '异步通知地址',
  'config init --out': '写到哪里（默认 ./imp.config.json）',
  'config init --force': '覆盖同名档案',
  '--order': '商户订单号（省略时自动生成）',
  'query --order': '商户订单号（配合 --refund；省略时取自日志）',
  'notify send --order': '商户订单号',
  '--amount': '金额（元），至多两位小数（如 1.80）',
  'refund --amount': '退款金额（元）',
  'notify send --amount': '金额（元）',
  '--title': '订单主题（ordertitle）',
  '--desc': '商品描述（orderdesc）',
  '--wait': '轮询查询直到最终状态（默认 120 秒）',
  '--field': '原样传给平台的额外字段（可重复）',
  '--dry-run': '打印签名后的请求（待签名串、报文、地址），不发送',
  '--channel': '渠道（channel_type）',
  '--pay-type': '支付方式（pay_type）',
  '--return-url': '前台跳转地址（默认：档案的 returnUrl）',
  '--account': '付款人账号（档案有加密公钥时加密）',
  '--regname': '付款人姓名',
  '--form': '不调用接口，改为写浏览器自动提交的 HTML 表单',
  '--type': '二维码类型',
  '--png': '同时把二维码保存为 PNG',
  '--qr': 'stdout 不是终端时也画出二维码（否则只打印地址）',
  '--auth-code': '顾客的付款码（auth_code）',
  '--appid': '子商户 appid（sub_appid）',
  '--openid': '用户 openid（sub_openid）',
  '--mini': '小程序（param_type 0）',
  '--mp': '公众号（param_type 1，默认）',
  '--transno': 'IMP 平台订单号',
  'refund --transno': '支付的 IMP 平台订单号（跳过查询）',
  '--refund': '查询退款而不是支付',
  'query --batch': '查询 CSV 的每一行（表头：orderno[,refundno,transno]）',
  'refund --batch': '退款 CSV 的每一行（表头：orderno,amount_fen[,refundno,reason]）',
  '--concurrency': '批量时的并发请求数',
  'query --out': '批量结果（.csv 或 .json）',
  'refund --out': '批量结果（.csv 或 .json）',
  '--reason': '退款原因',
  '--void': '当日全额撤销（opertype 1）',
  '--refund-no': '商户退货单号（省略时自动生成）',
  '--resume': '查明一笔未收到应答的退款的结果；从不重发',
  'refund --force': '在 --yes 下允许 10 分钟内对同一订单同一金额的第二笔退款',
  '--refresh': '日志中已有最终状态的行也重新查询',
  '--retry-failed': '按退款编号规则重发失败的退款行',
  '--limit': '显示的条数',
  '--port': '端口',
  'sandbox --port': 'HTTP 端口',
  '--host': '绑定的地址',
  '--forward-to': '把每条通知转发到商户的处理程序',
  '--save': '保存每条通知原文以便重放',
  '--status': '支付状态',
  '--replay': '逐字节重发已保存的通知',
  '--key': '平台私钥（默认：沙箱的）',
  'recon fetch --date': '银行日期（默认：北京时间昨天；--intraday 时为今天）',
  '--from': '起始日期（yyyyMMdd）',
  '--to': '结束日期（yyyyMMdd）',
  '--intraday': '日间 tmp_DZ_ 文件（仅供参考）',
  'recon fetch --out': '保存到哪里（默认：recon.dir）',
  'recon fetch --force': '即使已有相同文件也重新下载',
  '--accept-new-host-key': '首次使用时固定主机密钥（写入配置）',
  '--ledger': '商户台账导出文件',
  '--journal': '用 imp 的日志作台账',
  '--map': '台账列映射（可重复），如 type=业务类型',
  '--ledger-unit': '台账金额单位',
  '--window': '离午夜这么近的单边订单视为未决，不算差错',
  '--carry': '保留跨午夜的订单，与下一天的文件核对',
  '--report': '把每个差异写入 .csv 或 .json',
  '--alert': '把摘要发到团队群机器人（企业微信、钉钉、飞书或 JSON webhook）',
  '--alert-format': '告警格式（默认按地址的主机判断）',
  '--resolve': '先查明日志中未决的条目再核对',
  '--sftp-port': 'SFTP 端口',
  '--data': '状态与密钥目录',
  '--fast': '通知重试间隔除以 100（测试用）',
  '--latency': '每个应答增加的延迟',
  '--drop-rate': '不应答即断开的连接比例',
  '--error-rate': '以 HTTP 500 应答的比例',
  '--bad-sign-rate': '签名被破坏的应答比例',
  '--allow-remote-notify': '允许非回环地址的 notify_url',
  '--utf8': '对账文件用 UTF-8 而不是 GBK',
  '--aes': '用 AES 而不是 ZipCrypto 加密 zip',
  '--fee-rate': '对账文件的手续费率',
  '--url': '沙箱基础地址（否则取 imp sandbox --data 的、档案的、./.imp-sandbox 的）',
  'sandbox settle --date': '日期（yyyyMMdd）',
};

/** The Chinese of argument descriptions, keyed `'<command path> <argument name>'`. */
export const ARGUMENT_ZH: Readonly<Record<string, string>> = {
  'sign fields': 'k=v 字段',
  'verify message': '应答原文、URL 编码的通知或 JSON（否则 --file 或标准输入）',
  'encrypt text': '要加密的明文',
  'decrypt base64': '加密字段的 Base64',
  'fields txn': 'pay|qrcode|scan|wechat|refund|refundquery|query|close，或 notify（省略则列出）',
  'completion shell': 'shell 名称（bash、zsh 或 fish）',
  'query orderno': '商户订单号',
  'refund orderno': '支付的商户订单号',
  'close orderno': '商户订单号',
  'journal dismiss line': '行号，即警告或退款拒绝中给出的',
  'notify send url': '商户处理程序的地址',
  'recon check file': 'DZ_ 或 tmp_DZ_ 文件（CSV，UTF-8 或 GBK）',
  'sandbox pay orderno': '商户订单号',
};

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

import type { Text } from './i18n.js';

// Each command's examples and exit codes (see help-messages.ts): plain data, zh and en side by side.

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

/** Shorthand for an {@link Example}. */
export const ex = (zh: string, en: string, cmd: string): Example => ({ what: { zh, en }, cmd });

/** The help of every other command, keyed by its path after `imp` ('' is imp itself). */
export const OTHER_HELP: Readonly<Record<string, CommandHelp>> = {
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
    exits: [0, 1, 2, 4, 7],
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
  'recon history': {
    zh: '每个已核对的银行日及其状态（需要 recon.store 或 journal.url）',
    examples: [
      ex('列出所有日期', 'every checked day', 'imp recon history'),
      ex('一段日期', 'a range of days', 'imp recon history --from 20261101 --to 20261130'),
    ],
    exits: [0, 2, 7],
  },
  'recon differences': {
    zh: '跨日期列出每天最近一次核对的差异',
    examples: [
      ex('尚未处理的差异', 'those not settled yet', 'imp recon differences --open'),
      ex('JSON 输出', 'as JSON', 'imp --json recon differences'),
    ],
    exits: [0, 2, 7],
  },
  'recon settle': {
    zh: '把一条差异标记为已处理并附说明（只追加：记录谁和何时）',
    examples: [
      ex('标记已处理', 'mark one handled', 'imp recon settle 12 --note "refunded by hand"'),
      ex('JSON 输出', 'as JSON', 'imp --json recon settle 12 --note "bank confirmed"'),
    ],
    exits: [0, 2, 7],
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

import { Argument, type Command, Option } from 'commander';
import { type Dispatch, lazy } from '../program-options.js';

/** The commands of signatures and the catalogue (sign, verify, encrypt, decrypt, fields); each module is imported only inside its action. */
export function declareCore(program: Command, dispatch: Dispatch): void {
  // Core: signatures and the catalogue
  program
    .command('sign')
    .description('sign fields as a merchant request (canonical string, signature, form body)')
    .argument('[fields...]', 'k=v pairs')
    .option('--file <file>', 'fields from a JSON or k=v&… file (- for stdin)')
    .option('--txn <name>', 'fill the header fields for this transaction from the catalogue and profile')
    .option('--explain', 'show how the canonical string was built')
    .action(lazy(dispatch, () => import('../../commands/sign/sign.js')));

  program
    .command('verify')
    .description('verify a platform answer or notification and explain why a signature fails')
    .argument('[message]', 'raw answer, URL-encoded notification or JSON (else --file or stdin)')
    .option('--file <file>', 'read the message from a file (- for stdin)')
    .addOption(
      new Option('--as <side>', 'who signed it').choices(['platform', 'merchant']).default('platform'),
    )
    .option('--explain', 'show the canonical strings tried and the diagnosis')
    .action(lazy(dispatch, () => import('../../commands/verify/verify.js')));

  program
    .command('encrypt')
    .description('encrypt a sensitive field value with the platform encryption key (spec 2.4.3.2.2)')
    .argument('<text>')
    .action(lazy(dispatch, () => import('../../commands/crypt/encrypt.js')));

  program
    .command('decrypt')
    .description('decrypt a returned encrypted field with the merchant private key')
    .argument('<base64>')
    .action(lazy(dispatch, () => import('../../commands/crypt/decrypt.js')));

  program
    .command('fields')
    .description("print a transaction's request and answer fields from the catalogue")
    .argument('[txn]', 'pay|qrcode|scan|wechat|refund|refundquery|query|close, or notify (omit to list)')
    .option('--answer', 'show the answer fields too')
    .action(lazy(dispatch, () => import('../../commands/fields/fields.js')));
}

/** `imp config …` (init, show, doctor, probe, profiles) and `imp completion`. */
export function declareConfig(program: Command, dispatch: Dispatch): void {
  const config = program.command('config').description('create, show and check the configuration');
  config
    .command('init')
    .description('write a config file (wizard on a terminal, or flags)')
    .option('--sandbox', 'add a "sandbox" profile pointing at a local imp sandbox')
    .option('--sandbox-data <dir>', 'the sandbox data dir (default ./.imp-sandbox)')
    .option('--sandbox-url <url>', 'the sandbox base URL (default http://127.0.0.1:8450/pos/)')
    .option('--name <profile>', 'profile name')
    .option('--base-url <url>')
    .option('--busino <no>')
    .option('--apikey <ref>', 'apikey or a reference (env:NAME, file:path)')
    .option('--merchant-key <path>')
    .option('--merchant-key-password <ref>')
    .option('--platform-key <path>')
    .option('--certid <id>')
    .option('--notify-url <url>')
    .option('--out <file>', 'where to write (default ./imp.config.json)')
    .option('--force', 'overwrite an existing profile of the same name')
    .action(lazy(dispatch, () => import('../../commands/config/init.js')));
  config
    .command('show')
    .description('print the resolved profile, secrets masked')
    .action(lazy(dispatch, () => import('../../commands/config/show.js')));
  config
    .command('doctor')
    .description('check keys, certificates, permissions, apikey and URLs')
    .action(lazy(dispatch, () => import('../../commands/config/doctor.js')));
  config
    .command('probe')
    .description(
      'first contact with the platform: network, TLS, the signature dialect of its answers, SFTP host key',
    )
    .option('--write', 'store the signature dialect found in the profile')
    .option(
      '--order <orderno>',
      'a known, paid order: its answer decides the apikey rule of successful answers',
    )
    .action(lazy(dispatch, () => import('../../commands/config/probe.js')));
  config
    .command('profiles')
    .description('list the profile names of the config file (shell completion uses it)')
    .action(lazy(dispatch, () => import('../../commands/config/profiles.js')));

  program
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>').choices(['bash', 'zsh', 'fish']))
    .action(lazy(dispatch, () => import('../../commands/completion/completion.js')));
}

/**
 * The keys a config file may hold, in one place: the loader flags anything else as a
 * typo, and the example-config test checks that config.example.json documents each one.
 */
export const TOP_KEYS = ['defaultProfile', 'profiles'] as const;

export const PROFILE_KEYS = [
  'baseUrl',
  'busino',
  'subbusino',
  'apikey',
  'merchantKey',
  'merchantCert',
  'platformKeys',
  'encryptionKey',
  'notifyUrl',
  'returnUrl',
  'http',
  'sftp',
  'recon',
  'overrides',
  'journal',
  'signature',
] as const;

export const KEY_REF_KEYS = ['path', 'password'] as const;
export const PLATFORM_KEY_KEYS = ['certid', 'path'] as const;
export const HTTP_KEYS = ['timeoutMs', 'connectTimeoutMs', 'ca', 'allowInsecure'] as const;
export const SFTP_KEYS = [
  'host',
  'port',
  'username',
  'password',
  'privateKey',
  'privateKeyPassphrase',
  'hostKey',
  'remoteDir',
  'zipPassword',
  'protocol',
  'allowInsecure',
  'ca',
] as const;
export const RECON_KEYS = ['dir', 'filePattern', 'store', 'limits'] as const;
export const OVERRIDE_KEYS = ['trtype', 'subcode', 'path'] as const;
export const JOURNAL_KEYS = ['dir', 'url'] as const;
/** `signature`: the dialect settings (src/protocol/dialect.ts), then the request header extras. */
export const SIGNATURE_KEYS = [
  'signType',
  'answerApikey',
  'digest',
  'emptyFields',
  'answerEmptyFields',
  'sendCertid',
  'certid',
] as const;

/** Defaults the loader fills in. */
export const DEFAULTS = {
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  sftpPort: 22,
  remoteDir: '/',
  reconDir: './recon',
  journalDir: './journal',
} as const;

/** Names of the config file and where it is looked for (README "Configuration"). */
export const CONFIG_FILE_NAME = 'imp.config.json';

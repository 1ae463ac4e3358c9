import { createHash } from 'node:crypto';
import { readConfigObject, writeConfigFile } from '../../config/write.js';
import { ConfigError } from '../../core/errors.js';

/** `SHA256:<base64 without padding>` of an SSH public key blob, exactly as OpenSSH prints it. */
export function sshFingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** Fingerprints compare without the optional base64 padding some tools print. */
export function sameFingerprint(a: string, b: string): boolean {
  return a.replace(/=+$/, '') === b.replace(/=+$/, '');
}

/** The line to add under the profile's `sftp` object. */
export function hostKeyConfigLine(fingerprint: string): string {
  return `"hostKey": "${fingerprint}"`;
}

/**
 * Pin a host key on first use by writing `profiles.<name>.sftp.hostKey` into the
 * config file itself (atomically, keeping its indentation), so the pin lives where
 * `imp config show` and a reviewer look, not in a second file.
 */
export async function pinHostKey(configPath: string, profile: string, fingerprint: string): Promise<void> {
  const data = readConfigObject(configPath, 'cannot pin the SFTP host key');
  const sftp = (data.profiles as Record<string, Record<string, unknown>> | undefined)?.[profile]?.sftp;
  if (!sftp || typeof sftp !== 'object' || Array.isArray(sftp)) {
    throw new ConfigError(
      `cannot pin the SFTP host key: ${configPath} has no profiles.${profile}.sftp object`,
      {
        code: 'HOST_KEY_PIN',
        hints: [`add ${hostKeyConfigLine(fingerprint)} to profiles.${profile}.sftp by hand`],
      },
    );
  }
  (sftp as Record<string, unknown>).hostKey = fingerprint;
  await writeConfigFile(configPath, data);
}

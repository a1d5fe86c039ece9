// CustomerLink upload over FTP (basic-ftp). The file goes up under a temporary name and is
// renamed when complete, so CustomerLink never picks up a partial file. basic-ftp speaks
// passive mode only, which is what CustomerLink asks for; active mode is refused clearly.
import type { ConnectionOptions } from 'node:tls';
import { Client } from 'basic-ftp';
import type { CustomerLinkSettings } from '../partners.ts';
import type { Secret } from '../secret.ts';

export interface FtpUploadOptions {
  /** TLS options (e.g. a CA to trust) for explicit TLS; tests pass their self-signed CA. */
  tlsOptions?: ConnectionOptions;
  timeoutMs?: number;
}

export async function uploadByFtp(
  settings: CustomerLinkSettings,
  password: Secret,
  localPath: string,
  remoteName: string,
  options: FtpUploadOptions = {},
): Promise<void> {
  if (!settings.passive)
    throw new Error('Active FTP mode is not supported: turn on passive mode (CustomerLink asks for it)');
  const client = new Client(options.timeoutMs ?? 60_000);
  const partName = `${remoteName}.part`;
  try {
    await client.access({
      host: settings.server,
      port: settings.port,
      user: settings.user,
      password: password.reveal(),
      secure: settings.tls === 'explicit',
      secureOptions: options.tlsOptions,
    });
    if (settings.directory) await client.cd(settings.directory);
    await client.uploadFrom(localPath, partName);
    try {
      await client.rename(partName, remoteName);
    } catch {
      // Some servers refuse to rename over an existing file (a retried day): replace it.
      await client.remove(remoteName, true);
      await client.rename(partName, remoteName);
    }
  } catch (err) {
    // basic-ftp errors carry the server's reply ("530 Login incorrect"), never the password.
    throw new Error(`FTP upload to ${settings.server}:${settings.port} failed: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    client.close();
  }
}

import { t } from '../../util/l10n';
import type { TerminalConsentWords } from '../terminalEnvironment';
import type { Door } from './programServing';
import type { ServedProfile } from './servedCredentials';

/**
 * What the person agrees to when a door opens: exactly what happens, who else can get the
 * credentials, that stopping does not recall what was handed out, and (for terminals) what VS
 * Code may keep on disk. `revival` is terminalRevivalStorage's answer for terminals.
 */
export function servingConsentWords(door: Door, served: Exclude<ServedProfile, { kind: 'needsRole' }>, revival: 'desktop' | 'web' | undefined): TerminalConsentWords {
  const name = served.profile.name;
  const parts = [
    door === 'terminals'
      ? t('A credentials endpoint on this computer (127.0.0.1, a random port) hands out the temporary credentials of the active profile, renewed as they age. Every new terminal and task in this workspace gets its address as ALIBABA_CLOUD_CREDENTIALS_URI, with variables that make the Alibaba Cloud SDKs and the aliyun CLI use it instead of other credentials on this computer. It follows profile switches until you choose Stop Serving Credentials.')
      : t('A credentials endpoint on this computer (127.0.0.1, a random port) hands out the temporary credentials of the active profile, renewed as they age. Debug sessions launched in this workspace (Node.js, Python, Go, Java) get its address as ALIBABA_CLOUD_CREDENTIALS_URI, with variables that make the Alibaba Cloud SDKs use it; a launch configuration that sets these variables itself keeps its values. It follows profile switches until you choose Stop Serving Credentials.'),
  ];
  if (served.kind === 'roleForKey') {
    parts.push(t('The AccessKey secret of "{0}" is never served: programs get the temporary credentials of role profile "{1}", assumed with it.', served.key.name, name));
  } else if (served.kind === 'sts' && !served.profile.expiration) {
    parts.push(t('The expiry of this STS token is unknown: programs are told it lasts 20 minutes from each request, and ask again before then.'));
  }
  parts.push(t('Any process that learns the address (from the environment of a terminal or a program, or from a log that prints it) gets the credentials while serving is on.'));
  parts.push(t('Stop Serving Credentials makes the address stop working at once. Temporary credentials already handed out stay valid until they expire (the SDKs keep them until 15 minutes before that).'));
  if (door === 'terminals') {
    switch (revival) {
      case 'desktop':
        parts.push(t('When VS Code quits with terminals open, it saves their environment, the address included, in this workspace\'s storage on this computer, to revive them. The address stays the same across reloads of this window (it is kept in secret storage) until you stop serving; after that it is useless.'));
        break;
      case 'web':
        parts.push(t('When this page closes with terminals open, VS Code may save their environment, the address included, in the browser\'s storage for this workspace, to revive them. The address stays the same across reloads of this window (it is kept in secret storage) until you stop serving; after that it is useless.'));
        break;
    }
  }
  return {
    message: door === 'terminals'
      ? t('Serve the temporary credentials of profile "{0}" to new terminals and tasks in this workspace?', name)
      : t('Serve the temporary credentials of profile "{0}" to debug sessions in this workspace?', name),
    detail: parts.join('\n\n'),
    action: door === 'terminals' ? t('Serve to Terminals') : t('Serve to Debug Sessions'),
  };
}

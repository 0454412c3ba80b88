import { InputError } from '../action/errors.js';

/** A commit author or committer. */
export interface Identity {
  name: string;
  email: string;
}

export const ACTIONS_BOT: Identity = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

/** `Name <email>`, the form git prints. */
export function parseIdentity(text: string, input: string): Identity {
  const match = /^([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text.trim());
  if (!match) throw new InputError(input, `'${text}' is not an identity`, "'Name <email@example.com>'");
  return { name: match[1], email: match[2] };
}

export function formatIdentity(identity: Identity): string {
  return `${identity.name} <${identity.email}>`;
}

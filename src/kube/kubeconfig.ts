import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isInlineKubeconfig } from './deploy-inputs.js';

/** The file kubectl should read: the given path, or the inline content written to `dir` readable by us alone. */
export async function kubeconfigPath(value: string, dir: string): Promise<string | undefined> {
  if (!value) return undefined;
  if (!isInlineKubeconfig(value)) return value;
  const path = join(dir, 'kubeconfig');
  await writeFile(path, value.endsWith('\n') ? value : `${value}\n`, { mode: 0o600 });
  return path;
}

const SECRET_KEYS = new Set([
  'token',
  'password',
  'client-key-data',
  'client-certificate-data',
  'access-token',
  'refresh-token',
  'id-token',
  'client-secret',
]);

/**
 * The credentials in an inline kubeconfig, each to be masked on its own: the
 * runner masks line by line, so masking the whole multi-line text would
 * hide nothing.
 */
export function kubeconfigSecrets(value: string): string[] {
  if (!isInlineKubeconfig(value)) return [];
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (SECRET_KEYS.has(key) && typeof child === 'string' && child.length >= 6) found.push(child);
        else visit(child);
      }
    }
  };
  try {
    visit(parse(value));
  } catch {
    // Unparseable: kubectl will say so; mask every line that could hold a credential.
    found.push(
      ...value
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length >= 16),
    );
  }
  return found;
}

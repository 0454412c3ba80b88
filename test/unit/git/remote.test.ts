import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/action/errors.js';
import { resolveRemote } from '../../../src/git/remote.js';

const workspace = mkdtempSync(join(tmpdir(), 'remote-'));
const context = { serverUrl: 'https://github.example.com/', workspace };

describe('resolveRemote', () => {
  it.each([
    ['acme/hello-env', { url: 'https://github.example.com/acme/hello-env.git', http: true, slug: 'acme/hello-env' }],
    ['https://git.example.com/team/env.git', { url: 'https://git.example.com/team/env.git', http: true, slug: 'team/env' }],
    ['ssh://git@git.example.com/team/env.git', { url: 'ssh://git@git.example.com/team/env.git', http: false, slug: 'team/env' }],
    ['git@github.com:acme/env.git', { url: 'git@github.com:acme/env.git', http: false, slug: 'acme/env' }],
    ['file:///srv/git/acme/env.git', { url: 'file:///srv/git/acme/env.git', http: false, slug: 'acme/env' }],
    ['/srv/git/acme/env.git', { url: '/srv/git/acme/env.git', http: false, slug: 'acme/env' }],
    ['./env', { url: join(workspace, 'env'), http: false, slug: workspace.split('/').pop() + '/env' }],
  ])('resolves %s', (spec, expected) => {
    expect(resolveRemote(spec, context)).toEqual(expected);
  });

  it.each([
    ['https://x-access-token:s3cr3t@github.com/a/b.git', /contains credentials/],
    ['https://user@github.com/a/b.git', /contains credentials/],
    ['ftp://example.com/a/b', /protocol 'ftp:' is not supported/],
    ['acme/hello env', /white space/],
    ['just-a-name', /neither a repository nor an existing path/],
    ['', /is required/],
  ])('refuses %s', (spec, message) => {
    const resolve = () => resolveRemote(spec, context);
    expect(resolve).toThrow(InputError);
    expect(resolve).toThrow(message);
    expect(resolve).toThrow(/input 'env-repository'/);
  });
});

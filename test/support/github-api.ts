import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. /repos/acme/env/pulls. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface GitHubApi {
  /** Use as GITHUB_API_URL. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  body: unknown;
}

interface Pull {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  head: string;
  base: string;
  draft: boolean;
  created: string;
  updated: string;
}

interface Deployment {
  id: number;
  repo: string;
  body: Json;
  created: string;
}

const validationFailed = (message: string): Reply => ({
  status: 422,
  body: { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message }] },
});
const notFound: Reply = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
const COMMIT_STATES = ['error', 'failure', 'pending', 'success'];
const DEPLOYMENT_STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];

/**
 * A stand-in for api.github.com that records every request and answers the
 * endpoints the actions use (pull requests, deployments and their statuses, commit statuses)
 * with GitHub-shaped JSON, keeping what was created so that later requests
 * see it. Writes without an Authorization header get 401, as on GitHub.
 */
export async function startGitHubApi(opts: { serverUrl?: string } = {}): Promise<GitHubApi> {
  const serverUrl = (opts.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  const requests: RecordedRequest[] = [];
  const pulls = new Map<string, Pull[]>();
  const deployments: Deployment[] = [];
  let statusIds = 0;
  let apiUrl = '';
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const user = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

  const repoJson = (repo: string) => ({
    full_name: repo,
    name: repo.split('/')[1],
    owner: { login: repo.split('/')[0] },
    url: `${apiUrl}/repos/${repo}`,
  });
  const pullJson = (repo: string, pull: Pull) => ({
    url: `${apiUrl}/repos/${repo}/pulls/${pull.number}`,
    id: 1000 + pull.number,
    number: pull.number,
    html_url: `${serverUrl}/${repo}/pull/${pull.number}`,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    draft: pull.draft,
    user,
    head: { label: pull.head, ref: pull.head.slice(pull.head.indexOf(':') + 1), repo: repoJson(repo) },
    base: { label: `${repo.split('/')[0]}:${pull.base}`, ref: pull.base, repo: repoJson(repo) },
    merged: false,
    created_at: pull.created,
    updated_at: pull.updated,
  });
  const deploymentJson = (deployment: Deployment) => {
    const { body, repo, id } = deployment;
    const ref = String(body.ref);
    return {
      url: `${apiUrl}/repos/${repo}/deployments/${id}`,
      id,
      // GitHub resolves the ref to a commit; with no repository here, a SHA stands in for itself.
      sha: /^[0-9a-f]{40}$/.test(ref) ? ref : createHash('sha1').update(ref).digest('hex'),
      ref,
      task: body.task ?? 'deploy',
      payload: body.payload ?? {},
      original_environment: body.environment ?? 'production',
      environment: body.environment ?? 'production',
      description: body.description ?? null,
      creator: user,
      created_at: deployment.created,
      updated_at: deployment.created,
      statuses_url: `${apiUrl}/repos/${repo}/deployments/${id}/statuses`,
      repository_url: `${apiUrl}/repos/${repo}`,
      transient_environment: body.transient_environment ?? false,
      production_environment: body.production_environment ?? (body.environment ?? 'production') === 'production',
    };
  };

  function route(method: string, path: string, query: Record<string, string>, body: Json): Reply {
    const commitStatus = /^\/repos\/([^/]+)\/([^/]+)\/statuses\/([0-9a-f]{40})$/.exec(path);
    if (commitStatus && method === 'POST') {
      const [, owner, name, sha] = commitStatus;
      if (!COMMIT_STATES.includes(String(body.state)))
        return { status: 422, body: { message: `Validation Failed: state must be one of ${COMMIT_STATES.join(', ')}` } };
      const created = now();
      return {
        status: 201,
        body: {
          url: `${apiUrl}/repos/${owner}/${name}/statuses/${sha}`,
          id: ++statusIds,
          state: body.state,
          description: body.description ?? null,
          target_url: body.target_url ?? null,
          context: body.context ?? 'default',
          creator: user,
          created_at: created,
          updated_at: created,
        },
      };
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)\/(pulls|deployments)(?:\/(\d+))?(\/statuses)?$/.exec(path);
    if (!match) return notFound;
    const [, owner, name, kind, id, statuses] = match;
    const repo = `${owner}/${name}`;
    const repoPulls = pulls.get(repo) ?? [];
    pulls.set(repo, repoPulls);

    if (kind === 'pulls' && !id && !statuses) {
      if (method === 'GET') {
        const state = query.state ?? 'open';
        const head = query.head && !query.head.includes(':') ? `${owner}:${query.head}` : query.head;
        const listed = repoPulls.filter(
          (pull) => (state === 'all' || pull.state === state) && (!head || pull.head === head) && (!query.base || pull.base === query.base),
        );
        return { status: 200, body: listed.map((pull) => pullJson(repo, pull)) };
      }
      if (method === 'POST') {
        for (const field of ['title', 'head', 'base']) {
          if (typeof body[field] !== 'string' || !body[field]) return validationFailed(`${field} is missing`);
        }
        const head = String(body.head).includes(':') ? String(body.head) : `${owner}:${body.head}`;
        if (repoPulls.some((pull) => pull.state === 'open' && pull.head === head && pull.base === body.base)) {
          return validationFailed(`A pull request already exists for ${head}.`);
        }
        const created = now();
        const pull: Pull = {
          number: repoPulls.length + 1,
          state: 'open',
          title: String(body.title),
          body: typeof body.body === 'string' ? body.body : null,
          head,
          base: String(body.base),
          draft: body.draft === true,
          created,
          updated: created,
        };
        repoPulls.push(pull);
        return { status: 201, body: pullJson(repo, pull) };
      }
    }
    if (kind === 'pulls' && id && !statuses && method === 'PATCH') {
      const pull = repoPulls.find((candidate) => candidate.number === Number(id));
      if (!pull) return notFound;
      if (typeof body.title === 'string') pull.title = body.title;
      if (typeof body.body === 'string') pull.body = body.body;
      if (typeof body.base === 'string') pull.base = body.base;
      if (body.state === 'open' || body.state === 'closed') pull.state = body.state;
      pull.updated = now();
      return { status: 200, body: pullJson(repo, pull) };
    }
    if (kind === 'deployments' && !id && method === 'POST') {
      if (typeof body.ref !== 'string' || !body.ref)
        return { status: 422, body: { message: 'Invalid request.\n\n"ref" wasn\'t supplied.' } };
      const deployment = { id: deployments.length + 1, repo, body, created: now() };
      deployments.push(deployment);
      return { status: 201, body: deploymentJson(deployment) };
    }
    if (kind === 'deployments' && id && statuses && method === 'POST') {
      const deployment = deployments.find((candidate) => candidate.id === Number(id) && candidate.repo === repo);
      if (!deployment) return notFound;
      if (!DEPLOYMENT_STATES.includes(String(body.state))) {
        return {
          status: 422,
          body: { message: `Invalid request.\n\n${JSON.stringify(body.state)} is not a member of ${DEPLOYMENT_STATES.join(', ')}.` },
        };
      }
      const created = now();
      const statusId = ++statusIds;
      return {
        status: 201,
        body: {
          url: `${apiUrl}/repos/${repo}/deployments/${id}/statuses/${statusId}`,
          id: statusId,
          state: body.state,
          creator: user,
          description: body.description ?? '',
          environment: body.environment ?? deploymentJson(deployment).environment,
          target_url: body.log_url ?? body.target_url ?? '',
          log_url: body.log_url ?? body.target_url ?? '',
          environment_url: body.environment_url ?? '',
          created_at: created,
          updated_at: created,
          deployment_url: `${apiUrl}/repos/${repo}/deployments/${id}`,
          repository_url: `${apiUrl}/repos/${repo}`,
        },
      };
    }
    return notFound;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://api');
    const method = request.method ?? 'GET';
    const text = await readBody(request);
    let body: unknown;
    let reply: Reply;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization,
      body,
    });
    if (typeof body === 'string') reply = { status: 400, body: { message: 'Problems parsing JSON' } };
    else if (method !== 'GET' && !request.headers.authorization) reply = { status: 401, body: { message: 'Requires authentication' } };
    else reply = route(method, url.pathname, Object.fromEntries(url.searchParams), (body ?? {}) as Json);
    response.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(reply.body));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ message: error.message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: apiUrl,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

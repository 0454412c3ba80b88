import { describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../../src/action/logger.js';
import { startDeployment } from '../../../src/github/deployments.js';
import { GitHubApiError, openOrUpdatePullRequest } from '../../../src/github/pulls.js';
import { describeRequestFailure } from '../../../src/http/fetch.js';

const SPEC = { owner: 'acme', repo: 'env', head: 'promote/abc', base: 'production', title: 't', body: 'b' };

/** A GitHub API that answers every request with `status` and GitHub's error body. */
async function answering(status: number, message: string) {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message, documentation_url: 'https://docs.github.com/rest' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('GitHub API failures name the call and what it leaves undone', () => {
  it('a blocked port: the URL and the reason, not a bare "bad port"', async () => {
    const octokit = getOctokit('t0ken', { baseUrl: 'http://127.0.0.1:6000' });
    const error = (await openOrUpdatePullRequest(octokit, SPEC).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error.message).toMatch(
      /^GitHub API: could not list the open pull requests in acme\/env \(GET http:\/\/127\.0\.0\.1:6000\/repos\/acme\/env\/pulls\?\S+: bad port\); branch 'promote\/abc' holds the change, but no pull request asks to merge it into 'production'$/,
    );
    expect(error.message).not.toContain('t0ken');
  });

  it("an answer: the status and GitHub's message", async () => {
    const api = await answering(404, 'Not Found');
    try {
      const error = (await openOrUpdatePullRequest(getOctokit('t', { baseUrl: api.url }), SPEC).catch(
        (caught: unknown) => caught,
      )) as Error;
      expect(error.message).toContain(`(GET ${api.url}/repos/acme/env/pulls?`);
      expect(error.message).toMatch(/: HTTP 404: Not Found - https:\/\/docs\.github\.com\/rest\); branch 'promote\/abc'/);
    } finally {
      await api.close();
    }
  });

  it('a deployment that cannot be recorded is a warning that says the deploy goes on', async () => {
    const api = await answering(403, 'Resource not accessible by integration');
    const warnings: string[] = [];
    const logger: Logger = {
      info: () => undefined,
      warning: (message) => void warnings.push(message),
      error: () => undefined,
      group: (_name, body) => body(),
    };
    try {
      const record = await startDeployment(
        getOctokit('t', { baseUrl: api.url }),
        { repository: 'acme/env', ref: 'abc', environment: 'staging', description: 'd', logUrl: '', payload: {} },
        logger,
      );
      expect(record.id).toBeUndefined();
      expect(warnings).toEqual([
        expect.stringMatching(
          /^GitHub deployment: could not record the deployment to staging in acme\/env \(POST http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/env\/deployments: HTTP 403: Resource not accessible by integration - https:\/\/docs\.github\.com\/rest\); the deployment to the cluster goes on, only its record on GitHub is missing$/,
        ),
      ]);
    } finally {
      await api.close();
    }
  });

  it('reads fetch failures and time-outs as well', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(describeRequestFailure(refused)).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect(describeRequestFailure(Object.assign(new Error('aborted'), { name: 'TimeoutError' }))).toBe('no answer in time');
    expect(describeRequestFailure('plain words')).toBe('plain words');
  });
});

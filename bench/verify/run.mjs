// verify's benchmarks, run against the built bundle (dist/verify) as the
// runner runs it:
//
// 1. overhead: the time from the last answer a check gets to the verdict.
//    A local server in this process notes when it finished sending each
//    answer; the bundle prints its verdict line (`verify: passed: …`) as soon
//    as the checks are judged, and this process notes when that line
//    arrives on the pipe. Same clock (performance.now) for both. Also the
//    time to the process's exit (outputs, summary and shutdown included).
// 2. load: requests per second verify's load check drives against a trivial
//    server (bench/verify/server.mjs, a process of its own) for a fixed
//    time, beside wrk, hey and ab when installed, the same connections and
//    time, interleaved round by round so that all see the same load.
//
//   node bench/verify/run.mjs [--runs 15] [--rounds 3] [--seconds 10] [--connections 50] [--only overhead|load]
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';

const root = new URL('../..', import.meta.url).pathname;
const bundle = join(root, 'dist', 'verify', 'index.js');
const node = process.env.GITOPS_TEST_NODE || process.execPath;
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
  },
});
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;
const result = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadBefore: loadavg()[0] };

/** Runs the bundle with inputs; resolves with when the verdict line came and when it exited (performance.now). */
async function runVerify(inputs, { onStdout } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-verify-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    GITHUB_SHA: '5f3a9c1e2b7d4f6a8c0e1d3b5a7f9c2e4d6b8a01',
    ...files,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  const child = spawn(node, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let verdictAt;
  child.stdout.on('data', (chunk) => {
    const at = performance.now();
    stdout += chunk;
    if (verdictAt === undefined && /^verify: (passed|failed)/m.test(stdout)) verdictAt = at;
    onStdout?.(chunk);
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const exitAt = performance.now();
  const output = await readFile(files.GITHUB_OUTPUT, 'utf8');
  await rm(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`verify exited ${code}\n${stdout}\n${stderr}`);
  const report = JSON.parse(/report<<(.+)\n([\s\S]*?)\n\1/.exec(output)?.[2] ?? 'null');
  return { verdictAt, exitAt, report };
}

async function overhead() {
  let lastAnswer = 0;
  const server = createServer((req, res) => {
    res.on('finish', () => (lastAnswer = performance.now()));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const scenarios = {
    'one http check': { 'preview-url': base, 'http-checks': '- /healthz' },
    '10 http checks × 20 rounds (200 answers)': {
      'preview-url': base,
      'http-checks': Array.from({ length: 10 }, (_, i) => `- url: /c${i}\n  json: {path: status, equals: ok}`).join('\n'),
      'http-count': '20',
      'http-interval': '1ms',
    },
    'load check, 5000 requests': {
      'load-url': `${base}/`,
      'load-requests': '5000',
      'load-concurrency': '20',
      'load-thresholds': 'p95 < 1s\nerrors < 1%',
    },
  };
  const runs = Number(values.runs);
  const figures = {};
  for (const name of Object.keys(scenarios)) figures[name] = { verdict: [], exit: [] };
  // Interleaved: one run of each scenario per round.
  for (let run = 0; run < runs; run++) {
    for (const [name, inputs] of Object.entries(scenarios)) {
      lastAnswer = 0;
      const { verdictAt, exitAt } = await runVerify(inputs);
      figures[name].verdict.push(verdictAt - lastAnswer);
      figures[name].exit.push(exitAt - lastAnswer);
    }
  }
  server.close();
  result.overhead = Object.fromEntries(
    Object.entries(figures).map(([name, { verdict, exit }]) => [
      name,
      {
        runs,
        verdictMedianMs: median(verdict),
        verdictMaxMs: Math.max(...verdict),
        exitMedianMs: median(exit),
        exitMaxMs: Math.max(...exit),
      },
    ]),
  );
  console.log(`\noverhead: last answer -> verdict line (-> process exit), ${runs} runs each`);
  for (const [name, f] of Object.entries(result.overhead)) {
    console.log(
      `  ${name.padEnd(42)} median ${ms(f.verdictMedianMs)}, max ${ms(f.verdictMaxMs)}   (exit: median ${ms(f.exitMedianMs)}, max ${ms(f.exitMaxMs)})`,
    );
  }
}

const exec = promisify(execFile);
async function installed(tool) {
  try {
    await exec('which', [tool]);
    return true;
  } catch {
    return false;
  }
}

async function load() {
  const server = spawn(node, [join(root, 'bench', 'verify', 'server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) =>
    server.stdout.once('data', (chunk) => resolve(Number(/listening (\d+)/.exec(String(chunk))[1]))),
  );
  const url = `http://127.0.0.1:${port}/`;
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const tools = {
    verify: async () => {
      const { report } = await runVerify({
        'load-url': url,
        'load-duration': `${seconds}s`,
        'load-concurrency': String(connections),
        'load-thresholds': 'errors < 1%',
      });
      const figures = report.checks[0].figures;
      return { rps: figures.rps, requests: figures.requests, errors: figures.errors, p99Ms: figures.latencyMs.p99 };
    },
  };
  if (await installed('wrk')) {
    tools.wrk = async () => {
      // Two threads, one per core, as wrk is meant to run.
      const { stdout } = await exec('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', url]);
      return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)[1]), requests: Number(/(\d+) requests in/.exec(stdout)[1]) };
    };
  }
  if (await installed('hey')) {
    tools.hey = async () => {
      const { stdout } = await exec('hey', ['-z', `${seconds}s`, '-c', String(connections), url], { maxBuffer: 64 << 20 });
      return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)[1]) };
    };
  }
  if (await installed('ab')) {
    tools.ab = async () => {
      const { stdout } = await exec('ab', ['-k', '-q', '-c', String(connections), '-t', String(seconds), '-n', '100000000', url], {
        maxBuffer: 64 << 20,
      });
      return {
        rps: Number(/Requests per second:\s+([\d.]+)/.exec(stdout)[1]),
        requests: Number(/Complete requests:\s+(\d+)/.exec(stdout)[1]),
      };
    };
  }
  const rounds = Number(values.rounds);
  const samples = Object.fromEntries(Object.keys(tools).map((tool) => [tool, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [tool, measure] of Object.entries(tools)) {
      const figures = await measure();
      samples[tool].push(figures);
      console.log(`  round ${round + 1} ${tool}: ${Math.round(figures.rps)} req/s`);
    }
  }
  server.kill();
  const verifyRps = median(samples.verify.map((s) => s.rps));
  result.load = { seconds, connections, rounds, url: 'local node:http server, 2-byte answers, keep-alive' };
  result.load.tools = Object.fromEntries(
    Object.entries(samples).map(([tool, list]) => {
      const rps = median(list.map((s) => s.rps));
      return [tool, { medianRps: rps, samples: list.map((s) => Math.round(s.rps)), toolOverVerify: Number((rps / verifyRps).toFixed(2)) }];
    }),
  );
  console.log(`\nload: ${seconds} s, ${connections} connections, ${rounds} rounds interleaved; median req/s`);
  for (const [tool, f] of Object.entries(result.load.tools))
    console.log(`  ${tool.padEnd(7)} ${String(Math.round(f.medianRps)).padStart(7)}   tool ÷ verify ${f.toolOverVerify}`);
}

if (!values.only || values.only === 'overhead') await overhead();
if (!values.only || values.only === 'load') await load();
result.loadAfter = loadavg()[0];
await mkdir(join(root, 'bench', '.work', 'verify'), { recursive: true });
await writeFile(join(root, 'bench', '.work', 'verify', 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `\nload average ${result.loadBefore.toFixed(1)} before, ${result.loadAfter.toFixed(1)} after; written bench/.work/verify/result.json`,
);

import { runScript } from './script.mjs';

const job = { restartPolicy: 'Never' };

describe('runScript', () => {
  it('is silent about a container without a command: the image decides', () => {
    expect(runScript({})).toBeUndefined();
  });

  it('prints echo lines with variables from env, and exits as told', () => {
    const run = runScript(
      {
        command: ['sh', '-c'],
        args: ['echo "testing $TARGET"; echo \'single $QUOTED\' >&2\necho ${TARGET}/x; exit 3; echo never'],
        env: [{ name: 'TARGET', value: 'http://web' }],
      },
      job,
    );
    expect(run).toEqual({ logs: ['testing http://web', 'single $QUOTED', 'http://web/x'], exitCode: 3, sleptMs: 0, forever: false });
  });

  it('stops a && chain at a failure, and the script at the first with -e', () => {
    expect(runScript({ command: ['/bin/sh', '-c', 'false && echo skipped; echo after'] }, job)).toMatchObject({
      logs: ['after'],
      exitCode: 0,
    });
    expect(runScript({ command: ['/bin/sh', '-ec', 'echo one; false; echo two'] }, job)).toMatchObject({ logs: ['one'], exitCode: 1 });
    expect(runScript({ command: ['bash', '-c', 'set -e\necho one\nfalse\necho two'] }, job)).toMatchObject({ logs: ['one'], exitCode: 1 });
  });

  it('adds sleeps to the run, divided by the time scale', () => {
    expect(runScript({ command: ['sh', '-c', 'sleep 2; sleep 0.5s; sleep 1m'] }, { ...job, timeScale: 10 })?.sleptMs).toBe(6250);
  });

  it('runs the exec form as one command', () => {
    expect(runScript({ command: ['echo', 'hello', 'world'] }, job)).toMatchObject({ logs: ['hello world'], exitCode: 0 });
    expect(runScript({ command: ['false'] }, job)).toMatchObject({ exitCode: 1 });
  });

  it('takes a program it cannot run to succeed in a Job, and to run until stopped in a server', () => {
    expect(runScript({ command: ['sh', '-c', 'echo start; npm test'] }, job)).toEqual({
      logs: ['start'],
      exitCode: 0,
      sleptMs: 0,
      forever: false,
    });
    expect(runScript({ command: ['/server', '--port', '8080'] }, { restartPolicy: 'Always' })).toMatchObject({ forever: true });
  });
});

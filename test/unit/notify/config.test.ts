import { InputError } from '../../../src/action/errors.js';
import { Inputs, inputVariable } from '../../../src/action/inputs.js';
import { readNotifyConfig, webhookEntries } from '../../../src/notify/config.js';

const inputs = (values: Record<string, string>) =>
  new Inputs(Object.fromEntries(Object.entries(values).map(([key, value]) => [inputVariable(key), value])));
const read = (values: Record<string, string>, env: Record<string, string> = {}) => readNotifyConfig(inputs(values), env);

describe('notify inputs', () => {
  it('asks for nothing when no notify input is set', () => {
    expect(read({})).toBeUndefined();
    expect(read({ 'notify-webhooks': ' \n# none yet\n' })).toBeUndefined();
  });

  it('takes a full topic name as written', () => {
    expect(read({ 'notify-pubsub-topic': 'projects/my-project/topics/deliveries' })).toEqual({
      topic: 'projects/my-project/topics/deliveries',
      webhooks: [],
    });
    expect(read({ 'notify-pubsub-topic': 'projects/example.com:my-project/topics/deliveries' })?.topic).toBe(
      'projects/example.com:my-project/topics/deliveries',
    );
  });

  it('completes a topic ID with notify-pubsub-project, else with the project the environment names', () => {
    expect(read({ 'notify-pubsub-topic': 'deliveries', 'notify-pubsub-project': 'my-project' })?.topic).toBe(
      'projects/my-project/topics/deliveries',
    );
    expect(read({ 'notify-pubsub-topic': 'deliveries' }, { GOOGLE_CLOUD_PROJECT: 'env-project' })?.topic).toBe(
      'projects/env-project/topics/deliveries',
    );
    expect(read({ 'notify-pubsub-topic': 'deliveries' }, { CLOUDSDK_CORE_PROJECT: 'sdk-project' })?.topic).toBe(
      'projects/sdk-project/topics/deliveries',
    );
    // The input wins over the environment.
    expect(
      read({ 'notify-pubsub-topic': 'deliveries', 'notify-pubsub-project': 'my-project' }, { GOOGLE_CLOUD_PROJECT: 'env-project' })?.topic,
    ).toBe('projects/my-project/topics/deliveries');
  });

  it.each([
    [
      { 'notify-pubsub-topic': 'deliveries' },
      "input 'notify-pubsub-topic': 'deliveries' names no project; expected 'projects/PROJECT/topics/TOPIC'",
    ],
    [
      { 'notify-pubsub-topic': 'projects/my-project/topics/goog-x' },
      "input 'notify-pubsub-topic': 'projects/my-project/topics/goog-x' is not a valid topic name",
    ],
    [{ 'notify-pubsub-topic': 'projects/my-project/topics/1abc' }, 'is not a valid topic name'],
    [
      { 'notify-pubsub-topic': 'projects/My_Project/topics/deliveries' },
      "input 'notify-pubsub-topic': 'My_Project' is not a Google Cloud project ID",
    ],
    [{ 'notify-pubsub-topic': 'topics/deliveries' }, "input 'notify-pubsub-topic': 'topics/deliveries' is not a topic name"],
    [
      { 'notify-pubsub-topic': 'deliveries', 'notify-pubsub-project': 'p' },
      "input 'notify-pubsub-project': 'p' is not a Google Cloud project ID",
    ],
    [{ 'notify-pubsub-project': 'my-project' }, "input 'notify-pubsub-project': is set but notify-pubsub-topic is empty"],
  ])('refuses %p', (values, message) => {
    expect(() => read(values)).toThrow(InputError);
    expect(() => read(values)).toThrow(message);
  });

  it('reads webhooks one per line or comma-separated, leaving commas inside a URL alone', () => {
    const config = read({
      'notify-webhooks':
        'https://hooks.example.com/a,https://hooks.example.com/b?x=1,2\n\n  https://hooks.example.com/c ,\n# https://off.example.com\nhttp://127.0.0.1:8080/d',
    });
    expect(config?.webhooks).toEqual([
      'https://hooks.example.com/a',
      'https://hooks.example.com/b?x=1,2',
      'https://hooks.example.com/c',
      'http://127.0.0.1:8080/d',
    ]);
    expect(config?.topic).toBeUndefined();
  });

  it('allows plain http to loopback only', () => {
    for (const url of ['http://localhost:9/x', 'http://127.0.0.1/x', 'http://[::1]:9/x'])
      expect(read({ 'notify-webhooks': url })?.webhooks).toEqual([url]);
    expect(() => read({ 'notify-webhooks': 'http://hooks.example.com/x' })).toThrow(
      "input 'notify-webhooks': entry 1 is plain http to a host that is not loopback; expected https URLs",
    );
  });

  it.each([
    ['hooks.example.com/T0/B0/secret', 'entry 1 is not a URL'],
    ['ftp://hooks.example.com/T0/B0/secret', "entry 1 has protocol 'ftp:'"],
    ['https://me:secret@hooks.example.com/T0', 'entry 1 has a user or password in it'],
  ])('refuses webhook %p without quoting it', (url, message) => {
    let error: unknown;
    try {
      read({ 'notify-webhooks': `https://fine.example.com/x\n${url}`.split('\n').reverse().join('\n') });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('secret');
  });

  it('lists every entry, valid or not, for masking', () => {
    expect(webhookEntries(inputs({ 'notify-webhooks': 'not a url, https://a.example.com/s1,https://b.example.com/s2' }))).toEqual([
      'not a url',
      'https://a.example.com/s1',
      'https://b.example.com/s2',
    ]);
  });
});

import { checkHost, hostProblem, readInsecureRegistries } from '../../../src/action/hosts.js';
import { InputError } from '../../../src/action/errors.js';
import { Inputs, inputVariable } from '../../../src/action/inputs.js';

const inputsWith = (value: string) => new Inputs({ [inputVariable('insecure-registry')]: value });

describe('hostProblem', () => {
  it.each(['registry.internal', 'registry.internal:5000', 'localhost:1', '127.0.0.1:65535', '[::1]:5000', '[fe80::1%eth0]', 'a-b.c'])(
    'accepts %s',
    (host) => {
      expect(hostProblem(host)).toBe('');
    },
  );

  it.each([
    ['registry.internal:0', 'has port 0, outside 1 to 65535'],
    ['registry.internal:65536', 'has port 65536, outside 1 to 65535'],
    ['registry.internal:99999', 'has port 99999, outside 1 to 65535'],
    ['registry.internal:123456', "has port '123456', not a number"],
    ['registry.internal:', "has port '', not a number"],
    ['registry.internal:http', "has port 'http', not a number"],
    ['http://registry.internal', 'is not a host (no scheme, user, path or spaces)'],
    ['registry.internal/v2', 'is not a host (no scheme, user, path or spaces)'],
    ['user@registry.internal', 'is not a host (no scheme, user, path or spaces)'],
    ['registry internal', 'is not a host (no scheme, user, path or spaces)'],
    ['-registry.internal', 'is not a host'],
    ['registry..internal', 'is not a host'],
    [`${'a'.repeat(64)}.internal`, 'is not a host'],
    [`${'a.'.repeat(127)}ab`, 'is not a host'],
    ['[::1', 'is not a host'],
    ['a:1:2', 'is not a host'],
  ])('refuses %j: %s', (host, problem) => {
    expect(hostProblem(host)).toBe(problem);
  });

  it('names the input and the form in its error', () => {
    expect(() => checkHost('r:0', 'images')).toThrow(
      "input 'images': 'r:0' has port 0, outside 1 to 65535; expected host names or IP addresses",
    );
  });
});

describe('readInsecureRegistries', () => {
  it('reads hosts, one per line or comma-separated, and false for none', () => {
    expect(readInsecureRegistries(inputsWith('a.internal:5000, b.internal\n[::1]:80'))).toEqual([
      'a.internal:5000',
      'b.internal',
      '[::1]:80',
    ]);
    expect(readInsecureRegistries(inputsWith('false'))).toEqual([]);
    expect(readInsecureRegistries(inputsWith(''))).toEqual([]);
  });

  it("takes 'true' for the image's registry where the action has one, and refuses it elsewhere", () => {
    expect(readInsecureRegistries(inputsWith('TRUE'), { imageRegistry: 'r.internal:5000' })).toEqual(['r.internal:5000']);
    expect(readInsecureRegistries(inputsWith('true'), { imageRegistry: '' })).toEqual([]);
    expect(() => readInsecureRegistries(inputsWith('true'))).toThrow(InputError);
    expect(() => readInsecureRegistries(inputsWith('true'))).toThrow("input 'insecure-registry': is 'true', but this action has no image");
  });

  it('refuses a bad host, naming the input', () => {
    expect(() => readInsecureRegistries(inputsWith('good.internal, bad.internal:70000'))).toThrow(
      "input 'insecure-registry': 'bad.internal:70000' has port 70000, outside 1 to 65535; expected ",
    );
  });
});
